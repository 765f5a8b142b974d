"""Score coded events against hand-coded gold events.

Events are compared as triples (source, target, code) within the sentence the
gold names, at three levels of strictness:

- ``exact``: full actor codes and the full CAMEO code;
- ``cameo3``: actor countries and the 3-digit CAMEO code;
- ``root``: actor countries and the CAMEO root.

A predicted event belongs to the gold sentence whose text contains its
evidence; predicted events in sentences the gold does not list are false
positives.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import InputError

LEVELS = ("exact", "cameo3", "root")
GOLD_FIELDS = ("article_id", "sentence", "source", "target", "cameo")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """One hand-coded event: who did what to whom in which sentence."""

    article_id: str
    sentence: str
    source: str
    target: str | None
    cameo: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """True positives, false positives and false negatives at one level."""

    level: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def read_gold(path: Path) -> list[GoldEvent]:
    """Read gold events: JSON lines with article_id, sentence, source, target, cameo."""
    gold: list[GoldEvent] = []
    for number, line in enumerate(
        path.read_text(encoding="utf-8").splitlines(), start=1
    ):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"not valid JSON ({error.msg})", origin=str(path), line=number
            ) from error
        missing = [field for field in GOLD_FIELDS if field not in record]
        if missing:
            raise InputError(
                f"gold event lacks {', '.join(missing)}", origin=str(path), line=number
            )
        gold.append(
            GoldEvent(
                article_id=str(record["article_id"]),
                sentence=record["sentence"],
                source=record["source"],
                target=record["target"],
                cameo=record["cameo"],
            )
        )
    return gold


def score_events(
    predicted: Iterable[dict[str, Any]], gold: Sequence[GoldEvent]
) -> dict[str, Score]:
    """Score predicted event records against gold at every level in :data:`LEVELS`."""
    sentences: dict[str, list[str]] = {}
    for event in gold:
        sentences.setdefault(event.article_id, []).append(_squash(event.sentence))
    predicted_keys: list[tuple[str, str, tuple[str | None, ...]]] = []
    for record in predicted:
        where = _gold_sentence(record, sentences)
        source = (record.get("source") or {}).get("code")
        target = (record.get("target") or {}).get("code")
        predicted_keys.append(
            (record["article_id"], where, (source, target, record["cameo"]))
        )
    gold_keys = [
        (
            event.article_id,
            _squash(event.sentence),
            (event.source, event.target, event.cameo),
        )
        for event in gold
    ]
    return {level: _score(level, predicted_keys, gold_keys) for level in LEVELS}


def root_table(
    predicted: Iterable[dict[str, Any]], gold: Sequence[GoldEvent]
) -> dict[str, Score]:
    """Root-level scores for each CAMEO root that appears in either side."""
    records = list(predicted)
    roots = {event.cameo[:2] for event in gold} | {
        record["cameo"][:2] for record in records
    }
    return {
        root: score_events(
            [record for record in records if record["cameo"][:2] == root],
            [event for event in gold if event.cameo[:2] == root],
        )["root"]
        for root in sorted(roots)
    }


def _score(
    level: str,
    predicted: Sequence[tuple[str, str, tuple[str | None, ...]]],
    gold: Sequence[tuple[str, str, tuple[str | None, ...]]],
) -> Score:
    predicted_counts = Counter(
        (article, sentence, _at_level(level, triple))
        for article, sentence, triple in predicted
    )
    gold_counts = Counter(
        (article, sentence, _at_level(level, triple))
        for article, sentence, triple in gold
    )
    matched = sum((predicted_counts & gold_counts).values())
    return Score(
        level=level,
        true_positives=matched,
        false_positives=sum(predicted_counts.values()) - matched,
        false_negatives=sum(gold_counts.values()) - matched,
    )


def _at_level(level: str, triple: tuple[str | None, ...]) -> tuple[str | None, ...]:
    source, target, cameo = triple
    if level == "exact":
        return triple
    width = 3 if level == "cameo3" else 2
    return (_country(source), _country(target), (cameo or "")[:width])


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _gold_sentence(record: dict[str, Any], sentences: dict[str, list[str]]) -> str:
    evidence = _squash(record["evidence"]["text"])
    for sentence in sentences.get(record["article_id"], ()):
        if evidence in sentence:
            return sentence
    return f"#{record['sentence']}"


def _squash(text: str) -> str:
    return " ".join(text.split())
