"""Read hand-coded gold files: the events a careful human coder finds in text.

Two formats:

- article gold (samples/expected_events.jsonl): one event per line with the
  ``article_id`` and the ``sentence`` it is in, read by :func:`read_gold`;
- text gold (samples/gold/events.jsonl): one self-contained text per line with
  ``id``, ``text``, ``published`` and every event of the text in ``events``,
  read by :func:`read_gold_texts`.

Malformed lines raise :class:`~eventwire.errors.InputError` naming the file and
line. Scoring lives in :mod:`eventwire.evaluate`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, overload

from eventwire.errors import InputError
from eventwire.model import Article, CodedArticle, Failure

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

GOLD_FIELDS = ("article_id", "sentence", "source", "target", "cameo")
TEXT_FIELDS = ("id", "text", "published", "events")
EVENT_FIELDS = ("source", "target", "cameo")
MODALITIES = ("asserted", "reported", "future", "intended", "hypothetical")
ASSERTED = "asserted"
ACTOR_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")
CAMEO_CODE = re.compile(r"\d{3,4}")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """One hand-coded event: who did what to whom in which sentence."""

    article_id: str
    sentence: str
    source: str
    target: str | None
    cameo: str
    negated: bool = False
    modality: str = ASSERTED


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldText:
    """A self-contained gold text (a sentence, or a sentence with its context)
    and every event a careful coder finds in it."""

    id: str
    text: str
    published: date
    events: tuple[GoldEvent, ...]
    origin: str | None = None
    line: int | None = None

    def as_article(self) -> Article:
        """The text as an article for the pipeline, remembering its gold line."""
        return Article(
            id=self.id,
            text=self.text,
            published=self.published,
            origin=self.origin,
            line=self.line,
        )


def read_gold(path: Path) -> list[GoldEvent]:
    """Read gold events: JSON lines with article_id, sentence, source, target, cameo."""
    gold: list[GoldEvent] = []
    for number, record in _json_lines(path):
        missing = [name for name in GOLD_FIELDS if name not in record]
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
                negated=bool(record.get("negated", False)),
                modality=record.get("modality", ASSERTED),
            )
        )
    return gold


def read_gold_texts(path: Path) -> list[GoldText]:
    """Read gold texts: JSON lines ``{id, text, published, events: [...]}``.

    Each event is ``{source, target, cameo}`` with optional ``negated`` (bool)
    and ``modality`` (one of :data:`MODALITIES`). Raises :class:`InputError`
    naming the file and line of the first malformed line.
    """
    texts: list[GoldText] = []
    seen: set[str] = set()
    for number, record in _json_lines(path):
        text = _gold_text(record, origin=str(path), line=number)
        if text.id in seen:
            raise InputError(
                f"id {text.id!r} is used by an earlier line; ids must be unique",
                origin=str(path),
                line=number,
            )
        seen.add(text.id)
        texts.append(text)
    return texts


class Identified(Protocol):
    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=Identified)


def read_gold_file(
    path: Path, *, what: str, parse: Callable[[str, str, int], Item]
) -> tuple[Item, ...]:
    """Read a gold file of JSON lines with ``parse(line, origin, number)``.

    Blank lines are skipped; every item needs its own ``id``. ``what`` names
    the gold in messages ("the quote gold").

    Raises:
        InputError: the file cannot be read, a line is malformed (``parse``
            raises it), an id repeats, or the file holds nothing; the message
            names the file and the line.
    """
    origin = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"cannot read {what} ({error}); it must be a UTF-8 JSONL file",
            origin=origin,
        ) from error
    items: list[Item] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item = parse(line, origin, number)
        if item.id in seen:
            raise InputError(
                f"id {item.id!r} is already used on line {seen[item.id]}; give "
                "every text its own id",
                origin=origin,
                line=number,
            )
        seen[item.id] = number
        items.append(item)
    if not items:
        raise InputError(f"{what} holds no text", origin=origin)
    return tuple(items)


Fail = Callable[[str], InputError]


def gold_line(line: str, *, origin: str, number: int) -> tuple[dict[str, Any], Fail]:
    """The JSON object on one line of a gold file, and a maker of errors that
    name the file and the line."""

    def fail(message: str) -> InputError:
        return InputError(message, origin=origin, line=number)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise fail(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise fail(f"a line must be a JSON object, not {type(record).__name__}")
    return record, fail


@overload
def gold_identity(
    record: dict[str, Any], fail: Fail, *, published_may_be_null: Literal[False] = ...
) -> tuple[str, str, date]: ...


@overload
def gold_identity(
    record: dict[str, Any], fail: Fail, *, published_may_be_null: bool
) -> tuple[str, str, date | None]: ...


def gold_identity(
    record: dict[str, Any], fail: Fail, *, published_may_be_null: bool = False
) -> tuple[str, str, date | None]:
    """A gold text's ``id``, ``text`` and ``published``, checked."""
    text_id, text, published = record["id"], record["text"], record["published"]
    if not isinstance(text_id, str) or not text_id:
        raise fail(f"id {text_id!r} must be a non-empty string")
    if not isinstance(text, str) or not text.strip():
        raise fail(f"text {text_id!r} is empty")
    if published is None and published_may_be_null:
        return text_id, text, None
    try:
        return text_id, text, date.fromisoformat(published)
    except (TypeError, ValueError):
        null = " or null" if published_may_be_null else ""
        raise fail(
            f"published {published!r} is not a date; write it as YYYY-MM-DD{null}"
        ) from None


