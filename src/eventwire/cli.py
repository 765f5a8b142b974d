"""The ``eventwire`` command line: thin wrappers over the library.

Library errors (:class:`~eventwire.errors.EventwireError`) become ``Error: ...``
messages with exit code 1; stdout carries only data, progress goes to stderr.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventwire import __version__
from eventwire.errors import EventwireError
from eventwire.formats import table_lines, write_csv, write_jsonl
from eventwire.ingest import read_articles
from eventwire.model import CodedArticle, Failure

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

FORMATS = ("jsonl", "csv", "table")
PROGRESS_EVERY = 25


class IsoDate(click.ParamType[date]):
    """A calendar date written as YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2015-11-27",
                param,
                ctx,
            )


ISO_DATE = IsoDate()

input_argument = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
published_option = click.option(
    "--published",
    type=ISO_DATE,
    help="Publication date for inputs that carry none (dates stay unknown otherwise).",
)
processes_option = click.option(
    "--processes",
    "-n",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Parser processes (spaCy nlp.pipe n_process).",
)
actors_option = click.option(
    "--actors",
    "actor_files",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    multiple=True,
    help="Extra actor table (TSV) adding or overriding dictionary entries; repeatable.",
)
new_db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="SQLite database file (created when missing).",
)
db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="SQLite database written by `eventwire run`.",
)
format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="Output format.",
)


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

    resources = _load_resources(actor_files)
    counter = _Counter()
    items = read_articles(inputs, published=published)
    results = code_articles(items, resources=resources, n_process=processes)
    records = (
        event.as_record()
        for result in _reporting(results, counter)
        for event in result.events
    )
    _write(records, output_format)
    counter.finish()
    if counter.articles == 0:
        raise click.ClickException(_nothing_read(inputs))


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

    resources = _load_resources(actor_files)
    counter = _Counter()
    with _errors_as_click(), open_store(db) as store:
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
        raise click.ClickException(_nothing_read(inputs))


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

    _require_existing(db)
    if root is not None and not (len(root) == 2 and root.isdigit()):
        raise click.BadParameter(
            f"{root!r} is not a CAMEO root; use two digits, e.g. 11",
            param_hint="--root",
        )
    with _errors_as_click(), open_store(db) as store:
        records = store.events(
            actor=actor.upper() if actor else None,
            country=country.upper() if country else None,
            root=root,
            since=since,
            until=until,
            limit=limit,
        )
        _write(records, output_format)


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

    _require_existing(db)
    with _errors_as_click(), open_store(db) as store:
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


def _load_resources(actor_files: tuple[Path, ...]) -> Resources:
    from eventwire.pipeline import load_resources

    with _errors_as_click():
        return load_resources(actor_files=actor_files)


def _write(records: Iterator[dict[str, Any]], output_format: str) -> None:
    out = sys.stdout
    with _errors_as_click():
        if output_format == "jsonl":
            write_jsonl(records, out)
        elif output_format == "csv":
            write_csv(records, out)
        else:
            for line in table_lines(records):
                click.echo(line)


class _Counter:
    """Counts results and shows progress on stderr when it is a terminal."""

    def __init__(self) -> None:
        self.articles = 0
        self.events = 0
        self.failures = 0
        self.interactive = sys.stderr.isatty()

    def update(self, item: CodedArticle | Failure) -> None:
        if isinstance(item, Failure):
            self.failures += 1
            where = item.origin or "input"
            if item.line is not None:
                where = f"{where}:{item.line}"
            click.echo(f"skipped {where}: {item.message}", err=True)
        else:
            self.articles += 1
            self.events += len(item.events)
        if self.interactive and (self.articles + self.failures) % PROGRESS_EVERY == 0:
            click.echo(
                f"\r{self.articles} articles, {self.events} events", err=True, nl=False
            )

    def finish(self) -> None:
        if self.interactive and self.articles + self.failures >= PROGRESS_EVERY:
            click.echo(err=True)


def _reporting(
    results: Iterator[CodedArticle | Failure], counter: _Counter
) -> Iterator[CodedArticle]:
    with _errors_as_click():
        for result in results:
            counter.update(result)
            if isinstance(result, CodedArticle):
                yield result


def _nothing_read(inputs: tuple[str, ...]) -> str:
    return (
        f"no article could be read from {', '.join(inputs)}; check the paths and "
        "formats (.txt, .jsonl, .json, .csv, .html, a directory, or - for stdin)"
    )


def _require_existing(db: Path) -> None:
    if not db.exists():
        raise click.ClickException(
            f"{db} does not exist; create it with `eventwire run INPUT... --db {db}`"
        )


@contextmanager
def _errors_as_click() -> Iterator[None]:
    """Turn library errors into click errors once, at the edge."""
    try:
        yield
    except EventwireError as error:
        raise click.ClickException(str(error)) from error
