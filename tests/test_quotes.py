"""The quotes stage: direct, indirect and mixed quotes, their speakers and
the events they hold, over short wire-style texts run through the pipeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import read_articles
from eventwire.model import Actor, Article, CodedArticle, Event, Quote, TextSpan
from eventwire.pipeline import Resources, code_articles
from eventwire.quotes import link_quote_events

pytestmark = pytest.mark.model

DAY = date(2015, 11, 27)
SAMPLE_NAME = "usatoday-2015-11-27-putin-coalition.txt"


def _coded(resources: Resources, text: str) -> CodedArticle:
    [result] = code_articles(
        [Article(id="q", text=text, published=DAY)], resources=resources
    )
    assert isinstance(result, CodedArticle)
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
    return result


def _quotes(resources: Resources, text: str) -> list[tuple[object, ...]]:
    """(text, kind, cue, speaker text, speaker code) of every quote."""
    return [
        (
            quote.text,
            quote.kind,
            quote.cue.text if quote.cue else None,
            quote.speaker.text if quote.speaker else None,
            quote.speaker.code if quote.speaker else None,
        )
        for quote in _coded(resources, text).quotes
    ]


ERDOGAN = ("Erdogan", "TURGOV")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"We will not retreat," Erdogan said.',
            [("We will not retreat", "direct", "said", *ERDOGAN)],
            id="quote-then-x-said",
        ),
        pytest.param(
            'Erdogan said, "We will not retreat."',
            [("We will not retreat", "direct", "said", *ERDOGAN)],
            id="x-said-comma-quote",
        ),
        pytest.param(
            'Erdogan said: "We will not retreat."',
            [("We will not retreat", "direct", "said", *ERDOGAN)],
            id="x-said-colon-quote",
        ),
        pytest.param(
            "“We will not retreat,” said Turkish President Recep Tayyip Erdogan.",
            [
                (
                    "We will not retreat",
                    "direct",
                    "said",
                    "Turkish President Recep Tayyip Erdogan",
                    "TURGOV",
                )
            ],
            id="quote-then-said-x",
        ),
        pytest.param(
            '"We are prepared," Erdogan said, "to talk to anyone."',
            [
                ("We are prepared", "direct", "said", *ERDOGAN),
                ("to talk to anyone", "direct", "said", *ERDOGAN),
            ],
            id="split-around-cue",
        ),
        pytest.param(
            "“Our positions are the same,” Erdogan said. “We will not retreat.”",
            [
                ("Our positions are the same", "direct", "said", *ERDOGAN),
                ("We will not retreat", "direct", None, *ERDOGAN),
            ],
            id="continues-in-paragraph",
        ),
        pytest.param(
            'Erdogan said: "We will keep our borders open.\n\n'
            '"Turkey has a duty to help.\n\n"We can do this."',
            [
                ("We will keep our borders open", "direct", "said", *ERDOGAN),
                ("Turkey has a duty to help", "direct", None, *ERDOGAN),
                ("We can do this", "direct", None, *ERDOGAN),
            ],
            id="wire-style-paragraphs-speaker-first",
        ),
        pytest.param(
            '"We will fight on.\n\n"We will win," Erdogan said.',
            [
                ("We will fight on", "direct", None, *ERDOGAN),
                ("We will win", "direct", "said", *ERDOGAN),
            ],
            id="wire-style-paragraphs-speaker-last",
        ),
        pytest.param(
            "“He told me, ‘We will never leave,’ and then he left,” the mayor said.",
            [
                (
                    "He told me, ‘We will never leave,’ and then he left",
                    "direct",
                    "said",
                    "the mayor",
                    None,
                )
            ],
            id="quote-inside-curly-quote",
        ),
        pytest.param(
            'Erdogan said: "He called it "a disgrace" and left."',
            [('He called it "a disgrace" and left', "direct", "said", *ERDOGAN)],
            id="quote-inside-straight-quote",
        ),
        pytest.param(
            "Putin views Assad as a “natural ally” and has stated that the "
            "Syrian people must decide.",
            [
                ("natural ally", "direct", None, "Putin", "RUSGOV"),
                (
                    "the Syrian people must decide",
                    "indirect",
                    "stated",
                    "Putin",
                    "RUSGOV",
                ),
            ],
            id="fragment-in-non-speech-clause",
        ),
        pytest.param(
            "Obama said that the United States would not send ground troops.",
            [
                (
                    "the United States would not send ground troops",
                    "indirect",
                    "said",
                    "Obama",
                    "USAGOV",
                )
            ],
            id="x-said-that",
        ),
        pytest.param(
            "Obama said the United States would not send ground troops.",
            [
                (
                    "the United States would not send ground troops",
                    "indirect",
                    "said",
                    "Obama",
                    "USAGOV",
                )
            ],
            id="x-said-clause",
        ),
        pytest.param(
            "Kerry told reporters that the ceasefire was holding.",
            [("the ceasefire was holding", "indirect", "told", "Kerry", "USAGOV")],
            id="x-told-y-that",
        ),
        pytest.param(
            "Erdogan warned that further strikes would follow.",
            [("further strikes would follow", "indirect", "warned", *ERDOGAN)],
            id="x-warned-that",
        ),
        pytest.param(
            "According to Erdogan, 20 people died in the attack.",
            [("20 people died in the attack", "indirect", "According to", *ERDOGAN)],
            id="according-to-first",
        ),
        pytest.param(
            "Twenty people died in the attack, according to Erdogan.",
            [
                (
                    "Twenty people died in the attack",
                    "indirect",
                    "according to",
                    *ERDOGAN,
                )
            ],
            id="according-to-last",
        ),
        pytest.param(
            "Cameron set out his case on Thursday, saying that to do so would "
            "“make us safer.”",
            [
                (
                    "to do so would “make us safer",
                    "mixed",
                    "saying",
                    "Cameron",
                    "GBRGOV",
                )
            ],
            id="mixed-reported-clause-with-fragment",
        ),
        pytest.param(
            "‘We will not retreat,’ Erdogan said.",
            [("We will not retreat", "direct", "said", *ERDOGAN)],
            id="single-curly-marks",
        ),
        pytest.param(
            "“We will not retreat,” Erdogan, speaking after a long meeting of "
            "the party's central committee in Ankara, said.",
            [("We will not retreat", "direct", "said", *ERDOGAN)],
            id="cue-after-long-apposition",
        ),
        pytest.param(
            "Erdogan said in a televised address:\n\n“We will not retreat.”",
            [("We will not retreat", "direct", "said", *ERDOGAN)],
            id="cue-ends-previous-paragraph",
        ),
        pytest.param(
            "Two soldiers were killed near the border, Erdogan said, in the "
            "worst clash this year.",
            [
                (
                    "Two soldiers were killed near the border",
                    "indirect",
                    "said",
                    *ERDOGAN,
                )
            ],
            id="parenthetical-x-said",
        ),
        pytest.param(
            "Erdogan said troops had crossed the border and warned that more "
            "would follow.",
            [
                ("troops had crossed the border", "indirect", "said", *ERDOGAN),
                ("more would follow", "indirect", "warned", *ERDOGAN),
            ],
            id="said-and-warned",
        ),
        pytest.param(
            "Erdogan said the talks would go on. “We will not retreat.”",
            [
                ("the talks would go on", "indirect", "said", *ERDOGAN),
                ("We will not retreat", "direct", None, *ERDOGAN),
            ],
            id="quote-after-report",
        ),
        pytest.param(
            "Erdogan called the offer “a joke” on Tuesday.",
            [("a joke", "direct", "called", *ERDOGAN)],
            id="naming-verb",
        ),
        pytest.param(
            "Erdogan met the leaders of the so-called “Friends of Syria” group.",
            [],
            id="quoted-name-is-not-a-quote",
        ),
        pytest.param(
            "“The convoy was hit twice,” said a source close to the talks.",
            [
                (
                    "The convoy was hit twice",
                    "direct",
                    "said",
                    "a source close to the talks",
                    None,
                )
            ],
            id="uncoded-speaker-noun-phrase",
        ),
    ],
)
def test_quotes_pattern_families(
    resources: Resources, text: str, expected: list[tuple[object, ...]]
) -> None:
    assert _quotes(resources, text) == expected


def test_quotes_uncoded_speaker_is_an_actor_without_code(
    resources: Resources,
) -> None:
    [quote] = _coded(resources, "“The talks failed,” a witness said.").quotes
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.code) == ("a witness", None)


def test_quotes_speaker_never_taken_from_a_paragraph_that_does_not_attribute(
    resources: Resources,
) -> None:
    text = 'Putin met Hollande in Moscow on Thursday.\n\n"We will never accept this."'
    [quote] = _coded(resources, text).quotes
    assert (quote.text, quote.speaker, quote.cue) == (
        "We will never accept this",
        None,
        None,
    )


def test_quotes_new_paragraph_names_its_speaker_again(resources: Resources) -> None:
    text = (
        '"Russia will respond," Erdogan said. "Russia will respond firmly."\n\n'
        '"Nobody should doubt it."'
    )
    speakers = [
        quote.speaker.text if quote.speaker else None
        for quote in _coded(resources, text).quotes
    ]
    # The first paragraph's quote is closed: the next one is not its run-on.
    assert speakers == ["Erdogan", "Erdogan", None]


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        pytest.param(
            'Obama told Netanyahu: "We stand with you."', "ISR", id="told-x-quote"
        ),
        pytest.param(
            '"We are ready to help you," Merkel said at a joint news conference '
            "with Hollande.",
            "FRA",
            id="news-conference-with-x",
        ),
        pytest.param(
            "Putin told Hollande on Thursday that he was ready to cooperate.\n\n"
            '"We are prepared to work with you," Putin said.',
            "FRA",
            id="told-x-in-previous-paragraph",
        ),
    ],
)
def test_quotes_you_is_the_addressee(
    resources: Resources, text: str, addressee: str
) -> None:
    actors = _coded(resources, text).actors
    [you] = [actor for actor in actors if actor.text == "you"]
    assert (you.country, you.method) == (addressee, "addressee")


def test_quotes_you_without_addressee_stays_unresolved(resources: Resources) -> None:
    actors = _coded(resources, '"We will help you," Merkel said.').actors
    assert not [actor for actor in actors if actor.text == "you"]


def test_quotes_quoted_offer_is_coded_toward_the_addressee(
    resources: Resources,
) -> None:
    coded = _coded(
        resources,
        "Putin told Hollande on Thursday that he was ready to cooperate.\n\n"
        '"We are prepared to work with you," Putin said.',
    )
    [offer] = [e for e in coded.events if e.evidence.text.startswith("We are")]
    assert (offer.source.code, offer.cameo, offer.target and offer.target.code) == (
        "RUSGOV",
        "030",
        "FRAGOV",
    )
    [quote] = [q for q in coded.quotes if q.text.startswith("We are")]
    assert quote.event_ids == (offer.event_id,)


LONG_QUOTE = " ".join(["the talks will go on"] * 60)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Erdogan said "this is never closed and goes on',
            [("this is never closed and goes on", "direct", "said", *ERDOGAN)],
            id="unclosed-at-text-end",
        ),
        pytest.param(
            'Erdogan said: "We will stay.\n\nThe talks resumed on Friday.',
            [("We will stay", "direct", "said", *ERDOGAN)],
            id="unclosed-closes-at-paragraph-end",
        ),
        pytest.param(
            "“The talks failed,” Erdogan said. ” Stray mark here.",
            [("The talks failed", "direct", "said", *ERDOGAN)],
            id="stray-closing-mark",
        ),
        pytest.param(
            "“We will not accept this outcome, Erdogan told supporters.",
            [("We will not accept this outcome", "direct", "told", *ERDOGAN)],
            id="unclosed-cut-at-inner-cue",
        ),
        pytest.param('"""""', [], id="only-marks"),
        pytest.param('"', [], id="one-mark"),
        pytest.param("“ ”", [], id="empty-quote"),
        pytest.param(
            f'"{LONG_QUOTE}," Erdogan said.',
            [(LONG_QUOTE, "direct", "said", *ERDOGAN)],
            id="300-word-quote",
        ),
    ],
)
def test_quotes_bad_input_degrades(
    resources: Resources, text: str, expected: list[tuple[object, ...]]
) -> None:
    assert _quotes(resources, text) == expected


