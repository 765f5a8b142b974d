"""General resolver rules, each over hand-written sentences: coordinated
modifiers, organisation references, bare sector nouns, "it", collectives and
all-caps headlines. Run over the trained model.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import resolve_actors
from eventwire.clean import clean_article
from eventwire.model import Actor, Article
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources

pytestmark = pytest.mark.model

DAY = date(2019, 6, 3)


def _codes(resources: Resources, text: str) -> list[tuple[str, str | None]]:
    return [(actor.text, actor.code) for actor in _actors(resources, text)]


def _actors(resources: Resources, text: str) -> list[Actor]:
    article = Article(id="a", text=text, published=DAY)
    (parsed,) = parse_articles([clean_article(article)], nlp=resources.nlp)
    return list(
        resolve_actors(
            parsed, dictionary=resources.dictionary, matcher=resources.matcher
        )
    )


# --- coordinated modifiers: one actor per member ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Israeli and Egyptian troops patrolled the border on Tuesday.",
            [("Israeli", "ISRMIL"), ("Egyptian troops", "EGYMIL")],
            id="two-adjectives",
        ),
        pytest.param(
            "French, German and Italian diplomats met in Rome.",
            [
                ("French", "FRAGOV"),
                ("German", "DEUGOV"),
                ("Italian diplomats", "ITAGOV"),
            ],
            id="three-adjectives",
        ),
        pytest.param(
            "Syrian and Russian warplanes bombed the town.",
            [("Syrian", "SYRMIL"), ("Russian warplanes", "RUSMIL")],
            id="warplanes",
        ),
        pytest.param(
            "The Afghan government and Taliban fighters agreed to a truce.",
            [("Afghan government", "AFGGOV"), ("Taliban fighters", "AFGREBTAL")],
            id="government-and-armed-group",
        ),
    ],
)
def test_coordinated_modifiers_are_one_actor_each(
    resources: Resources, text: str, expected: list[tuple[str, str]]
) -> None:
    found = _codes(resources, text)
    for pair in expected:
        assert pair in found, found


def test_coordinated_modifiers_naming_no_actor_stay_one_phrase(
    resources: Resources,
) -> None:
    # "Local and foreign" name nobody: no actor is made up from them.
    found = _actors(resources, "Local and foreign journalists were detained.")
    assert [(a.text, a.code) for a in found] == [
        ("Local and foreign journalists", None)
    ]


# --- "the alliance", "the bloc", "the group": the last organisation of its kind ---


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        pytest.param(
            "NATO defence ministers met in Brussels on Thursday. Poland urged "
            "the alliance to send more troops east.",
            "alliance",
            "IGOWSTNAT",
            id="alliance-nato",
        ),
        pytest.param(
            "ASEAN foreign ministers gathered in Jakarta. Myanmar was barred "
            "from the meeting, and the bloc called for an end to the violence.",
            "bloc",
            "IGOSEAASN",
            id="bloc-asean",
        ),
        pytest.param(
            "The International Court of Justice ordered Israel to allow aid "
            "into Gaza. Israel said the court had no jurisdiction.",
            "court",
            "IGOUNOICJ",
            id="court-icj",
        ),
        pytest.param(
            "Boko Haram fighters raided a village in Borno state. Residents "
            "said the militants burned dozens of homes.",
            "militants",
            "NGAREBBKH",
            id="militants-armed-group",
        ),
        pytest.param(
            "Al-Shabaab claimed the attack on a hotel in Mogadishu. Kenya "
            "has fought the Somali group for a decade.",
            "Somali group",
            "SOMREBSHB",
            id="group-of-a-country",
        ),
    ],
)
def test_organisation_reference_is_the_last_of_its_kind(
    resources: Resources, text: str, mention: str, code: str
) -> None:
    found = _actors(resources, text)
    actor = next((a for a in found if a.text == mention), None)
    assert actor is not None, [(a.text, a.code) for a in found]
    assert actor.code == code
    assert actor.method == "reference"
    assert actor.antecedent is not None


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        pytest.param(
            "EU leaders met in Brussels. Hungary said the alliance was irrelevant.",
            "alliance",
            id="eu-is-no-alliance",
        ),
        pytest.param(
            "Protesters marched in Lagos. The group said it would return.",
            "group",
            id="no-organisation-named",
        ),
        pytest.param(
            "Syrian Democratic Forces advanced on the town. Residents said "
            "the militants had fled.",
            "militants",
            id="a-militia-is-no-militant-group",
        ),
    ],
)
def test_organisation_reference_without_a_compatible_organisation_is_uncoded(
    resources: Resources, text: str, mention: str
) -> None:
    found = _actors(resources, text)
    assert all(a.code is None for a in found if a.text == mention), [
        (a.text, a.code) for a in found
    ]


def test_organisation_reference_to_an_unknown_organisation_stays_uncoded(
    resources: Resources,
) -> None:
    text = (
        "The Coastal Workers Front said it would block the port. John Mensah, "
        "who leads the movement, asked members to stay calm."
    )
    found = _actors(resources, text)
    actor = next(a for a in found if a.text == "movement")
    assert actor.code is None
    assert actor.antecedent is not None
    assert actor.antecedent.text == "Coastal Workers Front"


def test_a_name_read_as_several_heads_is_one_actor(resources: Resources) -> None:
    text = "The International Court of Justice ruled. Al-Shabaab fighters fled."
    found = _codes(resources, text)
    assert found.count(("International Court of Justice", "IGOUNOICJ")) == 1, found
    assert [code for _, code in found].count("SOMREBSHB") == 1, found


# --- bare sector nouns: the country in focus, when it is clear -------------------


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        pytest.param(
            "Thousands rallied in Tbilisi on Sunday against the Georgian "
            "government. Protesters blocked the main avenue.",
            "Protesters",
            "GEOCVL",
            id="previous-sentence",
        ),
        pytest.param(
            "Police in Caracas fired tear gas at students.",
            "Police",
            "VENCOP",
            id="located-in-a-capital",
        ),
        pytest.param(
            "Police in Caracas fired tear gas at students.",
            "students",
            "VENEDU",
            id="same-sentence",
        ),
        pytest.param(
            "Egyptian security forces arrested dozens of people.",
            "Egyptian security forces",
            "EGYCOP",
            id="two-word-agent-before-its-head",
        ),
        pytest.param(
            "Iraq's prime minister visited the front. Rebel commanders said "
            "they would fight on.",
            "Rebel commanders",
            "IRQREB",
            id="non-state-modifier-wins",
        ),
    ],
)
def test_bare_sector_noun_takes_the_country_in_focus(
    resources: Resources, text: str, mention: str, code: str
) -> None:
    assert (mention, code) in _codes(resources, text)


@pytest.mark.parametrize(
    ("text", "mention", "sector"),
    [
        pytest.param(
            "Turkey and Greece traded accusations on Monday. Officials met "
            "later in Brussels.",
            "Officials",
            "GOV",
            id="two-countries-in-reach",
        ),
        pytest.param(
            "Protesters marched through the capital on Sunday.",
            "Protesters",
            "CVL",
            id="no-country-in-reach",
        ),
    ],
)
def test_bare_sector_noun_without_a_clear_country_keeps_its_sector_only(
    resources: Resources, text: str, mention: str, sector: str
) -> None:
    actor = next(a for a in _actors(resources, text) if a.text == mention)
    assert actor.code is None
    assert actor.country is None
    assert actor.sector == sector


def test_definite_plural_refers_to_the_same_noun_before(resources: Resources) -> None:
    text = (
        "Gunmen abducted three soldiers near the border. Niger said the "
        "soldiers were alive."
    )
    actor = next(a for a in _actors(resources, text) if a.text == "soldiers")
    assert actor.method == "reference"
    assert actor.antecedent is not None
    assert actor.antecedent.text == "three soldiers"
    assert actor.code is None  # the first mention had no country either


def test_a_group_a_state_acts_on_gets_no_country_from_it(
    resources: Resources,
) -> None:
    text = "Hungary expelled two diplomats on Friday."
    actor = next(a for a in _actors(resources, text) if a.text == "two diplomats")
    assert actor.code is None
    assert actor.sector == "GOV"


# --- "it", "its", "itself": the last country or organisation --------------------


@pytest.mark.parametrize(
    ("text", "mention", "code", "antecedent"),
    [
        pytest.param(
            "Egypt said on Sunday that it would reopen the Rafah crossing.",
            "it",
            "EGY",
            "Egypt",
            id="it-subject-of-a-reported-clause",
        ),
        pytest.param(
            "Norway recalled its ambassador from Caracas.",
            "its ambassador",
            "NORGOV",
            "Norway",
            id="its-agent",
        ),
        pytest.param(
            "Belgium said it would defend itself.",
            "itself",
            "BEL",
            "Belgium",
            id="itself",
        ),
        pytest.param(
            "Hungary expelled two diplomats, and Poland said it would do the same.",
            "it",
            "POL",
            "Poland",
            id="subject-of-the-governing-clause",
        ),
        pytest.param(
            "The Islamic State said it carried out the attack.",
            "it",
            "IMGMUSISI",
            "Islamic State",
            id="organisation",
        ),
        pytest.param(
            "Colombia's government said it was ready to resume talks.",
            "it",
            "COLGOV",
            "Colombia's government",
            id="government",
        ),
    ],
)
def test_it_refers_to_the_last_country_or_organisation(
    resources: Resources, text: str, mention: str, code: str, antecedent: str
) -> None:
    found = _actors(resources, text)
    actor = next((a for a in found if a.text == mention), None)
    assert actor is not None, [(a.text, a.code) for a in found]
    assert actor.code == code
    assert actor.antecedent is not None
    assert actor.antecedent.text == antecedent


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Germany hosted the talks. It is unclear whether a deal will follow.",
            id="it-is-unclear-whether",
        ),
        pytest.param("It rained in London as Britain voted.", id="weather"),
        pytest.param("NATO proposed a plan, and Russia rejected it.", id="object"),
        pytest.param(
            "France sent envoys. It is believed that talks will resume.",
            id="it-is-believed-that",
        ),
        pytest.param(
            "Britain voted against strikes in 2013 when reports surfaced that it "
            "was using chemical weapons against rebels.",
            id="it-in-an-adverbial-clause-is-not-the-main-subject",
        ),
    ],
)
def test_it_that_stands_for_no_actor_is_left_alone(
    resources: Resources, text: str
) -> None:
    found = _actors(resources, text)
    assert all(a.text.lower() != "it" for a in found), [(a.text, a.code) for a in found]


# --- collectives: "the West" and lower-case organisation names -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The West imposed new sanctions on Tehran.",
            [("West", "WST")],
            id="the-west",
        ),
        pytest.param(
            "Western countries froze the assets, and Western governments protested.",
            [("Western countries", "WST"), ("Western governments", "WSTGOV")],
            id="western-collectives",
        ),
        pytest.param(
            "The international community condemned the coup in Niamey.",
            [("international community", "IGO")],
            id="lower-case-organisation",
        ),
    ],
)
def test_collectives_are_coded(
    resources: Resources, text: str, expected: list[tuple[str, str]]
) -> None:
    found = _codes(resources, text)
    for pair in expected:
        assert pair in found, found


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ministers from West Africa met in Accra.", id="west-africa"),
        pytest.param("Kanye West spoke at the rally.", id="a-surname"),
        pytest.param("Troops moved west of the river.", id="a-direction"),
    ],
)
def test_west_as_part_of_a_name_is_no_region(resources: Resources, text: str) -> None:
    assert all(code != "WST" for _, code in _codes(resources, text))


# --- all-caps headlines: one actor per name, read without the parse ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "SYRIAN TROOPS RETAKE PALMYRA FROM ISLAMIC STATE",
            [("SYRIAN TROOPS", "SYRMIL"), ("ISLAMIC STATE", "IMGMUSISI")],
            id="agent-and-organisation",
        ),
        pytest.param(
            "EGYPT'S PRESIDENT FLIES TO MOSCOW",
            [("EGYPT'S PRESIDENT", "EGYGOV"), ("MOSCOW", "RUSGOV")],
            id="possessive-title",
        ),
        pytest.param(
            "NATO WARNS RUSSIA OVER UKRAINE BUILDUP",
            [("NATO", "IGOWSTNAT"), ("RUSSIA", "RUS"), ("UKRAINE", "UKR")],
            id="names-side-by-side",
        ),
        pytest.param(
            "MERKEL HOSTS MACRON IN BERLIN",
            [("MERKEL", "DEUGOV"), ("MACRON", "FRAGOV")],
            id="surnames",
        ),
    ],
)
def test_all_caps_headline_keeps_each_actor_to_its_own_phrase(
    resources: Resources, text: str, expected: list[tuple[str, str]]
) -> None:
    found = _codes(resources, text)
    for pair in expected:
        assert pair in found, found


@pytest.mark.parametrize(
    "text",
    ["BREAKING", "!!! ???", "A " * 400, "UN", ""],
)
def test_odd_capitals_never_crash(resources: Resources, text: str) -> None:
    assert all(actor.start <= actor.end for actor in _actors(resources, text))


def test_all_caps_common_word_is_no_person(resources: Resources) -> None:
    # Theresa May is prime minister on DAY; "MAY" in capitals is the month.
    found = _codes(resources, "MAY DAY RALLIES DRAW THOUSANDS IN PARIS")
    assert all(code != "GBRGOV" for _, code in found), found


def test_bare_parliament_is_the_asking_leaders_own(resources: Resources) -> None:
    text = (
        "Chinese warships entered Philippine waters on Monday. President "
        "Rodrigo Duterte asked parliament to approve new funds."
    )
    assert ("parliament", "PHLLEG") in _codes(resources, text)


def test_bare_parliament_with_no_country_named_is_no_actor(
    resources: Resources,
) -> None:
    assert _codes(resources, "Parliament approved the budget on Friday.") == []


def test_supporters_are_civilians_of_the_country_in_focus(
    resources: Resources,
) -> None:
    text = (
        "Kenya's opposition leader held a rally in Nairobi. Supporters chanted slogans."
    )
    assert ("Supporters", "KENCVL") in _codes(resources, text)


def test_unnamed_fighters_belong_to_the_named_group_in_focus(
    resources: Resources,
) -> None:
    text = "Saudi jets bombed Sanaa overnight. The Houthis said six fighters died."
    assert ("six fighters", "YEMREBHTH") in _codes(resources, text)


def test_unnamed_rebels_near_an_international_group_take_no_code_from_it(
    resources: Resources,
) -> None:
    text = "The Islamic State said rebel groups attacked its positions."
    assert ("rebel groups", None) in _codes(resources, text)


# --- places that name where violence happened ----------------------------------


@pytest.mark.parametrize(
    ("text", "place", "code"),
    [
        pytest.param(
            "France sent warplanes after the Paris attacks.", "Paris", "FRA", id="city"
        ),
        pytest.param(
            "Kenya mourned the victims of the Nairobi bombing.",
            "Nairobi",
            "KEN",
            id="bombing",
        ),
    ],
)
def test_place_naming_an_attack_is_a_place_actor(
    resources: Resources, text: str, place: str, code: str
) -> None:
    actor = next((a for a in _actors(resources, text) if a.text == place), None)
    assert actor is not None
    assert (actor.code, actor.country, actor.sector, actor.method) == (
        code,
        code,
        None,
        "place",
    )


def test_place_modifying_other_nouns_is_no_actor(resources: Resources) -> None:
    found = _actors(resources, "Investors bought Paris real estate.")
    assert all(a.text != "Paris" for a in found), [(a.text, a.code) for a in found]
