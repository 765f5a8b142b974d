"""Score the actor resolver against a hand-coded actor gold file.

The gold (``samples/gold/actors.jsonl``) lists every actor mention of short
wire-style passages with the code a careful human coder gives it, or ``null``
for a named actor no dictionary knows. :func:`score_actors` codes each
passage with the pipeline (clean, parse, resolve actors, code events) and
pairs the actors it finds with the gold mentions by character overlap, one to
one, largest overlap first. Then:

- **precision** = correct codes / system actors with a code, leaving out
  those that sit on a gold ``place`` mention (a location, which is neither an
  actor nor an error to code);
- **recall** = correct codes / gold mentions with a code;
- **null accuracy** = gold mentions coded ``null`` that the system keeps as
  an actor with no code / gold mentions coded ``null``: an unknown actor
  dropped or given a code is wrong;
- the same figures per mention kind (``name``, ``title``, ``pronoun``...),
  where precision counts only the system actors aligned to that kind.

A country-level variant compares only the first code block (``RUS`` of
``RUSGOV``), so the cost of a wrong sector can be told from a wrong country.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
from eventwire.model import Actor, Article

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

KINDS = (
    "name",
    "title",
    "surname",
    "pronoun",
    "reference",
    "metonym",
    "sector",
    "unknown",
    "place",
)
"""Mention kinds a gold mention may carry; ``place`` mentions are not scored."""

UNSPECIFIED_KIND = "unspecified"
PLACE_KIND = "place"
PASSAGE_FIELDS = frozenset({"id", "text", "published", "mentions"})
MENTION_FIELDS = frozenset({"text", "occurrence", "code", "kind"})
COUNTRY_BLOCK = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldMention:
    """One hand-coded actor mention: ``text`` at ``[start, end)`` of its passage.

    ``code`` is ``None`` for a named actor with no dictionary code.
    """

    text: str
    start: int
    end: int
    code: str | None
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPassage:
    """A passage of the gold file with its date and every actor mention in it."""

    id: str
    text: str
    published: date
    mentions: tuple[GoldMention, ...]
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionResult:
    """What the system made of one gold mention (``found`` False: no actor there)."""

    passage_id: str
    text: str
    kind: str
    gold: str | None
    found: bool
    system: str | None
    system_text: str | None
    method: str | None

    @property
    def correct(self) -> bool:
        return self.found and self.system == self.gold


@dataclass(frozen=True, slots=True, kw_only=True)
class KindScore:
    """Counts for one mention kind (or ``"all"``).

    ``gold`` counts gold mentions with a code, ``coded`` the system actors with
    a code counted against them, ``correct`` those whose code equals the gold.
    ``nulls`` counts gold mentions with a null code and ``nulls_kept`` those
    the system kept as an actor without a code.
    """

    kind: str
    gold: int
    coded: int
    correct: int
    nulls: int = 0
    nulls_kept: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.coded if self.coded else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def null_accuracy(self) -> float:
        return self.nulls_kept / self.nulls if self.nulls else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorScore:
    """The resolver's figures on a gold file; see the module docstring."""

    passages: int
    mentions: int
    overall: KindScore
    country: KindScore
    spurious: int
    on_places: int
    by_kind: tuple[KindScore, ...]
    results: tuple[MentionResult, ...]

    def as_record(self) -> dict[str, Any]:
        """The figures as one JSON-ready dict."""
        return {
            "passages": self.passages,
            "mentions": self.mentions,
            "overall": _kind_record(self.overall),
            "country": _kind_record(self.country),
            "spurious": self.spurious,
            "on_places": self.on_places,
            "by_kind": {score.kind: _kind_record(score) for score in self.by_kind},
        }


def read_actor_gold(path: Path) -> tuple[GoldPassage, ...]:
    """Read and check an actor gold file (JSON lines).

    Raises:
        InputError: the file cannot be read, or a line is malformed; the
            message names the file and the line.
    """
    return read_gold_file(
        path,
        what="the actor gold",
        parse=lambda line, origin, number: _passage(line, origin=origin, number=number),
    )


