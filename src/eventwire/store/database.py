"""The :class:`Store`: every read and write of the event store, in portable SQL.

Dialect-specific pieces come from the store's
:class:`~eventwire.store.connection.StoreConnection` (SQLite or PostgreSQL);
the tables from ``schema.sql`` and later migrations; the rows from
:mod:`eventwire.store.schema`; the queries from :mod:`eventwire.store.reads`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Self, Unpack

from eventwire.errors import StoreError
from eventwire.model import CodedArticle, Failure, TextSpan
from eventwire.store import reads
from eventwire.store.connection import Period, StoreConnection
from eventwire.store.groups import INSERT_PLACE, recount_groups
from eventwire.store.queries import EventFilters, check_filters
from eventwire.store.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    FAILURE_COLUMNS,
    QUOTE_COLUMNS,
    QUOTE_EVENT_COLUMNS,
    SENTENCE_COLUMNS,
    TIME_COLUMNS,
    TOPONYM_COLUMNS,
    ArticleState,
    DyadCount,
    StoreCounts,
    actor_row,
    article_row,
    event_row,
    failure_row,
    insert_sql,
    place_row,
    quote_event_rows,
    quote_row,
    sentence_row,
    time_row,
    timestamp,
    toponym_row,
)

logger = logging.getLogger(__name__)


def _upsert_sql(table: str, columns: Sequence[str], *, key: str) -> str:
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != key)
    return f"{insert_sql(table, columns)} ON CONFLICT ({key}) DO UPDATE SET {updates}"


UPSERT_ARTICLE = _upsert_sql("articles", ARTICLE_COLUMNS, key="id")
INSERT_ACTOR = insert_sql("actors", ACTOR_COLUMNS)
INSERT_SENTENCE = insert_sql("sentences", SENTENCE_COLUMNS)
# Event ids are global, but a colliding id must not move another article's
# event: only an event of the same article is replaced.
UPSERT_EVENT = (
    _upsert_sql("events", EVENT_COLUMNS, key="event_id")
    + " WHERE events.article_id = excluded.article_id"
)
UPSERT_FAILURE = (
    insert_sql("failures", FAILURE_COLUMNS)
    + " ON CONFLICT (failure_key) DO UPDATE SET seen = failures.seen + 1,"
    " last_seen = excluded.last_seen,"
    " article_id = COALESCE(excluded.article_id, failures.article_id)"
)
ARTICLE_TABLES = (
    "events",
    "actors",
    "sentences",
    "places",
    "quotes",
    "quote_events",
    "times",
)
INSERT_TOPONYM = (
    insert_sql("places", TOPONYM_COLUMNS)
    + ' ON CONFLICT (article_id, start, "end") DO NOTHING'
)
# Two stages never give one span twice, but a duplicate must not cost a batch.
INSERT_QUOTE = (
    insert_sql("quotes", QUOTE_COLUMNS)
    + ' ON CONFLICT (article_id, start, "end") DO NOTHING'
)
INSERT_QUOTE_EVENT = (
    insert_sql("quote_events", QUOTE_EVENT_COLUMNS) + " ON CONFLICT DO NOTHING"
)
INSERT_TIME = (
    insert_sql("times", TIME_COLUMNS)
    + ' ON CONFLICT (article_id, start, "end") DO NOTHING'
)


class Store:
    """An open event store. Build it with :func:`eventwire.store.open_store`.

    Use it as a context manager, or call :meth:`close`. Methods raise
    :class:`~eventwire.errors.StoreError` naming :attr:`path` when the database
    fails. A store belongs to the thread that opened it. Query methods take
    the keyword filters of :class:`~eventwire.store.queries.EventFilters`; an
    unknown one is a ``TypeError``.

    Example:
        >>> with open_store("eventwire.db") as store:
        ...     store.save_articles(batch, coder="eventwire.plover.v1",
        ...                         ontology="plover-1.0")
        ...     events = list(store.events(actor="RUS", since=date(2024, 1, 1)))
    """

    path: str

    def __init__(self, connection: StoreConnection) -> None:
        self.path = connection.location
        self.dialect = connection.dialect
        self._connection: StoreConnection | None = connection

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
    def _db(self) -> StoreConnection:
        if self._connection is None:
            raise StoreError(
                f"{self.path}: the store is closed. Open it again with "
                f"open_store({self.path!r})."
            )
        return self._connection

    # --- writes ---------------------------------------------------------------

    def article_state(self, article_id: str) -> ArticleState | None:
        """Return what produced the stored rows of an article, or ``None`` if absent."""
        db = self._db
        with db.reporting_errors(f"read article {article_id!r}"):
            row = db.execute(
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
        sentences: Mapping[str, Sequence[TextSpan]] | None = None,
        coder: str,
        ontology: str,
    ) -> int:
        """Save coded articles in one transaction; return how many distinct articles.

        Each article row is inserted or updated, and its old actors, sentences,
        places and events are replaced by the new ones, so saving an article
        again never duplicates it; the deduplicated groups its old and new
        events belong to are recounted. If anything fails, including the
        iterable itself, nothing of the batch is committed. ``content_hashes``
        maps article ids to the hash recorded in :class:`ArticleState`;
        ``sentences`` maps article ids to their sentences (original offsets,
        in order), which :meth:`event` returns as the evidence sentence.

        Raises:
            StoreError: an article's metadata is not JSON, or the database failed.
            ValueError: an event's ``article_id`` is not its article's id.
        """
        hashes = content_hashes or {}
        spans = sentences or {}
        coded_at = timestamp()
        written: set[str] = set()
        groups: set[str] = set()
        db = self._db
        with db.reporting_errors("save coded articles"), db.transaction():
            for item in coded:
                groups |= self._save_article(
                    item,
                    content_hash=hashes.get(item.article.id),
                    sentences=spans.get(item.article.id, ()),
                    coder=coder,
                    ontology=ontology,
                    coded_at=coded_at,
                )
                written.add(item.article.id)
            recount_groups(db, groups)
        return len(written)

    def _save_article(
        self,
        coded: CodedArticle,
        *,
        content_hash: str | None,
        sentences: Sequence[TextSpan],
        coder: str,
        ontology: str,
        coded_at: str,
    ) -> set[str]:
        """Replace one article's rows; return the groups whose counts changed."""
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
        groups = {
            group
            for (group,) in db.execute(
                "SELECT DISTINCT group_id FROM events WHERE article_id = ?",
                (article_id,),
            ).fetchall()
            if group is not None
        }
        db.execute(UPSERT_ARTICLE, article)
        for table in ARTICLE_TABLES:
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        db.executemany(
            INSERT_ACTOR,
            [actor_row(actor, article_id=article_id) for actor in coded.actors],
        )
        db.executemany(
            INSERT_SENTENCE,
            [
                sentence_row(span, article_id=article_id, index=index)
                for index, span in enumerate(sentences)
            ],
        )
        db.executemany(
            INSERT_TOPONYM,
            [
                toponym_row(toponym, toponym.place)
                for toponym in coded.places
                if toponym.place is not None
            ],
        )
        db.executemany(INSERT_QUOTE, [quote_row(quote) for quote in coded.quotes])
        db.executemany(
            INSERT_QUOTE_EVENT,
            [row for quote in coded.quotes for row in quote_event_rows(quote)],
        )
        db.executemany(INSERT_TIME, [time_row(time) for time in coded.times])
        for event in coded.events:
            # An event's place is one of the toponyms, unless the coder made it.
            if event.place is not None:
                db.execute(INSERT_PLACE, place_row(event.place, article_id=article_id))
            sentence = (
                sentences[event.sentence].text
                if 0 <= event.sentence < len(sentences)
                else None
            )
            row = event_row(event.as_record(), sentence_text=sentence)
            if db.execute(UPSERT_EVENT, row).rowcount == 0:
                logger.warning(
                    "%s: event id %r of article %r is already used by an event of "
                    "another article; kept the stored one",
                    self.path,
                    event.event_id,
                    article_id,
                )
            else:
                groups.add(row[EVENT_COLUMNS.index("group_id")])
        return groups

    def record_failures(self, failures: Iterable[Failure]) -> int:
        """Record failures in one transaction; return how many were recorded.

        A failure already stored (same origin, line, stage and message) is not
        added again: its ``seen`` count goes up and ``last_seen`` moves on.
        """
        seen_at = timestamp()
        recorded = 0
        db = self._db
        with db.reporting_errors("record failures"), db.transaction():
            for failure in failures:
                db.execute(UPSERT_FAILURE, failure_row(failure, seen_at=seen_at))
                recorded += 1
        return recorded

    # --- reads ----------------------------------------------------------------

    def events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        **filters: Unpack[EventFilters],
    ) -> Iterator[dict[str, Any]]:
        """Yield stored events as ``Event.as_record()`` dicts plus ``group_id``.

        Events come ordered by date (undated last), article, sentence, evidence
        start and id: a stable order, so ``limit``/``offset`` page through them.

        Raises:
            TypeError: an unknown filter.
            ValueError: ``limit`` or ``offset`` is negative.
        """
        check_filters(filters, method="events")
        return reads.events(self._db, filters, limit=limit, offset=offset)

    def count_events(self, **filters: Unpack[EventFilters]) -> int:
        """Return how many stored events match the filters."""
        check_filters(filters, method="count_events")
        return reads.count_events(self._db, filters)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """Return one event with its evidence sentence, article, quotes and group.

        The record is the ``events()`` one plus ``"sentence"`` (``{text, start,
        end}``: the evidence sentence in original offsets, or the evidence
        itself for articles stored without their sentences), ``"article"``
        (``{id, title, published, url, source}``), ``"quotes"`` (the quotes
        that hold the event, as ``eventwire quotes`` prints them) and
        ``"group"`` (``{group_id, mentions, sources, articles}``). ``None``
        when no event has this id.
        """
        return reads.event(self._db, event_id)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Return stored quotes as ``Quote.as_record()`` dicts, by article and
        position; ``speaker`` is a speaker code or prefix ("RUS" finds RUSGOV).

        Raises:
            ValueError: ``limit`` or ``offset`` is negative.
        """
        return reads.quotes(
            self._db, speaker=speaker, article_id=article_id, limit=limit, offset=offset
        )

    def count_quotes(
        self, *, speaker: str | None = None, article_id: str | None = None
    ) -> int:
        """Return how many stored quotes match."""
        return reads.count_quotes(self._db, speaker=speaker, article_id=article_id)

    def dyads(
        self, *, limit: int = 20, **filters: Unpack[EventFilters]
    ) -> list[DyadCount]:
        """Return the ``limit`` source-target pairs with most events, most first.

        A dyad needs both actors: events without a coded target are left out.
        Ties are broken by source then target code, so the order is stable.

        Raises:
            ValueError: ``limit`` is negative.
        """
        check_filters(filters, method="dyads")
        if limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit!r}")
        return reads.dyads(self._db, filters, limit=limit)

    def timeseries(
        self, *, by: Period, **filters: Unpack[EventFilters]
    ) -> list[dict[str, Any]]:
        """Count dated events per period and dyad.

        Rows are ``{period, source, target, events, goldstein_sum,
        goldstein_mean, quad1, quad2, quad3, quad4}``: ``period`` is the ISO
        date starting the day, week (Monday) or month; ``source``/``target``
        actor codes (``None`` when unknown or absent). Ordered by period, then
        most events first. Undated events are left out.

        Raises:
            ValueError: ``by`` is not ``"day"``, ``"week"`` or ``"month"``.
        """
        check_filters(filters, method="timeseries")
        return reads.timeseries(self._db, filters, by=by)

    def network(
        self, *, limit: int = 100, **filters: Unpack[EventFilters]
    ) -> dict[str, list[dict[str, Any]]]:
        """Return the actor network of the ``limit`` busiest dyads.

        ``{"nodes": [{id, events}], "edges": [{source, target, events,
        goldstein_sum, cooperation, conflict, balance}]}``: ``cooperation``
        counts QuadClass 1 and 2, ``conflict`` 3 and 4, ``balance`` is
        ``(cooperation - conflict) / events`` (from -1, all conflict, to +1).
        A node's ``events`` counts every filtered event it is source or target
        of; nodes are the ends of the edges returned.

        Raises:
            ValueError: ``limit`` is negative.
        """
        check_filters(filters, method="network")
        if limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit!r}")
        return reads.network(self._db, filters, limit=limit)

    def actors(
        self, *, limit: int = 100, unknown: bool = False
    ) -> list[dict[str, Any]]:
        """Return the most mentioned actors: ``{code, name, text, label,
        mentions, articles}``.

        Coded actors group by code (``text`` and ``name`` are their most
        frequent mention and name).
        With ``unknown=True``, actors the dictionary could not code group by
        text and NER label instead, most frequent first: the list of names to
        add to the dictionary. Pronouns are left out of it.

        Raises:
            ValueError: ``limit`` is negative.
        """
        if limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit!r}")
        return reads.actors(self._db, limit=limit, unknown=unknown)

    def event_groups(self, **filters: Unpack[EventFilters]) -> Iterator[dict[str, Any]]:
        """Yield the deduplicated events with a mention matching the filters.

        Each is the ``event_groups`` row (``group_id``, codes, ``date``,
        ``place_name``, ``mentions``, ``sources``, ``articles``...) plus
        ``record`` (its first mention's event record), ``url`` and ``added``
        (that mention's article URL and coding time). Ordered by date, undated
        last.
        """
        check_filters(filters, method="event_groups")
        return reads.event_groups(self._db, filters)

    def counts(self) -> StoreCounts:
        """Return how many articles, events and distinct failures are stored."""
        return reads.counts(self._db)

    def failures(self, *, limit: int | None = None) -> list[Failure]:
        """Return stored failures, each once, in the order first recorded."""
        return reads.failures(self._db, limit=limit)
