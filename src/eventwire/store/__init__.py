"""Stage 7: the event store, where coded articles, events and failures are kept.

:func:`open_store` opens (creating and migrating if needed) a store and returns
a :class:`Store`. Events are stored both as their ``Event.as_record()`` JSON,
returned unchanged by :meth:`Store.events`, and as columns to filter on. Today
the store is SQLite; PostgreSQL will come in behind the same function.

Example:
    >>> from eventwire.store import open_store
    >>> with open_store("eventwire.db") as store:
    ...     store.save_articles(coded, coder="eventwire.plover.v1",
    ...                         ontology="plover-1.0")
    ...     store.counts()
    StoreCounts(articles=50, events=212, failures=0)
"""

from __future__ import annotations

from pathlib import Path

from eventwire.store.database import Store, open_sqlite_store
from eventwire.store.schema import ArticleState, DyadCount, StoreCounts

__all__ = ["ArticleState", "DyadCount", "Store", "StoreCounts", "open_store"]


def open_store(path: str | Path) -> Store:
    """Open the store at ``path``, creating the file and running pending migrations.

    The directory must exist. The database runs in WAL mode with a busy timeout
    and foreign keys on; ``":memory:"`` opens a throwaway store.

    Example:
        >>> store = open_store("eventwire.db")
        >>> store.counts().events
        0
        >>> store.close()

    Raises:
        StoreError: the path is unusable, the file is not an eventwire store or
            comes from a newer eventwire, or a migration failed. The message
            names the path and what to do.
    """
    return open_sqlite_store(path)
