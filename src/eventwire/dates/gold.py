"""Read a dates gold file: texts with a publication date, every temporal
expression in them and the date of some event triggers (format in
``samples/gold/README.md``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.gold import read_gold_file

TYPES = ("DATE", "TIME", "DURATION", "SET")
TEXT_FIELDS = frozenset({"id", "published", "text", "times", "events"})
TIME_FIELDS = frozenset({"text", "occurrence", "value", "type", "dateline"})
EVENT_FIELDS = frozenset({"trigger", "occurrence", "value"})


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTime:
    text: str
    start: int
    end: int
    value: str | None
    type: str
    dateline: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    trigger: str
    start: int
    end: int
    value: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldText:
    id: str
    text: str
    published: date | None
    times: tuple[GoldTime, ...]
    events: tuple[GoldEvent, ...]
    line: int


def read_date_gold(path: Path) -> tuple[GoldText, ...]:
    """Read and check a dates gold file (JSON lines).

    Raises:
        InputError: the file cannot be read or a line is malformed; the
            message names the file and the line.
    """
    return read_gold_file(
        path,
        what="the dates gold",
        parse=lambda line, origin, number: _gold_text(
            line, origin=origin, number=number
        ),
    )


def _gold_text(line: str, *, origin: str, number: int) -> GoldText:
    def fail(message: str) -> InputError:
        return InputError(message, origin=origin, line=number)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise fail(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise fail(
            "a text must be a JSON object with id, published, text, times, events"
        )
    missing = {"id", "published", "text", "times"} - set(record)
    unknown = set(record) - TEXT_FIELDS
    if missing or unknown:
        raise fail(
            f"text fields are {sorted(record)!r}; write {sorted(TEXT_FIELDS)!r} "
            "(events may be left out)"
        )
    text_id, text = record["id"], record["text"]
    if not isinstance(text_id, str) or not text_id:
        raise fail(f"id {text_id!r} must be a non-empty string")
    if not isinstance(text, str) or not text.strip():
        raise fail(f"text {text_id!r} is empty")
    published = None
    if record["published"] is not None:
        try:
            published = date.fromisoformat(record["published"])
        except (TypeError, ValueError):
            raise fail(
                f"published {record['published']!r} is not a date; write YYYY-MM-DD "
                "or null"
            ) from None
    times, events = record["times"], record.get("events", [])
    if not isinstance(times, list) or not isinstance(events, list):
        raise fail("times and events must be lists of objects")
    return GoldText(
        id=text_id,
        text=text,
        published=published,
        times=tuple(sorted((_gold_time(t, text, fail) for t in times), key=_start)),
        events=tuple(_gold_event(e, text, fail) for e in events),
        line=number,
    )


def _start(item: GoldTime) -> int:
    return item.start


def _gold_time(record: Any, text: str, fail: Callable[[str], InputError]) -> GoldTime:
    if not isinstance(record, dict) or not {
        "text",
        "occurrence",
        "value",
        "type",
    } <= set(record):
        raise fail(
            f"time {record!r} must be an object with text, occurrence, value, type"
        )
    if set(record) - TIME_FIELDS:
        raise fail(
            f"time {record!r} has unknown fields {sorted(set(record) - TIME_FIELDS)}"
        )
    value, kind = record["value"], record["type"]
    if value is not None and not isinstance(value, str):
        raise fail(f"value {value!r} of {record['text']!r} must be a string or null")
    if kind not in TYPES:
        raise fail(
            f"type {kind!r} of {record['text']!r} is not one of {', '.join(TYPES)}"
        )
    dateline = record.get("dateline", False)
    if not isinstance(dateline, bool):
        raise fail(f"dateline {dateline!r} of {record['text']!r} must be true or false")
    start = _locate(text, record["text"], record["occurrence"], fail)
    return GoldTime(
        text=record["text"],
        start=start,
        end=start + len(record["text"]),
        value=value,
        type=kind,
        dateline=dateline,
    )


def _gold_event(record: Any, text: str, fail: Callable[[str], InputError]) -> GoldEvent:
    if not isinstance(record, dict) or set(record) != EVENT_FIELDS:
        raise fail(
            f"event {record!r} must be an object with trigger, occurrence, value"
        )
    value = record["value"]
    if value is not None and not isinstance(value, str):
        raise fail(f"value {value!r} of {record['trigger']!r} must be a string or null")
    start = _locate(text, record["trigger"], record["occurrence"], fail)
    return GoldEvent(
        trigger=record["trigger"],
        start=start,
        end=start + len(record["trigger"]),
        value=value,
    )


def _locate(
    text: str, phrase: Any, occurrence: Any, fail: Callable[[str], InputError]
) -> int:
    """Where the ``occurrence``-th whole-word, case-sensitive ``phrase`` starts."""
    if not isinstance(phrase, str) or not phrase:
        raise fail(f"text {phrase!r} must be a non-empty string")
    if (
        not isinstance(occurrence, int)
        or isinstance(occurrence, bool)
        or occurrence < 1
    ):
        raise fail(f"occurrence {occurrence!r} of {phrase!r} must be an integer >= 1")
    before = r"(?<!\w)" if phrase[:1].isalnum() else ""
    after = r"(?!\w)" if phrase[-1:].isalnum() else ""
    starts = [m.start() for m in re.finditer(before + re.escape(phrase) + after, text)]
    if occurrence > len(starts):
        raise fail(
            f"{phrase!r} occurrence {occurrence} is not in the text (it occurs "
            f"{len(starts)} time{'s' if len(starts) != 1 else ''}); copy the words "
            "exactly, case included"
        )
    return starts[occurrence - 1]
