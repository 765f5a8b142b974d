"""The ``eventwire`` command line: thin wrappers over the library.

Library errors (:class:`~eventwire.errors.EventwireError`) become ``Error: ...``
messages with exit code 1; stdout carries only data, progress goes to stderr.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import click

from eventwire import __version__
from eventwire.cli.options import (
    ISO_DATE,
    Counter,
    actors_option,
    db_option,
    errors_as_click,
    format_option,
    input_argument,
    load_resources,
    new_db_option,
    nothing_read,
    processes_option,
    published_option,
    reporting,
    require_existing,
    write,
)
from eventwire.cli.serve import serve
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
@new_db_option
@published_option
@processes_option
@actors_option
def run(
    inputs: tuple[str, ...],
    db: Path,
    published: date | None,
    processes: int,
    actor_files: tuple[Path, ...],
) -> None:
    """Code articles into a SQLite store, resuming where a previous run stopped.

    Articles already stored with the same text and coder are skipped, so
    running the same input twice stores nothing twice. Unreadable articles
    are recorded as failures and the run goes on.

    \b
    Example:
        eventwire run samples/articles.jsonl --db eventwire.db
    """
    from eventwire import pipeline
    from eventwire.store import open_store

    resources = load_resources(actor_files)
    counter = Counter()
    with errors_as_click(), open_store(db) as store:
        summary = pipeline.run(
            read_articles(inputs, published=published),
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
@db_option
@click.option(
    "--actor", help="Actor code or code prefix, as source or target (RUSGOV, RUS)."
)
@click.option("--country", help="ISO-3 country of the source or target (RUS).")
@click.option("--root", help="CAMEO root code, two digits (11 = disapprove).")
@click.option("--since", type=ISO_DATE, help="First event date, inclusive.")
@click.option("--until", type=ISO_DATE, help="Last event date, inclusive.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@format_option
def events(
    db: Path,
    actor: str | None,
    country: str | None,
    root: str | None,
    since: date | None,
    until: date | None,
    limit: int | None,
    output_format: str,
) -> None:
    """Print stored events, filtered.

    \b
    Example:
        eventwire events --db eventwire.db --country RUS --root 11 --format table
    """
    from eventwire.store import open_store

    require_existing(db)
    if root is not None and not (len(root) == 2 and root.isdigit()):
        raise click.BadParameter(
            f"{root!r} is not a CAMEO root; use two digits, e.g. 11",
            param_hint="--root",
        )
    with errors_as_click(), open_store(db) as store:
        records = store.events(
            actor=actor.upper() if actor else None,
            country=country.upper() if country else None,
            root=root,
            since=since,
            until=until,
            limit=limit,
        )
        write(records, output_format)


@cli.command()
@db_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show this many pairs.",
)
def dyads(db: Path, limit: int) -> None:
    """Print the most frequent source -> target pairs with their Goldstein balance.

    \b
    Example:
        eventwire dyads --db eventwire.db --limit 10
    """
    from eventwire.store import open_store

    require_existing(db)
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


cli.add_command(serve)
