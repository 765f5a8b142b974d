"""Families of place rules, each with texts where it must apply and texts
where it must not (our own sentences, not the gold's)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Token

from eventwire.actors import resolve_actors
from eventwire.clean import clean_article
from eventwire.model import Article, ParsedArticle, Place, Toponym
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources
from eventwire.places import find_toponyms, place_of_predicate

pytestmark = pytest.mark.model


def _coded(
    text: str, resources: Resources
) -> tuple[ParsedArticle, tuple[Toponym, ...]]:
    article = Article(id="a", text=text, published=date(2020, 1, 1))
    [parsed] = parse_articles([clean_article(article)], nlp=resources.nlp)
    actors = resolve_actors(
        parsed, dictionary=resources.dictionary, matcher=resources.matcher
    )
    return parsed, find_toponyms(parsed, gazetteer=resources.gazetteer, actors=actors)


def _token(parsed: ParsedArticle, word: str) -> Token:
    return next(t for t in parsed.doc if t.text == word)


def _place_of(text: str, word: str, resources: Resources) -> Place | None:
    parsed, toponyms = _coded(text, resources)
    return place_of_predicate(_token(parsed, word), toponyms=toponyms)


@pytest.mark.parametrize(
    ("text", "word", "where"),
    [
        # A town the gazetteer lacks still places the event, by its text.
        ("Rebels seized the town of Tabrikot on Monday.", "seized", "Tabrikot"),
        # "in X" hung on the object of a preposition that is not locative.
        ("Police clashed with students in Lahore.", "clashed", "Lahore"),
        # Where the subject was, when the clause names no place.
        ("A court in Ankara sentenced the journalist.", "sentenced", "Ankara"),
        # A clause of the same moment with a pronoun subject.
        (
            "The reporter was shot as she left a courthouse in Lagos.",
            "shot",
            "Lagos",
        ),
        # A conjoined verb shares its partner's place.
        (
            "Soldiers surrounded a hotel in Mogadishu and stormed the building.",
            "stormed",
            "Mogadishu",
        ),
        # "on" a surface is where.
        ("Two climbers died on Mount Kilimanjaro.", "died", "Kilimanjaro"),
        # The first of coordinated places, not the finer of them.
        ("Tanks rolled into Jenin and Nablus.", "rolled", "Jenin"),
        # The name a place noun is "of", before the places coordinated with it.
        (
            "An earthquake levelled the town of Norcia and nearby Visso.",
            "levelled",
            "Norcia",
        ),
        # The examples of a place noun.
        ("Rockets hit towns including Ashkelon and Ashdod.", "hit", "Ashkelon"),
        # An event noun's participle and its other prepositions' objects.
        ("Officials braced for floods forecast in Dhaka.", "floods", "Dhaka"),
        ("Dozens died in a stampede during prayers in Lagos.", "stampede", "Lagos"),
        # A site's own name before its owner's.
        (
            "Protesters blocked the gates at Lisbon's Humberto Delgado airport.",
            "blocked",
            "Humberto Delgado",
        ),
    ],
)
def test_places_family_anchor(
    resources: Resources, text: str, word: str, where: str
) -> None:
    place = _place_of(text, word, resources)
    assert place is not None and where in place.text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # Where a participant came from is not where it acted.
        ("Envoys from Qatar criticized the deal.", "criticized"),
        # The clause said where without a name: the subject's place waits.
        ("Protesters in Karachi stormed an office in the capital.", "stormed"),
        # Before and after are other moments.
        ("The reporter was shot after she left a courthouse in Lagos.", "shot"),
        # A same-moment clause with its own subject is someone else's act.
        ("The envoy spoke as troops entered Mosul.", "spoke"),
        # A same-moment clause with a subject of its own, and "as" a role.
        ("Mubarak quit as crowds celebrated in Tahrir Square.", "quit"),
        ("She served as mayor in Lyon before the war.", "war"),
        # A conjoined report is not where the deed was.
        ("Troops entered Mosul and said the city was secure.", "said"),
        # "on" a country is a topic or a target, not a surface.
        ("The European Union imposed sanctions on Russia.", "imposed"),
        # "handed back to China": a recipient, not a destination.
        ("Portugal handed Macau back to China.", "handed"),
    ],
)
def test_places_family_no_anchor(resources: Resources, text: str, word: str) -> None:
    assert _place_of(text, word, resources) is None


def test_places_family_unresolved_place_has_no_fields(resources: Resources) -> None:
    place = _place_of(
        "Rebels seized the town of Tabrikot on Monday.", "seized", resources
    )
    assert place is not None
    assert (place.country, place.lat, place.feature) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "The Radisson hotel in Bamako was closed.",
        "Gunmen stormed Bamako's Radisson hotel.",
    ],
)
def test_places_family_site_named_before_its_noun(
    resources: Resources, text: str
) -> None:
    _, toponyms = _coded(text, resources)
    site = next(t for t in toponyms if t.text == "Radisson")
    bamako = next(t for t in toponyms if t.text == "Bamako")
    assert site.place is not None and bamako.place is not None
    assert site.place.feature == "landmark"
    assert (site.place.country, site.place.lat) == ("MLI", bamako.place.lat)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Shoppers crowded a Christmas market in Strasbourg.", "Christmas"),
        ("Bombers struck churches in Sri Lanka on Easter Sunday.", "Sunday"),
    ],
)
def test_places_family_calendar_names_are_not_places(
    resources: Resources, text: str, word: str
) -> None:
    _, toponyms = _coded(text, resources)
    assert toponyms and not any(word in t.text for t in toponyms)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Looting spread through Gauteng and Limpopo.", "Limpopo"),
        ("Militants attacked towns including Sderot.", "Sderot"),
        ("Troops retook the village of Tabrikot.", "Tabrikot"),
    ],
)
def test_places_family_place_slots(resources: Resources, text: str, name: str) -> None:
    _, toponyms = _coded(text, resources)
    assert any(t.text == name for t in toponyms)
