"""``eventwire quotes``, ``dates`` and ``places``, and ``evaluate --kind``:
the issue's done-when on the shared sample, end to end through the CLI and
the store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from eventwire import pipeline
from eventwire.cli import cli
from eventwire.cli.evaluate import gold_kind
from eventwire.ingest import read_articles
from eventwire.model import CodedArticle
from eventwire.pipeline import Resources, code_and_save
from eventwire.store import open_store

pytestmark = pytest.mark.model

SAMPLE_NAME = "usatoday-2015-11-27-putin-coalition.txt"


def _shared_sample() -> Path:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "samples" / SAMPLE_NAME
        if candidate.is_file():
            return candidate
    pytest.skip(f"shared/samples/{SAMPLE_NAME} is not beside the checkout")


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), prog_name="eventwire")


def records(runner: CliRunner, verb: str, *args: str) -> list[dict[str, Any]]:
    result = invoke(runner, verb, *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def sample() -> Path:
    return _shared_sample()


@pytest.fixture(autouse=True)
def loaded_once(resources: Resources, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command loads its resources; these tests share the session's."""

    def shared(**options: Any) -> Resources:
        assert not options.get("actor_files")
        return resources

    monkeypatch.setattr(pipeline, "load_resources", shared)


def test_cli_quotes_attributes_the_sample_quotes(
    runner: CliRunner, sample: Path
) -> None:
    quotes = records(runner, "quotes", str(sample), "--published", "2015-11-27")
    text = sample.read_text(encoding="utf-8")
    by_start = {q["text"].split(",")[0]: q for q in quotes}
    for words, code, name in (
        ("Our positions are the same", "RUSGOV", "Vladimir Putin"),
        ("We are prepared to work with you", "RUSGOV", "Vladimir Putin"),
        ("What we agreed", "FRAGOV", "François Hollande"),
    ):
        quote = by_start[words]
        assert quote["kind"] == "direct"
        assert (quote["speaker"]["code"], quote["speaker"]["name"]) == (code, name)
        assert text[quote["start"] : quote["end"]] == quote["text"]
        speaker = quote["speaker"]
        assert text[speaker["start"] : speaker["end"]] == speaker["text"]
    # "...," he said: the speaker as written, resolved to the person.
    he = next(q for q in quotes if q["text"].startswith("We proceed"))
    assert (he["speaker"]["text"], he["speaker"]["code"]) == ("he", "RUSGOV")
    assert he["cue"]["text"] == "said"
    # The quoted offer carries its event: Putin's side toward Hollande's.
    offer = by_start["We are prepared to work with you"]
    assert offer["event_id"] is not None and offer["event_ids"] == [offer["event_id"]]
    events = records(runner, "code", str(sample), "--published", "2015-11-27")
    [event] = [e for e in events if e["event_id"] == offer["event_id"]]
    assert (event["source"]["code"], event["cameo"], event["target"]["code"]) == (
        "RUSGOV",
        "030",
        "FRAGOV",
    )


def test_cli_dates_resolve_the_sample_against_its_publication(
    runner: CliRunner, sample: Path
) -> None:
    times = records(runner, "dates", str(sample), "--published", "2015-11-27")
    values = {(t["text"], t["value"]) for t in times}
    assert {
        ("Thursday", "2015-11-26"),
        ("Tuesday", "2015-11-24"),
        ("Nov. 13", "2015-11-13"),
        ("2013", "2013"),
        ("this week", "2015-W48"),
    } <= values
    assert all(t["type"] in {"DATE", "TIME", "DURATION", "SET"} for t in times)
    # No publication date: relative expressions stay unknown, never "today".
    undated = records(runner, "dates", str(sample))
    assert {(t["text"], t["value"]) for t in undated if t["text"] == "Thursday"} == {
        ("Thursday", None)
    }
    assert ("2013", "2013") in {(t["text"], t["value"]) for t in undated}


def test_cli_places_geocode_the_sample(runner: CliRunner, sample: Path) -> None:
    places = records(runner, "places", str(sample), "--published", "2015-11-27")
    found = {p["text"]: p for p in places}
    for name, country in (
        ("Moscow", "RUS"),
        ("Syria", "SYR"),
        ("Iraq", "IRQ"),
        ("Paris", "FRA"),
    ):
        assert found[name]["country"] == country
        assert isinstance(found[name]["lat"], float)
        assert isinstance(found[name]["lon"], float)
    assert found["Moscow"]["geonameid"] == 524901
    assert not {"Russian", "French", "Syrian", "British"} & set(found)


