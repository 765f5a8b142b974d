"""Digest of everything the pipeline outputs on the sample texts, to prove a
speed-up changed nothing.

    python benchmarks/same_output.py --out before.jsonl
    python benchmarks/same_output.py --out after.jsonl --compare before.jsonl

Codes every article of ``samples/articles.jsonl`` and every text of
``samples/gold/*.jsonl`` (with its ``published`` date) through
``eventwire.pipeline.code_articles`` and writes one JSON line per article:
its events, actors, quotes, times and places, each record in full
(``dataclasses.asdict``, so fields that ``as_record`` leaves out count too).
``samples/gold/heldout/`` is never read: it stays unseen by development.
With ``--compare FILE`` it prints every line that differs from ``FILE`` and
exits 1 when any does.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.ingest import read_articles
from eventwire.model import Article, CodedArticle, Failure
from eventwire.pipeline import code_articles, load_resources

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="digest to write")
    parser.add_argument("--compare", type=Path, help="reference digest to compare")
    args = parser.parse_args(argv)

    resources = load_resources()
    lines = [
        json.dumps(_digest(result), sort_keys=True, default=_json_value)
        for result in code_articles(_sample_articles(), resources=resources)
    ]
    args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} articles digested into {args.out}")
    if args.compare is None:
        return 0
    reference = args.compare.read_text(encoding="utf-8").splitlines()
    differing = [
        n
        for n, (ours, theirs) in enumerate(zip(lines, reference, strict=False))
        if ours != theirs
    ]
    if len(lines) != len(reference):
        print(f"DIFFERENT: {len(lines)} articles against {len(reference)}")
    for n in differing:
        print(f"DIFFERENT article {json.loads(lines[n]).get('id')}:")
        print(f"  ours:   {lines[n][:400]}")
        print(f"  theirs: {reference[n][:400]}")
    if differing or len(lines) != len(reference):
        return 1
    print(f"identical to {args.compare}")
    return 0


def _sample_articles() -> Iterator[Article | Failure]:
    yield from read_articles([SAMPLES / "articles.jsonl"])
    # Only the top-level gold files: heldout/ is kept unseen on purpose.
    for path in sorted((SAMPLES / "gold").glob("*.jsonl")):
        for line_number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            published = record.get("published")
            yield Article(
                id=f"{path.stem}:{record.get('id', line_number)}",
                text=record["text"],
                published=datetime.date.fromisoformat(published) if published else None,
            )


def _digest(result: CodedArticle | Failure) -> dict[str, Any]:
    if isinstance(result, Failure):
        return {"id": result.article_id, "failure": dataclasses.asdict(result)}
    return {
        "id": result.article.id,
        "sentences": result.sentences,
        "tokens": result.tokens,
        "events": [dataclasses.asdict(event) for event in result.events],
        "actors": [dataclasses.asdict(actor) for actor in result.actors],
        "quotes": [dataclasses.asdict(quote) for quote in result.quotes],
        "times": [dataclasses.asdict(time) for time in result.times],
        "places": [dataclasses.asdict(place) for place in result.places],
    }


def _json_value(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to the digest")


if __name__ == "__main__":
    sys.exit(main())