def score_actors(
    passages: Sequence[GoldPassage], *, resources: Resources
) -> ActorScore:
    """Code every gold passage with ``resources`` and score the actors found.

    The passages go through :func:`eventwire.pipeline.code_articles`, so the
    actors scored are exactly those the pipeline hands to the event coder.

    Raises:
        InputError: the pipeline could not code a passage.
    """

    articles = [
        Article(id=p.id, text=p.text, published=p.published, line=p.line)
        for p in passages
    ]
    found = {
        text_id: result.actors
        for text_id, result in code_gold(articles, resources=resources).items()
    }
    results: list[MentionResult] = []
    coded_unaligned = 0
    on_places = 0
    for passage in passages:
        actors = found[passage.id]
        pairs = align(passage.mentions, actors)
        claimed = set(pairs.values())
        for index, mention in enumerate(passage.mentions):
            actor = actors[pairs[index]] if index in pairs else None
            if mention.kind == PLACE_KIND:
                on_places += actor is not None and actor.code is not None
                continue
            results.append(_result(passage.id, mention, actor))
        coded_unaligned += sum(
            1
            for position, actor in enumerate(actors)
            if position not in claimed and actor.code is not None
        )
    return _summarise(
        results,
        passages=len(passages),
        spurious=coded_unaligned,
        on_places=on_places,
    )


