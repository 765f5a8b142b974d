"""Score coded events against hand-coded gold events.

Events are compared as triples (source, target, code) within the sentence the
gold names, at three levels of strictness:

- ``exact``: full actor codes and the full CAMEO code;
- ``cameo3``: actor countries and the 3-digit CAMEO code;
- ``root``: actor countries and the CAMEO root.

A predicted event belongs to the gold sentence whose text contains its
evidence; predicted events in sentences the gold does not list are false
positives.

Gold is read by :mod:`eventwire.gold` (its readers are re-exported here). In
text gold every event of a text is listed and the whole text is the unit of
matching.

:func:`evaluate_events` scores affirmed and negated events apart: a gold event
marked ``negated`` ("did not attack") only matches a coded event that is also
negated, and neither side counts towards the other's scores. Modality
(``future``, ``reported``...) is not part of the triple; it is reported as the
agreement on exactly matched events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire.gold import (
    ASSERTED,
    MODALITIES,
    GoldEvent,
    GoldText,
    code_gold,
    gold_events_of,
    read_gold,
    read_gold_texts,
)

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

__all__ = [
    "CONFUSIONS_SHOWN",
    "LEVELS",
    "MODALITIES",
    "Confusions",
    "Evaluation",
    "GoldEvent",
    "GoldText",
    "Score",
    "code_gold_texts",
    "evaluate_events",
    "gold_events_of",
    "read_gold",
    "read_gold_texts",
    "root_table",
    "score_events",
]

LEVELS = ("exact", "cameo3", "root")
CONFUSIONS_SHOWN = 15

Triple = tuple[str | None, ...]
Key = tuple[str, str, Triple]


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

    def as_record(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Confusions:
    """Where exact matching failed, paired up within each sentence.

    ``codes`` counts (gold code, system code) for events whose actor countries
    agree; ``actors`` counts (role, gold actor, system actor) for events whose
    code agrees but an actor differs; ``missed`` and ``extra`` count, by root,
    the gold and system events left without any partner.
    """

    codes: Counter[tuple[str, str]] = field(default_factory=Counter)
    actors: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    """Everything ``eventwire evaluate`` reports, computed once."""

    texts: int
    gold_events: int
    system_events: int
    scores: dict[str, Score]
    negated: dict[str, Score]
    roots: dict[str, Score]
    confusions: Confusions
    modality_matched: int
    modality_agreeing: int

    def as_record(self) -> dict[str, Any]:
        """The evaluation as one JSON-ready dict (``eventwire evaluate --json``)."""
        confusions = self.confusions
        return {
            "texts": self.texts,
            "gold_events": self.gold_events,
            "system_events": self.system_events,
            "levels": {
                level: score.as_record() for level, score in self.scores.items()
            },
            "negated": {
                level: score.as_record() for level, score in self.negated.items()
            },
            "roots": {
                root: {
                    "gold": score.true_positives + score.false_negatives,
                    "system": score.true_positives + score.false_positives,
                    "matched": score.true_positives,
                    "precision": round(score.precision, 4),
                    "recall": round(score.recall, 4),
                }
                for root, score in self.roots.items()
            },
            "modality": {
                "matched": self.modality_matched,
                "agreeing": self.modality_agreeing,
            },
            "confusions": {
                "codes": [
                    {"gold": gold, "system": system, "count": count}
                    for (gold, system), count in confusions.codes.most_common()
                ],
                "actors": [
                    {"role": role, "gold": gold, "system": system, "count": count}
                    for (role, gold, system), count in confusions.actors.most_common()
                ],
                "missed": dict(sorted(confusions.missed.items())),
                "extra": dict(sorted(confusions.extra.items())),
            },
        }


def score_events(
    predicted: Iterable[dict[str, Any]], gold: Sequence[GoldEvent]
) -> dict[str, Score]:
    """Score predicted event records against gold at every level in :data:`LEVELS`."""
    predicted_keys, gold_keys = _keys(predicted, gold)
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


def evaluate_events(
    predicted: Iterable[dict[str, Any]],
    gold: Sequence[GoldEvent],
    *,
    texts: int | None = None,
) -> Evaluation:
    """Score predicted event records against gold, affirmed and negated apart.

    ``texts`` is the number of gold units (sentences or texts), for the report.
    """
    records = list(predicted)
    affirmed = [record for record in records if not record.get("negated")]
    negated = [record for record in records if record.get("negated")]
    gold_affirmed = [event for event in gold if not event.negated]
    gold_negated = [event for event in gold if event.negated]
    predicted_keys, gold_keys = _keys(affirmed, gold_affirmed)
    matched, agreeing = _modality_agreement(affirmed, gold_affirmed)
    return Evaluation(
        texts=texts if texts is not None else len({e.sentence for e in gold}),
        gold_events=len(gold),
        system_events=len(records),
        scores=score_events(affirmed, gold_affirmed),
        negated=score_events(negated, gold_negated),
        roots=root_table(affirmed, gold_affirmed),
        confusions=_confusions(predicted_keys, gold_keys),
        modality_matched=matched,
        modality_agreeing=agreeing,
    )


def code_gold_texts(
    texts: Sequence[GoldText], *, resources: Resources
) -> list[dict[str, Any]]:
    """Code every gold text with the real pipeline; return the event records.

    A text the pipeline cannot code is an error of the gold file, named by line.
    """
    coded = code_gold((text.as_article() for text in texts), resources=resources)
    return [event.as_record() for result in coded.values() for event in result.events]


def _keys(
    predicted: Iterable[dict[str, Any]], gold: Sequence[GoldEvent]
) -> tuple[list[Key], list[Key]]:
    sentences: dict[str, list[str]] = {}
    for event in gold:
        sentences.setdefault(event.article_id, []).append(_squash(event.sentence))
    predicted_keys: list[Key] = []
    for record in predicted:
        where = _gold_sentence(record, sentences)
        source = (record.get("source") or {}).get("code")
        target = (record.get("target") or {}).get("code")
        predicted_keys.append(
            (record["article_id"], where, (source, target, record["cameo"]))
        )
    gold_keys: list[Key] = [
        (
            event.article_id,
            _squash(event.sentence),
            (event.source, event.target, event.cameo),
        )
        for event in gold
    ]
    return predicted_keys, gold_keys


def _score(level: str, predicted: Sequence[Key], gold: Sequence[Key]) -> Score:
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


def _modality_agreement(
    predicted: Sequence[dict[str, Any]], gold: Sequence[GoldEvent]
) -> tuple[int, int]:
    """Exactly matched events, and how many of them also agree on modality."""
    predicted_keys, gold_keys = _keys(predicted, gold)
    predicted_modalities: dict[Key, Counter[str]] = {}
    for key, record in zip(predicted_keys, predicted, strict=True):
        modality = record.get("modality") or ASSERTED
        predicted_modalities.setdefault(key, Counter())[modality] += 1
    gold_modalities: dict[Key, Counter[str]] = {}
    for key, event in zip(gold_keys, gold, strict=True):
        gold_modalities.setdefault(key, Counter())[event.modality] += 1
    matched = agreeing = 0
    for key, wanted in gold_modalities.items():
        found = predicted_modalities.get(key, Counter())
        matched += min(wanted.total(), found.total())
        agreeing += (wanted & found).total()
    return matched, agreeing


def _confusions(predicted: Sequence[Key], gold: Sequence[Key]) -> Confusions:
    by_sentence: dict[tuple[str, str], tuple[list[Triple], list[Triple]]] = {}
    for article, sentence, triple in gold:
        by_sentence.setdefault((article, sentence), ([], []))[0].append(triple)
    for article, sentence, triple in predicted:
        by_sentence.setdefault((article, sentence), ([], []))[1].append(triple)
    confusions = Confusions()
    for gold_triples, system_triples in by_sentence.values():
        _pair_sentence(gold_triples, system_triples, confusions)
    return confusions


def _pair_sentence(
    gold: list[Triple], system: list[Triple], confusions: Confusions
) -> None:
    """Pair the unmatched events of one sentence, most alike first."""
    for triple in list(gold):
        if triple in system:
            gold.remove(triple)
            system.remove(triple)

    def same_countries(left: Triple, right: Triple) -> bool:
        return _at_level("root", left)[:2] == _at_level("root", right)[:2]

    def same_code(left: Triple, right: Triple) -> bool:
        return left[2] == right[2]

    def actors_only(left: Triple, right: Triple) -> bool:
        return same_code(left, right) and same_countries(left, right)

    for alike in (actors_only, same_countries, same_code):
        for wanted in list(gold):
            partner = next((found for found in system if alike(wanted, found)), None)
            if partner is None:
                continue
            gold.remove(wanted)
            system.remove(partner)
            if not same_code(wanted, partner):
                confusions.codes[(str(wanted[2]), str(partner[2]))] += 1
            for role, index in (("source", 0), ("target", 1)):
                if wanted[index] != partner[index]:
                    confusions.actors[
                        (role, wanted[index] or "-", partner[index] or "-")
                    ] += 1
    confusions.missed.update(str(triple[2])[:2] for triple in gold)
    confusions.extra.update(str(triple[2])[:2] for triple in system)


def _at_level(level: str, triple: Triple) -> Triple:
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
