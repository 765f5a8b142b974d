"""The ``eventwire`` command line: thin wrappers over the library.

Library errors (:class:`~eventwire.errors.EventwireError`) become ``Error: ...``
messages with exit code 1; stdout carries only data, progress goes to stderr.
"""

from __future__ import annotations

import itertools
import logging
from datetime import date
from pathlib import Path
from typing import Any

import click

from eventwire import __version__
from eventwire.cli.actors import actors as actors_group
from eventwire.cli.evaluate import evaluate as evaluate_command
from eventwire.cli.extract import dates, places, quotes
from eventwire.cli.options import (
    Counter,
    actors_option,
    errors_as_click,
    format_option,
    input_argument,
    load_resources,
    nothing_read,
    processes_option,
    published_option,
    reporting,
    write,
)
from eventwire.cli.serve import serve
from eventwire.cli.store import (
    actors_unknown,
    aggregate,
    event_filter_options,
    export,
    require_store,
    store_filters,
    store_option,
)
from eventwire.ingest import read_articles


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """eventwire: English news in, political event data out.

    \b
    Example:
        eventwire code article.txt --published 2015-11-27
        eventwire run samples/articles.jsonl --db eventwire.db
        eventwire events --db eventwire.db --country RUS --format table
    """
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@cli.command()
@input_argument
@format_option
@published_option
@processes_option
@actors_option
def code(
    inputs: tuple[str, ...],
    output_format: str,
    published: date | None,
    processes: int,
    actor_files: tuple[Path, ...],
) -> None:
    """Code articles and print their events (JSON lines by default).

    INPUT is a .txt, .jsonl, .json, .csv or .html file, a directory (read
    recursively), or - for standard input.

    \b
    Example:
        eventwire code article.txt --published 2015-11-27
        cat articles.jsonl | eventwire code - --format csv
    """
    from eventwire.pipeline import code_articles

    resources = load_resources(actor_files)
    counter = Counter()
    items = read_articles(inputs, published=published)
    results = code_articles(items, resources=resources, n_process=processes)
    records = (
        event.as_record()
        for result in reporting(results, counter)
        for event in result.events
    )
    write(records, output_format)
    counter.finish()
    if counter.articles == 0:
        raise click.ClickException(nothing_read(inputs))


@cli.command()
@input_argument
@store_option
@published_option
@processes_option
@actors_option
def run(
    inputs: tuple[str, ...],
    db: str,
    published: date | None,
    processes: int,
    actor_files: tuple[Path, ...],
) -> None:
    """Code articles into a store, resuming where a previous run stopped.

    The store is a SQLite file (created when missing) or a PostgreSQL URL.

    Articles already stored with the same text and coder are skipped, so
    running the same input twice stores nothing twice. Unreadable articles
    are recorded as failures and the run goes on.

    \b
    Example:
        eventwire run samples/articles.jsonl --db eventwire.db
    """
    from eventwire import pipeline
    from eventwire.store import open_store

    items = read_articles(inputs, published=published)
    first = next(items, None)
    if first is None:
        # Nothing to code: fail before a new store file is created.
        raise click.ClickException(nothing_read(inputs))
    resources = load_resources(actor_files)
    counter = Counter()
    with errors_as_click(), open_store(db) as store:
        summary = pipeline.run(
            itertools.chain([first], items),
            resources=resources,
            store=store,
            n_process=processes,
            progress=counter.update,
        )
    counter.finish()
    click.echo(
        f"{db}: read {summary.read} articles ({summary.skipped} already stored), "
        f"coded {summary.coded} with {summary.events} events; "
        f"{summary.failures} failures recorded",
        err=True,
    )
    if summary.read == 0:
        raise click.ClickException(nothing_read(inputs))


@cli.command()
@store_option
@event_filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    help="Skip this many events first (with --limit, to page).",
)
@format_option
def events(
    db: str,
    limit: int | None,
    offset: int,
    output_format: str,
    **options: Any,
) -> None:
    """Print stored events, filtered.

    \b
    Example:
        eventwire events --db eventwire.db --country RUS --root 11 --format table
    """
    from eventwire.store import open_store

    filters = store_filters(options)
    require_store(db)
    with errors_as_click(), open_store(db) as store:
        write(
            store.events(limit=limit, offset=offset, **filters),
            output_format,
        )


@cli.command()
@store_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show this many pairs.",
)
def dyads(db: str, limit: int) -> None:
    """Print the most frequent source -> target pairs with their Goldstein balance.

    \b
    Example:
        eventwire dyads --db eventwire.db --limit 10
    """
    from eventwire.store import open_store

    require_store(db)
    with errors_as_click(), open_store(db) as store:
        pairs = store.dyads(limit=limit)
        counts = store.counts()
    click.echo(
        f"{'source':<12}{'target':<12}{'events':>7}{'coop':>6}{'confl':>6}{'goldstein':>11}"
    )
    for pair in pairs:
        click.echo(
            f"{pair.source or '?':<12}{pair.target or '-':<12}{pair.events:>7}"
            f"{pair.cooperation:>6}{pair.conflict:>6}{pair.goldstein_mean:>+11.2f}"
        )
    click.echo(
        f"{counts.articles} articles, {counts.events} events, "
        f"{counts.failures} failures in {db}"
    )


cli.add_command(actors_group)
cli.add_command(evaluate_command)
cli.add_command(serve)
cli.add_command(export)
cli.add_command(aggregate)
cli.add_command(quotes)
cli.add_command(dates)
cli.add_command(places)
actors_group.add_command(actors_unknown)
