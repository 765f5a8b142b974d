"""What the store needs from a database: the :class:`StoreConnection` protocol.

:mod:`eventwire.store.sqlite` and :mod:`eventwire.store.postgres` each provide
one. Everything above them (migrations, the :class:`~eventwire.store.Store`)
writes portable SQL with ``?`` placeholders and asks the connection for the
few pieces whose spelling differs between the two databases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Literal, Protocol

Period = Literal["day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")


class Cursor(Protocol):
    """The part of a DB-API cursor the store reads (sqlite3 and psycopg)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def close(self) -> None: ...


class StoreConnection(Protocol):
    """One open database behind a store.

    ``location`` names it in messages (a path, or a URL without its password).
    Statements use ``?`` placeholders. Reads run outside any transaction;
    every write runs inside :meth:`transaction`, which serialises writers.
    """

    location: str
    dialect: str

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None: ...

    def stream(
        self, sql: str, parameters: Sequence[Any] = (), /, *, batch_size: int
    ) -> Iterator[Any]:
        """Yield the rows of a query ``batch_size`` at a time, never all at once."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Commit the block as one transaction, or roll it all back on error."""
        ...

    def reporting_errors(self, action: str) -> AbstractContextManager[None]:
        """Turn the driver's errors in the block into a ``StoreError``."""
        ...

    def table_names(self) -> set[str]: ...

    def ddl(self, statement: str) -> str:
        """Return a portable DDL statement as this database must run it."""
        ...

    def prefix_condition(self, column: str, prefix: str) -> tuple[str, list[Any]]:
        """SQL matching ``column`` values starting with ``prefix``, case-sensitively."""
        ...

    def contains_condition(self, column: str, text: str) -> tuple[str, list[Any]]:
        """SQL matching ``column`` values containing ``text``, ignoring case."""
        ...

    def period_start(self, column: str, by: Period) -> str:
        """SQL for the ISO date starting the day, week (Monday) or month of
        the ISO date in ``column``."""
        ...

    def close(self) -> None: ...


def limit_clause(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """Return the ``LIMIT``/``OFFSET`` clause (or ``""``) and its parameters.

    Raises:
        ValueError: ``limit`` or ``offset`` is negative.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, not {limit!r}")
    if offset < 0:
        raise ValueError(f"offset must be >= 0, not {offset!r}")
    if limit is None:
        # Both databases accept a huge LIMIT; SQLite needs one before OFFSET.
        return (" LIMIT ? OFFSET ?", [2**62, offset]) if offset else ("", [])
    return " LIMIT ? OFFSET ?", [limit, offset]
