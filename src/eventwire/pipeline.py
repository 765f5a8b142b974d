"""The one place that knows the stage order.

    ingest -> clean -> parse (spaCy) -> dates -> actors -> quotes -> places
           -> events (dated and placed) -> quotes linked to their events -> store

:func:`code_articles` is a generator chain, so memory stays flat on large
inputs; a bad article becomes a :class:`~eventwire.model.Failure` and the
stream goes on. :func:`run` adds the store: batched, transactional writes
that skip articles already coded by the same coder, so an interrupted run
started again resumes and never duplicates.
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from eventwire.actors import (
    ActorDictionary,
    ActorMatcher,
    build_actor_matcher,
    load_actor_dictionary,
    resolve_actors,
)
from eventwire.clean import clean_article
from eventwire.coding import (
    CODER,
    Ontology,
    PatternTable,
    code_events,
    load_ontology,
    load_patterns,
)
from eventwire.dates import find_times
from eventwire.errors import EventwireError
from eventwire.ingest import content_hash
from eventwire.model import (
    Article,
    CleanArticle,
    CodedArticle,
    Failure,
    ParsedArticle,
    TextSpan,
)
from eventwire.nlp import (
    DEFAULT_BATCH_SIZE,
    MODEL_NAME,
    load_nlp,
    parse_articles,
    sentences_of,
)
from eventwire.places import Gazetteer, find_toponyms, load_gazetteer
from eventwire.quotes import find_quotes, link_quote_events
from eventwire.store import Store

logger = logging.getLogger(__name__)

STORE_BATCH_SIZE = 50


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Resources:
    """Everything expensive the stages need, built once by :func:`load_resources`."""

    nlp: Language
    dictionary: ActorDictionary
    matcher: ActorMatcher
    ontology: Ontology
    patterns: PatternTable
    gazetteer: Gazetteer


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSummary:
    """What a run did: articles read, skipped, coded; events; failures."""

    read: int
    skipped: int
    coded: int
    events: int
    failures: int


def load_resources(
    *, model: str = MODEL_NAME, actor_files: Sequence[Path] = ()
) -> Resources:
    """Load the spaCy model, actor dictionary, ontology and verb patterns once.

    Example:
        >>> resources = load_resources()
        >>> resources.ontology.code("111").name
        'Criticize or denounce'
    """
    # The gazetteer first: the memory its build frees is reused by the model.
    gazetteer = load_gazetteer()
    nlp = load_nlp(model)
    dictionary = load_actor_dictionary(actor_files)
    ontology = load_ontology()
    return Resources(
        nlp=nlp,
        dictionary=dictionary,
        matcher=build_actor_matcher(dictionary, nlp=nlp),
        ontology=ontology,
        patterns=load_patterns(ontology=ontology),
        gazetteer=gazetteer,
    )


def code_articles(
    items: Iterable[Article | Failure],
    *,
    resources: Resources,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    skip: Callable[[Article], bool] | None = None,
) -> Iterator[CodedArticle | Failure]:
    """Run every stage on a stream of articles, yielding results and failures.

    Articles for which ``skip`` returns True are not parsed (used to resume).
    """
    for result in _code_with_sentences(
        items,
        resources=resources,
        batch_size=batch_size,
        n_process=n_process,
        skip=skip,
    ):
        yield result if isinstance(result, Failure) else result[0]


Coded = tuple[CodedArticle, tuple[TextSpan, ...]]


def _code_with_sentences(
    items: Iterable[Article | Failure],
    *,
    resources: Resources,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    skip: Callable[[Article], bool] | None = None,
) -> Iterator[Coded | Failure]:
    """:func:`code_articles`, each coded article with its sentences (original
    offsets), which the store keeps as the events' evidence sentences."""
    failures: deque[Failure] = deque()

    max_length = resources.nlp.max_length

    def cleaned() -> Iterator[CleanArticle]:
        for item in items:
            if isinstance(item, Failure):
                failures.append(item)
            elif skip is None or not skip(item):
                clean = clean_article(item)
                if len(clean.text) > max_length:
                    failures.append(_too_long(item, len(clean.text), max_length))
                else:
                    yield clean

    parsed_stream = parse_articles(
        cleaned(), nlp=resources.nlp, batch_size=batch_size, n_process=n_process
    )
    for parsed in parsed_stream:
        yield from _drain(failures)
        try:
            times = find_times(parsed)
            actors = resolve_actors(
                parsed, dictionary=resources.dictionary, matcher=resources.matcher
            )
            quotes = find_quotes(parsed, actors=actors)
            toponyms = find_toponyms(
                parsed, gazetteer=resources.gazetteer, actors=actors
            )
            events = code_events(
                parsed,
                actors=actors,
                patterns=resources.patterns,
                ontology=resources.ontology,
                times=times,
                toponyms=toponyms,
            )
            quotes = link_quote_events(quotes, events)
        except EventwireError as error:
            article = parsed.article
            yield Failure(
                stage="code",
                message=str(error),
                origin=article.origin,
                line=article.line,
                article_id=article.id,
            )
            continue
        sentences = _sentence_spans(parsed)
        coded = CodedArticle(
            article=parsed.article,
            actors=actors,
            events=events,
            quotes=quotes,
            sentences=len(sentences),
            tokens=len(parsed.doc),
            times=times,
            places=toponyms,
        )
        yield coded, sentences
    yield from _drain(failures)


