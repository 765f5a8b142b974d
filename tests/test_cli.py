"""The ``eventwire`` command line, invoked in-process with click's ``CliRunner``.

Each command that codes articles loads the pipeline resources again, so those
invocations are kept few; stores to query are built with the library instead.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import eventwire
from eventwire import pipeline
from eventwire.cli import cli
from eventwire.formats import CSV_COLUMNS
from eventwire.ingest import read_articles
from eventwire.pipeline import Resources
from eventwire.store import open_store

README = Path(__file__).resolve().parent.parent / "README.md"

ARTICLE_TXT = """\
Russia condemns Turkey

Russia condemned Turkey on Monday for shooting down a jet.

France sent troops to Mali.
"""

# Four articles: three dated, one undated (no "published").
STORE_RECORDS = (
    {
        "id": "a1",
        "text": "Russia condemned Turkey on Monday.",
        "published": "2015-11-20",
    },
    {"id": "a2", "text": "France sent troops to Mali.", "published": "2015-11-25"},
    {
        "id": "a3",
        "text": "Chile praised Mexico for its patience.",
        "published": "2015-11-27",
    },
    {"id": "a4", "text": "Turkey criticized France."},
)


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> Result:
    return runner.invoke(cli, list(args), input=stdin, prog_name="eventwire")


def assert_user_error(result: Result, exit_code: int, *fragments: str) -> None:
    """A clean error: the exit code, the message on stderr, and no traceback."""
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr


def documented_event_keys() -> set[str]:
    """The keys of the event record table in the README."""
    section = README.read_text(encoding="utf-8").split("## The event record")[1]
    section = section.split("\n## ")[0]
    keys: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            keys.update(re.findall(r"`(\w+)`", line.split("|")[1]))
    return keys


def jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def article_txt(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE_TXT, encoding="utf-8")
    return path


@pytest.fixture
def articles_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(record) for record in STORE_RECORDS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def filled_db(tmp_path: Path, articles_jsonl: Path, resources: Resources) -> Path:
    """A store holding the four STORE_RECORDS articles, coded with the library."""
    path = tmp_path / "filled.db"
    with open_store(path) as store:
        summary = pipeline.run(
            read_articles([articles_jsonl]), resources=resources, store=store
        )
    assert (summary.coded, summary.events) == (4, 4)
    return path


# --- help and version ---------------------------------------------------------


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(cli.commands))])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_cli_help_shows_usage_and_example(
    runner: CliRunner, command: list[str], flag: str
) -> None:
    result = invoke(runner, *command, flag)

    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: eventwire {' '.join(command)}".rstrip())
    assert "Example:" in result.stdout
    assert "Traceback" not in result.output


def test_cli_version_prints_package_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")

    assert result.exit_code == 0
    assert result.stdout == f"eventwire, version {eventwire.__version__}\n"


# --- code ----------------------------------------------------------------------


@pytest.mark.model
def test_cli_code_prints_jsonl_with_documented_keys(
    runner: CliRunner, article_txt: Path
) -> None:
    result = invoke(runner, "code", str(article_txt), "--published", "2015-11-27")

    assert result.exit_code == 0, result.output
    records = jsonl(result)
    assert len(records) >= 3
    documented = documented_event_keys()
    assert {"event_id", "cameo_root", "evidence", "plover", "predicate"} <= documented
    text = article_txt.read_text(encoding="utf-8")
    for record in records:
        assert documented <= set(record)
        if record["date_source"] == "publication":
            assert (record["date"], record["date_text"]) == ("2015-11-27", None)
        else:
            assert record["date_source"] in {"predicate", "sentence"}
            assert record["date_text"] in text
        assert isinstance(record["sentence"], int)
        assert isinstance(record["goldstein"], int | float)
        assert record["quad_class"] in {1, 2, 3, 4}
        assert isinstance(record["negated"], bool)
        assert record["cameo"].startswith(record["cameo_root"])
        assert set(record["source"]) == {
            "text",
            "start",
            "end",
            "code",
            "country",
            "sector",
            "name",
            "method",
            "label",
            "antecedent",
        }
        evidence = record["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        predicate = record["predicate"]
        assert text[predicate["start"] : predicate["end"]] == predicate["text"]
        assert evidence["start"] <= predicate["start"] < predicate["end"]
        assert predicate["end"] <= evidence["end"]
        if record["plover"] is not None:
            assert set(record["plover"]["auxiliary"]) <= {
                "future",
                "hypothetical",
                "negation",
            }
    found = {
        (r["source"]["code"], r["cameo"], (r["target"] or {}).get("code"))
        for r in records
    }
    assert {("RUS", "111", "TUR"), ("FRA", "154", "MLI")} <= found


@pytest.mark.model
def test_cli_code_csv_has_header_and_rows(runner: CliRunner, article_txt: Path) -> None:
    result = invoke(runner, "code", str(article_txt), "--format", "csv")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == ",".join(CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) >= 3
    assert {row["date"] for row in rows} == {""}  # no --published: dates unknown
    text = article_txt.read_text(encoding="utf-8")
    for row in rows:
        start, end = int(row["evidence_start"]), int(row["evidence_end"])
        assert text[start:end] == row["evidence_text"]


@pytest.mark.model
def test_cli_code_table_has_header_and_one_line_per_event(
    runner: CliRunner, article_txt: Path
) -> None:
    result = invoke(runner, "code", str(article_txt), "--format", "table")

    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["date", "source", "cameo", "action", "target", "evidence"]
    assert len(rows) >= 3
    assert any(
        row.split()[:3] == ["?", "RUS", "111"] and "Russia condemned Turkey" in row
        for row in rows
    )


@pytest.mark.model
def test_cli_code_reads_jsonl_from_stdin(runner: CliRunner) -> None:
    stdin = (
        json.dumps(
            {"id": "s1", "text": "Russia condemned Turkey.", "published": "2015-11-20"}
        )
        + "\n"
    )

    result = invoke(runner, "code", "-", "--published", "2001-01-01", stdin=stdin)

    assert result.exit_code == 0, result.output
    [record] = jsonl(result)
    assert record["article_id"] == "s1"
    assert record["date"] == "2015-11-20"  # the input's own date wins
    assert (record["source"]["code"], record["cameo"], record["target"]["code"]) == (
        "RUS",
        "111",
        "TUR",
    )


@pytest.mark.model
def test_cli_code_skips_malformed_jsonl_line_and_codes_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    good = {"id": "good", "text": "France sent troops to Mali."}
    path.write_text("{not json\n" + json.dumps(good) + "\n", encoding="utf-8")

    result = invoke(runner, "code", str(path))

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert {record["article_id"] for record in jsonl(result)} == {"good"}
    assert f"{path}:1" in result.stderr
    assert "invalid JSON" in result.stderr


@pytest.mark.parametrize("value", ["2015-13-01", "yesterday", "27/11/2015", ""])
@pytest.mark.parametrize("command", ["code", "run"])
def test_cli_bad_published_date_exits_2(
    runner: CliRunner, tmp_path: Path, command: str, value: str
) -> None:
    db = ["--db", str(tmp_path / "x.db")] if command == "run" else []

    result = invoke(runner, command, "article.txt", *db, "--published", value)

    assert_user_error(result, 2, "--published", "is not a date", "YYYY-MM-DD")
    assert not (tmp_path / "x.db").exists()


# --- run -----------------------------------------------------------------------


@pytest.mark.model
def test_cli_run_twice_stores_nothing_twice(
    runner: CliRunner, tmp_path: Path, articles_jsonl: Path
) -> None:
    db = str(tmp_path / "run.db")

    first = invoke(runner, "run", str(articles_jsonl), "--db", db)
    stored = jsonl(invoke(runner, "events", "--db", db, "--format", "jsonl"))
    second = invoke(runner, "run", str(articles_jsonl), "--db", db)
    again = jsonl(invoke(runner, "events", "--db", db, "--format", "jsonl"))

    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert first.stdout == second.stdout == ""
    assert "read 4 articles (0 already stored), coded 4" in first.stderr
    assert "read 4 articles (4 already stored), coded 0" in second.stderr
    assert len(stored) == 4
    assert again == stored
    assert len({record["event_id"] for record in again}) == len(again)


@pytest.mark.model
def test_cli_run_missing_input_exits_1_naming_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-news.jsonl"

    result = invoke(runner, "run", str(missing), "--db", str(tmp_path / "x.db"))

    assert_user_error(result, 1, str(missing), "no article could be read")


def test_cli_run_on_an_empty_directory_creates_no_store(
    runner: CliRunner, tmp_path: Path
) -> None:
    empty = tmp_path / "news"
    empty.mkdir()
    db = tmp_path / "x.db"

    result = invoke(runner, "run", str(empty), "--db", str(db))

    assert_user_error(result, 1, str(empty), "no article could be read")
    assert not db.exists()


@pytest.mark.model
def test_cli_run_db_in_missing_directory_exits_1(
    runner: CliRunner, tmp_path: Path, article_txt: Path
) -> None:
    db = tmp_path / "nowhere" / "x.db"

    result = invoke(runner, "run", str(article_txt), "--db", str(db))

    assert_user_error(result, 1, str(db.parent), "does not exist")


# --- events ----------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("options", "articles"),
    [
        pytest.param([], ["a1", "a2", "a3", "a4"], id="all"),
        pytest.param(["--country", "RUS"], ["a1"], id="country"),
        pytest.param(["--country", "tur"], ["a1", "a4"], id="country-lowercase"),
        pytest.param(["--root", "11"], ["a1", "a4"], id="root"),
        pytest.param(["--root", "15"], ["a2"], id="root-15"),
        pytest.param(["--root", "20"], [], id="root-none"),
        pytest.param(["--since", "2015-11-25"], ["a2", "a3"], id="since"),
        pytest.param(["--until", "2015-11-25"], ["a1", "a2"], id="until"),
        pytest.param(
            ["--since", "2015-11-21", "--until", "2015-11-26"], ["a2"], id="range"
        ),
        pytest.param(["--country", "FRA", "--root", "11"], ["a4"], id="country-root"),
        pytest.param(["--actor", "rus"], ["a1"], id="actor"),
        pytest.param(["--limit", "2"], ["a1", "a2"], id="limit"),
    ],
)
def test_cli_events_filters(
    runner: CliRunner, filled_db: Path, options: list[str], articles: list[str]
) -> None:
    result = invoke(runner, "events", "--db", str(filled_db), *options)

    assert result.exit_code == 0, result.output
    assert [record["article_id"] for record in jsonl(result)] == articles


@pytest.mark.model
def test_cli_events_csv_has_header_and_rows(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, "events", "--db", str(filled_db), "--format", "csv")

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert [row["article_id"] for row in rows] == ["a1", "a2", "a3", "a4"]


@pytest.mark.model
def test_cli_events_table_header_aligns_with_columns(
    runner: CliRunner, filled_db: Path
) -> None:
    result = invoke(runner, "events", "--db", str(filled_db), "--format", "table")

    assert result.exit_code == 0, result.output
    header, first, *_ = result.stdout.splitlines()
    assert first.startswith("2015-11-16")  # "on Monday" in a Friday paper
    for name, value in [
        ("source", "RUS"),
        ("cameo", "111"),
        ("action", "Criticize or denounce"),
        ("target", "TUR"),
        ("evidence", "Russia condemned Turkey"),
    ]:
        assert first.index(value) == header.index(name), name


@pytest.mark.parametrize("root", ["1", "111", "ab", "1x", " 11"])
def test_cli_events_bad_root_exits_2(
    runner: CliRunner, tmp_path: Path, root: str
) -> None:
    db = tmp_path / "x.db"
    open_store(db).close()

    result = invoke(runner, "events", "--db", str(db), "--root", root)

    assert_user_error(result, 2, "--root", "is not a CAMEO root", "two digits")


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_cli_events_bad_date_exits_2(
    runner: CliRunner, tmp_path: Path, option: str
) -> None:
    result = invoke(runner, "events", "--db", str(tmp_path / "x.db"), option, "soon")

    assert_user_error(result, 2, option, "is not a date")


@pytest.mark.parametrize("command", ["events", "dyads"])
def test_cli_query_on_missing_db_exits_1(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    db = tmp_path / "missing.db"

    result = invoke(runner, command, "--db", str(db))

    assert_user_error(result, 1, str(db), "does not exist", "eventwire run")
    assert not db.exists()


@pytest.mark.parametrize("command", ["events", "dyads"])
def test_cli_query_help_does_not_promise_to_create_db(
    runner: CliRunner, command: str
) -> None:
    result = invoke(runner, command, "--help")

    assert result.exit_code == 0
    assert "created when missing" not in result.stdout


@pytest.mark.parametrize("command", ["events", "dyads"])
def test_cli_query_on_file_that_is_not_a_store_exits_1(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database\n", encoding="utf-8")

    result = invoke(runner, command, "--db", str(db))

    assert_user_error(result, 1, str(db), "not a SQLite database")
    assert db.read_text(encoding="utf-8") == "not a database\n"


# --- dyads -----------------------------------------------------------------------


@pytest.mark.model
def test_cli_dyads_prints_header_rows_and_totals(
    runner: CliRunner, filled_db: Path
) -> None:
    result = invoke(runner, "dyads", "--db", str(filled_db))

    assert result.exit_code == 0, result.output
    header, *rows, totals = result.stdout.splitlines()
    assert header.split() == [
        "source",
        "target",
        "events",
        "coop",
        "confl",
        "goldstein",
    ]
    assert sorted(row.split() for row in rows) == [
        ["CHL", "MEX", "1", "1", "0", "+3.40"],
        ["FRA", "MLI", "1", "0", "1", "-7.20"],
        ["RUS", "TUR", "1", "0", "1", "-2.00"],
        ["TUR", "FRA", "1", "0", "1", "-2.00"],
    ]
    assert totals == f"4 articles, 4 events, 0 failures in {filled_db}"


def test_cli_dyads_on_empty_store_prints_zero_totals(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()

    result = invoke(runner, "dyads", "--db", str(db))

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        f"0 articles, 0 events, 0 failures in {db}"
    ]
