"""Print how the pipeline scores on the bundled sample corpus against its gold.

    .venv/bin/python scripts/evaluate_samples.py [--articles FILE] [--gold FILE]

Three levels (exact codes; CAMEO 3-digit with actor countries; root with actor
countries) and a per-root table. The test suite's floors come from this.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.evaluate import read_gold, root_table, score_events
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
    gold = read_gold(args.gold)
    print(f"{len(predicted)} events coded, {len(gold)} gold events")
    print(f"{'level':<8}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for level, score in score_events(predicted, gold).items():
        print(
            f"{level:<8}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
            f"{score.true_positives:>5}{score.false_positives:>5}{score.false_negatives:>5}"
        )
    print(f"\n{'root':<6}{'tp':>5}{'fp':>5}{'fn':>5}")
    for root, score in root_table(predicted, gold).items():
        print(
            f"{root:<6}{score.true_positives:>5}{score.false_positives:>5}"
            f"{score.false_negatives:>5}"
        )


if __name__ == "__main__":
    main()
