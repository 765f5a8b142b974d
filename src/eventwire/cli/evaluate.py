"""``eventwire evaluate``: code a gold file with the pipeline and score it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from eventwire.cli.options import actors_option, errors_as_click, load_resources
from eventwire.dates.gold import read_date_gold
from eventwire.dates.scoring import score_dateparser, score_dates
from eventwire.evaluate import (
    CONFUSIONS_SHOWN,
    Evaluation,
    Score,
    code_gold_texts,
    evaluate_events,
    gold_events_of,
    read_gold_texts,
)
from eventwire.places.scoring import read_place_gold, score_places
from eventwire.quotes.scoring import read_quote_gold, score_quotes

GOLD_KINDS = ("events", "quotes", "dates", "places")
# The list each kind of gold file keeps its answers under.
GOLD_LISTS = {"quotes": "quotes", "times": "dates", "places": "places"}


@click.command()
@click.argument(
    "gold_file",
    metavar="GOLD.jsonl",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--kind",
    type=click.Choice(GOLD_KINDS),
    help="What the gold file scores (default: told from its first record).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@actors_option
def evaluate(
    gold_file: Path, kind: str | None, as_json: bool, actor_files: tuple[Path, ...]
) -> None:
    """Code gold texts and score a stage against their hand-coded answers.

    \b
    events  {"id", "text", "published", "events"}: each event {"source",
            "target", "cameo"}, optionally "negated" and "modality"; triples
            are scored at three levels (exact codes, CAMEO 3-digit with actor
            countries, root with actor countries), negated events apart.
    quotes  {"id", "text", "published", "quotes"}: detection P/R/F1, kind,
            cue, speaker mention and speaker code accuracy.
    dates   {"id", "text", "published", "times", "events"}: detection
            (strict extent and overlap), TimeML values, types, datelines,
            event dates; with dateparser alone as a baseline.
    places  {"id", "text", "published", "places", "events"}: detection,
            country and feature accuracy, accuracy within 161 km, event places.

    The samples/gold/ README gives each format in full.

    \b
    Example:
        eventwire evaluate samples/gold/events.jsonl
        eventwire evaluate samples/gold/dates.jsonl --json
    """
    kind = kind or gold_kind(gold_file)
    if kind != "events":
        _evaluate_stage(gold_file, kind, as_json=as_json, actor_files=actor_files)
        return
    with errors_as_click():
        texts = read_gold_texts(gold_file)
    resources = load_resources(actor_files)
    with errors_as_click():
        predicted = code_gold_texts(texts, resources=resources)
    evaluation = evaluate_events(predicted, gold_events_of(texts), texts=len(texts))
    if as_json:
        click.echo(json.dumps(evaluation.as_record(), indent=2))
    else:
        for line in report_lines(evaluation):
            click.echo(line)


def gold_kind(path: Path) -> str:
    """The kind of a gold file, from the answer list of its first record."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    break  # the reader of the events gold names the bad line
                if isinstance(record, dict):
                    for key, kind in GOLD_LISTS.items():
                        if key in record:
                            return kind
                break
    return "events"


def _evaluate_stage(
    gold_file: Path, kind: str, *, as_json: bool, actor_files: tuple[Path, ...]
) -> None:
    report: dict[str, Any]
    with errors_as_click():
        if kind == "quotes":
            quote_gold = read_quote_gold(gold_file)
            resources = load_resources(actor_files)
            report = score_quotes(quote_gold, resources=resources).as_record()
        elif kind == "dates":
            date_gold = read_date_gold(gold_file)
            resources = load_resources(actor_files)
            report = score_dates(date_gold, resources=resources).as_record()
            report["dateparser_alone"] = score_dateparser(date_gold).as_record()
        else:
            place_gold = read_place_gold(gold_file)
            resources = load_resources(actor_files)
            report = score_places(place_gold, resources=resources).as_record()
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        for line in figure_lines(report):
            click.echo(line)


def figure_lines(record: dict[str, Any], indent: str = "") -> list[str]:
    """A nested dict of figures as indented ``name: value`` lines; a dict of
    precision/recall/F1 on one line."""
    lines = []
    for name, value in record.items():
        if isinstance(value, dict) and {"precision", "recall", "f1"} <= set(value):
            counts = "  ".join(
                f"{key} {value[key]}"
                for key in value
                if key not in {"precision", "recall", "f1"}
            )
            lines.append(
                f"{indent}{name}: P {value['precision']:.3f}  R {value['recall']:.3f}"
                f"  F1 {value['f1']:.3f}" + (f"  ({counts})" if counts else "")
            )
        elif isinstance(value, dict) and set(value) == {"right", "total", "accuracy"}:
            lines.append(
                f"{indent}{name}: {value['accuracy']:.3f}"
                f" ({value['right']} of {value['total']})"
            )
        elif isinstance(value, dict):
            lines.append(f"{indent}{name}:")
            lines.extend(figure_lines(value, indent + "  "))
        elif not isinstance(value, list):
            lines.append(f"{indent}{name}: {value}")
    return lines


def report_lines(evaluation: Evaluation) -> list[str]:
    """The human-readable report: levels, per-root table, confusions."""
    lines = [
        f"{evaluation.texts} gold texts, {evaluation.gold_events} gold events, "
        f"{evaluation.system_events} coded events",
        "",
        f"{'level':<15}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for title, scores in (("", evaluation.scores), ("negated ", evaluation.negated)):
        lines.extend(
            f"{title + level:<15}{_figures(score)}" for level, score in scores.items()
        )
    if evaluation.modality_matched:
        lines.append(
            f"modality agrees on {evaluation.modality_agreeing} of "
            f"{evaluation.modality_matched} exact matches"
        )
    lines += ["", f"{'root':<6}{'gold':>6}{'system':>8}{'matched':>9}{'P':>7}{'R':>7}"]
    for root, score in evaluation.roots.items():
        lines.append(
            f"{root:<6}{score.true_positives + score.false_negatives:>6}"
            f"{score.true_positives + score.false_positives:>8}"
            f"{score.true_positives:>9}{score.precision:>7.2f}{score.recall:>7.2f}"
        )
    confusions = evaluation.confusions
    lines += ["", "code confusions (gold -> system, same actor countries)"]
    lines += [
        f"{count:>5}  {gold} -> {system}"
        for (gold, system), count in confusions.codes.most_common(CONFUSIONS_SHOWN)
    ]
    lines += ["", "actor confusions (role: gold -> system, same code)"]
    lines += [
        f"{count:>5}  {role}: {gold} -> {system}"
        for (role, gold, system), count in confusions.actors.most_common(
            CONFUSIONS_SHOWN
        )
    ]
    lines += ["", f"{'root':<6}{'missed':>8}{'extra':>7}"]
    for root in sorted(set(confusions.missed) | set(confusions.extra)):
        lines.append(
            f"{root:<6}{confusions.missed[root]:>8}{confusions.extra[root]:>7}"
        )
    return lines


def _figures(score: Score) -> str:
    return (
        f"{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
        f"{score.true_positives:>6}{score.false_positives:>6}"
        f"{score.false_negatives:>6}"
    )
