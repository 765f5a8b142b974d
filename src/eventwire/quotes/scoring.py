"""Score the quotes stage against a hand-coded quote gold file.

Each gold line is a text with every quote in it::

    {"id", "published", "text", "quotes": [{"text", "occurrence", "kind",
     "cue", "cue_occurrence", "speaker", "speaker_occurrence",
     "speaker_code", "speaker_name"}]}

``occurrence`` counts whole-word, case-sensitive matches of ``text`` from 1
(likewise for the cue and the speaker); ``cue``, ``speaker`` and the code may
be ``null``. :func:`score_quotes` codes every text with
:func:`eventwire.pipeline.code_articles` and pairs system quotes with gold
ones, one to one, when their character overlap is at least half of the
longer span (largest overlap first). Then:

- **detection** precision, recall and F1 over all quotes, and per kind
  (precision of a kind over the system quotes of that kind, recall over the
  gold quotes of that kind);
- **kind accuracy**: matched quotes whose kind is the gold kind;
- **speaker mention accuracy**: matched quotes with a gold speaker whose
  system speaker overlaps the gold speaker mention (who speaks, found in the
  text, whatever its code);
- **speaker code accuracy**, exact and on the country block (``RUS`` of
  ``RUSGOV``), over matched quotes whose gold speaker has a code;
- **null-speaker accuracy**: matched quotes with no gold speaker that the
  system leaves without one;
- **cue accuracy**: matched quotes whose cue overlaps the gold cue, or where
  both have none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError
from eventwire.gold import (
    code_gold,
    gold_identity,
    gold_line,
    locate_phrase,
    read_gold_file,
)
from eventwire.model import Article, Quote, TextSpan

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

KINDS = ("direct", "indirect", "mixed")
TEXT_FIELDS = frozenset({"id", "published", "text", "quotes"})
QUOTE_FIELDS = frozenset(
    {
        "text",
        "occurrence",
        "kind",
        "cue",
        "cue_occurrence",
        "speaker",
        "speaker_occurrence",
        "speaker_code",
        "speaker_name",
    }
)
REQUIRED_QUOTE_FIELDS = frozenset({"text", "occurrence", "kind"})
COUNTRY_BLOCK = 3
# A system quote matches a gold one when they share at least this part of the
# longer of the two spans.
MIN_OVERLAP = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldQuote:
    """One hand-coded quote; spans are offsets into its text."""

    text: str
    start: int
    end: int
    kind: str
    cue: TextSpan | None
    speaker: TextSpan | None
    speaker_code: str | None
    speaker_name: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldText:
    """A text of the gold file with its publication date and quotes."""

    id: str
    text: str
    published: date
    quotes: tuple[GoldQuote, ...]
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteResult:
    """A gold quote and the system quote paired with it (``None``: missed)."""

    text_id: str
    gold: GoldQuote
    system: Quote | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Detection:
    """Detection counts: gold quotes, system quotes and the pairs matched."""

    gold: int
    system: int
    matched_gold: int
    matched_system: int

    @property
    def precision(self) -> float:
        return self.matched_system / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_record(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "system": self.system,
            "matched": self.matched_gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Accuracy:
    """``right`` of ``total``."""

    right: int
    total: int

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_record(self) -> dict[str, Any]:
        return {
            "right": self.right,
            "total": self.total,
            "accuracy": round(self.value, 4),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteScore:
    """The quotes stage's figures on a gold file; see the module docstring."""

    texts: int
    detection: Detection
    by_kind: tuple[tuple[str, Detection], ...]
    kind: Accuracy
    speaker_mention: Accuracy
    speaker_code: Accuracy
    speaker_country: Accuracy
    null_speaker: Accuracy
    cue: Accuracy
    results: tuple[QuoteResult, ...]
    spurious: tuple[Quote, ...]

    def as_record(self) -> dict[str, Any]:
        """The figures as one JSON-ready dict."""
        return {
            "texts": self.texts,
            "detection": self.detection.as_record(),
            "by_kind": {kind: score.as_record() for kind, score in self.by_kind},
            "kind_accuracy": self.kind.as_record(),
            "speaker_mention_accuracy": self.speaker_mention.as_record(),
            "speaker_code_accuracy": self.speaker_code.as_record(),
            "speaker_country_accuracy": self.speaker_country.as_record(),
            "null_speaker_accuracy": self.null_speaker.as_record(),
            "cue_accuracy": self.cue.as_record(),
        }


