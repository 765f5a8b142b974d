"""``eventwire actors``: check user tables, explain a resolution, score the resolver."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from eventwire.cli.options import (
    ISO_DATE,
    actors_option,
    errors_as_click,
    load_resources,
)
from eventwire.errors import DataFileError

if TYPE_CHECKING:
    from eventwire.actors import ActorDictionary, ActorEntry
    from eventwire.model import Actor

# How many overridden packaged phrases `actors check` names before "...".
SHOWN_OVERRIDES = 5


@click.group()
def actors() -> None:
    """Check actor dictionaries, explain how a phrase resolves, score the resolver.

    \b
    Example:
        eventwire actors check my_people.tsv
        eventwire actors lookup "the French president" --date 2015-11-27
        eventwire actors score samples/gold/actors.jsonl
    """


@actors.command()
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
def check(files: tuple[Path, ...]) -> None:
    """Validate user actor tables (people or organisations TSV) without coding.

    Each FILE is read as `--actors FILE` would read it. Problems are printed
    as FILE:LINE: problem and the exit code is 1; a valid file gets a summary
    of what it adds to and overrides in the packaged dictionary.

    \b
    Example:
        eventwire actors check my_people.tsv my_groups.tsv
    """
    from eventwire.actors import load_actor_dictionary

    with errors_as_click():
        packaged = load_actor_dictionary()
    failed = 0
    for path in files:
        try:
            load_actor_dictionary([path])
        except DataFileError as error:
            failed += 1
            click.echo(str(error), err=True)
            continue
        click.echo(_check_summary(path, packaged))
    if failed:
        raise click.ClickException(
            f"{failed} of {len(files)} file{'s' if len(files) > 1 else ''} "
            "failed the check; fix the lines named above"
        )


@actors.command()
@click.argument("phrase")
@click.option(
    "--date",
    "on",
    type=ISO_DATE,
    help="Article date: people resolve to the role held that day (default: latest).",
)
@actors_option
def lookup(phrase: str, on: date | None, actor_files: tuple[Path, ...]) -> None:
    """Explain how PHRASE resolves: code, name, method, dictionary row, dates.

    PHRASE is coded as a one-line article published on --date, by the same
    pipeline, resolver and dictionary as `eventwire code`.

    \b
    Example:
        eventwire actors lookup "the French president" --date 2015-11-27
        eventwire actors lookup "Medvedev" --date 2009-06-15
    """
    from eventwire.model import Article, Failure
    from eventwire.pipeline import code_articles

    if not phrase.strip():
        raise click.BadParameter("the phrase is empty", param_hint="PHRASE")
    resources = load_resources(actor_files)
    article = Article(id="lookup", text=phrase, published=on)
    with errors_as_click():
        (result,) = code_articles([article], resources=resources)
    if isinstance(result, Failure):
        raise click.ClickException(
            f"{phrase!r} could not be resolved: {result.message}"
        )
    found = result.actors
    when = on.isoformat() if on else "no date (latest roles)"
    if not found:
        raise click.ClickException(
            f"no actor found in {phrase!r} on {when}; try the phrase inside a "
            'sentence, e.g. "the French president said"'
        )
    click.echo(f"{phrase!r} on {when}:")
    for actor in found:
        click.echo("\n".join(_explain(actor, resources.dictionary, on=on)))


@actors.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--errors", is_flag=True, help="Also list every gold mention coded wrongly."
)
@actors_option
def score(
    gold: Path, as_json: bool, errors: bool, actor_files: tuple[Path, ...]
) -> None:
    """Score the actor resolver against a gold file (JSON lines).

    Prints precision, recall and F1 of the actor code overall, by country and
    by mention kind, and how many unknown actors keep a null code. The gold
    format is described in samples/gold/README.md.

    \b
    Example:
        eventwire actors score samples/gold/actors.jsonl
        eventwire actors score samples/gold/actors.jsonl --json
    """
    from eventwire.actors.scoring import (
        error_lines,
        read_actor_gold,
        score_actors,
        score_lines,
    )

    with errors_as_click():
        passages = read_actor_gold(gold)
    resources = load_resources(actor_files)
    with errors_as_click():
        figures = score_actors(passages, resources=resources)
    if as_json:
        click.echo(json.dumps(figures.as_record(), indent=2))
        return
    lines = score_lines(figures)
    if errors:
        lines += ["", *error_lines(figures)]
    click.echo("\n".join(lines))


def _check_summary(path: Path, packaged: ActorDictionary) -> str:
    """Rows and phrases of a user table that loaded cleanly, and what it overrides.

    People and organisation tables both hold the name in column 2 and the
    aliases in column 3.
    """
    from eventwire.actors.dictionary import normalise

    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.strip()]
    phrases = {
        normalise(phrase)
        for cells in rows
        for phrase in [cells[1], *cells[2].split("|")]
        if phrase.strip()
    }
    replaced = sorted(
        {
            entry.phrase
            for entry in packaged.entries
            if normalise(entry.phrase) in phrases
        }
    )
    summary = (
        f"{path}: OK, {len(rows)} row{'s' if len(rows) != 1 else ''} naming "
        f"{len(phrases)} phrase{'s' if len(phrases) != 1 else ''}"
    )
    if not replaced:
        return summary + "; overrides no packaged phrase"
    shown = ", ".join(replaced[:SHOWN_OVERRIDES])
    more = ", ..." if len(replaced) > SHOWN_OVERRIDES else ""
    return summary + f"; overrides {len(replaced)} packaged phrases ({shown}{more})"


def _explain(
    actor: Actor, dictionary: ActorDictionary, *, on: date | None
) -> list[str]:
    lines = [
        f"  {actor.text!r} -> {actor.code or 'no code'}",
        f"    name:     {actor.name or '-'}",
        f"    method:   {actor.method}",
        f"    entry:    {actor.entry_id or '-'}",
    ]
    if actor.label:
        lines.append(f"    label:    {actor.label}")
    if actor.antecedent is not None:
        lines.append(f"    refers to: {actor.antecedent.text!r}")
    entry = _entry(dictionary, actor.entry_id)
    if entry is not None and entry.kind == "person":
        lines += [
            f"    role:     {entry.role or entry.office or '-'}",
            f"    dates:    {_dates(entry)}",
        ]
        if on is not None and not entry.valid_on(on):
            lines.append(f"    not in this role on {on.isoformat()}: no code")
    holders = _office_holders(dictionary, actor, on=on)
    for holder in holders:
        used = entry is not None and holder.id == entry.id
        note = "" if used else " (not the resolver's pick)"
        lines.append(
            f"    office holder: {holder.name} ({holder.id}, {holder.office}, "
            f"{_dates(holder)}){note}"
        )
    return lines


def _office_holders(
    dictionary: ActorDictionary, actor: Actor, *, on: date | None
) -> tuple[ActorEntry, ...]:
    """Who held the office a title names ("French president") on ``on``.

    Uses the resolver's own title-to-office map and office index, and is shown
    next to the resolver's answer so that a title resolved to the wrong
    person, or to none, can be seen at once.
    """
    from eventwire.actors.dictionary import normalise
    from eventwire.actors.titles import title_office

    found = title_office(normalise(actor.text).split())
    if actor.country is None or found is None:
        return ()
    _, office = found
    return dictionary.office_holders(actor.country, office, on=on)


def _dates(entry: ActorEntry) -> str:
    since = entry.start.isoformat() if entry.start else "?"
    until = entry.end.isoformat() if entry.end else "in office"
    return f"{since} to {until}"


def _entry(dictionary: ActorDictionary, entry_id: str | None) -> ActorEntry | None:
    if entry_id is None:
        return None
    return next((entry for entry in dictionary.entries if entry.id == entry_id), None)