def test_cli_sample_events_carry_date_and_place(
    runner: CliRunner, sample: Path
) -> None:
    events = records(runner, "code", str(sample), "--published", "2015-11-27")
    [paris] = [e for e in events if e["cameo"] == "180"]
    assert (paris["date"], paris["date_text"], paris["date_source"]) == (
        "2015-11-13",
        "Nov. 13",
        "predicate",
    )
    assert (paris["place"]["name"], paris["place"]["country"]) == ("Paris", "FRA")
    [trip] = [e for e in events if e["cameo"] == "042"]
    assert trip["place"]["name"] == "Moscow"
    assert (trip["date"], trip["date_source"]) == ("2015-11-27", "publication")
    [bombing] = [e for e in events if e["predicate"]["text"] == "bombing"]
    assert bombing["place"]["name"] == "Iraq"  # "bombing ISIL targets in Iraq"
    assert all(e["dateline"] is None for e in events)  # the sample has none


def test_cli_extract_csv_has_nested_fields_as_columns(
    runner: CliRunner, sample: Path
) -> None:
    result = invoke(
        runner, "quotes", str(sample), "--published", "2015-11-27", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert {"text", "kind", "cue_text", "speaker_code", "event_ids"} <= set(
        header.split(",")
    )
    assert len(rows) >= 10


def test_cli_extract_unreadable_input_is_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = invoke(runner, "places", str(empty))
    assert result.exit_code == 1
    assert "no article could be read" in result.stderr


def test_store_keeps_the_sample_quotes_times_and_places(
    tmp_path: Path, resources: Resources, sample: Path
) -> None:
    location = str(tmp_path / "sample.db")
    with open_store(location) as store:
        [coded] = code_and_save(
            list(read_articles([sample], published=date(2015, 11, 27))),
            resources=resources,
            store=store,
        )
        assert isinstance(coded, CodedArticle)
        [offer] = [q for q in coded.quotes if q.text.startswith("We are prepared")]
        detail = store.event(offer.event_ids[0])
        assert detail is not None
        assert [q["speaker"]["name"] for q in detail["quotes"]] == ["Vladimir Putin"]
        (paris,) = list(store.events(place="Paris"))
        assert paris["date"] == "2015-11-13"


# --- evaluate --kind ------------------------------------------------------------


GOLD_LINES = {
    "quotes": {
        "id": "g1",
        "published": "2015-11-27",
        "text": '"We are ready," Putin said.',
        "quotes": [
            {
                "text": "We are ready",
                "occurrence": 1,
                "kind": "direct",
                "cue": "said",
                "cue_occurrence": 1,
                "speaker": "Putin",
                "speaker_occurrence": 1,
                "speaker_code": "RUSGOV",
                "speaker_name": "Vladimir Putin",
            }
        ],
    },
    "dates": {
        "id": "g1",
        "published": "2015-11-27",
        "text": "Putin met Hollande on Thursday.",
        "times": [
            {"text": "Thursday", "occurrence": 1, "value": "2015-11-26", "type": "DATE"}
        ],
        "events": [{"trigger": "met", "occurrence": 1, "value": "2015-11-26"}],
    },
    "places": {
        "id": "g1",
        "published": "2015-11-27",
        "text": "Hollande traveled to Moscow.",
        "places": [
            {
                "text": "Moscow",
                "occurrence": 1,
                "name": "Moscow",
                "country": "RUS",
                "admin1": None,
                "lat": 55.75,
                "lon": 37.62,
                "geonameid": 524901,
                "feature": "city",
                "metonym": False,
            }
        ],
        "events": [
            {
                "trigger": "traveled",
                "occurrence": 1,
                "place": "Moscow",
                "place_occurrence": 1,
            }
        ],
    },
}


@pytest.mark.parametrize("kind", sorted(GOLD_LINES))
def test_cli_evaluate_scores_each_stage_gold(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.jsonl"
    path.write_text(json.dumps(GOLD_LINES[kind]) + "\n", encoding="utf-8")
    assert gold_kind(path) == kind

    result = invoke(runner, "evaluate", str(path), "--json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["texts"] == 1
    text = invoke(runner, "evaluate", str(path), "--kind", kind)
    assert text.exit_code == 0, text.output
    assert "P 1.000  R 1.000  F1 1.000" in text.stdout


def test_cli_evaluate_bad_stage_gold_names_the_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "dates.jsonl"
    record = dict(GOLD_LINES["dates"], times=[{"text": "Friday", "occurrence": 1}])
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = invoke(runner, "evaluate", str(path))
    assert result.exit_code == 1
    assert f"{path}:1" in result.stderr