def read_quote_gold(path: Path) -> tuple[GoldText, ...]:
    """Read and check a quote gold file (JSON lines).

    Raises:
        InputError: the file cannot be read, or a line is malformed; the
            message names the file and the line.
    """
    return read_gold_file(
        path,
        what="the quote gold",
        parse=lambda line, origin, number: _gold_text(
            line, origin=origin, number=number
        ),
    )


def score_quotes(texts: Sequence[GoldText], *, resources: Resources) -> QuoteScore:
    """Code every gold text with ``resources`` and score the quotes found.

    Raises:
        InputError: the pipeline could not code a text.
    """

    articles = [
        Article(id=t.id, text=t.text, published=t.published, line=t.line) for t in texts
    ]
    found = {
        text_id: result.quotes
        for text_id, result in code_gold(articles, resources=resources).items()
    }
    results: list[QuoteResult] = []
    spurious: list[Quote] = []
    for text in texts:
        quotes = found[text.id]
        pairs = align(text.quotes, quotes)
        results.extend(
            QuoteResult(
                text_id=text.id,
                gold=gold,
                system=quotes[pairs[index]] if index in pairs else None,
            )
            for index, gold in enumerate(text.quotes)
        )
        claimed = set(pairs.values())
        spurious.extend(q for i, q in enumerate(quotes) if i not in claimed)
    return _summarise(results, spurious, texts=len(texts))


