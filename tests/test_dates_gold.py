"""The dates gold (samples/gold/dates.jsonl) and the scorer that uses it.

The floors sit a little under the figures measured on 2026-11-28
(``score_dates`` on the 138 texts, 397 expressions, 196 event anchors):
detection strict P 0.997 R 0.992 F1 0.995, lenient F1 0.997; value
P 0.990 R 0.985 F1 0.987, value accuracy on matched 0.990; type accuracy
0.997; event anchors 0.923; 8 of 8 datelines. dateparser's ``search_dates``
alone on the same gold: lenient F1 0.897, strict F1 0.159, value F1 0.357.
A change that makes it worse fails here; raise the floors when it gets better.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.dates.gold import read_date_gold
from eventwire.dates.scoring import DateScore, score_dateparser, score_dates
from eventwire.errors import InputError
from eventwire.pipeline import Resources

GOLD = Path(__file__).resolve().parent.parent / "samples" / "gold" / "dates.jsonl"

FLOORS = {
    # figure: floor (measured)
    ("strict", "f1"): 0.985,  # 0.995
    ("lenient", "f1"): 0.99,  # 0.997
    ("value", "precision"): 0.975,  # 0.990
    ("value", "recall"): 0.975,  # 0.985
    ("value", "f1"): 0.98,  # 0.987
    ("events", "accuracy"): 0.91,  # 0.923
}
ACCURACY_FLOORS = {"value_accuracy": 0.98, "type_accuracy": 0.99}  # 0.990, 0.997


@pytest.fixture(scope="module")
def score(resources: Resources) -> DateScore:
    return score_dates(read_date_gold(GOLD), resources=resources)


def test_dates_gold_is_big_enough() -> None:
    texts = read_date_gold(GOLD)

    assert len(texts) >= 100
    assert sum(len(text.times) for text in texts) >= 200
    assert {time.type for text in texts for time in text.times} == {
        "DATE",
        "TIME",
        "DURATION",
        "SET",
    }


@pytest.mark.model
@pytest.mark.parametrize(("figure", "floor"), list(FLOORS.items()), ids=str)
def test_dates_gold_figures_stay_above_floors(
    score: DateScore, figure: tuple[str, str], floor: float
) -> None:
    group, name = figure

    assert score.as_record()[group][name] >= floor


@pytest.mark.model
@pytest.mark.parametrize(("figure", "floor"), list(ACCURACY_FLOORS.items()))
def test_dates_gold_accuracies_stay_above_floors(
    score: DateScore, figure: str, floor: float
) -> None:
    assert score.as_record()[figure] >= floor


@pytest.mark.model
def test_dates_gold_finds_every_dateline(score: DateScore) -> None:
    assert score.datelines_found == score.datelines > 0


@pytest.mark.model
def test_dates_stage_beats_dateparser_alone(score: DateScore) -> None:
    baseline = score_dateparser(read_date_gold(GOLD)).as_record()
    ours = score.as_record()

    assert ours["value"]["f1"] > baseline["value"]["f1"] + 0.3
    assert ours["strict"]["f1"] > baseline["strict"]["f1"]
    assert json.dumps(ours)  # the record is JSON-ready


# --- the reader -----------------------------------------------------------------


def _write(tmp_path: Path, *records: object) -> Path:
    path = tmp_path / "dates.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
        encoding="utf-8",
    )
    return path


GOOD = {
    "id": "d1",
    "published": "2015-11-27",
    "text": "Putin met Hollande on Thursday.",
    "times": [
        {"text": "Thursday", "occurrence": 1, "value": "2015-11-26", "type": "DATE"}
    ],
    "events": [{"trigger": "met", "occurrence": 1, "value": "2015-11-26"}],
}


def test_dates_gold_reader_locates_items(tmp_path: Path) -> None:
    [text] = read_date_gold(_write(tmp_path, GOOD))

    assert (text.times[0].start, text.times[0].end) == (22, 30)
    assert text.events[0].start == 6


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("{not json", "not valid JSON"),
        ({**GOOD, "published": "27/11/2015"}, "is not a date"),
        (
            {**GOOD, "times": [{**GOOD["times"][0], "occurrence": 2}]},
            "occurrence 2 is not in the text",
        ),
        (
            {**GOOD, "times": [{**GOOD["times"][0], "type": "WHEN"}]},
            "is not one of",
        ),
        ({**GOOD, "extra": 1}, "text fields are"),
    ],
)
def test_dates_gold_reader_names_file_and_line(
    tmp_path: Path, record: object, message: str
) -> None:
    path = _write(tmp_path, GOOD | {"id": "d0"}, record)

    with pytest.raises(InputError, match=message) as raised:
        read_date_gold(path)
    assert f"{path}:2:" in str(raised.value)