def locate_phrase(text: str, phrase: Any, occurrence: Any, fail: Fail) -> int:
    """Where the ``occurrence``-th whole-word, case-sensitive ``phrase`` of
    ``text`` starts (occurrences count from 1)."""
    if not isinstance(phrase, str) or not phrase:
        raise fail(f"{phrase!r} must be a non-empty string")
    if (
        not isinstance(occurrence, int)
        or isinstance(occurrence, bool)
        or occurrence < 1
    ):
        raise fail(f"occurrence {occurrence!r} of {phrase!r} must be an integer >= 1")
    starts = word_starts(text, phrase)
    if occurrence > len(starts):
        raise fail(
            f"{phrase!r} occurrence {occurrence} is not in the text (it occurs "
            f"{len(starts)} time{'s' if len(starts) != 1 else ''}); copy the "
            "words exactly, case included"
        )
    return starts[occurrence - 1]


def word_starts(text: str, phrase: str) -> list[int]:
    """Where each whole-word instance of ``phrase`` starts ("he" is not in "the")."""
    before = r"(?<!\w)" if phrase[:1].isalnum() else ""
    after = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return [m.start() for m in re.finditer(before + re.escape(phrase) + after, text)]


def code_gold(
    articles: Iterable[Article], *, resources: Resources
) -> dict[str, CodedArticle]:
    """Code gold texts with the real pipeline, by id.

    Raises:
        InputError: the pipeline could not code a text (an error of the gold
            file, named by its line).
    """
    from eventwire.pipeline import code_articles

    coded: dict[str, CodedArticle] = {}
    for item in code_articles(articles, resources=resources):
        if isinstance(item, Failure):
            raise InputError(
                f"text {item.article_id!r} could not be coded: {item.message}",
                origin=item.origin,
                line=item.line,
            )
        coded[item.article.id] = item
    return coded


def gold_events_of(texts: Iterable[GoldText]) -> list[GoldEvent]:
    """All gold events of ``texts``, in file order."""
    return [event for text in texts for event in text.events]


def _json_lines(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"cannot read gold file ({error})", origin=str(path)
        ) from error
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"not valid JSON ({error.msg})", origin=str(path), line=number
            ) from error
        if not isinstance(record, dict):
            raise InputError("expected a JSON object", origin=str(path), line=number)
        yield number, record


def _gold_text(record: dict[str, Any], *, origin: str, line: int) -> GoldText:
    def bad(message: str) -> InputError:
        return InputError(message, origin=origin, line=line)

    missing = [name for name in TEXT_FIELDS if name not in record]
    if missing:
        raise bad(f"gold text lacks {', '.join(missing)}")
    text_id, text = record["id"], record["text"]
    if not isinstance(text_id, str) or not text_id:
        raise bad(f"'id' must be a non-empty string, got {text_id!r}")
    if not isinstance(text, str) or not text.strip():
        raise bad("'text' must be a non-empty string")
    try:
        published = date.fromisoformat(record["published"])
    except (TypeError, ValueError):
        raise bad(
            f"'published' must be a date like 2015-11-27, got {record['published']!r}"
        ) from None
    if not isinstance(record["events"], list):
        raise bad("'events' must be a list (empty when the text has no event)")
    events = tuple(
        _gold_event(event, text_id=text_id, text=text, bad=bad)
        for event in record["events"]
    )
    return GoldText(
        id=text_id,
        text=text,
        published=published,
        events=events,
        origin=origin,
        line=line,
    )


def _gold_event(
    event: object, *, text_id: str, text: str, bad: Callable[[str], InputError]
) -> GoldEvent:
    if not isinstance(event, dict):
        raise bad("each event must be a JSON object {source, target, cameo}")
    missing = [name for name in EVENT_FIELDS if name not in event]
    if missing:
        raise bad(f"gold event lacks {', '.join(missing)}")
    source, target, cameo = event["source"], event["target"], event["cameo"]
    for role, code in (("source", source), ("target", target)):
        if code is None and role == "target":
            continue
        if not isinstance(code, str) or not ACTOR_CODE.fullmatch(code):
            raise bad(f"{role} {code!r} is not an actor code like RUSGOV")
    if not isinstance(cameo, str) or not CAMEO_CODE.fullmatch(cameo):
        raise bad(f"cameo {cameo!r} is not a 3- or 4-digit CAMEO code like '111'")
    negated = event.get("negated", False)
    modality = event.get("modality", ASSERTED)
    if not isinstance(negated, bool):
        raise bad(f"'negated' must be true or false, got {negated!r}")
    if modality not in MODALITIES:
        raise bad(f"modality {modality!r} is not one of {', '.join(MODALITIES)}")
    unknown = set(event) - {*EVENT_FIELDS, "negated", "modality"}
    if unknown:
        raise bad(f"unknown event field(s) {', '.join(sorted(unknown))}")
    return GoldEvent(
        article_id=text_id,
        sentence=text,
        source=source,
        target=target,
        cameo=cameo,
        negated=negated,
        modality=modality,
    )
