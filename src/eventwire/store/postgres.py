"""What is PostgreSQL's own: :class:`PostgresConnection`, through psycopg 3.

The store's SQL is written once, with ``?`` placeholders; this module turns
them into psycopg's ``%s``, runs the portable DDL with two translations (see
:meth:`PostgresConnection.ddl`), and serialises writers with a transaction
advisory lock, as SQLite's ``BEGIN IMMEDIATE`` does, so two runs writing the
same article cannot interleave their delete-and-insert.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import Any

import psycopg

from eventwire.errors import StoreError
from eventwire.store.connection import Cursor, Period

CONNECT_TIMEOUT_S = 10
# Any constant works: it only has to be the same for every eventwire writer.
WRITE_LOCK_KEY = 0x6576656E74  # "event"
PREFIX_UPPER_BOUND = "\U0010ffff"
PERIOD_START = {
    "day": "{column}",
    "week": "to_char(date_trunc('week', CAST({column} AS date)), 'YYYY-MM-DD')",
    "month": "substr({column}, 1, 7) || '-01'",
}
URL_SCHEMES = ("postgresql://", "postgres://")
_PASSWORD = re.compile(r"(://[^:/@]*):[^@/]*@")
_TEXT_COLUMN = re.compile(r"\bTEXT\b")
_ROW_NUMBER_KEY = re.compile(r"\bINTEGER PRIMARY KEY\b")


def is_postgres_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a file."""
    return location.startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """The URL with its password replaced by ``***``, fit for messages."""
    return _PASSWORD.sub(r"\1:***@", url)


@lru_cache(maxsize=256)
def _psycopg_sql(sql: str) -> str:
    # Our SQL has no '?' or '%' inside string literals, so a plain swap is exact.
    return sql.replace("%", "%%").replace("?", "%s")


def open_postgres(url: str) -> PostgresConnection:
    """Connect to the PostgreSQL database at ``url``.

    Raises:
        StoreError: the server cannot be reached or refuses the login.
    """
    location = redact(url)
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as exc:
        raise StoreError(
            f"{location}: cannot connect to PostgreSQL ({str(exc).strip()}). Check "
            "that the server runs, and the host, port, user, password and database "
            "name in the URL (postgresql://USER:PASSWORD@HOST:PORT/DATABASE)."
        ) from exc
    return PostgresConnection(raw, location=location)


class PostgresConnection:
    """A :class:`~eventwire.store.connection.StoreConnection` on PostgreSQL."""

    dialect = "postgresql"

    def __init__(self, connection: psycopg.Connection[Any], *, location: str) -> None:
        self.location = location
        self.raw = connection
        self._cursors = 0

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        return self.raw.execute(_psycopg_sql(sql), parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(_psycopg_sql(sql), rows)

    def stream(
        self, sql: str, parameters: Sequence[Any] = (), /, *, batch_size: int
    ) -> Iterator[Any]:
        # A server-side cursor, so an export of millions of events does not
        # land in client memory. WITH HOLD lets it outlive its autocommitted
        # statement, so a half-read stream never holds a transaction open
        # around writes made meanwhile.
        self._cursors += 1
        name = f"eventwire_stream_{self._cursors}"
        with self.raw.cursor(name=name, withhold=True) as cursor:
            cursor.itersize = batch_size
            cursor.execute(_psycopg_sql(sql), parameters)
            yield from cursor

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.raw.transaction():
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            yield

    def transaction(self) -> AbstractContextManager[None]:
        return self._transaction()

    @contextmanager
    def _reporting_errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.location}: cannot {action} ({str(exc).strip()}). {_advice(exc)}"
            ) from exc

    def reporting_errors(self, action: str) -> AbstractContextManager[None]:
        return self._reporting_errors(action)

    def table_names(self) -> set[str]:
        rows = self.raw.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema()"
        )
        return {name for (name,) in rows}

    def ddl(self, statement: str) -> str:
        """Translate portable DDL: text columns compare byte-wise (``COLLATE "C"``,
        as SQLite's BINARY does, so both backends sort and match prefixes the
        same way), and ``INTEGER PRIMARY KEY`` numbers rows as in SQLite."""
        statement = _ROW_NUMBER_KEY.sub(
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement
        )
        if statement.lstrip().upper().startswith(("CREATE TABLE", "ALTER TABLE")):
            statement = _TEXT_COLUMN.sub('TEXT COLLATE "C"', statement)
        return statement

    def prefix_condition(self, column: str, prefix: str) -> tuple[str, list[Any]]:
        # Columns are COLLATE "C", so UTF-8 byte order bounds the range.
        return f"({column} >= ? AND {column} < ?)", [
            prefix,
            prefix + PREFIX_UPPER_BOUND,
        ]

    def contains_condition(self, column: str, text: str) -> tuple[str, list[Any]]:
        # The "C" collation folds ASCII only; the database default folds Unicode.
        return f'strpos(lower({column} COLLATE "default"), ?) > 0', [text.lower()]

    def period_start(self, column: str, by: Period) -> str:
        return PERIOD_START[by].format(column=column)

    def close(self) -> None:
        self.raw.close()


def _advice(exc: psycopg.Error) -> str:
    if isinstance(exc, psycopg.OperationalError):
        return "The connection to the server failed: check that it runs and retry."
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return "The role lacks a privilege: grant it on the database or schema."
    return "Check that the URL names an eventwire store and retry."
