"""Throughput and memory of the whole pipeline against bare spaCy, in one run.

    python benchmarks/bench_pipeline.py --articles 200 --repeats 5

Prints one JSON line per measurement: bare ``nlp.pipe`` parsing of the cleaned
texts, each eventwire stage on its own, and the whole pipeline
(``eventwire.pipeline.code_articles``), with articles/s, sentences/s and
tokens/s (mean and 95 % bootstrap confidence interval over the repeats), the
ratio of pipeline to bare-spaCy throughput, and peak RSS after each phase.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import spacy

import eventwire
from eventwire.actors import resolve_actors
from eventwire.clean import clean_article
from eventwire.coding import code_events
from eventwire.dates import find_times
from eventwire.ingest import read_articles
from eventwire.model import Article, CodedArticle
from eventwire.nlp import PARAGRAPH_COMPONENT, parse_articles
from eventwire.pipeline import Resources, code_articles, load_resources
from eventwire.places import find_toponyms
from eventwire.quotes import find_quotes, link_quote_events

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "samples" / "articles.jsonl"
BOOTSTRAP_SAMPLES = 2000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="articles per repeat")
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed repeats per phase"
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    resources = load_resources()
    load_seconds = time.perf_counter() - started
    loaded_rss = _peak_rss_mb()
    articles = _corpus(args.corpus, args.articles)
    cleaned = [clean_article(article) for article in articles]
    texts = [item.text for item in cleaned]
    docs = list(resources.nlp.pipe(texts, batch_size=args.batch_size))
    tokens = sum(len(doc) for doc in docs)
    sentences = sum(1 for doc in docs for _ in doc.sents)
    size = {"articles": len(articles), "sentences": sentences, "tokens": tokens}

    def bare_spacy() -> None:
        # The model exactly as shipped: without eventwire's paragraph component.
        with resources.nlp.select_pipes(disable=[PARAGRAPH_COMPONENT]):
            for _ in resources.nlp.pipe(
                texts, batch_size=args.batch_size, n_process=args.processes
            ):
                pass

    def whole_pipeline() -> None:
        for _ in code_articles(
            articles,
            resources=resources,
            batch_size=args.batch_size,
            n_process=args.processes,
        ):
            pass

    # Peak RSS after a first pass of each phase (bare spaCy first), then the
    # timed passes interleaved, so that drift in machine load hits both alike.
    bare_spacy()
    spacy_rss = _peak_rss_mb()
    whole_pipeline()
    pipeline_rss = _peak_rss_mb()
    spacy_times, pipeline_times = _time_interleaved(
        [bare_spacy, whole_pipeline], args.repeats
    )
    stage_times = _stage_times(articles, resources, args.batch_size)

    common = {
        "eventwire": eventwire.__version__,
        "spacy": spacy.__version__,
        "python": platform.python_version(),
        "processes": args.processes,
        **size,
    }
    _emit(
        {
            "phase": "spacy.pipe",
            **_rates(spacy_times, size),
            "peak_rss_mb": spacy_rss,
            **common,
        }
    )
    _emit(
        {
            "phase": "load_resources",
            "seconds": round(load_seconds, 3),
            "peak_rss_mb": loaded_rss,
            **common,
        }
    )
    for stage, seconds in stage_times.items():
        _emit({"phase": f"stage.{stage}", "seconds": round(seconds, 4), **common})
    pipeline = _rates(pipeline_times, size)
    _emit(
        {
            "phase": "pipeline",
            **pipeline,
            "peak_rss_mb": pipeline_rss,
            "throughput_ratio_vs_spacy": round(
                statistics.mean(spacy_times) / statistics.mean(pipeline_times), 3
            ),
            "peak_rss_ratio_vs_spacy": round(pipeline_rss / spacy_rss, 3),
            **common,
        }
    )
    return 0


def _corpus(path: Path, count: int) -> list[Article]:
    loaded = [item for item in read_articles([path]) if isinstance(item, Article)]
    if not loaded:
        raise SystemExit(f"no articles could be read from {path}")
    cycled = itertools.islice(itertools.cycle(loaded), count)
    # Distinct ids so that nothing downstream can treat repeats as one article.
    return [
        replace(article, id=f"{article.id}#{n}") for n, article in enumerate(cycled)
    ]


def _time_interleaved(
    phases: list[Callable[[], None]], repeats: int
) -> list[list[float]]:
    seconds: list[list[float]] = [[] for _ in phases]
    for _ in range(repeats):
        for phase, timings in zip(phases, seconds, strict=True):
            started = time.perf_counter()
            phase()
            timings.append(time.perf_counter() - started)
    return seconds


def _stage_times(
    articles: list[Article], resources: Resources, batch_size: int
) -> dict[str, float]:
    """Seconds each stage takes over the whole corpus, one stage at a time."""
    started = time.perf_counter()
    cleaned = [clean_article(article) for article in articles]
    clean_done = time.perf_counter()
    parsed = list(parse_articles(cleaned, nlp=resources.nlp, batch_size=batch_size))
    parse_done = time.perf_counter()
    times = [find_times(item) for item in parsed]
    dates_done = time.perf_counter()
    actors = [
        resolve_actors(item, dictionary=resources.dictionary, matcher=resources.matcher)
        for item in parsed
    ]
    actors_done = time.perf_counter()
    quotes = [
        find_quotes(item, actors=found)
        for item, found in zip(parsed, actors, strict=True)
    ]
    quotes_done = time.perf_counter()
    toponyms = [
        find_toponyms(item, gazetteer=resources.gazetteer, actors=found)
        for item, found in zip(parsed, actors, strict=True)
    ]
    places_done = time.perf_counter()
    coded: list[CodedArticle] = []
    stages = zip(parsed, actors, times, quotes, toponyms, strict=True)
    for item, found, when, said, where in stages:
        events = code_events(
            item,
            actors=found,
            patterns=resources.patterns,
            ontology=resources.ontology,
            times=when,
            toponyms=where,
        )
        coded.append(
            CodedArticle(
                article=item.article,
                actors=found,
                events=events,
                sentences=0,
                tokens=0,
                quotes=link_quote_events(said, events),
                times=when,
                places=where,
            )
        )
    code_done = time.perf_counter()
    return {
        "clean": clean_done - started,
        "parse": parse_done - clean_done,
        "dates": dates_done - parse_done,
        "actors": actors_done - dates_done,
        "quotes": quotes_done - actors_done,
        "places": places_done - quotes_done,
        "code": code_done - places_done,
    }


def _rates(seconds: list[float], size: dict[str, int]) -> dict[str, object]:
    rates: dict[str, object] = {"seconds_mean": round(statistics.mean(seconds), 4)}
    for unit, amount in size.items():
        per_second = [amount / value for value in seconds]
        low, high = _bootstrap_ci(per_second)
        rates[f"{unit}_per_s"] = round(statistics.mean(per_second), 1)
        rates[f"{unit}_per_s_ci95"] = [round(low, 1), round(high, 1)]
    return rates


def _bootstrap_ci(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    generator = random.Random(0)
    means = sorted(
        statistics.mean(generator.choices(values, k=len(values)))
        for _ in range(BOOTSTRAP_SAMPLES)
    )
    return means[int(0.025 * len(means))], means[int(0.975 * len(means)) - 1]


def _peak_rss_mb() -> float:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak_kb / 1024, 1)


def _emit(record: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
