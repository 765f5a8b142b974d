"""Print how the actor resolver scores on the team's actor gold.

    .venv/bin/python scripts/evaluate_actors.py [--gold FILE] [--errors]

Precision, recall and F1 of the actor code, overall, by country block and by
mention kind, and how many unknown actors are kept with a null code. The
floors in tests/test_actor_gold.py come from this. ``--errors`` also lists
every gold mention the resolver got wrong. ``eventwire actors score`` prints
the same table.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.actors.scoring import (
    error_lines,
    read_actor_gold,
    score_actors,
    score_lines,
)
from eventwire.pipeline import load_resources

GOLD = Path(__file__).resolve().parent.parent / "samples" / "gold" / "actors.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument(
        "--errors", action="store_true", help="also list every mention coded wrongly"
    )
    args = parser.parse_args()
    score = score_actors(read_actor_gold(args.gold), resources=load_resources())
    lines = score_lines(score)
    if args.errors:
        lines += ["", *error_lines(score)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