def align(mentions: Sequence[GoldMention], actors: Sequence[Actor]) -> dict[int, int]:
    """Pair gold mentions with system actors by character overlap, one to one.

    Returns ``{mention index: actor index}``; the largest overlaps are paired
    first, and ties go to the earlier mention and actor.
    """
    overlaps = sorted(
        (
            (-overlap, m, a)
            for m, mention in enumerate(mentions)
            for a, actor in enumerate(actors)
            if (
                overlap := min(mention.end, actor.end) - max(mention.start, actor.start)
            )
            > 0
        )
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, m, a in overlaps:
        if m not in pairs and a not in used:
            pairs[m] = a
            used.add(a)
    return pairs


def _result(
    passage_id: str, mention: GoldMention, actor: Actor | None
) -> MentionResult:
    return MentionResult(
        passage_id=passage_id,
        text=mention.text,
        kind=mention.kind,
        gold=mention.code,
        found=actor is not None,
        system=actor.code if actor else None,
        system_text=actor.text if actor else None,
        method=actor.method if actor else None,
    )


def _summarise(
    results: Sequence[MentionResult], *, passages: int, spurious: int, on_places: int
) -> ActorScore:
    present = {r.kind for r in results}
    kinds = [kind for kind in (*KINDS, UNSPECIFIED_KIND) if kind in present]
    overall = _count("all", results, extra_coded=spurious)
    return ActorScore(
        passages=passages,
        mentions=len(results),
        overall=overall,
        country=_count("country", results, extra_coded=spurious, block=COUNTRY_BLOCK),
        spurious=spurious,
        on_places=on_places,
        by_kind=tuple(
            _count(kind, [r for r in results if r.kind == kind]) for kind in kinds
        ),
        results=tuple(results),
    )


def _count(
    kind: str,
    results: Iterable[MentionResult],
    *,
    extra_coded: int = 0,
    block: int | None = None,
) -> KindScore:
    listed = list(results)

    def same(result: MentionResult) -> bool:
        if result.system is None or result.gold is None:
            return False
        if block is None:
            return result.system == result.gold
        return result.system[:block] == result.gold[:block]

    return KindScore(
        kind=kind,
        gold=sum(1 for r in listed if r.gold is not None),
        coded=extra_coded + sum(1 for r in listed if r.system is not None),
        correct=sum(1 for r in listed if same(r)),
        nulls=sum(1 for r in listed if r.gold is None),
        nulls_kept=sum(
            1 for r in listed if r.gold is None and r.found and not r.system
        ),
    )


def _kind_record(score: KindScore) -> dict[str, Any]:
    return {
        "gold": score.gold,
        "coded": score.coded,
        "correct": score.correct,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "nulls": score.nulls,
        "nulls_kept": score.nulls_kept,
        "null_accuracy": round(score.null_accuracy, 4),
    }


def _passage(line: str, *, origin: str, number: int) -> GoldPassage:
    record, fail = gold_line(line, origin=origin, number=number)
    missing = PASSAGE_FIELDS - set(record)
    unknown = set(record) - PASSAGE_FIELDS
    if missing or unknown:
        raise fail(
            f"passage fields are {sorted(record)!r}; write exactly "
            f"{sorted(PASSAGE_FIELDS)!r}"
        )
    passage_id, text, day = gold_identity(record, fail)
    mentions = record["mentions"]
    if not isinstance(mentions, list):
        raise fail("mentions must be a list of objects")
    parsed = sorted((_mention(m, text, fail) for m in mentions), key=lambda m: m.start)
    for first, second in zip(parsed, parsed[1:], strict=False):
        if second.start < first.end:
            raise fail(
                f"mentions {first.text!r} and {second.text!r} overlap; a mention "
                "is one actor, so split or shorten them (check the occurrence)"
            )
    return GoldPassage(
        id=passage_id,
        text=text,
        published=day,
        mentions=tuple(parsed),
        line=number,
    )


def _mention(record: Any, text: str, fail: Callable[[str], InputError]) -> GoldMention:
    if not isinstance(record, dict) or not {"text", "occurrence", "code"} <= set(
        record
    ):
        raise fail(
            f"mention {record!r} must be an object with text, occurrence and code"
        )
    unknown = set(record) - MENTION_FIELDS
    if unknown:
        raise fail(f"mention {record!r} has unknown fields {sorted(unknown)!r}")
    phrase, occurrence, code = record["text"], record["occurrence"], record["code"]
    kind = record.get("kind", UNSPECIFIED_KIND)
    start = locate_phrase(text, phrase, occurrence, fail)
    if code is not None and not (
        isinstance(code, str)
        and len(code) % COUNTRY_BLOCK == 0
        and code.isalpha()
        and code.isupper()
    ):
        raise fail(
            f"code {code!r} of {phrase!r} must be null or 3-letter capital blocks "
            "such as 'RUSGOV'"
        )
    if kind != UNSPECIFIED_KIND and kind not in KINDS:
        raise fail(f"kind {kind!r} of {phrase!r} is not one of {', '.join(KINDS)}")
    if kind == PLACE_KIND and code is not None:
        raise fail(f"place {phrase!r} is not scored; give it code null")
    return GoldMention(
        text=phrase, start=start, end=start + len(phrase), code=code, kind=kind
    )


def score_lines(score: ActorScore) -> list[str]:
    """The figures as a plain-text table, one row per kind (for the CLI and scripts).

    A dash stands where a figure has no denominator (no gold code of that
    kind, no system code, no gold null).
    """
    lines = [
        f"{score.passages} passages, {score.mentions} scored mentions; "
        f"{score.spurious} coded actors where the gold has none; "
        f"{score.on_places} coded actors on places (not scored)",
        f"{'kind':<10}{'gold':>6}{'coded':>7}{'right':>7}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'nulls kept':>12}",
    ]
    for row in (score.overall, score.country, *score.by_kind):
        precision = _ratio(row.precision, row.coded)
        recall = _ratio(row.recall, row.gold)
        f1 = _ratio(row.f1, row.gold and row.coded)
        nulls = f"{row.nulls_kept}/{row.nulls}" if row.nulls else "-"
        lines.append(
            f"{row.kind:<10}{row.gold:>6}{row.coded:>7}{row.correct:>7}"
            f"{precision:>7}{recall:>7}{f1:>7}{nulls:>12}"
        )
    return lines


def error_lines(score: ActorScore) -> list[str]:
    """One line per gold mention the system got wrong, in gold order."""
    lines = [f"{'passage':<14}{'kind':<10}{'gold':<13}{'system':<13}mention"]
    for result in score.results:
        kept_null = result.gold is None and result.found and result.system is None
        if result.correct or kept_null:
            continue
        system = result.system or ("-" if result.found else "(missed)")
        found = f" -> {result.system_text!r} ({result.method})" if result.found else ""
        lines.append(
            f"{result.passage_id:<14}{result.kind:<10}{result.gold or '-':<13}"
            f"{system:<13}{result.text!r}{found}"
        )
    return lines


def _ratio(value: float, denominator: int) -> str:
    return f"{value:.3f}" if denominator else "-"
