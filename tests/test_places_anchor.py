"""place_of_predicate: the place an event's predicate is attached to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Token

from eventwire.actors import resolve_actors
from eventwire.clean import clean_article
from eventwire.ingest import read_articles
from eventwire.model import Article, ParsedArticle, Place, Toponym
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources
from eventwire.places import find_toponyms, place_of_predicate

pytestmark = pytest.mark.model

SAMPLE_NAME = "usatoday-2015-11-27-putin-coalition.txt"
# The photo caption cleaning drops from the shared sample, as a sentence.
CAPTION = (
    "French President François Hollande, left, and Russian President Vladimir "
    "Putin wrap up a news conference Thursday at the Kremlin."
)


def _coded(parsed: ParsedArticle, resources: Resources) -> tuple[Toponym, ...]:
    actors = resolve_actors(
        parsed, dictionary=resources.dictionary, matcher=resources.matcher
    )
    return find_toponyms(parsed, gazetteer=resources.gazetteer, actors=actors)


def _parse(text: str, resources: Resources) -> ParsedArticle:
    article = Article(id="a", text=text, published=date(2015, 11, 27))
    [parsed] = parse_articles([clean_article(article)], nlp=resources.nlp)
    return parsed


def _token(parsed: ParsedArticle, word: str, after: str | None = None) -> Token:
    """The first token ``word`` (after the first token ``after``, if given)."""
    start = 0
    if after is not None:
        start = next(t.i for t in parsed.doc if t.text == after)
    return next(t for t in parsed.doc[start:] if t.text == word)


def _place_of(text: str, word: str, resources: Resources) -> Place | None:
    parsed = _parse(text, resources)
    return place_of_predicate(_token(parsed, word), toponyms=_coded(parsed, resources))


def _shared_sample() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "samples" / SAMPLE_NAME
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def sample(resources: Resources) -> tuple[ParsedArticle, tuple[Toponym, ...]]:
    path = _shared_sample()
    if path is None:
        pytest.skip(f"shared/samples/{SAMPLE_NAME} is not beside the checkout")
    [article] = read_articles([path], published=date(2015, 11, 27))
    assert isinstance(article, Article)
    [parsed] = parse_articles([clean_article(article)], nlp=resources.nlp)
    return parsed, _coded(parsed, resources)


@pytest.mark.parametrize(
    ("word", "after", "name"),
    [
        ("bombing", "Force", "Iraq"),
        ("traveled", None, "Moscow"),
        ("attacks", "Paris", "Paris"),
    ],
)
def test_places_anchor_on_the_sample(
    sample: tuple[ParsedArticle, tuple[Toponym, ...]],
    word: str,
    after: str | None,
    name: str,
) -> None:
    parsed, toponyms = sample
    place = place_of_predicate(_token(parsed, word, after), toponyms=toponyms)
    assert place is not None and place.name == name
    assert place.lat is not None and place.lon is not None
    assert parsed.article.text[place.start : place.end] == place.text


def test_places_anchor_sample_strike_without_place_is_null(
    sample: tuple[ParsedArticle, tuple[Toponym, ...]],
) -> None:
    parsed, toponyms = sample
    # "to strike only terrorists and the (Islamic State)": no place named.
    strike = _token(parsed, "strike", "agreed")
    assert place_of_predicate(strike, toponyms=toponyms) is None


def test_places_anchor_news_conference_at_the_kremlin(resources: Resources) -> None:
    place = _place_of(CAPTION, "conference", resources)
    assert place is not None and place.feature == "landmark"
    moscow = next(
        m.entry
        for m in resources.gazetteer.lookup("Moscow")
        if m.entry.country == "RUS"
    )
    assert (place.lat, place.lon) == (moscow.lat, moscow.lon)


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("A suicide bomber struck Kabul on Monday.", "struck", "Kabul"),
        (
            "Navy SEALs killed bin Laden in a raid on a compound in Abbottabad.",
            "killed",
            "Abbottabad",
        ),
        (
            "Snipers opened fire on protesters in Kyiv on Thursday.",
            "opened",
            "Kyiv",
        ),
        (
            "The coastguard brought the survivors to Catania in Sicily.",
            "brought",
            "Catania",
        ),
        ("Thousands marched through Tehran to protest.", "marched", "Tehran"),
        ("The Russian warplane was shot down over Syria.", "shot", "Syria"),
    ],
)
def test_places_anchor_rules(
    resources: Resources, text: str, word: str, name: str
) -> None:
    place = _place_of(text, word, resources)
    assert place is not None and place.name == name


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Putin criticized Washington on Thursday.", "criticized"),
        ("The parliament declared independence from Spain.", "declared"),
        ("Britain expelled diplomats over the poisoning of a spy.", "expelled"),
        ("Moscow said it would retaliate.", "said"),
    ],
)
def test_places_anchor_no_place(resources: Resources, text: str, word: str) -> None:
    assert _place_of(text, word, resources) is None


def test_places_anchor_never_the_dateline(resources: Resources) -> None:
    text = "MOSCOW (Reuters) - Rebels attacked the convoy on Friday."
    assert _place_of(text, "attacked", resources) is None


def test_places_anchor_never_another_clause(resources: Resources) -> None:
    text = "Obama spoke on Monday after he had traveled to Berlin."
    assert _place_of(text, "spoke", resources) is None


def test_places_anchor_without_toponyms(resources: Resources) -> None:
    parsed = _parse("The talks ended without a deal.", resources)
    assert place_of_predicate(_token(parsed, "ended"), toponyms=()) is None
