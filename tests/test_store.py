"""Stage 7: the event store, on SQLite and PostgreSQL (no spaCy model needed).

Tests taking the ``store``, ``store_at`` or ``store_location`` fixtures run once per
backend
(see ``store_backends.py``); SQLite-only behaviour (files, PRAGMAs) takes
``store_path``.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import StoreError
from eventwire.model import (
    CodedArticle,
    Failure,
    Place,
)
from eventwire.store import (
    ArticleState,
    DyadCount,
    Store,
    StoreCounts,
    open_store,
)
from eventwire.store.connection import StoreConnection
from eventwire.store.migrations import MIGRATIONS, Migration, migrate
from eventwire.store.postgres import is_postgres_url, open_postgres, redact
from eventwire.store.schema import read_sql_script, split_sql_script
from eventwire.store.sqlite import BUSY_TIMEOUT_MS, connect_sqlite, open_sqlite
from store_raw import raw_execute, raw_rows
from store_records import CODER, ONTOLOGY, make_coded, make_event, save

pytest_plugins = ["store_backends"]


def event_ids(records: Iterator[dict[str, Any]]) -> list[str]:
    return [record["event_id"] for record in records]


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the store file with a separate raw connection."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def connect(location: str) -> StoreConnection:
    if is_postgres_url(location):
        return open_postgres(location)
    return open_sqlite(location)


def without_group(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key != "group_id"}


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


# --- opening and migrations ---------------------------------------------------


def test_store_open_creates_store_and_records_migrations(store_location: str) -> None:
    with open_store(store_location) as store:
        assert store.path == redact(store_location)
        assert store.counts() == StoreCounts(articles=0, events=0, failures=0)
    if not is_postgres_url(store_location):
        assert Path(store_location).is_file()
    names = [
        name for (name,) in raw_rows(store_location, "SELECT name FROM _migrations")
    ]
    assert sorted(names) == [migration.name for migration in MIGRATIONS]


def test_store_unreachable_postgres_is_a_store_error_without_password() -> None:
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as caught:
        open_store("postgresql://eventwire:secret@127.0.0.1:1/eventwire")
    assert "secret" not in str(caught.value)
    assert str(caught.value).startswith("postgresql://eventwire:***@127.0.0.1:1/")


def test_store_sqlite_new_file_opened_by_many_threads_at_once(tmp_path: Path) -> None:
    # The API's store workers open one new file together; switching it to WAL
    # used to fail at once with "database is locked" for the losers.
    errors: list[BaseException] = []
    for trial in range(10):
        path = tmp_path / f"s{trial}.db"
        start = threading.Barrier(6)

        def open_and_close(path: Path = path, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                open_store(str(path)).close()
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=open_and_close) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def test_store_reopen_is_idempotent(store_location: str) -> None:
    with open_store(store_location) as store:
        save(store, make_coded("a1", (make_event("a1", 1),)))
    sql = "SELECT name, applied_at FROM _migrations ORDER BY name"
    before = raw_rows(store_location, sql)
    with open_store(store_location) as store:
        assert store.counts() == StoreCounts(articles=1, events=1, failures=0)
    assert raw_rows(store_location, sql) == before


def test_store_migrate_runs_only_pending(store_location: str) -> None:
    open_store(store_location).close()
    calls: list[str] = []
    extra = Migration(name="9000_extra", apply=lambda connection: calls.append("run"))
    migrations = (*MIGRATIONS, extra)
    with closing(connect(store_location)) as connection:
        assert migrate(connection, migrations=migrations) == ["9000_extra"]
        assert migrate(connection, migrations=migrations) == []
    assert calls == ["run"]


def test_store_failed_migration_leaves_previous_version(store_location: str) -> None:
    open_store(store_location).close()

    def half_done(connection: Any) -> None:
        connection.execute("CREATE TABLE half (a TEXT)")
        connection.execute("SELECT * FROM no_such_table")

    broken = Migration(name="9000_broken", apply=half_done)
    with (
        closing(connect(store_location)) as connection,
        pytest.raises(StoreError, match="cannot migrate the store"),
    ):
        migrate(connection, migrations=(*MIGRATIONS, broken))
    with closing(connect(store_location)) as connection:
        assert "half" not in connection.table_names()
    names = raw_rows(store_location, "SELECT name FROM _migrations")
    assert ("9000_broken",) not in names


def test_store_from_newer_version_is_refused(store_location: str) -> None:
    open_store(store_location).close()
    raw_execute(store_location, "INSERT INTO _migrations VALUES ('9999_future', 'x')")
    with pytest.raises(StoreError, match="newer eventwire") as caught:
        open_store(store_location)
    assert "9999_future" in str(caught.value)


def test_store_not_a_database_is_refused(store_path: Path) -> None:
    content = "id,text\n1,this is a CSV file, not a database\n" * 20
    store_path.write_text(content)
    with pytest.raises(StoreError, match="is not a SQLite database") as caught:
        open_store(store_path)
    assert str(caught.value).startswith(str(store_path))
    assert store_path.read_text() == content


def test_store_other_application_database_is_refused(store_location: str) -> None:
    raw_execute(store_location, "CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not an eventwire store"):
        open_store(store_location)
    with closing(connect(store_location)) as connection:
        assert connection.table_names() == {"invoices"}


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        pytest.param(".", "is a directory", id="directory"),
        pytest.param("missing/events.db", "does not exist", id="missing-parent"),
    ],
)
def test_store_unusable_path_is_refused(
    tmp_path: Path, relative: str, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(tmp_path / relative)
    assert not (tmp_path / "missing").exists()


def test_store_connection_settings(store_path: Path) -> None:
    open_store(store_path).close()
    with closing(connect_sqlite(str(store_path))) as connection:
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
        busy_timeout = connection.execute("PRAGMA busy_timeout").fetchone()
        assert busy_timeout == (BUSY_TIMEOUT_MS,)
    assert query(store_path, "PRAGMA journal_mode") == [("wal",)]


def test_store_in_memory() -> None:
    with open_store(":memory:") as store:
        assert save(store, make_coded("a1", (make_event("a1", 1),))) == 1
        assert event_ids(store.events()) == ["a1-e1"]


def test_store_closed_store_raises_store_error(store: Store) -> None:
    store.close()
    store.close()
    with pytest.raises(StoreError, match="the store is closed"):
        store.counts()
    assert "closed" in repr(store)


@pytest.mark.parametrize(
    ("script", "statements"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("-- only a comment\n\n", [], id="comment-only"),
        pytest.param(
            "-- head\nCREATE TABLE a (x TEXT);\n\nCREATE INDEX i\n  ON a (x);\n",
            ["CREATE TABLE a (x TEXT)", "CREATE INDEX i\n  ON a (x)"],
            id="two-statements",
        ),
        pytest.param(
            "CREATE TABLE b (y TEXT)\n", ["CREATE TABLE b (y TEXT)"], id="no-semicolon"
        ),
    ],
)
def test_store_split_sql_script(script: str, statements: list[str]) -> None:
    assert split_sql_script(script) == statements


@pytest.mark.parametrize(
    ("script", "tables"),
    [("schema.sql", 4), ("0002_sentences_places_groups.sql", 3)],
)
def test_store_schema_script_is_split_into_statements(script: str, tables: int) -> None:
    statements = split_sql_script(read_sql_script(script))
    assert all(sqlite3.complete_statement(f"{statement};") for statement in statements)
    assert (
        sum(statement.startswith("CREATE TABLE") for statement in statements) == tables
    )


# --- saving -------------------------------------------------------------------


def test_store_round_trip_equals_as_record(store: Store) -> None:
    place = Place(
        text="Kyiv", start=40, end=44, name="Kyiv", country="UKR", lat=50.45, lon=30.52
    )
    dated = make_event("a1", 1, sentence=1)
    undated = make_event("a1", 2, target=None, day=None)
    with_place = replace(
        make_event("a1", 3, start=30), place=place, negated=True, plover=None
    )
    save(store, make_coded("a1", (dated, undated, with_place)))
    stored = [without_group(record) for record in store.events()]
    assert stored == [
        with_place.as_record(),
        dated.as_record(),
        undated.as_record(),
    ]


def test_store_article_row_columns(store: Store, store_at: str) -> None:
    metadata = {"section": "Économie", "tags": ["a", "b"]}
    save(store, make_coded("a1", metadata=metadata))
    rows = raw_rows(store_at, "SELECT published, metadata, coder FROM articles")
    assert rows == [
        ("2024-03-01", '{"section": "Économie", "tags": ["a", "b"]}', CODER)
    ]


def test_store_article_state(store: Store) -> None:
    assert store.article_state("a1") is None
    store.save_articles(
        [make_coded("a1"), make_coded("a2")],
        content_hashes={"a1": "sha256:abc"},
        coder=CODER,
        ontology=ONTOLOGY,
    )
    assert store.article_state("a1") == ArticleState(
        content_hash="sha256:abc", coder=CODER, ontology=ONTOLOGY
    )
    assert store.article_state("a2") == ArticleState(
        content_hash=None, coder=CODER, ontology=ONTOLOGY
    )


def test_store_saving_twice_leaves_one_copy(store: Store, store_at: str) -> None:
    coded = make_coded("a1", (make_event("a1", 1), make_event("a1", 2)))
    assert save(store, coded) == 1
    assert save(store, coded, coded) == 1
    assert store.counts() == StoreCounts(articles=1, events=2, failures=0)
    assert raw_rows(store_at, "SELECT COUNT(*) FROM actors") == [(4,)]


def test_store_recoding_replaces_old_rows(store: Store, store_at: str) -> None:
    events = tuple(make_event("a1", number) for number in (1, 2, 3))
    save(store, make_coded("a1", events))
    fewer = (make_event("a1", 4, source="USAGOV", target=None),)
    save(store, make_coded("a1", fewer), coder="eventwire.plover.v2")
    assert event_ids(store.events()) == ["a1-e4"]
    assert raw_rows(store_at, "SELECT code FROM actors") == [("USAGOV",)]
    state = store.article_state("a1")
    assert state is not None
    assert state.coder == "eventwire.plover.v2"


def test_store_event_id_is_replaced_only_within_its_article(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    first = make_event("a1", 1, cameo="042")
    twin = make_event("a1", 1, cameo="043")
    save(store, make_coded("a1", (first, twin)))
    assert [record["cameo"] for record in store.events()] == ["043"]

    thief = replace(first, article_id="a2", cameo="190")
    with caplog.at_level(logging.WARNING, logger="eventwire.store"):
        save(store, make_coded("a2", (thief,)))
    assert [record["article_id"] for record in store.events()] == ["a1"]
    assert "already used by an event of another article" in caplog.text


class BatchAbortedError(Exception):
    """Raised by a test input to abort a batch half-way."""


def _aborting_batch() -> Iterator[CodedArticle]:
    yield make_coded("a2", (make_event("a2", 1),))
    raise BatchAbortedError


@pytest.mark.parametrize(
    ("bad_batch", "error"),
    [
        pytest.param(
            lambda: [
                make_coded("a1", (make_event("a1", 9),)),
                make_coded("a2", (make_event("a2", 1),)),
                make_coded("a3", metadata={"not json": object()}),
            ],
            StoreError,
            id="metadata-not-json",
        ),
        pytest.param(
            lambda: [
                make_coded("a1", ()),
                make_coded("a3", (make_event("a2", 1),)),
            ],
            ValueError,
            id="event-of-another-article",
        ),
        pytest.param(_aborting_batch, BatchAbortedError, id="input-raises"),
    ],
)
def test_store_failed_batch_commits_nothing(
    store: Store, bad_batch: Any, error: type[Exception]
) -> None:
    original = make_coded("a1", (make_event("a1", 1), make_event("a1", 2)))
    save(store, original)
    before = list(store.events())

    with pytest.raises(error):
        store.save_articles(bad_batch(), coder="other", ontology=ONTOLOGY)

    assert store.counts() == StoreCounts(articles=1, events=2, failures=0)
    assert list(store.events()) == before
    assert store.article_state("a2") is None
    state = store.article_state("a1")
    assert state is not None
    assert state.coder == CODER
    assert save(store, make_coded("a2")) == 1


def test_store_metadata_error_names_path_and_article(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        save(store, make_coded("a9", metadata={"when": date(2024, 1, 1)}))
    message = str(caught.value)
    assert message.startswith(store.path)
    assert "'a9'" in message
    assert "JSON" in message


# --- failures -----------------------------------------------------------------


def test_store_failures_are_deduplicated(store: Store, store_at: str) -> None:
    unreadable = Failure(stage="ingest", message="not JSON", origin="in.jsonl", line=3)
    no_origin = Failure(stage="code", message="no verb", article_id="a1")
    other_line = Failure(stage="ingest", message="not JSON", origin="in.jsonl", line=4)
    assert store.record_failures([unreadable, no_origin, unreadable]) == 3
    assert store.record_failures(iter([no_origin, unreadable, other_line])) == 3

    assert store.failures() == [unreadable, no_origin, other_line]
    assert store.failures(limit=1) == [unreadable]
    assert store.counts().failures == 3
    rows = raw_rows(
        store_at,
        "SELECT line, seen, CASE WHEN first_seen <= last_seen THEN 1 ELSE 0 END"
        " FROM failures ORDER BY id",
    )
    assert rows == [(3, 3, 1), (None, 2, 1), (4, 1, 1)]


# --- queries ------------------------------------------------------------------

CORPUS = {
    "a1": [
        make_event("a1", 1, source="RUSGOV", target="UKRGOV", cameo="042"),
        make_event("a1", 2, source="UKRMIL", target="RUS", cameo="190", quad_class=4,
                   goldstein=-10.0, day=date(2024, 3, 5), sentence=1),
    ],
    "a2": [
        make_event("a2", 1, source="USAGOV", target=None, cameo="0431",
                   day=date(2024, 2, 28)),
        make_event("a2", 2, source="ARUS", target="FRAGOV", cameo="040", day=None),
    ],
}  # fmt: skip


@pytest.fixture
def corpus_store(store: Store) -> Store:
    save(store, *(make_coded(article, tuple(evs)) for article, evs in CORPUS.items()))
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param({}, ["a2-e1", "a1-e1", "a1-e2", "a2-e2"], id="all-by-date"),
        pytest.param({"actor": "RUS"}, ["a1-e1", "a1-e2"], id="actor-prefix"),
        pytest.param({"actor": "RUSGOV"}, ["a1-e1"], id="actor-exact"),
        pytest.param({"actor": "UKR"}, ["a1-e1", "a1-e2"], id="actor-either-side"),
        pytest.param({"actor": "rus"}, [], id="actor-case-sensitive"),
        pytest.param({"country": "FRA"}, ["a2-e2"], id="country-target"),
        pytest.param({"country": "USA"}, ["a2-e1"], id="country-source"),
        pytest.param({"root": "19"}, ["a1-e2"], id="root"),
        pytest.param({"cameo": "04"}, ["a2-e1", "a1-e1", "a2-e2"], id="cameo-prefix"),
        pytest.param({"cameo": "043"}, ["a2-e1"], id="cameo-subcode"),
        pytest.param({"since": date(2024, 3, 1)}, ["a1-e1", "a1-e2"], id="since"),
        pytest.param({"until": date(2024, 3, 1)}, ["a2-e1", "a1-e1"], id="until"),
        pytest.param(
            {"since": date(2024, 3, 1), "until": date(2024, 3, 1)},
            ["a1-e1"],
            id="single-day",
        ),
        pytest.param({"article_id": "a2"}, ["a2-e1", "a2-e2"], id="article"),
        pytest.param({"actor": "RUS", "root": "04"}, ["a1-e1"], id="combined"),
        pytest.param({"limit": 2}, ["a2-e1", "a1-e1"], id="limit"),
        pytest.param({"limit": 2, "offset": 1}, ["a1-e1", "a1-e2"], id="page"),
        pytest.param({"offset": 3}, ["a2-e2"], id="offset-only"),
    ],
)
def test_store_events_filter(
    corpus_store: Store, filters: dict[str, Any], expected: list[str]
) -> None:
    assert event_ids(corpus_store.events(**filters)) == expected


@pytest.mark.parametrize("arguments", [{"limit": -1}, {"offset": -1}])
def test_store_events_rejects_negative_paging(
    store: Store, arguments: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="must be >= 0"):
        store.events(**arguments)


def test_store_dyads_rejects_negative_limit(store: Store) -> None:
    with pytest.raises(ValueError, match="must be >= 0"):
        store.dyads(limit=-1)


def test_store_dyads_need_both_actors(store: Store) -> None:
    events = (
        make_event("a1", 1, quad_class=4, goldstein=-10.0),
        make_event("a1", 2, quad_class=3, goldstein=-4.0),
        make_event("a1", 3, quad_class=1, goldstein=2.0),
        make_event("a1", 4, source="UKRGOV", target="RUSGOV", quad_class=2),
        make_event("a1", 5, target=None, quad_class=1, goldstein=3.0),
        make_event("a1", 6, target=None, quad_class=2, goldstein=1.0),
    )
    save(store, make_coded("a1", events))
    assert store.dyads() == [
        DyadCount(
            source="RUSGOV",
            target="UKRGOV",
            events=3,
            goldstein_total=-12.0,
            goldstein_mean=-4.0,
            conflict=2,
            cooperation=1,
        ),
        DyadCount(
            source="UKRGOV",
            target="RUSGOV",
            events=1,
            goldstein_total=1.9,
            goldstein_mean=1.9,
            conflict=0,
            cooperation=1,
        ),
    ]
    assert [dyad.target for dyad in store.dyads(limit=1)] == ["UKRGOV"]


def test_store_counts(corpus_store: Store) -> None:
    corpus_store.record_failures([Failure(stage="ingest", message="bad line")])
    assert corpus_store.counts() == StoreCounts(articles=2, events=4, failures=1)
