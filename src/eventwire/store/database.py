"""The :class:`Store`: every read and write of the event store, in portable SQL.

Dialect-specific pieces (connecting, transactions, error translation, prefix
matching, ``LIMIT``) come from :mod:`eventwire.store.sqlite`; the tables from
``schema.sql``; the rows from :mod:`eventwire.store.schema`.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from eventwire.errors import StoreError
from eventwire.model import CodedArticle, Failure
from eventwire.store.migrations import migrate
from eventwire.store.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    FAILURE_COLUMNS,
    ArticleState,
    DyadCount,
    StoreCounts,
    actor_row,
    article_row,
    event_row,
    failure_row,
    timestamp,
)
from eventwire.store.sqlite import (
    connect_sqlite,
    limit_clause,
    prefix_condition,
    reporting_errors,
    write_transaction,
)

logger = logging.getLogger(__name__)

FETCH_BATCH_SIZE = 500
EVENT_ORDER = "(date IS NULL), date, article_id, sentence, evidence_start, event_id"


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{column}"' for column in columns)
    placeholders = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({placeholders})"


def _upsert_sql(table: str, columns: Sequence[str], *, key: str) -> str:
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != key)
    return f"{_insert_sql(table, columns)} ON CONFLICT ({key}) DO UPDATE SET {updates}"


UPSERT_ARTICLE = _upsert_sql("articles", ARTICLE_COLUMNS, key="id")
INSERT_ACTOR = _insert_sql("actors", ACTOR_COLUMNS)
# Event ids are global, but a colliding id must not move another article's
# event: only an event of the same article is replaced.
UPSERT_EVENT = (
    _upsert_sql("events", EVENT_COLUMNS, key="event_id")
    + " WHERE events.article_id = excluded.article_id"
)
UPSERT_FAILURE = (
    _insert_sql("failures", FAILURE_COLUMNS)
    + " ON CONFLICT (failure_key) DO UPDATE SET seen = failures.seen + 1,"
    " last_seen = excluded.last_seen,"
    " article_id = COALESCE(excluded.article_id, failures.article_id)"
)
SELECT_DYADS = """
SELECT source_code, target_code, COUNT(*), SUM(goldstein), AVG(goldstein),
       SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END),
       SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END)
