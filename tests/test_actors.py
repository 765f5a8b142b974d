"""Stage 4: noun phrases resolved to actor codes over a real parse."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import resolve_actors
from eventwire.clean import clean_article
from eventwire.model import Actor, Article
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources

pytestmark = pytest.mark.model


def _actors(resources: Resources, text: str, published: date | None) -> list[Actor]:
    article = Article(id="a", text=text, published=published)
    (parsed,) = parse_articles([clean_article(article)], nlp=resources.nlp)
    return list(
        resolve_actors(
            parsed, dictionary=resources.dictionary, matcher=resources.matcher
        )
    )


def _codes(
    resources: Resources, text: str, published: date | None = None
) -> dict[str, str | None]:
    return {actor.text: actor.code for actor in _actors(resources, text, published)}


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        pytest.param(
            "Russian President Vladimir Putin spoke on Thursday.",
            "Russian President Vladimir Putin",
            "RUSGOV",
            id="titled-person",
        ),
        pytest.param(
            "Syrian troops entered the town.",
            "Syrian troops",
            "SYRMIL",
            id="adjective-sector",
        ),
        pytest.param(
            "Britain's Parliament voted on Wednesday.",
            "Britain's Parliament",
            "GBRLEG",
            id="possessive-country",
        ),
        pytest.param(
            "The Royal Air Force flew missions.",
            "Royal Air Force",
            "GBRMIL",
            id="named-force",
        ),
        pytest.param(
            "Moscow condemned the decision.", "Moscow", "RUSGOV", id="capital-metonym"
        ),
        pytest.param(
            "The Kremlin said nothing.", "Kremlin", "RUSGOV", id="seat-of-power"
        ),
        pytest.param("NATO said it would respond.", "NATO", "IGOWSTNAT", id="igo"),
        pytest.param(
            "Islamic State fighters seized the town.",
            "Islamic State fighters",
            "IMGMUSISI",
            id="armed-group-members",
        ),
        pytest.param(
            "The president of France arrived on Monday.",
            "president",
            "FRAGOV",
            id="of-country",
        ),
    ],
)
def test_actors_resolve_noun_phrases(
    resources: Resources, text: str, mention: str, code: str
) -> None:
    found = _codes(resources, text, date(2015, 11, 27))
    assert found.get(mention) == code, found


def test_actors_person_roles_follow_the_article_date(resources: Resources) -> None:
    text = "Medvedev met the delegation."
    assert _codes(resources, text, date(2009, 6, 1))["Medvedev"] == "RUSGOV"
    assert _codes(resources, "Obama spoke.", date(2015, 11, 27))["Obama"] == "USAGOV"
    assert _codes(resources, "Obama spoke.", date(2020, 6, 1))["Obama"] is None


def test_actors_surname_follows_a_titled_first_mention(resources: Resources) -> None:
    text = (
        "German Foreign Minister Oskar Brenning arrived in Paris.\n\n"
        "Brenning said the talks were useful."
    )
    actors = _actors(resources, text, date(2015, 11, 27))
    later = [actor for actor in actors if actor.text == "Brenning"]
    assert later, [actor.text for actor in actors]
    first = next(actor for actor in actors if "Oskar" in actor.text)
    assert later[0].code == first.code
    assert later[0].method == "surname"
    assert later[0].antecedent is not None
    assert text[later[0].antecedent.start : later[0].antecedent.end] == first.text


def test_actors_stance_prefix_is_not_an_owner(resources: Resources) -> None:
    found = _codes(
        resources, "The anti-ISIL coalition met in Paris.", date(2015, 11, 27)
    )
    assert "IMGMUSISI" not in found.values()


def test_actors_capital_as_modifier_names_a_place(resources: Resources) -> None:
    found = _codes(resources, "The Paris attacks shocked Europe.", date(2015, 11, 27))
    assert "FRAGOV" not in found.values()


def test_actors_offsets_slice_the_original_text(resources: Resources) -> None:
    text = (
        "MOSCOW ?? JANE DOE, AFP/GETTY IMAGES ?? Caption.\n\n"
        "Syrian troops and Russian jets attacked rebels."
    )
    article = Article(id="a", text=text)
    (parsed,) = parse_articles([clean_article(article)], nlp=resources.nlp)
    actors = resolve_actors(
        parsed, dictionary=resources.dictionary, matcher=resources.matcher
    )
    assert actors
    for actor in actors:
        assert text[actor.start : actor.end] == actor.text


def test_actors_unknown_named_entities_are_kept_without_code(
    resources: Resources,
) -> None:
    actors = _actors(resources, "Zorblax Industries signed nothing.", None)
    unknown = [actor for actor in actors if actor.code is None]
    assert unknown, actors
    assert unknown[0].method == "unknown"
    assert unknown[0].label == "ORG"
