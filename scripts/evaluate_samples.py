"""Print how the pipeline scores on the bundled sample corpus against its gold.

    .venv/bin/python scripts/evaluate_samples.py [--articles FILE] [--gold FILE]

The same report as ``eventwire evaluate`` (three levels, negated events apart,
per-root table, confusions), for the article corpus and its sentence-level gold
(samples/expected_events.jsonl). The floors of tests/test_golden.py come from
this; the team's sentence gold is scored with ``eventwire evaluate
samples/gold/events.jsonl`` instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.cli.evaluate import report_lines
from eventwire.evaluate import evaluate_events, read_gold
from eventwire.ingest import read_articles
from eventwire.model import CodedArticle
from eventwire.pipeline import code_articles, load_resources

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=SAMPLES / "articles.jsonl")
    parser.add_argument("--gold", type=Path, default=SAMPLES / "expected_events.jsonl")
    args = parser.parse_args()
    resources = load_resources()
    predicted = [
        event.as_record()
        for result in code_articles(read_articles([args.articles]), resources=resources)
        if isinstance(result, CodedArticle)
        for event in result.events
    ]
    for line in report_lines(evaluate_events(predicted, read_gold(args.gold))):
        print(line)


if __name__ == "__main__":
    main()
