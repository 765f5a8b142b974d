"""Options, parameter types and edge helpers shared by the command modules."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventwire.errors import EventwireError
from eventwire.formats import table_lines, write_csv, write_jsonl
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
format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="Output format.",
)


def load_resources(actor_files: tuple[Path, ...]) -> Resources:
    from eventwire.pipeline import load_resources

    with errors_as_click():
        return load_resources(actor_files=actor_files)


def write(records: Iterator[dict[str, Any]], output_format: str) -> None:
    out = sys.stdout
    with errors_as_click():
        if output_format == "jsonl":
            write_jsonl(records, out)
        elif output_format == "csv":
            write_csv(records, out)
        else:
            for line in table_lines(records):
                click.echo(line)


class Counter:
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


def reporting(
    results: Iterator[CodedArticle | Failure], counter: Counter
) -> Iterator[CodedArticle]:
    with errors_as_click():
        for result in results:
            counter.update(result)
            if isinstance(result, CodedArticle):
                yield result


def nothing_read(inputs: tuple[str, ...]) -> str:
    return (
        f"no article could be read from {', '.join(inputs)}; check the paths and "
        "formats (.txt, .jsonl, .json, .csv, .html, a directory, or - for stdin)"
    )


@contextmanager
def errors_as_click() -> Iterator[None]:
    """Turn library errors into click errors once, at the edge."""
    try:
        yield
    except EventwireError as error:
        raise click.ClickException(str(error)) from error
