"""Store fixtures run on both backends: a SQLite file and a real PostgreSQL.

Load them in a test module with ``pytest_plugins = ["store_backends"]``;
read the database behind a store with :mod:`store_raw`.
PostgreSQL comes from the URL in ``EVENTWIRE_TEST_POSTGRES`` (``.ci/run``
starts a server and sets it). Without it, or when the server does not answer,
the PostgreSQL tests skip locally and FAIL when ``CI=true``, so CI never
passes without running them. Each test gets its own schema, dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
import pytest

from eventwire.store import Store, open_store

POSTGRES_URL_VARIABLE = "EVENTWIRE_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgresql")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of a reachable PostgreSQL server's test database."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        _unavailable(f"{POSTGRES_URL_VARIABLE} is not set")
        raise AssertionError("unreachable")
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as exc:
        _unavailable(f"{url} does not answer ({exc})")
    return url


def with_search_path(url: str, schema: str) -> str:
    """The URL with ``schema`` as the connection's only search path."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("options", f"-csearch_path={schema}")]
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture
def postgres_location(postgres_server: str) -> Iterator[str]:
    """A URL whose tables live in a fresh schema of the test database."""
    schema = f"ew_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_search_path(postgres_server, schema)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """Where a new store can be made: a SQLite file, then a new PostgreSQL
    schema (for tests of opening and migrating)."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    location: str = request.getfixturevalue("postgres_location")
    return location


@pytest.fixture(scope="session")
def postgres_shared_location(postgres_server: str) -> Iterator[str]:
    """One migrated schema that the ``store`` fixture empties before each test:
    migrating a fresh schema per test would cost most of the suite's time."""
    schema = f"ew_shared_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        location = with_search_path(postgres_server, schema)
        open_store(location).close()
        yield location
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def store_at(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """Where the ``store`` fixture's database is, empty: a new SQLite file, or
    the shared PostgreSQL schema with every table but ``_migrations`` emptied."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    location: str = request.getfixturevalue("postgres_shared_location")
    with psycopg.connect(location, autocommit=True) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema() AND table_name <> '_migrations'"
            )
        ]
        connection.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    return location


@pytest.fixture
def store(store_at: str) -> Iterator[Store]:
    """An empty store, once per backend."""
    with open_store(store_at) as opened:
        yield opened