FROM events
WHERE source_code IS NOT NULL AND target_code IS NOT NULL
GROUP BY source_code, target_code
ORDER BY COUNT(*) DESC, source_code, target_code
LIMIT ?"""


def open_sqlite_store(path: str | Path) -> Store:
    """Open the SQLite store at ``path``, creating and migrating it as needed.

    Raises:
        StoreError: see :func:`~eventwire.store.sqlite.connect_sqlite` and
            :func:`~eventwire.store.migrations.migrate`.
    """
    where = os.fspath(path)
    connection = connect_sqlite(where)
    try:
        migrate(connection, path=where)
    except BaseException:
        connection.close()
        raise
    return Store(connection, path=where)


def _as_day(value: date) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _event_conditions(
    *,
    actor: str | None,
    country: str | None,
    root: str | None,
    cameo: str | None,
    since: date | None,
    until: date | None,
    article_id: str | None,
) -> tuple[str, list[Any]]:
    """Return the ``WHERE`` clause (or ``""``) and parameters of an events query."""
    conditions: list[str] = []
    parameters: list[Any] = []
    if actor is not None:
        source_sql, source_parameters = prefix_condition("source_code", actor)
        target_sql, target_parameters = prefix_condition("target_code", actor)
        conditions.append(f"({source_sql} OR {target_sql})")
        parameters += source_parameters + target_parameters
    if country is not None:
        conditions.append("(source_country = ? OR target_country = ?)")
        parameters += [country, country]
    if root is not None:
        conditions.append("cameo_root = ?")
        parameters.append(root)
    if cameo is not None:
        cameo_sql, cameo_parameters = prefix_condition("cameo", cameo)
        conditions.append(cameo_sql)
        parameters += cameo_parameters
    if since is not None:
        conditions.append("date >= ?")
        parameters.append(_as_day(since))
    if until is not None:
        conditions.append("date <= ?")
        parameters.append(_as_day(until))
    if article_id is not None:
        conditions.append("article_id = ?")
        parameters.append(article_id)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return where, parameters


class Store:
    """An open event store. Build it with :func:`eventwire.store.open_store`.

    Use it as a context manager, or call :meth:`close`. Methods raise
    :class:`~eventwire.errors.StoreError` naming :attr:`path` when the database
    fails. A store belongs to the thread that opened it.

    Example:
        >>> with open_store("eventwire.db") as store:
        ...     store.save_articles(batch, coder="eventwire.plover.v1",
        ...                         ontology="plover-1.0")
        ...     events = list(store.events(actor="RUS", since=date(2024, 1, 1)))
    """

    path: str

    def __init__(self, connection: sqlite3.Connection, *, path: str) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = connection

    def __repr__(self) -> str:
        state = "closed" if self._connection is None else "open"
        return f"<Store {self.path!r} ({state})>"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection. Closing twice is harmless."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StoreError(
                f"{self.path}: the store is closed. Open it again with "
                f"open_store({self.path!r})."
            )
        return self._connection

    def article_state(self, article_id: str) -> ArticleState | None:
        """Return what produced the stored rows of an article, or ``None`` if absent."""
        with reporting_errors(self.path, f"read article {article_id!r}"):
            row = self._db.execute(
                "SELECT content_hash, coder, ontology FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        return ArticleState(content_hash=row[0], coder=row[1], ontology=row[2])

    def save_articles(
        self,
        coded: Iterable[CodedArticle],
        *,
        content_hashes: Mapping[str, str] | None = None,
        coder: str,
        ontology: str,
    ) -> int:
        """Save coded articles in one transaction; return how many distinct articles.

        Each article row is inserted or updated, and its old actors and events are
        replaced by the new ones, so saving an article again never duplicates it.
        If anything fails, including the iterable itself, nothing of the batch is
        committed. ``content_hashes`` maps article ids to the hash recorded in
        :class:`ArticleState`.

        Raises:
            StoreError: an article's metadata is not JSON, or the database failed.
            ValueError: an event's ``article_id`` is not its article's id.
        """
        hashes = content_hashes or {}
        coded_at = timestamp()
        written: set[str] = set()
        db = self._db
        with reporting_errors(self.path, "save coded articles"), write_transaction(db):
            for item in coded:
                self._save_article(
                    item,
                    content_hash=hashes.get(item.article.id),
                    coder=coder,
                    ontology=ontology,
                    coded_at=coded_at,
                )
                written.add(item.article.id)
        return len(written)

    def _save_article(
        self,
        coded: CodedArticle,
        *,
        content_hash: str | None,
        coder: str,
        ontology: str,
        coded_at: str,
    ) -> None:
        article_id = coded.article.id
        for event in coded.events:
            if event.article_id != article_id:
                raise ValueError(
                    f"event {event.event_id!r} says it is from article "
                    f"{event.article_id!r} but is coded in article {article_id!r}"
                )
        try:
            article = article_row(
                coded,
                content_hash=content_hash,
                coder=coder,
                ontology=ontology,
                coded_at=coded_at,
            )
        except (TypeError, ValueError) as exc:
            raise StoreError(
                f"{self.path}: article {article_id!r} was not saved, nor any other "
                f"article of its batch: its metadata cannot be written as JSON "
                f"({exc}). Keep Article.metadata to JSON values (str, int, float, "
                "bool, None, and lists and dicts of them)."
            ) from exc
        db = self._db
        db.execute(UPSERT_ARTICLE, article)
        db.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM actors WHERE article_id = ?", (article_id,))
        db.executemany(
            INSERT_ACTOR,
            [actor_row(actor, article_id=article_id) for actor in coded.actors],
        )
        for event in coded.events:
            if db.execute(UPSERT_EVENT, event_row(event)).rowcount == 0:
                logger.warning(
                    "%s: event id %r of article %r is already used by an event of "
                    "another article; kept the stored one",
                    self.path,
                    event.event_id,
                    article_id,
                )

    def record_failures(self, failures: Iterable[Failure]) -> int:
        """Record failures in one transaction; return how many were recorded.

        A failure already stored (same origin, line, stage and message) is not
        added again: its ``seen`` count goes up and ``last_seen`` moves on.
        """
        seen_at = timestamp()
        recorded = 0
        db = self._db
        with reporting_errors(self.path, "record failures"), write_transaction(db):
            for failure in failures:
                db.execute(UPSERT_FAILURE, failure_row(failure, seen_at=seen_at))
                recorded += 1
        return recorded

    def events(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        root: str | None = None,
        cameo: str | None = None,
        since: date | None = None,
        until: date | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """Yield stored events as ``Event.as_record()`` dicts, filtered and ordered.

        Filters combine with AND. ``actor`` matches the source or target code
        exactly or as a prefix (``"RUS"`` matches ``"RUSGOV"``); ``country`` the
        source or target country; ``root`` the two-digit CAMEO root; ``cameo`` a
        CAMEO code prefix; ``since``/``until`` bound the event date inclusively
        (undated events never match them). Events come ordered by date (undated
        last), article, sentence and evidence start.

        Raises:
            ValueError: ``limit`` or ``offset`` is negative.
        """
        where, parameters = _event_conditions(
            actor=actor,
            country=country,
            root=root,
            cameo=cameo,
            since=since,
            until=until,
            article_id=article_id,
        )
        limit_sql, limit_parameters = limit_clause(limit, offset)
        sql = f"SELECT record FROM events{where} ORDER BY {EVENT_ORDER}{limit_sql}"
        return self._records(sql, parameters + limit_parameters)

    def _records(self, sql: str, parameters: list[Any]) -> Iterator[dict[str, Any]]:
        with reporting_errors(self.path, "read events"):
            cursor = self._db.execute(sql, parameters)
            try:
                while rows := cursor.fetchmany(FETCH_BATCH_SIZE):
                    for (record,) in rows:
                        yield json.loads(record)
            finally:
                cursor.close()

    def dyads(self, *, limit: int = 20) -> list[DyadCount]:
        """Return the ``limit`` source-target pairs with most events, most first.

        A dyad needs both actors: events without a coded target are left out.

        Ties are broken by source then target code, so the order is stable.
        """
        if limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit!r}")
        with reporting_errors(self.path, "count dyads"):
            rows = self._db.execute(SELECT_DYADS, (limit,)).fetchall()
        return [
            DyadCount(
                source=source,
                target=target,
                events=events,
                goldstein_total=float(total),
                goldstein_mean=float(mean),
                conflict=conflict,
                cooperation=cooperation,
            )
            for source, target, events, total, mean, conflict, cooperation in rows
        ]

    def counts(self) -> StoreCounts:
        """Return how many articles, events and distinct failures are stored."""
        with reporting_errors(self.path, "count rows"):
            articles, events, failures = (
                self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("articles", "events", "failures")
            )
        return StoreCounts(articles=articles, events=events, failures=failures)

    def failures(self, *, limit: int | None = None) -> list[Failure]:
        """Return stored failures, each once, in the order first recorded."""
        limit_sql, limit_parameters = limit_clause(limit, 0)
        with reporting_errors(self.path, "read failures"):
            rows = self._db.execute(
                "SELECT origin, line, article_id, stage, message FROM failures"
                f" ORDER BY id{limit_sql}",
                limit_parameters,
            ).fetchall()
        return [
            Failure(
                origin=origin,
                line=line,
                article_id=article_id,
                stage=stage,
                message=message,
            )
            for origin, line, article_id, stage, message in rows
        ]
