"""Stage 7: the event store, where coded articles, events and failures are kept.

:func:`open_store` opens (creating and migrating if needed) a store and returns
a :class:`Store`: SQLite (a file, the embedded default) or PostgreSQL (a
``postgresql://`` URL), one schema and the same methods on both. Events are
stored both as their ``Event.as_record()`` JSON, returned unchanged by
:meth:`Store.events`, and as columns to filter on, and are grouped into
deduplicated events (:mod:`eventwire.store.groups`).

Example:
    >>> from eventwire.store import open_store
    >>> with open_store("eventwire.db") as store:
    ...     store.save_articles(coded, coder="eventwire.plover.v1",
    ...                         ontology="plover-1.0")
    ...     store.counts()
    StoreCounts(articles=50, events=212, failures=0)
"""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.store.connection import PERIODS, Period, StoreConnection
from eventwire.store.database import Store
from eventwire.store.migrations import migrate
from eventwire.store.postgres import is_postgres_url, open_postgres
from eventwire.store.queries import FILTER_NAMES, EventFilters
from eventwire.store.schema import ArticleState, DyadCount, StoreCounts
from eventwire.store.sqlite import open_sqlite

__all__ = [
    "FILTER_NAMES",
    "PERIODS",
    "ArticleState",
    "DyadCount",
    "EventFilters",
    "Period",
    "Store",
    "StoreCounts",
    "open_store",
]

SQLITE_SCHEME = "sqlite:///"


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``, creating it and running pending migrations.

    ``location`` is a file path (or ``sqlite:///path``, or ``":memory:"`` for a
    throwaway store) for SQLite, whose directory must exist; or a
    ``postgresql://USER:PASSWORD@HOST:PORT/DATABASE`` URL for PostgreSQL, whose
    database must exist (eventwire creates its tables in it). SQLite runs in
    WAL mode with a busy timeout and foreign keys on.

    Example:
        >>> store = open_store("eventwire.db")
        >>> store.counts().events
        0
        >>> store.close()

    Raises:
        StoreError: the path is unusable or the server unreachable, the
            database is not an eventwire store or comes from a newer eventwire,
            or a migration failed. The message names the store and what to do.
    """
    where = os.fspath(location)
    connection: StoreConnection
    if is_postgres_url(where):
        connection = open_postgres(where)
    else:
        connection = open_sqlite(where.removeprefix(SQLITE_SCHEME))
    try:
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return Store(connection)
