"""Score the dates stage against a hand-coded gold file, and dateparser alone.

The gold (``samples/gold/dates.jsonl``) gives, for short wire-style texts with
a publication date, every temporal expression (text, occurrence, TimeML value
and type, ``dateline`` for a dateline's date) and the date value of some event
triggers. :func:`score_dates` codes every text with
:func:`eventwire.pipeline.code_articles` and pairs the system's expressions
with the gold ones, one to one, largest character overlap first. Then:

- **detection** precision/recall/F1, ``strict`` (same extent) and ``lenient``
  (any overlap);
- **value accuracy**: matched pairs (lenient) whose values are equal;
  **value** precision/recall/F1 end to end: a system expression counts only
  when it overlaps a gold one and has its value;
- **type accuracy** on matched pairs;
- **event anchors**: the gold trigger's token is handed to
  :func:`eventwire.dates.event_time` with the article's expressions, and its
  ``value`` compared with the gold's (``null`` for an event that must not be
  dated).

:func:`score_dateparser` scores ``dateparser.search.search_dates`` (relative
to the publication date) the same way, as the baseline the stage is measured
against; it has no types, so every expression it finds counts as a ``DATE``.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from eventwire.dates.gold import GoldText, GoldTime
from eventwire.gold import code_gold
from eventwire.model import Article, ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.pipeline import Resources


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """An expression a system found, in original offsets."""

    start: int
    end: int
    value: str | None
    type: str
    dateline: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Miss:
    """A gold item the system got wrong, for error listings."""

    text_id: str
    kind: str
    gold: str
    gold_value: str | None
    system: str | None
    system_value: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DateScore:
    """Counts behind every figure; see the module docstring. ``seconds`` is the
    wall time of the run scored: the whole pipeline (parse included) for
    :func:`score_dates`, ``search_dates`` alone for the baseline."""

    texts: int
    gold: int
    system: int
    strict: int
    lenient: int
    value_correct: int
    type_correct: int
    datelines: int
    datelines_found: int
    events: int
    events_correct: int
    seconds: float
    misses: tuple[Miss, ...] = ()

    def as_record(self) -> dict[str, Any]:
        """The figures as one JSON-ready dict."""
        return {
            "texts": self.texts,
            "gold": self.gold,
            "system": self.system,
            "strict": _prf(self.strict, self.system, self.gold),
            "lenient": _prf(self.lenient, self.system, self.gold),
            "value": _prf(self.value_correct, self.system, self.gold),
            "value_accuracy": _ratio(self.value_correct, self.lenient),
            "type_accuracy": _ratio(self.type_correct, self.lenient),
            "datelines": {"gold": self.datelines, "found": self.datelines_found},
            "events": {
                "gold": self.events,
                "correct": self.events_correct,
                "accuracy": _ratio(self.events_correct, self.events),
            },
            "seconds": round(self.seconds, 3),
        }


def score_dates(texts: Sequence[GoldText], *, resources: Resources) -> DateScore:
    """Code every gold text with ``resources`` and score the dates stage.

    Raises:
        InputError: the pipeline could not code a text.
    """
    from eventwire.clean import clean_article
    from eventwire.dates.anchor import event_time
    from eventwire.nlp import parse_articles

    articles = [_article(text) for text in texts]
    started = time.perf_counter()
    coded = {
        text_id: result.times
        for text_id, result in code_gold(articles, resources=resources).items()
    }
    seconds = time.perf_counter() - started
    # The coded article keeps no Doc: parse again (same model, same text, so
    # the same tokens) to find each gold trigger's token.
    anchors: dict[tuple[str, int], str | None] = {}
    parsed_stream = parse_articles(
        (clean_article(article) for article in articles), nlp=resources.nlp
    )
    for parsed, text in zip(parsed_stream, texts, strict=True):
        for event in text.events:
            token = _token_at(parsed, event.start)
            if token is not None:
                anchors[(text.id, event.start)] = event_time(
                    token, times=coded[text.id], published=text.published
                ).value
    found = {
        text.id: [
            Found(
                start=t.start,
                end=t.end,
                value=t.value,
                type=t.type,
                dateline=t.dateline,
            )
            for t in coded[text.id]
        ]
        for text in texts
    }
    return _score(texts, found, anchors=anchors, seconds=seconds)


def score_dateparser(texts: Sequence[GoldText]) -> DateScore:
    """Score ``dateparser.search.search_dates`` alone, relative to each text's
    publication date; its dates are day values, its types all ``DATE``."""
    from dateparser.search import search_dates

    found: dict[str, list[Found]] = {}
    started = time.perf_counter()
    for text in texts:
        with warnings.catch_warnings():
            # Deprecation notices from dateparser's dependencies are harmless
            # to a measurement and must not abort it.
            warnings.simplefilter("ignore")
            results = search_dates(
                text.text,
                languages=["en"],
                settings=_relative_base(text.published),
            )
        found[text.id] = list(_located(text.text, results or []))
    seconds = time.perf_counter() - started
    return _score(texts, found, anchors=None, seconds=seconds)


def _relative_base(published: date | None) -> dict[str, datetime]:
    # With no publication date dateparser resolves against the clock; that
    # is how it is used alone, so the baseline keeps it.
    if published is None:
        return {}
    return {"RELATIVE_BASE": datetime.combine(published, datetime.min.time())}


def _located(text: str, results: Iterable[tuple[str, datetime]]) -> Iterable[Found]:
    position = 0
    for words, moment in results:
        start = text.find(words, position)
        if start < 0:
            continue
        position = start + len(words)
        yield Found(
            start=start, end=position, value=moment.date().isoformat(), type="DATE"
        )


def _score(
    texts: Sequence[GoldText],
    found: dict[str, list[Found]],
    *,
    anchors: dict[tuple[str, int], str | None] | None,
    seconds: float,
) -> DateScore:
    counts = dict.fromkeys(
        ("gold", "system", "strict", "lenient", "value", "type", "dl", "dl_found"), 0
    )
    misses: list[Miss] = []
    events = events_correct = 0
    for text in texts:
        system = found[text.id]
        counts["gold"] += len(text.times)
        counts["system"] += len(system)
        pairs = align(text.times, system)
        for index, gold in enumerate(text.times):
            match = system[pairs[index]] if index in pairs else None
            counts["dl"] += gold.dateline
            if match is None:
                misses.append(_miss(text, "missed", gold.text, gold.value, None, None))
                continue
            counts["lenient"] += 1
            counts["strict"] += (match.start, match.end) == (gold.start, gold.end)
            counts["value"] += match.value == gold.value
            counts["type"] += match.type == gold.type
            counts["dl_found"] += gold.dateline and match.dateline
            if match.value != gold.value or (match.start, match.end) != (
                gold.start,
                gold.end,
            ):
                words = text.text[match.start : match.end]
                misses.append(
                    _miss(text, "value", gold.text, gold.value, words, match.value)
                )
        claimed = set(pairs.values())
        for position, extra in enumerate(system):
            if position not in claimed:
                words = text.text[extra.start : extra.end]
                misses.append(_miss(text, "spurious", "", None, words, extra.value))
        if anchors is None:
            continue
        for event in text.events:
            events += 1
            value = anchors.get((text.id, event.start), "(no token)")
            events_correct += value == event.value
            if value != event.value:
                misses.append(
                    _miss(text, "event", event.trigger, event.value, None, value)
                )
    return DateScore(
        texts=len(texts),
        gold=counts["gold"],
        system=counts["system"],
        strict=counts["strict"],
        lenient=counts["lenient"],
        value_correct=counts["value"],
        type_correct=counts["type"],
        datelines=counts["dl"],
        datelines_found=counts["dl_found"],
        events=events,
        events_correct=events_correct,
        seconds=seconds,
        misses=tuple(misses),
    )


def align(gold: Sequence[GoldTime], system: Sequence[Found]) -> dict[int, int]:
    """Pair gold and system expressions by character overlap, one to one:
    ``{gold index: system index}``, largest overlaps first."""
    overlaps = sorted(
        (-overlap, g, s)
        for g, expected in enumerate(gold)
        for s, candidate in enumerate(system)
        if (
            overlap := min(expected.end, candidate.end)
            - max(expected.start, candidate.start)
        )
        > 0
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, s in overlaps:
        if g not in pairs and s not in used:
            pairs[g] = s
            used.add(s)
    return pairs


def _miss(
    text: GoldText,
    kind: str,
    gold: str,
    gold_value: str | None,
    system: str | None,
    system_value: str | None,
) -> Miss:
    return Miss(
        text_id=text.id,
        kind=kind,
        gold=gold,
        gold_value=gold_value,
        system=system,
        system_value=system_value,
    )


def _token_at(parsed: ParsedArticle, original_start: int) -> Token | None:
    """The token whose original span starts at (or holds) ``original_start``."""
    offsets = parsed.clean.offsets
    for token in parsed.doc:
        start, end = offsets.to_original(token.idx, token.idx + len(token.text))
        if start <= original_start < max(end, start + 1):
            return token
    return None


def _article(text: GoldText) -> Article:
    return Article(id=text.id, text=text.text, published=text.published, line=text.line)


def _prf(correct: int, system: int, gold: int) -> dict[str, float]:
    precision = _ratio(correct, system)
    recall = _ratio(correct, gold)
    total = precision + recall
    return {
        "precision": precision,
        "recall": recall,
        "f1": round(2 * precision * recall / total, 4) if total else 0.0,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