def test_quotes_link_events_inside_quote_span() -> None:
    actor = Actor(
        text="We",
        start=1,
        end=3,
        sentence=0,
        token_start=1,
        token_end=2,
        head=1,
        code="RUSGOV",
    )
    quote = Quote(
        article_id="a",
        text="We are prepared",
        start=1,
        end=16,
        sentence=0,
        kind="direct",
        cue=None,
        speaker=None,
    )
    inside = Event(
        article_id="a",
        event_id="in",
        sentence=0,
        source=actor,
        target=None,
        cameo="030",
        cameo_root="03",
        cameo_name="Express intent to cooperate",
        goldstein=4.0,
        quad_class=1,
        plover=None,
        negated=False,
        modality="asserted",
        evidence=TextSpan(text="We are prepared", start=1, end=16),
        rule="r",
        coder="c",
        ontology="o",
        predicate=TextSpan(text="prepared", start=8, end=16),
    )
    outside = replace(
        inside, event_id="out", predicate=TextSpan(text="said", start=20, end=24)
    )
    other_article = replace(inside, event_id="other", article_id="b")
    [linked] = link_quote_events([quote], [inside, outside, other_article])
    assert linked.event_ids == ("in",)
    assert quote.event_ids == ()


# --- the shared sample --------------------------------------------------------


