"""Records: offset maps and the event contract."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from eventwire.model import (
    Actor,
    Article,
    Event,
    OffsetMap,
    PloverCode,
    TextSpan,
)

# "ab" + inserted "\n\n" + "cdef" copied from original offsets 5..9
GAPPED = OffsetMap(segments=((0, 0, 2), (4, 5, 4)), original_length=12)


@pytest.mark.parametrize(
    ("clean", "original"),
    [
        pytest.param((0, 2), (0, 2), id="first-run"),
        pytest.param((4, 8), (5, 9), id="second-run"),
        pytest.param((1, 6), (1, 7), id="across-the-gap"),
        pytest.param((2, 4), (5, 5), id="inserted-only-is-empty-at-next-run"),
        pytest.param((3, 3), (5, 5), id="empty-inside-gap"),
        pytest.param((8, 8), (12, 12), id="empty-at-end"),
    ],
)
def test_model_offset_map_to_original(
    clean: tuple[int, int], original: tuple[int, int]
) -> None:
    assert GAPPED.to_original(*clean) == original


def test_model_offset_map_identity() -> None:
    identity = OffsetMap(segments=((0, 0, 10),), original_length=10)
    assert identity.to_original(3, 7) == (3, 7)
    assert identity.to_original(0, 10) == (0, 10)


def _actor(code: str, start: int) -> Actor:
    return Actor(
        text=code,
        start=start,
        end=start + 3,
        sentence=0,
        token_start=0,
        token_end=1,
        head=0,
        code=code,
        country=code[:3],
        sector=code[3:] or None,
        name=None,
    )


def test_model_event_record_has_the_documented_keys() -> None:
    event = Event(
        article_id="a1",
        event_id="e1",
        sentence=0,
        source=_actor("RUSGOV", 0),
        target=None,
        cameo="111",
        cameo_root="11",
        cameo_name="Criticize or denounce",
        goldstein=-2.0,
        quad_class=3,
        plover=PloverCode(type="ACCUSE", mode="disapprove"),
        negated=False,
        modality="asserted",
        evidence=TextSpan(text="RUS criticized", start=0, end=14),
        predicate=TextSpan(text="criticized", start=4, end=14),
        auxiliary=("future", "negation"),
        rule="verb:criticize",
        coder="eventwire.verbs.v1",
        ontology="test",
        date=date(2015, 11, 27),
    )
    record = event.as_record()
    assert set(record) == {
        "article_id",
        "event_id",
        "sentence",
        "source",
        "target",
        "cameo",
        "cameo_root",
        "cameo_name",
        "goldstein",
        "quad_class",
        "plover",
        "negated",
        "modality",
        "date",
        "date_text",
        "date_value",
        "date_source",
        "place",
        "dateline",
        "evidence",
        "predicate",
        "rule",
        "coder",
        "ontology",
    }
    assert record["source"] == {
        "text": "RUSGOV",
        "start": 0,
        "end": 3,
        "code": "RUSGOV",
        "country": "RUS",
        "sector": "GOV",
        "name": None,
        "method": "dictionary",
        "label": None,
        "antecedent": None,
    }
    assert record["target"] is None
    assert record["plover"] == {
        "type": "ACCUSE",
        "mode": "disapprove",
        "auxiliary": ["future", "negation"],
    }
    assert record["predicate"] == {"text": "criticized", "start": 4, "end": 14}
    assert record["date"] == "2015-11-27"


def test_model_records_are_frozen_and_hashable() -> None:
    article = Article(id="x", text="t", metadata={"k": [1]})
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.id = "y"  # type: ignore[misc]
    assert hash(article) == hash(Article(id="x", text="t", metadata={"other": 1}))
