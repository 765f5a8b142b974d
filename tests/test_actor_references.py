"""References followed through an article: titles, pronouns, quoted speakers, "the
country", and unknown actors coded from their context. Run over the trained model.

``PASSAGES`` are hand-written wire-style passages, one rule each; the figures in
the actors README come from running them (every case is one reference).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import resolve_actors
from eventwire.clean import clean_article
from eventwire.ingest import read_articles
from eventwire.model import Actor, Article
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources

pytestmark = pytest.mark.model

DAY = date(2015, 11, 27)
SAMPLE_NAME = "usatoday-2015-11-27-putin-coalition.txt"
SAMPLE_CANDIDATES = [
    parent / "shared" / "samples" / SAMPLE_NAME
    for parent in Path(__file__).resolve().parents[1:4]
]


def _actors(resources: Resources, text: str, published: date | None) -> list[Actor]:
    article = Article(id="a", text=text, published=published)
    (parsed,) = parse_articles([clean_article(article)], nlp=resources.nlp)
    return list(
        resolve_actors(
            parsed, dictionary=resources.dictionary, matcher=resources.matcher
        )
    )


def _mention(actors: list[Actor], text: str, occurrence: int = 0) -> Actor:
    found = [actor for actor in actors if actor.text == text]
    assert len(found) > occurrence, [(a.text, a.code) for a in actors]
    return found[occurrence]


# (text, mention, occurrence, code, antecedent text or None)
PASSAGES = [
    pytest.param(
        "Turkish President Recep Tayyip Erdogan arrived in Baku on Monday. "
        "He said the talks would cover gas.",
        "He",
        0,
        "TURGOV",
        "Turkish President Recep Tayyip Erdogan",
        id="he-previous-sentence",
    ),
    pytest.param(
        "Chancellor Angela Merkel met Polish officials in Warsaw. "
        "She said Germany would help.",
        "She",
        0,
        "DEUGOV",
        "Chancellor Angela Merkel",
        id="she-previous-sentence",
    ),
    pytest.param(
        "Vladimir Putin told Francois Hollande that he was ready to cooperate.",
        "he",
        0,
        "RUSGOV",
        "Vladimir Putin",
        id="he-prefers-the-subject",
    ),
    pytest.param(
        "John Kerry met Sergey Lavrov in Geneva. Lavrov praised him.",
        "him",
        0,
        "USAGOV",
        "John Kerry",
        id="him-is-not-his-own-clause-subject",
    ),
    pytest.param(
        "Syrian troops entered the town on Sunday. They seized the main square.",
        "They",
        0,
        "SYRMIL",
        "Syrian troops",
        id="they-plural-actor",
    ),
    pytest.param(
        "Iranian officials rejected the offer. "
        "Tehran said the plan was unfair, and they called for new talks.",
        "they",
        0,
        "IRNGOV",
        "Tehran",
        id="they-most-recent-group",
    ),
    pytest.param(
        "Vladimir Putin met Francois Hollande in Moscow on Thursday.\n\n"
        "On Tuesday, the French president met Barack Obama in Washington.",
        "French president",
        0,
        "FRAGOV",
        "Francois Hollande",
        id="title-named-earlier",
    ),
    pytest.param(
        "The talks in Vienna ended on Friday.\n\n"
        "The French president said a deal was close.",
        "French president",
        0,
        "FRAGOV",
        None,
        id="title-holder-by-date",
    ),
    pytest.param(
        "Moscow hosted the talks. The Russian leader said the West was to blame.",
        "Russian leader",
        0,
        "RUSGOV",
        None,
        id="leader-by-date",
    ),
    pytest.param(
        "The British prime minister flew to Brussels on Monday.",
        "British prime minister",
        0,
        "GBRGOV",
        None,
        id="prime-minister-by-date",
    ),
    pytest.param(
        "Qatar offered to mediate. The emir said talks could start at once.",
        "emir",
        0,
        "QATGOV",
        None,
        id="emir-of-the-country-named-last",
    ),
    pytest.param(
        "The US secretary of state will visit Cairo next week.",
        "US secretary",
        0,
        "USAGOV",
        None,
        id="secretary-of-state-by-date",
    ),
    pytest.param(
        "Britain pledged more aid. The foreign secretary announced the sum.",
        "foreign secretary",
        0,
        "GBRGOV",
        None,
        id="foreign-secretary-by-date",
    ),
    pytest.param(
        '"We will not accept this," Putin said on Friday.',
        "We",
        0,
        "RUSGOV",
        "Putin",
        id="we-in-quote-speaker-after",
    ),
    pytest.param(
        'Erdogan told reporters: "Our borders are our red line."',
        "Our",
        0,
        "TURGOV",
        "Erdogan",
        id="our-in-quote-speaker-before",
    ),
    pytest.param(
        '"I have made my decision," Cameron said. "We will act now."',
        "We",
        0,
        "GBRGOV",
        "Cameron",
        id="we-in-following-quote",
    ),
    pytest.param(
        '"I have made my decision," Cameron said.',
        "I",
        0,
        "GBRGOV",
        "Cameron",
        id="i-in-quote-is-the-speaker",
    ),
    pytest.param(
        '"We will never give up the Golan. This land is ours." Netanyahu spoke '
        "at a cabinet meeting on Sunday.",
        "We",
        0,
        "ISRGOV",
        "Netanyahu",
        id="paragraph-opening-quote-speaker-in-next-sentence",
    ),
    pytest.param(
        '"We will respond to any attack."\n\nThe statement came hours after '
        "the strike. Netanyahu said it in a televised address.",
        "We",
        0,
        None,
        None,
        id="quote-with-no-speaker-in-its-paragraph",
    ),
    pytest.param(
        "Cameron told British lawmakers that the country faced a threat.",
        "country",
        0,
        "GBR",
        None,
        id="the-country",
    ),
    pytest.param(
        "Egypt closed the crossing on Monday. The government said it feared attacks.",
        "government",
        0,
        "EGYGOV",
        "Egypt",
        id="the-government",
    ),
    pytest.param(
        "Protesters marched in Caracas as Venezuela's crisis deepened. "
        "The army was deployed to the capital.",
        "army",
        0,
        "VENMIL",
        None,
        id="the-army",
    ),
    pytest.param(
        "Egyptian President Abdel Fattah el-Sisi said his government would act.",
        "his government",
        0,
        "EGYGOV",
        "Egyptian President Abdel Fattah el-Sisi",
        id="pronoun-owned-agent",
    ),
    pytest.param(
        "A Turkish official denied the report. He said the jet was warned.",
        "He",
        0,
        "TURGOV",
        "Turkish official",
        id="he-unnamed-official",
    ),
    pytest.param(
        "The Iranian supreme leader rejected talks with Washington.",
        "Iranian supreme leader",
        0,
        "IRNGOV",
        None,
        id="supreme-leader-by-date",
    ),
    pytest.param(
        "Erdogan called on Saudi Arabia to allow suspects held in the kingdom "
        "to be tried in Turkey.",
        "kingdom",
        0,
        "SAU",
        "Saudi Arabia",
        id="the-kingdom-prefers-a-named-country-to-a-person",
    ),
    pytest.param(
        "The council demanded that the Houthis immediately halt their attacks.",
        "their",
        0,
        "YEMREBHTH",
        "Houthis",
        id="their-belongs-to-its-clause-subject",
    ),
    pytest.param(
        "Tehran cracked down on the rallies. Women burned their headscarves.",
        "their",
        0,
        None,
        None,
        id="their-of-a-subject-that-is-no-actor",
    ),
    pytest.param(
        "Washington imposed sanctions on the morality police on Thursday.",
        "morality police",
        0,
        None,
        None,
        id="a-named-body-is-no-reference",
    ),
    pytest.param(
        "Turkish officials denied the report.",
        "Turkish officials",
        0,
        "TURGOV",
        None,
        id="unknown-officials",
    ),
    pytest.param(
        "Fighters from a Syrian rebel group shelled the town.",
        "Syrian rebel group",
        0,
        "SYRREB",
        None,
        id="rebel-group",
    ),
    pytest.param(
        "Jaish al-Fatah, a Syrian rebel group, claimed the attack.",
        "Jaish al-Fatah",
        0,
        "SYRREB",
        None,
        id="unknown-org-coded-by-apposition",
    ),
]


@pytest.mark.parametrize(
    ("text", "mention", "occurrence", "code", "antecedent"), PASSAGES
)
def test_actor_references_resolve(
    resources: Resources,
    text: str,
    mention: str,
    occurrence: int,
    code: str | None,
    antecedent: str | None,
) -> None:
    actors = _actors(resources, text, DAY)
    if code is None:
        assert all(a.text != mention or a.code is None for a in actors), actors
        return
    actor = _mention(actors, mention, occurrence)
    assert actor.code == code, actor
    if antecedent is not None:
        assert actor.antecedent is not None, actor
        assert actor.antecedent.text == antecedent
        span = actor.antecedent
        assert text[span.start : span.end] == span.text


def test_actor_references_title_by_date_has_name_and_no_antecedent(
    resources: Resources,
) -> None:
    actors = _actors(resources, "The French president spoke on Monday.", DAY)
    president = _mention(actors, "French president")
    assert (president.name, president.method) == ("François Hollande", "office")
    assert president.antecedent is None
    later = _actors(
        resources, "The French president spoke on Monday.", date(2019, 1, 1)
    )
    assert _mention(later, "French president").name == "Emmanuel Macron"


def test_actor_references_pronoun_does_not_cross_two_paragraphs(
    resources: Resources,
) -> None:
    text = (
        "Vladimir Putin spoke in Moscow.\n\nThe weather was cold.\n\n"
        "Snow fell.\n\nHe said nothing."
    )
    actors = _actors(resources, text, DAY)
    assert not [a for a in actors if a.text == "He"], actors


def test_actor_references_they_after_coordination_keeps_no_single_code(
    resources: Resources,
) -> None:
    text = "Putin and Hollande said they agreed to share intelligence."
    they = _mention(_actors(resources, text, DAY), "they")
    assert they.code is None
    assert they.antecedent is not None
    assert they.antecedent.text == "Putin and Hollande"


def test_actor_references_he_to_a_person_named_by_apposition(
    resources: Resources,
) -> None:
    text = (
        "Khashoggi, a columnist, had gone to the consulate to obtain documents "
        "he needed."
    )
    he = _mention(_actors(resources, text, DAY), "he")
    assert he.antecedent is not None
    assert he.antecedent.text == "Khashoggi"


def test_actor_references_unnamed_group_keeps_label_and_sector(
    resources: Resources,
) -> None:
    actors = _actors(resources, "Kurdish fighters entered the town.", DAY)
    fighters = _mention(actors, "Kurdish fighters")
    assert (fighters.code, fighters.sector, fighters.label) == (None, "REB", "NORP")


def test_actor_references_the_country_needs_a_country(resources: Resources) -> None:
    actors = _actors(resources, "The government said the talks had failed.", DAY)
    assert not [a for a in actors if a.text == "government"], actors


def test_actor_references_unknown_person_keeps_label(resources: Resources) -> None:
    actors = _actors(resources, "Zygmunt Brzeczyk denied the claims.", DAY)
    unknown = _mention(actors, "Zygmunt Brzeczyk")
    assert (unknown.code, unknown.label, unknown.method) == (None, "PERSON", "unknown")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(". . . ! ?", id="punctuation-only"),
        pytest.param("\n\n\n\n", id="blank-lines"),
        pytest.param(
            "RUSSIA SAYS HE WILL STRIKE. THEY DENY IT. THE COUNTRY WAITS.",
            id="all-caps-headline",
        ),
        pytest.param(
            "President " + " ".join(["Abcdefghij"] * 28) + " said he would go.",
            id="300-character-name",
        ),
        pytest.param('"We "" " said. "I', id="unbalanced-quotes"),
        pytest.param(
            "He said they told us we would. She. It. They.", id="only-pronouns"
        ),
        pytest.param(
            "The president. The country. The emir. The leader.", id="bare-titles"
        ),
    ],
)
def test_actor_references_never_crash_on_odd_text(
    resources: Resources, text: str
) -> None:
    actors = _actors(resources, text, DAY)
    for actor in actors:
        assert text[actor.start : actor.end] == actor.text
        if actor.antecedent is not None:
            span = actor.antecedent
            assert text[span.start : span.end] == span.text


def test_actor_references_shared_sample(resources: Resources) -> None:
    sample = next((path for path in SAMPLE_CANDIDATES if path.is_file()), None)
    if sample is None:
        pytest.skip(f"{SAMPLE_NAME} is not in shared/samples beside the clone")
    (article,) = read_articles([sample], published=DAY)
    assert isinstance(article, Article)
    (parsed,) = parse_articles([clean_article(article)], nlp=resources.nlp)
    actors = resolve_actors(
        parsed, dictionary=resources.dictionary, matcher=resources.matcher
    )
    text = article.text

    def found(mention: str) -> list[Actor]:
        return [actor for actor in actors if actor.text == mention]

    assert {a.code for a in found("Hollande")} == {"FRAGOV"}
    presidents = found("French president")
    assert len(presidents) == 2
    for president in presidents:
        assert (president.code, president.name) == ("FRAGOV", "François Hollande")
        assert president.antecedent is not None
        assert president.antecedent.text == "Hollande"
    # Both "he" of the article are Putin: "Putin told Hollande that he is
    # willing..." (the subject) and '"...," he said' after "Putin criticized".
    pronouns = found("he")
    assert len(pronouns) == 2
    assert {(a.code, a.name) for a in pronouns} == {("RUSGOV", "Vladimir Putin")}
    assert {a.code for a in found("Britain’s Parliament")} == {"GBRLEG"}
    assert {a.code for a in found("Royal Air Force")} == {"GBRMIL"}
    assert {a.country for a in found("Islamic State")} == {"IMG"}
    turkey = found("Turkey")[0]
    assert turkey.code == "TUR"
    assert text[turkey.start - 3 : turkey.start] == "by "
    quoted_we = [a for a in actors if a.text == "We" and a.method == "speaker"]
    assert quoted_we and {a.code for a in quoted_we} == {"RUSGOV"}