def _sentence_spans(parsed: ParsedArticle) -> tuple[TextSpan, ...]:
    text = parsed.article.text
    spans = []
    for sentence in sentences_of(parsed.doc):
        start, end = parsed.clean.offsets.to_original(
            sentence.start_char, sentence.end_char
        )
        # spaCy's sentences end with the whitespace before the next one.
        content = text[start:end]
        start += len(content) - len(content.lstrip())
        end -= len(content) - len(content.rstrip())
        spans.append(TextSpan(text=text[start:end], start=start, end=max(start, end)))
    return tuple(spans)


def run(
    items: Iterable[Article | Failure],
    *,
    resources: Resources,
    store: Store,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    progress: Callable[[CodedArticle | Failure], None] | None = None,
) -> RunSummary:
    """Code ``items`` into ``store``, skipping articles it already holds unchanged."""
    counts = {"read": 0, "skipped": 0, "coded": 0, "events": 0, "failures": 0}

    def already_stored(article: Article) -> bool:
        counts["read"] += 1
        state = store.article_state(article.id)
        unchanged = (
            state is not None
            and state.coder == CODER
            and state.ontology == resources.ontology.version
            and state.content_hash == fingerprint(article)
        )
        counts["skipped"] += unchanged
        return unchanged

    results = _code_with_sentences(
        items,
        resources=resources,
        batch_size=batch_size,
        n_process=n_process,
        skip=already_stored,
    )
    while batch := list(itertools.islice(results, STORE_BATCH_SIZE)):
        coded = _save_batch(batch, resources=resources, store=store)
        counts["coded"] += len(coded)
        counts["events"] += sum(len(item.events) for item in coded)
        counts["failures"] += len(batch) - len(coded)
        if progress is not None:
            for result in batch:
                progress(result if isinstance(result, Failure) else result[0])
    return RunSummary(**counts)


def code_and_save(
    items: Iterable[Article | Failure], *, resources: Resources, store: Store
) -> list[CodedArticle | Failure]:
    """Code every article, even one already stored, save it, and return the results.

    For a few articles at a time (an HTTP request): everything is saved in one
    transaction, with the sentences :meth:`Store.event` shows as evidence.
    """
    batch = list(_code_with_sentences(items, resources=resources))
    _save_batch(batch, resources=resources, store=store)
    return [item if isinstance(item, Failure) else item[0] for item in batch]


def _save_batch(
    batch: Sequence[Coded | Failure], *, resources: Resources, store: Store
) -> list[CodedArticle]:
    """Save a batch's articles in one transaction, then its failures."""
    coded = [item[0] for item in batch if not isinstance(item, Failure)]
    store.save_articles(
        coded,
        content_hashes={item.article.id: fingerprint(item.article) for item in coded},
        sentences={
            item[0].article.id: item[1]
            for item in batch
            if not isinstance(item, Failure)
        },
        coder=CODER,
        ontology=resources.ontology.version,
    )
    store.record_failures(item for item in batch if isinstance(item, Failure))
    return coded


def fingerprint(article: Article) -> str:
    """What decides whether a stored article must be coded again: its text and
    its publication date (event dates derive from it)."""
    published = article.published.isoformat() if article.published else ""
    return content_hash(f"{published}\n{article.text}")


def _too_long(article: Article, length: int, max_length: int) -> Failure:
    # spaCy refuses texts over nlp.max_length (memory grows with length); one
    # such article must not stop the other articles of the run.
    return Failure(
        stage="parse",
        message=(
            f"article {article.id!r} has {length:,} characters, more than the "
            f"parser's limit of {max_length:,}; split it into several articles"
        ),
        origin=article.origin,
        line=article.line,
        article_id=article.id,
    )


def _drain(failures: deque[Failure]) -> Iterator[Failure]:
    while failures:
        yield failures.popleft()
