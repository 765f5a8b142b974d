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
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from eventwire.model import Actor, CodedArticle, Event, Failure

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
    )


def event_row(event: Event) -> Row:
    """Return the ``events`` row: the queryable columns plus the full JSON record."""
    target = event.target
    return (
        event.event_id,
        event.article_id,
        event.sentence,
        event.evidence.start,
        event.source.code,
        event.source.country,
        target.code if target else None,
        target.country if target else None,
        event.cameo,
        event.cameo_root,
        event.quad_class,
        event.goldstein,
        event.date.isoformat() if event.date else None,
        int(event.negated),
        event.modality,
        event.rule,
        event.coder,
        event.ontology,
        encode_json(event.as_record()),
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
