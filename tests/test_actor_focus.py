"""People the tables do not name, coded from the story they are in.

A title with a name the dictionary lacks, an unnamed person ("a resident"),
a spokesman and a local council take their sector from the noun and their
country from the phrase, else the country in focus, else the one the article
names most, else its dateline. Also the people and organisations added to the
tables for these families. Hand-written texts, run over the trained model.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import load_actor_dictionary, resolve_actors
from eventwire.actors.dictionary import ActorDictionary
from eventwire.clean import clean_article
from eventwire.model import Actor, Article
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources

pytestmark = pytest.mark.model

DAY = date(2019, 6, 3)


def _actors(resources: Resources, text: str, *, on: date = DAY) -> list[Actor]:
    article = Article(id="a", text=text, published=on)
    (parsed,) = parse_articles([clean_article(article)], nlp=resources.nlp)
    return list(
        resolve_actors(
            parsed, dictionary=resources.dictionary, matcher=resources.matcher
        )
    )


def _code(
    resources: Resources, text: str, phrase: str, *, on: date = DAY
) -> str | None:
    """The code of the actor whose text holds ``phrase`` (the first one)."""
    for actor in _actors(resources, text, on=on):
        if phrase in actor.text:
            return actor.code
    raise AssertionError(f"no actor holds {phrase!r}")


# --- a title with a name the tables lack -------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        pytest.param(
            "TEHRAN (Reuters) - Results were announced on Saturday.\n\n"
            "Interior Minister Hamid Karimi said the count had been fair.",
            "Karimi",
            "IRNGOV",
            id="dateline",
        ),
        pytest.param(
            "NAIROBI (Reuters) - Two men were arrested on Thursday.\n\n"
            '"They will be charged," police spokesman John Mwangi said.',
            "Mwangi",
            "KENCOP",
            id="police-spokesman",
        ),
        pytest.param(
            "Pakistan and Afghanistan traded fire on Monday. In Cairo, "
            "Egyptian Foreign Ministry spokesman Ahmed Fathy said talks were needed.",
            "Fathy",
            "EGYGOV",
            id="country-in-the-phrase",
        ),
        pytest.param(
            "CARACAS (Reuters) - Venezuela's opposition called for protests.\n\n"
            "Opposition leader Carlos Mendoza said the vote had been stolen.",
            "Mendoza",
            "VENOPP",
            id="opposition-leader",
        ),
        pytest.param(
            "DHAKA (Reuters) - The prime minister resigned on Monday.\n\n"
            "Army chief General Rahim-Uz-Din said an interim government "
            "would be formed.",
            "Rahim",
            "BGDMIL",
            id="army-chief",
        ),
        pytest.param(
            "WASHINGTON (AP) - The White House said on Friday it would act.\n\n"
            "Treasury Secretary Mark Holden said markets were calm.",
            "Holden",
            "USAGOV",
            id="treasury-secretary",
        ),
        pytest.param(
            "Protests spread to dozens of U.S. cities.\n\n"
            "Minnesota Gov. Tom Walsh said the Guard would be mobilised.",
            "Walsh",
            "USAGOV",
            id="gov-abbreviation",
        ),
    ],
)
def test_titled_person_takes_the_country_in_focus(
    resources: Resources, text: str, phrase: str, code: str
) -> None:
    assert _code(resources, text, phrase) == code


def test_titled_person_is_followed_by_surname_and_pronoun(
    resources: Resources,
) -> None:
    text = (
        "TEHRAN (Reuters) - Results were announced on Saturday.\n\n"
        "Interior Minister Hamid Karimi said the count had been fair. "
        '"Nobody was cheated," Karimi told reporters. He spoke for an hour.'
    )
    actors = _actors(resources, text)
    assert [(a.text, a.code) for a in actors if a.text in {"Karimi", "He"}] == [
        ("Karimi", "IRNGOV"),
        ("He", "IRNGOV"),
    ]


def test_former_title_takes_no_country_in_focus(resources: Resources) -> None:
    text = (
        "BERLIN (Reuters) - Parliament met on Tuesday.\n\n"
        "Former chancellor Klaus Weber said he would not stand again."
    )
    assert _code(resources, text, "Weber") is None


def test_titled_person_as_an_object_takes_no_country_in_focus(
    resources: Resources,
) -> None:
    text = (
        "The Pentagon said the strike that killed General Hassan Farahani "
        "was ordered by the president."
    )
    assert _code(resources, text, "Farahani") is None


# --- one unnamed person -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        pytest.param(
            "MOSUL, Iraq (Reuters) - Militants seized the city on Tuesday.\n\n"
            '"We are afraid," a resident told Reuters by telephone.',
            "resident",
            "IRQCVL",
            id="resident",
        ),
        pytest.param(
            "PARIS (Reuters) - Gunmen stormed an office on Wednesday.\n\n"
            '"They shouted as they ran out," said a witness.',
            "witness",
            "FRACVL",
            id="witness",
        ),
        pytest.param(
            "DHAKA (Reuters) - Crowds filled the streets.\n\n"
            '"We have won!" a student shouted.',
            "student",
            "BGDEDU",
            id="student",
        ),
        pytest.param(
            "ABUJA (AP) - Gunmen attacked a village on Monday.\n\n"
            '"They came at night," a teacher at the school said.',
            "teacher",
            "NGAEDU",
            id="teacher-at",
        ),
        pytest.param(
            "KHARTOUM (Reuters) - Fighting went on all night.\n\n"
            '"Nobody dares to leave," a resident of the Bahri district said.',
            "resident",
            "SDNCVL",
            id="resident-of",
        ),
        pytest.param(
            "CARACAS (Reuters) - Protesters marched on Sunday.\n\n"
            "A government spokesman said the protests were paid for from abroad.",
            "spokesman",
            "VENGOV",
            id="government-spokesman",
        ),
        pytest.param(
            "JERUSALEM (Reuters) - Israel's army said eight soldiers had been "
            'killed in Lebanon.\n\n"Hezbollah will pay," a military spokesman said.',
            "spokesman",
            "ISRMIL",
            id="most-named-country",
        ),
        pytest.param(
            '"We hit the targets we chose," an Israeli military spokesman said.',
            "spokesman",
            "ISRMIL",
            id="military-beats-spokesman",
        ),
        pytest.param(
            "A Pentagon spokesman said the strike may have hit a clinic.",
            "spokesman",
            "USAMIL",
            id="pentagon-spokesman",
        ),
        pytest.param(
            "KHARKIV, Ukraine (AP) - Shelling hit the city centre.\n\n"
            '"Nobody was hurt," the city council said.',
            "city council",
            "UKRGOV",
            id="city-council",
        ),
    ],
)
def test_unnamed_person_takes_the_country_in_focus(
    resources: Resources, text: str, phrase: str, code: str
) -> None:
    assert _code(resources, text, phrase) == code


def test_kin_of_a_coded_person_are_civilians_of_their_country(
    resources: Resources,
) -> None:
    text = (
        "President Kais Saied visited Sidi Bouzid on Friday. "
        '"He was a good man," his sister said.'
    )
    actors = _actors(resources, text, on=date(2021, 3, 1))
    assert ("his sister", "TUNCVL") in [(a.text, a.code) for a in actors]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        pytest.param(
            "BERLIN (Reuters) - The chancellor said a new leader should be in "
            "place by October.",
            "leader",
            id="office-not-person",
        ),
        pytest.param(
            "KABUL (Reuters) - A drone was seen over the city on Monday.",
            "drone",
            id="thing",
        ),
        pytest.param(
            "LONDON (Reuters) - Police said a former spy was poisoned.",
            "spy",
            id="former",
        ),
    ],
)
def test_unnamed_office_thing_or_former_role_takes_no_country(
    resources: Resources, text: str, phrase: str
) -> None:
    coded = [a for a in _actors(resources, text) if phrase in a.text and a.code]
    assert coded == []


def test_unnamed_person_with_two_countries_and_no_dateline_stays_uncoded(
    resources: Resources,
) -> None:
    text = 'Russia and Ukraine traded blame. "It was loud," a resident said.'
    actors = _actors(resources, text)
    assert not [a for a in actors if "resident" in a.text and a.code]


# --- organisations ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        pytest.param(
            "Save the Children said on Wednesday that thousands of children "
            "were starving.",
            "Save the Children",
            "NGO",
            id="save-the-children",
        ),
        pytest.param(
            "North Korea's official KCNA news agency said the launch had succeeded.",
            "KCNA",
            "PRKGOV",
            id="state-news-agency",
        ),
        pytest.param(
            "Doctors Without Borders said a hospital was hit. The medical "
            "charity said 19 people were killed.",
            "charity",
            "NGOMSF",
            id="the-charity",
        ),
        pytest.param(
            "Human Rights Watch accused the army of abuses. The group said "
            "it had spoken to 40 witnesses.",
            "group",
            "NGOHRW",
            id="the-group-an-ngo",
        ),
    ],
)
def test_organisations_of_the_speaker_families(
    resources: Resources, text: str, phrase: str, code: str
) -> None:
    assert _code(resources, text, phrase) == code


# --- people added to the tables -----------------------------------------------


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actor_dictionary()


@pytest.mark.parametrize(
    ("phrase", "on", "code"),
    [
        ("Yeltsin", date(1999, 6, 1), "RUSGOV"),
        ("Yeltsin", date(2001, 6, 1), None),
        ("Jacinda Ardern", date(2019, 3, 15), "NZLGOV"),
        ("Rene Preval", date(2010, 1, 13), "HTIGOV"),
        ("Rene Preval", date(2003, 1, 13), None),
        ("Carrie Lam", date(2019, 6, 16), "HKGGOV"),
        ("Salmond", date(2014, 9, 18), "GBRGOV"),
        ("Draghi", date(2012, 7, 26), "IGOEUREEC"),
        ("Draghi", date(2022, 1, 1), "ITAGOV"),
        ("Lagarde", date(2015, 1, 1), "IGOIMF"),
        ("Abdullah Abdullah", date(2021, 8, 15), "AFGGOV"),
        ("al-Sahhaf", date(2003, 3, 20), "IRQGOV"),
    ],
)
def test_people_added_for_speakers_resolve_by_date(
    actors: ActorDictionary, phrase: str, on: date, code: str | None
) -> None:
    entry = actors.lookup(phrase, on=on, kinds=("person",))
    assert (entry.code if entry is not None else None) == code


def test_added_leaders_hold_one_office_at_a_time(actors: ActorDictionary) -> None:
    for country, years in (("NZL", range(2000, 2026)), ("HKG", range(1998, 2026))):
        for year in years:
            leaders = {
                entry.name
                for entry in actors.entries
                if entry.kind == "person"
                and entry.code == f"{country}GOV"
                and entry.leader
                and entry.valid_on(date(year, 7, 1))
            }
            assert len(leaders) == 1, (country, year, leaders)


def test_group_with_no_country_near_takes_the_most_named_country(
    resources: Resources,
) -> None:
    text = (
        "DENPASAR, Indonesia (Reuters) - A bomb ripped through an Indonesian "
        "nightclub.\n\n"
        '"It was like a war zone," Australian tourist Mark Dunn said.\n\n'
        "Witnesses said the street was full of smoke. Police said 180 people "
        "had been killed."
    )
    assert _code(resources, text, "Police") == "IDNCOP"


def test_group_near_two_countries_stays_uncoded(resources: Resources) -> None:
    text = "Armenia and Azerbaijan signed a truce. Protesters rallied in the rain."
    assert _code(resources, text, "Protesters") is None


def test_family_name_written_first_follows_the_person(resources: Resources) -> None:
    text = (
        "North Korean leader Kim Jong Un met envoys on Monday. "
        '"We decided to leave the past behind," Kim said.'
    )
    actors = _actors(resources, text, on=date(2018, 6, 12))
    assert [a.code for a in actors if a.text == "Kim"] == ["PRKGOV"]
