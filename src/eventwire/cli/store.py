"""Commands over a stored corpus: ``export``, ``aggregate`` and ``actors unknown``.

:data:`store_option` (``--db``: a SQLite file or a PostgreSQL URL, default
``$EVENTWIRE_DB``) and :func:`event_filter_options` (the store's event
filters as options) are shared with any command that reads a store.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import click

from eventwire.cli.options import ISO_DATE, errors_as_click
from eventwire.store.postgres import is_postgres_url

F = TypeVar("F", bound=Callable[..., Any])

ROW_FORMATS = ("jsonl", "csv", "table")
CODE_FILTERS = ("actor", "source", "target", "country")

store_option = click.option(
    "--db",
    required=True,
    envvar="EVENTWIRE_DB",
    show_envvar=True,
    metavar="PATH|URL",
    help="The store: a SQLite file written by `eventwire run`, or a "
    "postgresql://USER:PASSWORD@HOST:PORT/DATABASE URL.",
)

_FILTER_OPTIONS = (
    click.option("--actor", help="Actor code or prefix, as source or target (RUS)."),
    click.option("--source", help="Source actor code or prefix (RUSGOV, RUS)."),
    click.option("--target", help="Target actor code or prefix (UKR)."),
    click.option("--country", help="ISO-3 country of the source or target (RUS)."),
    click.option("--cameo", help="CAMEO event code or prefix (19, 042)."),
    click.option("--root", help="CAMEO root code, two digits (11 = disapprove)."),
    click.option(
        "--quad-class",
        type=click.IntRange(1, 4),
        help="1 verbal / 2 material cooperation, 3 verbal / 4 material conflict.",
    ),
    click.option("--since", type=ISO_DATE, help="First event date, inclusive."),
    click.option("--until", type=ISO_DATE, help="Last event date, inclusive."),
    click.option("--place", help="Place name (any case) or its ISO-3 country."),
    click.option("--text", help="Words in the evidence sentence (any case)."),
    click.option("--article", "article_id", help="Only this article's events."),
)


def event_filter_options(function: F) -> F:
    """Add the store's event filters as options (``--actor`` ... ``--article``)."""
    for option in reversed(_FILTER_OPTIONS):
        function = option(function)
    return function


def store_filters(options: dict[str, Any]) -> dict[str, Any]:
    """The filter keyword arguments of the given options, checked and normalised.

    Raises:
        click.BadParameter: ``--root`` is not two digits.
    """
    root = options.get("root")
    if root is not None and not (len(root) == 2 and root.isdigit()):
        raise click.BadParameter(
            f"{root!r} is not a CAMEO root; use two digits, e.g. 11",
            param_hint="--root",
        )
    filters = {name: value for name, value in options.items() if value is not None}
    for name in CODE_FILTERS:
        if name in filters:
            filters[name] = filters[name].upper()
    return filters


def require_store(location: str) -> None:
    """Refuse a SQLite path that does not exist (reading must not create it)."""
    if is_postgres_url(location):
        return
    path = Path(location.removeprefix("sqlite:///"))
    if not path.exists():
        raise click.ClickException(
            f"{path} does not exist; create it with "
            f"`eventwire run INPUT... --db {path}`"
        )


@contextmanager
def _output(output: Path | None) -> Iterator[IO[bytes]]:
    if output is None:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        stream = output.open("wb")
    except OSError as error:
        raise click.ClickException(
            f"cannot write {output}: {error.strerror}"
        ) from error
    with stream:
        yield stream


@click.command()
@store_option
@event_filter_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("jsonl", "csv", "parquet", "gdelt", "plover")),
    default="jsonl",
    show_default=True,
    help="jsonl/csv/parquet: one row per event mention; gdelt: GDELT 2.0 event "
    "table (tab-separated, deduplicated events); plover: PLOVER JSON lines.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