def align(golds: Sequence[GoldQuote], quotes: Sequence[Quote]) -> dict[int, int]:
    """Pair gold and system quotes one to one: ``{gold index: quote index}``.

    A pair needs an overlap of at least half the longer span; the largest
    overlaps are paired first, ties to the earlier quotes.
    """
    candidates = sorted(
        (-overlap, g, q)
        for g, gold in enumerate(golds)
        for q, quote in enumerate(quotes)
        if (overlap := min(gold.end, quote.end) - max(gold.start, quote.start))
        >= MIN_OVERLAP * max(gold.end - gold.start, quote.end - quote.start)
        and overlap > 0
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, q in candidates:
        if g not in pairs and q not in used:
            pairs[g] = q
            used.add(q)
    return pairs


def _summarise(
    results: Sequence[QuoteResult], spurious: Sequence[Quote], *, texts: int
) -> QuoteScore:
    matched = [(r.gold, r.system) for r in results if r.system is not None]
    system_kinds = [r.system.kind for r in results if r.system] + [
        q.kind for q in spurious
    ]

    def detection(kind: str | None) -> Detection:
        return Detection(
            gold=sum(1 for r in results if kind in (None, r.gold.kind)),
            system=sum(1 for k in system_kinds if kind in (None, k)),
            matched_gold=sum(1 for g, _ in matched if kind in (None, g.kind)),
            matched_system=sum(1 for _, s in matched if kind in (None, s.kind)),
        )

    coded = [(g, s) for g, s in matched if g.speaker_code is not None]
    spoken = [(g, s) for g, s in matched if g.speaker is not None]
    unspoken = [s for g, s in matched if g.speaker is None]
    return QuoteScore(
        texts=texts,
        detection=detection(None),
        by_kind=tuple((kind, detection(kind)) for kind in KINDS),
        kind=Accuracy(
            right=sum(1 for g, s in matched if g.kind == s.kind), total=len(matched)
        ),
        speaker_mention=Accuracy(
            right=sum(1 for g, s in spoken if _same_speaker(g.speaker, s)),
            total=len(spoken),
        ),
        speaker_code=Accuracy(
            right=sum(1 for g, s in coded if _speaker_code(s) == g.speaker_code),
            total=len(coded),
        ),
        speaker_country=Accuracy(
            right=sum(
                1
                for g, s in coded
                if (_speaker_code(s) or "")[:COUNTRY_BLOCK]
                == (g.speaker_code or "")[:COUNTRY_BLOCK]
            ),
            total=len(coded),
        ),
        null_speaker=Accuracy(
            right=sum(1 for s in unspoken if s.speaker is None), total=len(unspoken)
        ),
        cue=Accuracy(
            right=sum(1 for g, s in matched if _same_cue(g.cue, s.cue)),
            total=len(matched),
        ),
        results=tuple(results),
        spurious=tuple(spurious),
    )


def _speaker_code(quote: Quote) -> str | None:
    return quote.speaker.code if quote.speaker is not None else None


def _same_speaker(gold: TextSpan | None, quote: Quote) -> bool:
    speaker = quote.speaker
    if gold is None or speaker is None:
        return False
    return min(gold.end, speaker.end) > max(gold.start, speaker.start)


def _same_cue(gold: TextSpan | None, system: TextSpan | None) -> bool:
    if gold is None or system is None:
        return gold is None and system is None
    return min(gold.end, system.end) > max(gold.start, system.start)


def _gold_text(line: str, *, origin: str, number: int) -> GoldText:
    record, fail = gold_line(line, origin=origin, number=number)
    if set(record) != TEXT_FIELDS:
        raise fail(
            f"a text must be a JSON object with exactly {sorted(TEXT_FIELDS)!r} "
            f"(found {sorted(record)!r})"
        )
    text_id, text, day = gold_identity(record, fail)
    quotes = record["quotes"]
    if not isinstance(quotes, list):
        raise fail("quotes must be a list of objects")
    return GoldText(
        id=text_id,
        text=text,
        published=day,
        quotes=tuple(_gold_quote(q, text, fail) for q in quotes),
        line=number,
    )


def _gold_quote(record: Any, text: str, fail: Callable[[str], InputError]) -> GoldQuote:
    if not isinstance(record, dict) or not set(record) >= REQUIRED_QUOTE_FIELDS:
        raise fail(f"quote {record!r} must be an object with text, occurrence, kind")
    unknown = set(record) - QUOTE_FIELDS
    if unknown:
        raise fail(f"quote {record['text']!r} has unknown fields {sorted(unknown)!r}")
    if record["kind"] not in KINDS:
        raise fail(f"kind {record['kind']!r} is not one of {', '.join(KINDS)}")
    span = _located(text, record["text"], record["occurrence"], fail)
    if span is None:
        raise fail("a quote's text must be a non-empty string")
    code = record.get("speaker_code")
    if code is not None and not (isinstance(code, str) and code.isupper()):
        raise fail(f"speaker_code {code!r} must be null or a code such as 'RUSGOV'")
    name = record.get("speaker_name")
    return GoldQuote(
        text=span.text,
        start=span.start,
        end=span.end,
        kind=record["kind"],
        cue=_located(text, record.get("cue"), record.get("cue_occurrence", 1), fail),
        speaker=_located(
            text, record.get("speaker"), record.get("speaker_occurrence", 1), fail
        ),
        speaker_code=code,
        speaker_name=name if isinstance(name, str) else None,
    )


def _located(
    text: str, phrase: Any, occurrence: Any, fail: Callable[[str], InputError]
) -> TextSpan | None:
    """The ``occurrence``-th whole-word instance of ``phrase`` (None for null;
    a missing occurrence is the first)."""
    if phrase is None:
        return None
    start = locate_phrase(text, phrase, 1 if occurrence is None else occurrence, fail)
    return TextSpan(text=phrase, start=start, end=start + len(phrase))
