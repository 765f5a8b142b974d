"""Raw access to the database behind a store, for tests to check what is stored."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

import psycopg


def raw_rows(location: str, sql: str) -> list[tuple[Any, ...]]:
    """Run ``sql`` on the store's database with a separate, raw connection."""
    if location.startswith("postgresql://"):
        with psycopg.connect(location) as connection:
            return [tuple(row) for row in connection.execute(sql).fetchall()]
    with closing(sqlite3.connect(location)) as connection:
        return connection.execute(sql).fetchall()


def raw_execute(location: str, sql: str) -> None:
    """Run a write on the store's database with a separate, raw connection."""
    if location.startswith("postgresql://"):
        with psycopg.connect(location, autocommit=True) as connection:
            connection.execute(sql)
        return
    with closing(sqlite3.connect(location)) as connection:
        connection.execute(sql)
        connection.commit()
