"""The team's event gold (samples/gold/events.jsonl): its shape, and the coder
scored against it.

The floors sit a little under the figures measured when the gold was written
(``eventwire evaluate samples/gold/events.jsonl``; see samples/gold/README.md).
The coder is being rewritten on another branch: when it lands, re-measure and
raise the floors. Never lower them to make a change pass, and never edit the
gold to match the coder.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from eventwire.evaluate import (
    MODALITIES,
    Evaluation,
    GoldText,
    code_gold_texts,
    evaluate_events,
    gold_events_of,
    read_gold_texts,
)
from eventwire.pipeline import Resources

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "samples" / "gold" / "events.jsonl"
DATA = REPO / "src" / "eventwire" / "data"

MIN_TEXTS = 400
MIN_EMPTY_TEXTS = 60
MIN_EVENTS_PER_ROOT = 12
NON_STATE_BLOCKS = {"IGO", "NGO", "IMG", "MNC"}

FLOORS = {
    # level: (precision, recall), measured 2026-11-28 with coder v2 (targets
    # required outside standalone roots) and the reference-following resolver
    # at exact 0.525/0.237, cameo3 0.644/0.291, root 0.776/0.351 (coder v2 as
    # first merged: 0.374/0.232, 0.455/0.282, 0.567/0.351; the first coder:
    # 0.237/0.098, 0.300/0.125, 0.480/0.200).
    "exact": (0.50, 0.22),
    "cameo3": (0.62, 0.28),
    "root": (0.75, 0.34),
}


@pytest.fixture(scope="module")
def texts() -> list[GoldText]:
    return read_gold_texts(GOLD)


def _column(path: Path, name: str) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[name] for row in csv.DictReader(handle, delimiter="\t")}


def test_event_gold_is_large_and_varied(texts: list[GoldText]) -> None:
    events = gold_events_of(texts)
    empty = [text for text in texts if not text.events]

    assert len(texts) >= MIN_TEXTS
    assert len(empty) >= MIN_EMPTY_TEXTS
    assert any(event.negated for event in events)
    assert {event.modality for event in events} == set(MODALITIES)


def test_event_gold_covers_every_root(texts: list[GoldText]) -> None:
    roots = Counter(event.cameo[:2] for event in gold_events_of(texts))

    assert set(roots) == {f"{root:02d}" for root in range(1, 21)}
    thin = {root: n for root, n in roots.items() if n < MIN_EVENTS_PER_ROOT}
    assert not thin, f"roots with fewer than {MIN_EVENTS_PER_ROOT} events: {thin}"


def test_event_gold_codes_exist(texts: list[GoldText]) -> None:
    cameo_codes = _column(DATA / "cameo" / "event_codes.tsv", "code")
    countries = _column(DATA / "actors" / "countries.tsv", "iso3")

    for text in texts:
        for event in text.events:
            assert event.cameo in cameo_codes, (text.id, event.cameo)
            for code in (event.source, event.target):
                if code is not None:
                    assert code[:3] in countries | NON_STATE_BLOCKS, (text.id, code)


def test_event_gold_lists_each_triple_once(texts: list[GoldText]) -> None:
    for text in texts:
        keys = [
            (event.source, event.target, event.cameo, event.negated)
            for event in text.events
        ]
        assert len(keys) == len(set(keys)), text.id


@pytest.fixture(scope="module")
def evaluation(resources: Resources, texts: list[GoldText]) -> Evaluation:
    predicted = code_gold_texts(texts, resources=resources)
    return evaluate_events(predicted, gold_events_of(texts), texts=len(texts))


@pytest.mark.model
@pytest.mark.parametrize("level", sorted(FLOORS))
def test_event_gold_scores_stay_above_the_floor(
    evaluation: Evaluation, level: str
) -> None:
    score = evaluation.scores[level]
    precision_floor, recall_floor = FLOORS[level]
    summary = (
        f"{level}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
        f"(tp={score.true_positives} fp={score.false_positives} "
        f"fn={score.false_negatives})"
    )
    assert score.precision >= precision_floor, summary
    assert score.recall >= recall_floor, summary
