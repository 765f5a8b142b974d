"""``eventwire evaluate``: code a gold file with the pipeline and score it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from eventwire.cli.options import actors_option, errors_as_click, load_resources
from eventwire.evaluate import (
    CONFUSIONS_SHOWN,
    Evaluation,
    Score,
    code_gold_texts,
    evaluate_events,
    gold_events_of,
    read_gold_texts,
)


@click.command()
@click.argument(
    "gold_file",
    metavar="GOLD.jsonl",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@actors_option
def evaluate(gold_file: Path, as_json: bool, actor_files: tuple[Path, ...]) -> None:
    """Code gold texts and print precision, recall and F1 against their events.

    GOLD.jsonl holds one {"id", "text", "published", "events"} object per line;
    each event is {"source", "target", "cameo"}, optionally "negated": true and
    a "modality". Triples are scored at three levels: exact codes, CAMEO 3-digit
    with actor countries, root with actor countries. Negated events are scored
    apart.

    \b
    Example:
        eventwire evaluate samples/gold/events.jsonl
        eventwire evaluate samples/gold/events.jsonl --json
    """
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
