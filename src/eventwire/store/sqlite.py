"""What is SQLite's own: :class:`SQLiteConnection`, the embedded default backend.

* :func:`connect_sqlite`: path checks and the connection ``PRAGMA``\\ s (WAL,
  busy timeout, foreign keys); a file that is not a database is refused here;
* :func:`write_transaction`: ``BEGIN IMMEDIATE`` ... ``COMMIT`` / ``ROLLBACK``;
* :func:`reporting_errors`: ``sqlite3`` errors become a
  :class:`~eventwire.errors.StoreError` naming the path and what to do;
* :class:`SQLiteConnection`: the :class:`~eventwire.store.connection.StoreConnection`
  the store runs on.

Statements use the ``?`` placeholder. Connections run in autocommit mode
(``isolation_level=None``), so every write is an explicit transaction.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import Any

from eventwire.errors import StoreError
from eventwire.store.connection import Cursor, Period

BUSY_TIMEOUT_MS = 5_000
MEMORY = ":memory:"
# Appended to a prefix, the highest code point bounds every string starting with
# it: BINARY collation compares UTF-8 bytes, which keep code point order.
PREFIX_UPPER_BOUND = "\U0010ffff"
UNICODE_LOWER = "eventwire_lower"
PERIOD_START = {
    "day": "{column}",
    # 'weekday 0' moves forward to Sunday (or stays on it): 6 days back is Monday.
    "week": "date({column}, 'weekday 0', '-6 days')",
    "month": "substr({column}, 1, 7) || '-01'",
}


def connect_sqlite(path: str) -> sqlite3.Connection:
    """Open a configured connection to the SQLite file at ``path`` (or ``":memory:"``).

    The file is created if missing, but its directory must exist.

    Raises:
        StoreError: the path is a directory or its directory is missing, the
            file is not a SQLite database, or SQLite cannot open it.
    """
    if path != MEMORY:
        _check_path(Path(path))
    with reporting_errors(path, "open the store"):
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
    try:
        with reporting_errors(path, "open the store"):
            _configure(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise StoreError(
            f"{path}: is a directory, not a store file. "
            f"Pass a file path such as {path / 'eventwire.db'}."
        )
    parent = path.parent
    if not parent.is_dir():
        raise StoreError(
            f"{path}: cannot create the store because the directory {parent} does "
            f"not exist. Create it first (mkdir -p {parent}) or pick another path."
        )


def _configure(connection: sqlite3.Connection, path: str) -> None:
    try:
        # The first statement reads the file header, so this is where a file
        # that is not a database shows itself.
        _switch_to_wal(connection)
    except sqlite3.DatabaseError as exc:
        if _error_code(exc) == sqlite3.SQLITE_NOTADB:
            raise StoreError(
                f"{path}: is not a SQLite database, so it cannot be an eventwire "
                "store. The file was left untouched: pass a new file name, or the "
                "path of an existing store."
            ) from exc
        raise
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = NORMAL")
    # SQLite's own lower() folds ASCII only; text search must fold "É" too.
    connection.create_function(UNICODE_LOWER, 1, _lower, deterministic=True)


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    """Set WAL mode, waiting out another connection that is doing the same.

    Switching the journal mode of a new file needs an exclusive lock, and
    SQLite answers "database is locked" at once, without the busy handler,
    when two connections open a new store together (the API's store workers
    do); so retry within the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            busy = _error_code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


@contextmanager
def write_transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """Run the block as one transaction: commit on success, roll back on any error.

    ``IMMEDIATE`` takes the write lock up front, so a second writer waits for
    the busy timeout instead of failing when it upgrades a read lock.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


@contextmanager
def reporting_errors(path: str, action: str) -> Iterator[None]:
    """Turn ``sqlite3`` errors in the block into a :class:`StoreError`.

    The message reads ``"<path>: cannot <action> (<sqlite message>). <advice>"``.
    """
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot {action} ({exc}). {_advice(exc)}") from exc


def _error_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    # Extended codes (SQLITE_BUSY_SNAPSHOT...) carry the primary code in the low byte.
    return code & 0xFF if isinstance(code, int) else None


def _advice(exc: sqlite3.Error) -> str:
    code = _error_code(exc)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return "Another process is writing to it: retry when it has finished."
    if code == sqlite3.SQLITE_READONLY:
        return "The file or its directory is read-only: check the permissions."
    if code == sqlite3.SQLITE_FULL:
        return "The disk is full: free some space and retry."
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return "The file is damaged: check it with sqlite3 FILE 'PRAGMA quick_check'."
    return "Check that the path is a readable, writable eventwire store and retry."


class SQLiteConnection:
    """A :class:`~eventwire.store.connection.StoreConnection` on a SQLite file."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection, *, location: str) -> None:
        self.location = location
        self.raw = connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        return self.raw.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        self.raw.executemany(sql, rows)

    def stream(
        self, sql: str, parameters: Sequence[Any] = (), /, *, batch_size: int
    ) -> Iterator[Any]:
        cursor = self.raw.execute(sql, parameters)
        try:
            while rows := cursor.fetchmany(batch_size):
                yield from rows
        finally:
            # A reader that stopped early (a closed pipe) may finish this
            # generator after the store closed, which already freed the cursor.
            with suppress(sqlite3.ProgrammingError):
                cursor.close()

    def transaction(self) -> AbstractContextManager[None]:
        return write_transaction(self.raw)

    def reporting_errors(self, action: str) -> AbstractContextManager[None]:
        return reporting_errors(self.location, action)

    def table_names(self) -> set[str]:
        """Return the names of the tables in the database, without SQLite's own."""
        rows = self.raw.execute(
            "SELECT name FROM sqlite_master"
            " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
        return {name for (name,) in rows}

    def ddl(self, statement: str) -> str:
        return statement

    def prefix_condition(self, column: str, prefix: str) -> tuple[str, list[Any]]:
        """A range rather than ``LIKE``, which is case-insensitive in SQLite,
        needs its wildcards escaped, and cannot use the column's index."""
        return f"({column} >= ? AND {column} < ?)", [
            prefix,
            prefix + PREFIX_UPPER_BOUND,
        ]

    def contains_condition(self, column: str, text: str) -> tuple[str, list[Any]]:
        return f"instr({UNICODE_LOWER}({column}), ?) > 0", [text.lower()]

    def period_start(self, column: str, by: Period) -> str:
        return PERIOD_START[by].format(column=column)

    def close(self) -> None:
        self.raw.close()


def open_sqlite(path: str) -> SQLiteConnection:
    """Open the SQLite store file at ``path`` (see :func:`connect_sqlite`)."""
    return SQLiteConnection(connect_sqlite(path), location=path)