@pytest.fixture(scope="module")
def sample(resources: Resources) -> CodedArticle:
    for parent in Path(__file__).resolve().parents:
        path = parent / "shared" / "samples" / SAMPLE_NAME
        if path.is_file():
            [result] = code_articles(
                read_articles([path], published=DAY), resources=resources
            )
            assert isinstance(result, CodedArticle)
            return result
    pytest.skip(f"shared/samples/{SAMPLE_NAME} is not beside the checkout")


def _quote(sample: CodedArticle, beginning: str) -> Quote:
    [quote] = [q for q in sample.quotes if q.text.startswith(beginning)]
    return quote


@pytest.mark.parametrize(
    ("beginning", "code", "name"),
    [
        ("Our positions are the same", "RUSGOV", "Vladimir Putin"),
        ("We are prepared to work with you", "RUSGOV", "Vladimir Putin"),
        ("What we agreed, and this is important,", "FRAGOV", "François Hollande"),
        ("to do so would “make us safer", "GBRGOV", "David Cameron"),
        ("We proceed from the assumption", "RUSGOV", "Vladimir Putin"),
        ("Otherwise we don’t need", "RUSGOV", "Vladimir Putin"),
        ("natural ally", "RUSGOV", "Vladimir Putin"),
    ],
)
def test_quotes_shared_sample_speakers(
    sample: CodedArticle, beginning: str, code: str, name: str
) -> None:
    quote = _quote(sample, beginning)
    assert quote.speaker is not None
    assert (quote.speaker.code, quote.speaker.name) == (code, name)
    text = sample.article.text
    assert text[quote.start : quote.end] == quote.text


