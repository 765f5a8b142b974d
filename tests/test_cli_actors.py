"""``eventwire actors check|lookup|score``, invoked in-process with click's CliRunner.

``lookup`` and ``score`` need the spaCy model, so they are model-marked. Most
of them get the session's resources instead of loading their own (loading
takes seconds); the one with ``--actors`` loads for real.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from eventwire.cli.actors import actors
from eventwire.pipeline import Resources

# The module, not the group of the same name (the package may export both).
actors_cli = importlib.import_module("eventwire.cli.actors")

PEOPLE_HEADER = "id\tname\taliases\tcode\tstart\tend\trole\toffice\tleader"
ORGANISATION_HEADER = "id\tname\taliases\tcode\tcountry\tsector"


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(actors, list(args), prog_name="eventwire actors")


@pytest.fixture
def shared_resources(monkeypatch: pytest.MonkeyPatch, resources: Resources) -> None:
    """Hand the session's resources to commands run without ``--actors``."""
    real = actors_cli.load_resources

    def load(actor_files: tuple[Path, ...]) -> Resources:
        return real(actor_files) if actor_files else resources

    monkeypatch.setattr(actors_cli, "load_resources", load)


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def people_file(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "people.tsv",
        PEOPLE_HEADER,
        "jane-roe\tJane Roe\tRoe\tFRAGOV\t2015-01-01\t2016-12-31\tFrench envoy\t\t",
    )


@pytest.fixture
def override_file(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "groups.tsv",
        ORGANISATION_HEADER,
        "my-nato\tNorth Atlantic Alliance\tNATO\tIGOWSTNAT\tIGO\t",
    )


# --- check ---------------------------------------------------------------------


def test_cli_actors_check_summarises_a_valid_file(
    runner: CliRunner, people_file: Path, override_file: Path
) -> None:
    result = invoke(runner, "check", str(people_file), str(override_file))

    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first == (
        f"{people_file}: OK, 1 row naming 2 phrases; overrides no packaged phrase"
    )
    assert second.startswith(f"{override_file}: OK, 1 row naming 2 phrases; overrides")
    assert "NATO" in second


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("jane-roe\tJane Roe\tRoe\tXXXGOV\t2015-01-01\t\trole\t\t", "unknown country"),
        ("jane-roe\tJane Roe\tRoe\tFRAGOV\t2015-13-01\t\trole\t\t", "bad start date"),
        (
            "jane-roe\tJane Roe\tRoe\tFRAGOV\t2016-01-01\t2015-01-01\trole\t\t",
            "after end",
        ),
        ("jane-roe\tJane Roe\tRoe\tFRAGOV", "columns"),
    ],
)
def test_cli_actors_check_reports_file_line_and_problem(
    runner: CliRunner, tmp_path: Path, row: str, fragment: str
) -> None:
    bad = write(tmp_path, "bad.tsv", PEOPLE_HEADER, row)

    result = invoke(runner, "check", str(bad))

    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{bad}:2: " in result.stderr
    assert fragment in result.stderr
    assert "Error: 1 of 1 file failed the check" in result.stderr


def test_cli_actors_check_reports_every_bad_file_and_keeps_good_ones(
    runner: CliRunner, tmp_path: Path, people_file: Path
) -> None:
    bad_header = write(tmp_path, "header.tsv", "name\tcode", "X\tFRA")

    result = invoke(runner, "check", str(bad_header), str(people_file))

    assert result.exit_code == 1
    assert f"{bad_header}:1: header" in result.stderr
    assert result.stdout.startswith(f"{people_file}: OK")
    assert "1 of 2 files failed" in result.stderr


def test_cli_actors_check_needs_an_existing_file(runner: CliRunner) -> None:
    result = invoke(runner, "check", "no-such-file.tsv")

    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# --- lookup --------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.usefixtures("shared_resources")
def test_cli_actors_lookup_explains_a_person_on_a_date(runner: CliRunner) -> None:
    in_office = invoke(runner, "lookup", "Medvedev said", "--date", "2009-06-15")
    out_of_office = invoke(runner, "lookup", "Obama said", "--date", "2020-06-01")

    assert in_office.exit_code == 0, in_office.output
    assert "'Medvedev' -> RUSGOV" in in_office.stdout
    assert "entry:    person:dmitry-medvedev#" in in_office.stdout
    assert "dates:    2008-05-07 to 2012-05-07" in in_office.stdout
    assert out_of_office.exit_code == 0, out_of_office.output
    assert "'Obama' -> no code" in out_of_office.stdout
    assert "not in this role on 2020-06-01" in out_of_office.stdout


@pytest.mark.model
@pytest.mark.usefixtures("shared_resources")
def test_cli_actors_lookup_title_shows_the_office_holder(
    runner: CliRunner, people_file: Path
) -> None:
    title = invoke(runner, "lookup", "the French president", "--date", "2015-11-27")
    user = invoke(
        runner,
        "lookup",
        "Roe said",
        "--date",
        "2015-06-01",
        "--actors",
        str(people_file),
    )

    assert title.exit_code == 0, title.output
    assert "-> FRAGOV" in title.stdout
    assert "office holder: François Hollande (person:francois-hollande#" in title.stdout
    assert user.exit_code == 0, user.output
    assert "'Roe' -> FRAGOV" in user.stdout
    assert "role:     French envoy" in user.stdout


@pytest.mark.model
@pytest.mark.usefixtures("shared_resources")
def test_cli_actors_lookup_without_an_actor_fails_cleanly(runner: CliRunner) -> None:
    result = invoke(runner, "lookup", "the weather was fine", "--date", "2015-11-27")

    assert result.exit_code == 1
    assert "no actor found in 'the weather was fine'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_actors_lookup_rejects_a_bad_date(runner: CliRunner) -> None:
    result = invoke(runner, "lookup", "Putin", "--date", "27/11/2015")

    assert result.exit_code == 2
    assert "write it as YYYY-MM-DD" in result.stderr


# --- score ---------------------------------------------------------------------

GOLD_RECORD = {
    "id": "p1",
    "text": "Russia condemned Turkey. The Kremlin said Moscow would respond.",
    "published": "2015-11-27",
    "mentions": [
        {"text": "Russia", "occurrence": 1, "code": "RUS", "kind": "name"},
        {"text": "Turkey", "occurrence": 1, "code": "TUR", "kind": "name"},
        {"text": "The Kremlin", "occurrence": 1, "code": "RUSGOV", "kind": "metonym"},
        {"text": "Moscow", "occurrence": 1, "code": "RUSGOV", "kind": "metonym"},
    ],
}


@pytest.mark.model
@pytest.mark.usefixtures("shared_resources")
def test_cli_actors_score_prints_table_and_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    gold = write(tmp_path, "gold.jsonl", json.dumps(GOLD_RECORD))

    table = invoke(runner, "score", str(gold), "--errors")
    as_json = invoke(runner, "score", str(gold), "--json")

    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].startswith("1 passages, 4 scored mentions")
    assert lines[2].split()[:4] == ["all", "4", "4", "4"]
    assert any(line.startswith("metonym ") for line in lines)
    assert as_json.exit_code == 0, as_json.output
    record = json.loads(as_json.stdout)
    assert record["overall"]["precision"] == 1.0
    assert set(record["by_kind"]) == {"name", "metonym"}


def test_cli_actors_score_bad_gold_names_file_and_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    gold = write(tmp_path, "gold.jsonl", json.dumps(GOLD_RECORD), "{oops")

    result = invoke(runner, "score", str(gold))

    assert result.exit_code == 1
    assert f"Error: {gold}:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.output
