"""Dating events: the shared USA TODAY sample (2015-11-27) and the rules of
:func:`eventwire.dates.event_time` on hand-built parses.

The sample is outside the repository (``shared/samples/`` beside the
checkout); the tests walk up from this file to find it and skip without it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc, Token

from eventwire.clean import clean_article
from eventwire.dates import event_time, find_times
from eventwire.ingest import read_articles
from eventwire.model import Article, EventTime, ParsedArticle, TimeExpression
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources

SAMPLE_NAME = "usatoday-2015-11-27-putin-coalition.txt"
PUBLISHED = date(2015, 11, 27)


def _shared_sample() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "samples" / SAMPLE_NAME
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def sample(resources: Resources) -> ParsedArticle:
    path = _shared_sample()
    if path is None:
        pytest.skip(f"shared/samples/{SAMPLE_NAME} is not beside the checkout")
    [article] = read_articles([path], published=PUBLISHED)
    assert isinstance(article, Article)
    [parsed] = parse_articles([clean_article(article)], nlp=resources.nlp)
    return parsed


def _token(parsed: ParsedArticle, word: str, after: str | None = None) -> Token:
    """The first token ``word`` (after the first ``after``, when given)."""
    tokens = list(parsed.doc)
    start = 0
    if after is not None:
        start = next(t.i for t in tokens if t.text == after)
    return next(t for t in tokens[start:] if t.text == word)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Thursday", "2015-11-26"),
        ("Tuesday", "2015-11-24"),
        ("Nov. 13", "2015-11-13"),
        ("2013", "2013"),
        ("this week", "2015-W48"),
        ("earlier Thursday", "2015-11-26"),
    ],
)
def test_dates_sample_expressions(sample: ParsedArticle, text: str, value: str) -> None:
    times = find_times(sample)
    found = [time for time in times if time.text == text]

    assert found and found[0].value == value
    for time in times:
        assert sample.article.text[time.start : time.end] == time.text


@pytest.mark.model
def test_dates_sample_on_tuesday_is_the_24th(sample: ParsedArticle) -> None:
    on_tuesday = sample.article.text.index("On Tuesday")
    [time] = [t for t in find_times(sample) if t.start == on_tuesday + len("On ")]

    assert (time.text, time.date) == ("Tuesday", date(2015, 11, 24))


@pytest.mark.model
@pytest.mark.parametrize(
    ("word", "after", "expected"),
    [
        (
            "voted",
            None,
            EventTime(date=None, value="2013", text="2013", source="predicate"),
        ),
        (
            "attacks",
            None,
            EventTime(
                date=date(2015, 11, 13),
                value="2015-11-13",
                text="Nov. 13",
                source="predicate",
            ),
        ),
        (
            "traveled",
            None,
            EventTime(
                date=PUBLISHED, value="2015-11-27", text=None, source="publication"
            ),
        ),
        (
            "met",
            None,
            EventTime(
                date=date(2015, 11, 24),
                value="2015-11-24",
                text="Tuesday",
                source="predicate",
            ),
        ),
        (
            "criticized",
            None,
            EventTime(
                date=date(2015, 11, 26),
                value="2015-11-26",
                text="Thursday",
                source="predicate",
            ),
        ),
    ],
)
def test_dates_sample_event_times(
    sample: ParsedArticle, word: str, after: str | None, expected: EventTime
) -> None:
    predicate = _token(sample, word, after)

    assert (
        event_time(predicate, times=find_times(sample), published=PUBLISHED) == expected
    )


# --- the rules on hand-built parses ---------------------------------------------


def _time(
    doc: Doc, first: int, end: int, value: str | None, kind: str = "DATE"
) -> TimeExpression:
    span = doc[first:end]
    return TimeExpression(
        article_id="t",
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sentence=0,
        token_start=first,
        token_end=end,
        value=value,
        type=kind,
        date=date.fromisoformat(value)
        if value and len(value) == 10 and value[:4].isdigit()
        else None,
    )


def _doc(make_doc: Callable[..., Doc], parse: list[tuple[str, int, str, str]]) -> Doc:
    words, heads, deps, pos = zip(*parse, strict=True)
    return make_doc(
        words=list(words),
        heads=list(heads),
        deps=list(deps),
        pos=list(pos),
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_dates_event_of_past_perfect_without_expression_is_undated(
    make_doc: Callable[..., Doc],
) -> None:
    doc = _doc(
        make_doc,
        [
            ("Officials", 2, "nsubj", "NOUN"),
            ("had", 2, "aux", "AUX"),
            ("voted", 2, "ROOT", "VERB"),
            ("no", 2, "dobj", "DET"),
        ],
    )
    doc[2].tag_ = "VBN"

    assert event_time(doc[2], times=(), published=PUBLISHED) == EventTime(
        date=None, value=None, text=None, source=None
    )


def test_dates_event_of_past_perfect_keeps_its_expression(
    make_doc: Callable[..., Doc],
) -> None:
    doc = _doc(
        make_doc,
        [
            ("Officials", 2, "nsubj", "NOUN"),
            ("had", 2, "aux", "AUX"),
            ("voted", 2, "ROOT", "VERB"),
            ("in", 2, "prep", "ADP"),
            ("2013", 3, "pobj", "NUM"),
        ],
    )
    doc[2].tag_ = "VBN"
    times = (_time(doc, 4, 5, "2013"),)

    assert event_time(doc[2], times=times, published=PUBLISHED).value == "2013"


def test_dates_event_takes_an_unattached_sentence_date(
    make_doc: Callable[..., Doc],
) -> None:
    # "Raid on Nov. 13 -- jets bombed the city": a heading whose date hangs
    # from a noun, the event in a clause beside it.
    doc = _doc(
        make_doc,
        [
            ("Raid", 0, "ROOT", "NOUN"),
            ("on", 0, "prep", "ADP"),
            ("Nov.", 1, "pobj", "PROPN"),
            ("13", 2, "nummod", "NUM"),
            ("--", 0, "punct", "PUNCT"),
            ("jets", 6, "nsubj", "NOUN"),
            ("bombed", 0, "parataxis", "VERB"),
            ("the", 8, "det", "DET"),
            ("city", 6, "dobj", "NOUN"),
        ],
    )
    times = (_time(doc, 2, 4, "2015-11-13"),)

    dated = event_time(doc[6], times=times, published=PUBLISHED)

    assert (dated.value, dated.source, dated.text) == (
        "2015-11-13",
        "sentence",
        "Nov. 13",
    )


def test_dates_event_ignores_a_date_of_another_clause(
    make_doc: Callable[..., Doc],
) -> None:
    # "Rebels left after troops arrived on Tuesday": Tuesday is the arrival's.
    doc = _doc(
        make_doc,
        [
            ("Rebels", 1, "nsubj", "NOUN"),
            ("left", 1, "ROOT", "VERB"),
            ("after", 4, "mark", "SCONJ"),
            ("troops", 4, "nsubj", "NOUN"),
            ("arrived", 1, "advcl", "VERB"),
            ("on", 4, "prep", "ADP"),
            ("Tuesday", 5, "pobj", "PROPN"),
        ],
    )
    times = (_time(doc, 6, 7, "2015-11-24"),)

    assert event_time(doc[4], times=times, published=PUBLISHED).source == "predicate"
    assert event_time(doc[1], times=times, published=PUBLISHED).source == (
        "publication"
    )


def _lasted(make_doc: Callable[..., Doc]) -> Doc:
    return _doc(
        make_doc,
        [
            ("Talks", 1, "nsubj", "NOUN"),
            ("lasted", 1, "ROOT", "VERB"),
            ("three", 3, "nummod", "NUM"),
            ("days", 1, "npadvmod", "NOUN"),
        ],
    )


@pytest.mark.parametrize(
    ("value", "kind"),
    [("P3D", "DURATION"), ("XXXX-WXX-1", "SET"), ("PAST_REF", "DATE")],
)
def test_dates_event_is_never_dated_by_durations_sets_or_references(
    make_doc: Callable[..., Doc], value: str, kind: str
) -> None:
    doc = _lasted(make_doc)
    times = (_time(doc, 2, 4, value, kind),)

    dated = event_time(doc[1], times=times, published=PUBLISHED)

    assert (dated.source, dated.value) == ("publication", "2015-11-27")


def test_dates_event_of_an_unresolved_expression_is_undated(
    make_doc: Callable[..., Doc],
) -> None:
    # "Talks lasted on 31 February": the text dates the event, and the date
    # does not exist; the story date would be a guess against the text.
    doc = _lasted(make_doc)
    times = (_time(doc, 2, 4, None, "DATE"),)

    assert event_time(doc[1], times=times, published=PUBLISHED) == EventTime(
        date=None, value=None, text=None, source=None
    )


def test_dates_event_without_publication_date_is_undated(
    make_doc: Callable[..., Doc],
) -> None:
    doc = _doc(make_doc, [("Rebels", 1, "nsubj", "NOUN"), ("left", 1, "ROOT", "VERB")])

    assert event_time(doc[1], times=(), published=None).source is None


# --- the rules on parsed sentences ------------------------------------------------


@pytest.fixture(scope="module")
def parse(resources: Resources) -> Callable[[str], ParsedArticle]:
    def build(text: str) -> ParsedArticle:
        article = Article(id="e", text=text, published=PUBLISHED)
        [parsed] = parse_articles([clean_article(article)], nlp=resources.nlp)
        return parsed

    return build


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "value", "source"),
    [
        pytest.param(
            "Police arrested a suspect on Wednesday, a day after the bomb exploded.",
            "exploded",
            "2015-11-24",
            "predicate",
            id="a-day-after",
        ),
        pytest.param(
            "Ministers met on Monday to discuss aid, three days after the storm "
            "hit the coast.",
            "hit",
            "2015-11-20",
            "predicate",
            id="three-days-after",
        ),
        pytest.param(
            "The army has controlled the valley since April, when it captured the dam.",
            "captured",
            "2015-04",
            "predicate",
            id="when-clause",
        ),
        pytest.param(
            "The mayor opened the bridge on Wednesday and thanked the workers.",
            "thanked",
            "2015-11-25",
            "predicate",
            id="conjoined-verb",
        ),
        pytest.param(
            "The envoy was received at the palace on Thursday, a week before a "
            "Dec. 5 summit.",
            "received",
            "2015-11-26",
            "predicate",
            id="date-of-another-noun",
        ),
        pytest.param(
            "KIEV, Nov. 27 (Reuters) - The government said on Thursday that talks "
            "would resume.",
            "said",
            "2015-11-26",
            "predicate",
            id="dateline-never-dates",
        ),
        pytest.param(
            "Officials had voted against the plan.",
            "voted",
            None,
            None,
            id="past-perfect",
        ),
        pytest.param(
            "The minister said soldiers had opened fire on the crowd.",
            "opened",
            "2015-11-27",
            "publication",
            id="past-perfect-reported-is-backshifted",
        ),
    ],
)
def test_dates_event_rules_on_parsed_sentences(
    parse: Callable[[str], ParsedArticle],
    text: str,
    word: str,
    value: str | None,
    source: str | None,
) -> None:
    parsed = parse(text)
    dated = event_time(
        _token(parsed, word), times=find_times(parsed), published=PUBLISHED
    )

    assert (dated.value, dated.source) == (value, source)
