"""Named, ordered, recorded schema migrations (the sqlite-utils ``Migrations`` idea).

Each :class:`Migration` has a name and a function that changes the schema. The
store records the name of every applied migration in ``_migrations``, so opening
a store runs only the ones it has not seen, in the order of :data:`MIGRATIONS`.

Rules for adding one:

* append to :data:`MIGRATIONS`, never reorder, rename or edit a released one;
* name it ``NNNN_what_it_does`` so the table reads as a changelog;
* keep its SQL portable (see ``schema.sql``), because PostgreSQL runs the same list.

:func:`migrate` applies them. It refuses a database with tables but no
``_migrations`` (another application's), and a store recording a name this list
does not know (written by a newer eventwire). The list and its scripts are
portable; the runner takes its transaction, error handling and DDL
translation from the :class:`~eventwire.store.connection.StoreConnection`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from eventwire.errors import StoreError
from eventwire.store.connection import StoreConnection
from eventwire.store.groups import backfill_events
from eventwire.store.schema import read_sql_script, split_sql_script, timestamp

logger = logging.getLogger(__name__)

MIGRATIONS_TABLE = "_migrations"

CREATE_MIGRATIONS_TABLE = f"""
CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    """One named schema change.

    ``apply`` runs inside the transaction that also records ``name``, so a
    migration is applied completely or not at all.

    Example:
        >>> ADD_PLACES = Migration(
        ...     name="0002_add_place_columns", apply=sql_script("0002_places.sql")
        ... )
    """

    name: str
    apply: Callable[[StoreConnection], None]


def sql_script(resource: str) -> Callable[[StoreConnection], None]:
    """Return a migration function running a SQL script shipped with the store.

    The script is read when the migration runs, not when this module is imported.
    """

    def run_script(connection: StoreConnection) -> None:
        for statement in split_sql_script(read_sql_script(resource)):
            connection.execute(connection.ddl(statement))

    return run_script


def _then(
    *steps: Callable[[StoreConnection], None],
) -> Callable[[StoreConnection], None]:
    def apply_all(connection: StoreConnection) -> None:
        for step in steps:
            step(connection)

    return apply_all


MIGRATIONS: tuple[Migration, ...] = (
    Migration(name="0001_create_tables", apply=sql_script("schema.sql")),
    # Sentences, places, actor labels and antecedents, and deduplicated event
    # groups; events stored before it get their new columns and groups from
    # their JSON record.
    Migration(
        name="0002_sentences_places_groups",
        apply=_then(sql_script("0002_sentences_places_groups.sql"), backfill_events),
    ),
    # Quotes, time expressions, every toponym, and each event's date value
    # and where its date came from.
    Migration(
        name="0003_quotes_times_toponyms",
        apply=sql_script("0003_quotes_times_toponyms.sql"),
    ),
)


def unknown_migrations(
    applied: Collection[str], migrations: Sequence[Migration] = MIGRATIONS
) -> list[str]:
    """Return applied names this eventwire does not know (a newer version's), sorted."""
    known = {migration.name for migration in migrations}
    return sorted(name for name in applied if name not in known)


def pending_migrations(
    applied: Collection[str], migrations: Sequence[Migration] = MIGRATIONS
) -> list[Migration]:
    """Return the migrations not applied yet, in the order they must run."""
    return [migration for migration in migrations if migration.name not in applied]


def migrate(
    connection: StoreConnection,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[str]:
    """Apply the pending migrations; return the names applied, in order.

    Each migration runs in its own transaction together with its record, so a
    failed one leaves the store at the previous version.

    Raises:
        StoreError: the database belongs to another application or to a newer
            eventwire, or a migration failed.
    """
    path = connection.location
    with connection.reporting_errors("migrate the store"):
        with connection.transaction():
            _check_owned(connection)
            connection.execute(connection.ddl(CREATE_MIGRATIONS_TABLE))
        unknown = unknown_migrations(_applied(connection), migrations)
        if unknown:
            raise StoreError(
                f"{path}: was written by a newer eventwire (it records migrations "
                f"{unknown} that this version does not know). Upgrade eventwire "
                "(pip install -U eventwire) or use another store file."
            )
        applied: list[str] = []
        for migration in pending_migrations(_applied(connection), migrations):
            with connection.transaction():
                # Another process may have applied it while we waited for the lock.
                if migration.name in _applied(connection):
                    continue
                migration.apply(connection)
                connection.execute(
                    f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)",
                    (migration.name, timestamp()),
                )
            logger.info("%s: applied migration %s", path, migration.name)
            applied.append(migration.name)
    return applied


def _check_owned(connection: StoreConnection) -> None:
    tables = connection.table_names()
    if tables and MIGRATIONS_TABLE not in tables:
        raise StoreError(
            f"{connection.location}: is a database but not an eventwire store (it has "
            f"tables {sorted(tables)} and no {MIGRATIONS_TABLE} table). eventwire "
            "will not write into another application's database: pass a new file "
            "or an empty database."
        )


def _applied(connection: StoreConnection) -> set[str]:
    rows = connection.execute(f"SELECT name FROM {MIGRATIONS_TABLE}").fetchall()
    return {name for (name,) in rows}
