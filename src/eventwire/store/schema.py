"""The stored shapes: SQL scripts, the rows written from model records, the
records read back.

Everything here is dialect-free. The DDL lives in ``schema.sql`` next to this
module, read with :mod:`importlib.resources`. Row builders return tuples in the
order of the ``*_COLUMNS`` constants, so each backend only adds its own
placeholders (``?`` for SQLite, ``%s`` for psycopg).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from eventwire.model import (
    Actor,
    CodedArticle,
    Failure,
    Place,
    Quote,
    TextSpan,
    TimeExpression,
    Toponym,
)

ARTICLE_COLUMNS = (
    "id",
    "content_hash",
    "title",
    "published",
    "url",
    "source",
    "origin",
    "line",
    "metadata",
    "text",
    "sentences",
    "tokens",
    "coder",
    "ontology",
    "coded_at",
)
ACTOR_COLUMNS = (
    "article_id",
    "text",
    "start",
    "end",
    "sentence",
    "code",
    "country",
    "sector",
    "name",
    "method",
    "entry_id",
    "label",
    "antecedent_text",
    "antecedent_start",
    "antecedent_end",
)
SENTENCE_COLUMNS = ("article_id", "sentence", "start", "end", "text")
PLACE_COLUMNS = (
    "article_id",
    "start",
    "end",
    "text",
    "name",
    "country",
    "admin1",
    "lat",
    "lon",
    "geonameid",
    "feature",
)
# Migration 0003 gives places the sentence and dateline of every toponym.
TOPONYM_COLUMNS = (*PLACE_COLUMNS, "sentence", "dateline")
QUOTE_COLUMNS = (
    "article_id",
    "start",
    "end",
    "sentence",
    "text",
    "kind",
    "cue_text",
    "cue_start",
    "cue_end",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "speaker_code",
    "speaker_name",
)
QUOTE_EVENT_COLUMNS = ("article_id", "quote_start", "quote_end", "event_id")
TIME_COLUMNS = (
    "article_id",
    "start",
    "end",
    "sentence",
    "text",
    "value",
    "type",
    "date",
    "dateline",
)
EVENT_COLUMNS = (
    "event_id",
    "article_id",
    "sentence",
    "evidence_start",
    "source_code",
    "source_country",
    "target_code",
    "target_country",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "date",
    "negated",
    "modality",
    "rule",
    "coder",
    "ontology",
    "record",
    "group_id",
    "plover_type",
    "place_name",
    "place_country",
    "place_start",
    "place_end",
    "sentence_text",
    "date_value",
    "date_source",
)
FAILURE_COLUMNS = (
    "failure_key",
    "origin",
    "line",
    "article_id",
    "stage",
    "message",
    "first_seen",
    "last_seen",
    "seen",
)

Row = tuple[Any, ...]
# 16 hex digits: 64 bits, and the first 15 make GDELT's integer GLOBALEVENTID.
GROUP_ID_LENGTH = 16


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleState:
    """What produced an article's stored rows, so a re-run can skip unchanged work.

    ``content_hash`` is whatever the caller passed to ``save_articles`` (``None``
    if it passed nothing); ``coder`` and ``ontology`` are versioned names such as
    ``"eventwire.plover.v1"`` and ``"plover-1.0"``.
    """

    content_hash: str | None
    coder: str
    ontology: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadCount:
    """Events between one source code and one target code (``None`` when absent).

    ``conflict`` counts quad classes 3 and 4 (verbal and material conflict),
    ``cooperation`` quad classes 1 and 2.
    """

    source: str | None
    target: str | None
    events: int
    goldstein_total: float
    goldstein_mean: float
    conflict: int
    cooperation: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreCounts:
    """How many articles, events and distinct failures a store holds."""

    articles: int
    events: int
    failures: int


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """``INSERT INTO table ("a", ...) VALUES (?, ...)``: names quoted for ``end``."""
    names = ", ".join(f'"{column}"' for column in columns)
    placeholders = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({placeholders})"


def read_sql_script(name: str) -> str:
    """Return the text of a SQL script shipped in the ``eventwire.store`` package."""
    return resources.files("eventwire.store").joinpath(name).read_text("utf-8")


def split_sql_script(script: str) -> list[str]:
    """Split a script into statements, each ending with ``;`` at the end of a line.

    Comment-only lines between statements are dropped. The rule is simpler than
    a SQL tokenizer on purpose: our scripts are DDL without procedural bodies.
    """
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("--")):
            continue
        current.append(line)
        if stripped.endswith(";"):
            statements.append("\n".join(current).strip().removesuffix(";"))
            current = []
    if current:
        statements.append("\n".join(current).strip().removesuffix(";"))
    return statements


def encode_json(value: Any) -> str:
    """Serialise a value the one way the store writes JSON (stable, readable)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def timestamp() -> str:
    """Return the current UTC time as ISO-8601 text, as stored in ``*_at`` columns."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def article_row(
    coded: CodedArticle,
    *,
    content_hash: str | None,
    coder: str,
    ontology: str,
    coded_at: str,
) -> Row:
    """Return the ``articles`` row of a coded article.

    Raises:
        TypeError, ValueError: the article's metadata cannot be written as JSON.
    """
    article = coded.article
    return (
        article.id,
        content_hash,
        article.title,
        article.published.isoformat() if article.published else None,
        article.url,
        article.source,
        article.origin,
        article.line,
        encode_json(dict(article.metadata)),
        article.text,
        coded.sentences,
        coded.tokens,
        coder,
        ontology,
        coded_at,
    )


def actor_row(actor: Actor, *, article_id: str) -> Row:
    """Return the ``actors`` row of one actor mention."""
    antecedent = actor.antecedent
    return (
        article_id,
        actor.text,
        actor.start,
        actor.end,
        actor.sentence,
        actor.code,
        actor.country,
        actor.sector,
        actor.name,
        actor.method,
        actor.entry_id,
        actor.label,
        antecedent.text if antecedent else None,
        antecedent.start if antecedent else None,
        antecedent.end if antecedent else None,
    )


def sentence_row(span: TextSpan, *, article_id: str, index: int) -> Row:
    """Return the ``sentences`` row of the ``index``-th sentence of an article."""
    return (article_id, index, span.start, span.end, span.text)


def place_row(place: Place, *, article_id: str) -> Row:
    """Return the ``places`` row of a place an event of the article happened at."""
    return (
        article_id,
        place.start,
        place.end,
        place.text,
        place.name,
        place.country,
        place.admin1,
        place.lat,
        place.lon,
        place.geonameid,
        place.feature,
    )


def toponym_row(toponym: Toponym, place: Place) -> Row:
    """Return the ``places`` row of a geocoded toponym."""
    return (
        *place_row(place, article_id=toponym.article_id),
        toponym.sentence,
        int(toponym.dateline),
    )


def quote_row(quote: Quote) -> Row:
    """Return the ``quotes`` row of a quote."""
    cue, speaker = quote.cue, quote.speaker
    return (
        quote.article_id,
        quote.start,
        quote.end,
        quote.sentence,
        quote.text,
        quote.kind,
        cue.text if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        speaker.text if speaker else None,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        speaker.code if speaker else None,
        speaker.name if speaker else None,
    )


def quote_event_rows(quote: Quote) -> list[Row]:
    """Return the ``quote_events`` rows linking a quote to its events."""
    return [
        (quote.article_id, quote.start, quote.end, event_id)
        for event_id in quote.event_ids
    ]


def time_row(time: TimeExpression) -> Row:
    """Return the ``times`` row of a date or time expression."""
    return (
        time.article_id,
        time.start,
        time.end,
        time.sentence,
        time.text,
        time.value,
        time.type,
        time.date.isoformat() if time.date else None,
        int(time.dateline),
    )


def group_id(record: dict[str, Any]) -> str:
    """Return the id of the deduplicated event an event record belongs to.

    Mentions group when source, target, CAMEO code, negation, day and place
    agree. An actor without a code is only known by its text, which may name
    different people in different articles, so it groups within its article
    only; so does an undated event.
    """
    article_id = record["article_id"]

    def actor_key(actor: dict[str, Any] | None) -> Any:
        if actor is None:
            return None
        if actor["code"] is not None:
            return actor["code"]
        return ["?", actor["text"].casefold(), article_id]

    place = record.get("place")
    key = [
        actor_key(record["source"]),
        actor_key(record["target"]),
        record["cameo"],
        bool(record["negated"]),
        record["date"] if record["date"] else ["undated", article_id],
        [place["name"], place["country"]] if place else None,
    ]
    digest = hashlib.sha256(encode_json(key).encode("utf-8")).hexdigest()
    return digest[:GROUP_ID_LENGTH]


def event_row(record: dict[str, Any], *, sentence_text: str | None = None) -> Row:
    """Return the ``events`` row of an ``Event.as_record()`` dict: the queryable
    columns, the JSON record itself, and the text the ``text`` filter searches
    (the evidence sentence, else the evidence)."""
    source = record["source"]
    target = record["target"]
    plover = record.get("plover")
    place = record.get("place")
    evidence = record["evidence"]
    return (
        record["event_id"],
        record["article_id"],
        record["sentence"],
        evidence["start"],
        source["code"],
        source["country"],
        target["code"] if target else None,
        target["country"] if target else None,
        record["cameo"],
        record["cameo_root"],
        record["quad_class"],
        record["goldstein"],
        record["date"],
        int(record["negated"]),
        record["modality"],
        record["rule"],
        record["coder"],
        record["ontology"],
        encode_json(record),
        group_id(record),
        plover["type"] if plover else None,
        place["name"] if place else None,
        place["country"] if place else None,
        place["start"] if place else None,
        place["end"] if place else None,
        sentence_text if sentence_text is not None else evidence["text"],
        record.get("date_value"),
        record.get("date_source"),
    )


def failure_key(failure: Failure) -> str:
    """Return the dedupe key of a failure: a hash of origin, line, stage, message.

    ``None`` and ``""`` hash differently, so a missing origin is not confused
    with an empty one.
    """
    parts = [failure.origin, failure.line, failure.stage, failure.message]
    return hashlib.sha256(encode_json(parts).encode("utf-8")).hexdigest()


def failure_row(failure: Failure, *, seen_at: str) -> Row:
    """Return the ``failures`` row of a failure seen for the first time."""
    return (
        failure_key(failure),
        failure.origin,
        failure.line,
        failure.article_id,
        failure.stage,
        failure.message,
        seen_at,
        seen_at,
        1,
    )