def test_quotes_shared_sample_records(sample: CodedArticle) -> None:
    text = sample.article.text
    positions = _quote(sample, "Our positions")
    assert positions.text == "Our positions are the same"
    assert positions.cue is not None and positions.cue.text == "said"
    assert text[positions.cue.start : positions.cue.end] == "said"
    assert positions.speaker is not None and positions.speaker.text == "Putin"
    assert _quote(sample, "to do so").kind == "mixed"
    # "told ... that ..., and that it was imperative that they “take action”":
    # one mixed report holding the fragment, not a quote of its own.
    told = _quote(sample, "the country was already being targeted")
    assert told.kind == "mixed" and "“take action”" in told.text
    assert not [q for q in sample.quotes if q.text == "take action"]
    washington = [q for q in sample.quotes if q.speaker and q.speaker.text == "he"]
    assert [q.text[:12] for q in washington] == ["We proceed f", "Otherwise we"]


def test_quotes_shared_sample_offer_carries_its_event(sample: CodedArticle) -> None:
    [offer] = [
        e
        for e in sample.events
        if e.cameo == "030" and e.evidence.text.startswith("We are prepared")
    ]
    assert offer.source.code == "RUSGOV"
    assert offer.target is not None and offer.target.code == "FRAGOV"
    assert _quote(sample, "We are prepared").event_ids == (offer.event_id,)
