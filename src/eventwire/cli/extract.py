"""``eventwire quotes``, ``dates`` and ``places``: one stage's records as data.

Each runs the whole pipeline (a quote's speaker needs the actor resolver, its
``event_id`` the coder) and prints the records of one stage, in article and
text order, with offsets into the original input text.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from eventwire.cli.options import (
    Counter,
    actors_option,
    input_argument,
    load_resources,
    nothing_read,
    processes_option,
    published_option,
    reporting,
)
from eventwire.ingest import read_articles
from eventwire.model import CodedArticle, JSONDict

RecordsOf = Callable[[CodedArticle], Iterable[JSONDict]]

extract_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(("jsonl", "csv")),
    default="jsonl",
    show_default=True,
    help="JSON lines, or CSV with nested fields as prefixed columns (cue_text).",
)


def _extract(
    inputs: tuple[str, ...],
    *,
    published: date | None,
    processes: int,
    actor_files: tuple[Path, ...],
    output_format: str,
    records_of: RecordsOf,
) -> None:
    from eventwire.pipeline import code_articles

    resources = load_resources(actor_files)
    counter = Counter()
    items = read_articles(inputs, published=published)
    results = code_articles(items, resources=resources, n_process=processes)
    records = (
        record for coded in reporting(results, counter) for record in records_of(coded)
    )
    if output_format == "csv":
        write_flat_csv(records, sys.stdout)
    else:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    counter.finish()
    if counter.articles == 0:
        raise click.ClickException(nothing_read(inputs))


def flat_record(record: JSONDict) -> JSONDict:
    """Nested objects become prefixed columns (``speaker_code``), lists
    space-separated values, so a record fits one CSV row."""
    row: JSONDict = {}
    for key, value in record.items():
        if isinstance(value, dict):
            row.update({f"{key}_{inner}": item for inner, item in value.items()})
        elif isinstance(value, list):
            row[key] = " ".join(str(item) for item in value)
        else:
            row[key] = value
    return row


def write_flat_csv(records: Iterator[JSONDict], stream: Any) -> int:
    """Write flattened records under the first record's columns; return the count.

    A nested field that is null in the first record still gets its columns
    from the first record that has it, so the header is fixed before writing.
    """
    rows = [flat_record(record) for record in records]
    columns: list[str] = []
    for row in rows:
        columns.extend(column for column in row if column not in columns)
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def _quote_records(coded: CodedArticle) -> Iterator[JSONDict]:
    return (quote.as_record() for quote in coded.quotes)


def _time_records(coded: CodedArticle) -> Iterator[JSONDict]:
    return (time.as_record() for time in coded.times)


def _place_records(coded: CodedArticle) -> Iterator[JSONDict]:
    return (toponym.as_record() for toponym in coded.places)


def _extract_command(name: str, records_of: RecordsOf, help_text: str) -> click.Command:
    """A verb printing one stage's records, with the inputs and options of
    ``eventwire code``."""

    @click.command(name=name, help=help_text)
    @input_argument
    @extract_format_option
    @published_option
    @processes_option
    @actors_option
    def command(
        inputs: tuple[str, ...],
        output_format: str,
        published: date | None,
        processes: int,
        actor_files: tuple[Path, ...],
    ) -> None:
        _extract(
            inputs,
            published=published,
            processes=processes,
            actor_files=actor_files,
            output_format=output_format,
            records_of=records_of,
        )

    return command


quotes = _extract_command(
    "quotes",
    _quote_records,
    """Print who said what: every direct, indirect and mixed quote.

    Each line is {article_id, start, end, text, kind, cue, speaker, event_id,
    event_ids}; the speaker is resolved through the actor dictionary ("he" ->
    Putin, RUSGOV), or null when nobody in reach says it.

    \b
    Example:
        eventwire quotes article.txt --published 2015-11-27
    """,
)
dates = _extract_command(
    "dates",
    _time_records,
    """Print every date and time expression with its TimeML value.

    Each line is {article_id, start, end, text, value, type, date, dateline}:
    "Thursday" in a paper of Friday 2015-11-27 has value 2015-11-26; relative
    expressions stay null without a publication date (--published).

    \b
    Example:
        eventwire dates article.txt --published 2015-11-27
    """,
)
places = _extract_command(
    "places",
    _place_records,
    """Print every place named, geocoded offline.

    Each line is {article_id, start, end, text, name, country, admin1, lat,
    lon, geonameid, feature, dateline}; a name the gazetteer does not know is
    kept with null fields.

    \b
    Example:
        eventwire places article.txt --published 2015-11-27
    """,
)
