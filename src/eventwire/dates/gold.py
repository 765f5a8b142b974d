"""Read a dates gold file: texts with a publication date, every temporal
expression in them and the date of some event triggers (format in
``samples/gold/README.md``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.gold import gold_identity, gold_line, locate_phrase, read_gold_file

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
    record, fail = gold_line(line, origin=origin, number=number)
    missing = {"id", "published", "text", "times"} - set(record)
    unknown = set(record) - TEXT_FIELDS
    if missing or unknown:
        raise fail(
            f"text fields are {sorted(record)!r}; write {sorted(TEXT_FIELDS)!r} "
            "(events may be left out)"
        )
    text_id, text, published = gold_identity(record, fail, published_may_be_null=True)
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
    start = locate_phrase(text, record["text"], record["occurrence"], fail)
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
    start = locate_phrase(text, record["trigger"], record["occurrence"], fail)
    return GoldEvent(
        trigger=record["trigger"],
        start=start,
        end=start + len(record["trigger"]),
        value=value,
    )