def export(
    db: str,
    output_format: str,
    output: Path | None,
    limit: int | None,
    **options: Any,
) -> None:
    """Export stored events as CSV, JSON lines, Parquet, GDELT or PLOVER.

    Takes the same filters as `eventwire events`. The row count goes to
    standard error.

    \b
    Example:
        eventwire export --db eventwire.db --format parquet -o events.parquet
        eventwire export --db eventwire.db --format gdelt --country RUS > rus.tsv
    """
    from eventwire.export import ExportFormat, export_events
    from eventwire.store import open_store

    filters = store_filters(options)
    require_store(db)
    if output is None and output_format == "parquet" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: pass --output FILE or redirect.")
    with errors_as_click(), open_store(db) as store, _output(output) as stream:
        written = export_events(
            store,
            stream,
            output_format=cast(ExportFormat, output_format),
            limit=limit,
            **filters,
        )
    where = output if output is not None else "standard output"
    click.echo(f"wrote {written} {output_format} rows to {where}", err=True)


@click.command()
@store_option
@click.option(
    "--by",
    type=click.Choice(("day", "week", "month")),
    default="month",
    show_default=True,
    help="Period of the time series (weeks start on Monday).",
)
@click.option(
    "--dyad",
    metavar="SOURCE,TARGET",
    help="Only events from SOURCE to TARGET (actor codes or prefixes).",
)
@click.option(
    "--kind",
    type=click.Choice(("timeseries", "dyads", "network")),
    default="timeseries",
    show_default=True,
    help="timeseries: counts per period and dyad; dyads: the busiest pairs; "
    "network: actor-to-actor edges with cooperation/conflict balance.",
)
@event_filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(ROW_FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
def aggregate(
    db: str,
    by: str,
    dyad: str | None,
    kind: str,
    limit: int | None,
    output_format: str,
    **options: Any,
) -> None:
    """Count stored events per period and dyad, list top dyads, or the network.

    Time series rows hold the event count, Goldstein sum and mean, and the
    count of each QuadClass (quad1..quad4) per period and dyad.

    \b
    Example:
        eventwire aggregate --db eventwire.db --by week --dyad RUS,UKR
        eventwire aggregate --db eventwire.db --kind network --format jsonl
    """
    from eventwire.aggregate import AggregateKind, parse_dyad
    from eventwire.aggregate import aggregate as aggregate_events
    from eventwire.store import Period, open_store

    filters = store_filters(options)
    if dyad is not None:
        try:
            filters["source"], filters["target"] = parse_dyad(dyad)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--dyad") from error
    require_store(db)
    with errors_as_click(), open_store(db) as store:
        rows = aggregate_events(
            store,
            kind=cast(AggregateKind, kind),
            by=cast(Period, by),
            limit=limit,
            **filters,
        )
    write_rows(rows, output_format)


@click.command("unknown")
@store_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Show this many names.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(ROW_FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
def actors_unknown(db: str, limit: int, output_format: str) -> None:
    """List the actors the dictionary could not code, most mentioned first.

    Names are grouped by text and entity label (PERSON, ORG...); pronouns
    are left out. The top of the list is what to add to the actor tables.

    \b
    Example:
        eventwire actors unknown --db eventwire.db --limit 20
    """
    from eventwire.store import open_store

    require_store(db)
    with errors_as_click(), open_store(db) as store:
        rows = store.actors(limit=limit, unknown=True)
    write_rows(
        [
            {k: row[k] for k in ("text", "label", "mentions", "articles")}
            for row in rows
        ],
        output_format,
    )


def write_rows(rows: Sequence[dict[str, Any]], output_format: str) -> None:
    """Print rows of plain values as JSON lines, CSV or an aligned table."""
    if output_format == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        return
    columns = list(rows[0])
    if output_format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    cells = [[_cell(row[column]) for column in columns] for row in rows]
    widths = [
        max(len(column), *(len(line[index]) for line in cells))
        for index, column in enumerate(columns)
    ]
    numeric = [isinstance(rows[0][column], int | float) for column in columns]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ).rstrip()

    click.echo(line(columns))
    for values in cells:
        click.echo(line(values))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:+.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
