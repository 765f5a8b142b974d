"""Coding rules on parsed sentences: complements, nominal events, roles,
modality, and sentences that must code to nothing.

These run the real pipeline (parser and actor resolver) on short sentences
written for the rule they test; the hand-built parses in ``test_coding.py``
pin the same rules without the model.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding.modality import plover_auxiliary_modes
from eventwire.model import Article, CodedArticle, Event
from eventwire.pipeline import Resources, code_articles

pytestmark = pytest.mark.model

Triple = tuple[str | None, str, str | None]


def _events(resources: Resources, text: str) -> tuple[Event, ...]:
    article = Article(id="rule", text=text, published=date(2020, 1, 1))
    [result] = code_articles([article], resources=resources)
    assert isinstance(result, CodedArticle)
    return result.events


def _triples(events: tuple[Event, ...]) -> list[Triple]:
    return [
        (event.source.code, event.cameo, event.target and event.target.code)
        for event in events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Russia and France agreed to increase the exchange of intelligence.",
            [("RUS", "0314", "FRA"), ("FRA", "0314", "RUS")],
            id="agreed-to-share-intelligence-is-mutual",
        ),
        pytest.param(
            "Russia and France met in Paris on Monday. Later they agreed to "
            "increase the exchange of intelligence.",
            [
                ("RUS", "040", "FRA"),
                ("FRA", "040", "RUS"),
                ("RUS", "0314", "FRA"),
                ("FRA", "0314", "RUS"),
            ],
            id="they-after-a-pair-acts-as-both",
        ),
        pytest.param(
            "The French president's trip had threatened to be overshadowed by "
            "the crisis.",
            [],
            id="passive-complement-is-no-threat",
        ),
        pytest.param(
            "The Islamic State was responsible for the Paris attacks.",
            [("IMGMUSISI", "180", "FRA")],
            id="a-place-named-attack-is-aimed-at-the-place",
        ),
        pytest.param(
            "Al-Shabaab militants attacked a shopping mall in Nairobi.",
            [("SOMREBSHB", "180", "KEN")],
            id="an-armed-group-attacking-a-place-is-unconventional-violence",
        ),
        pytest.param(
            "Al-Shabaab attacked Kenyan troops in Somalia.",
            [("SOMREBSHB", "190", "KENMIL")],
            id="an-armed-group-attacking-troops-is-military-force",
        ),
        pytest.param(
            "Russia refused to meet Ukrainian officials.",
            [("RUS", "125", "UKRGOV")],
            id="refused-to-meet-is-a-rejection",
        ),
        pytest.param(
            "Germany urged Russia to halt the offensive.",
            [("DEU", "0256", "RUS")],
            id="urged-to-halt-is-an-appeal",
        ),
        pytest.param(
            "Russia threatened to attack Turkey.",
            [("RUS", "1384", "TUR")],
            id="threatened-to-attack-is-a-threat",
        ),
        pytest.param(
            "Russia is prepared to work with France.",
            [("RUS", "030", "FRA")],
            id="prepared-to-work-with-is-intent",
        ),
        pytest.param(
            "Russia signed an agreement with China.",
            [("RUS", "057", "CHN")],
            id="sign-an-agreement",
        ),
        pytest.param("Putin signed a decree on Monday.", [], id="sign-a-decree"),
        pytest.param(
            "Putin signed a decree imposing economic sanctions on Turkey.",
            [("RUSGOV", "163", "TUR")],
            id="decree-acts-for-its-signer",
        ),
        pytest.param(
            "Turkey's downing of the Russian jet angered Moscow.",
            [("TUR", "195", "RUSMIL")],
            id="nominal-event-with-possessor",
        ),
        pytest.param(
            "The United States launched airstrikes against the Islamic State.",
            [("USA", "195", "IMGMUSISI")],
            id="light-verb-noun-coded-once",
        ),
        pytest.param(
            "Israeli warplanes struck Hamas targets in Gaza.",
            [("ISRMIL", "195", "PSEREBHMS")],
            id="aircraft-subject-makes-an-air-strike",
        ),
        pytest.param(
            "Turkey accused Russia of violating its airspace.",
            [("TUR", "1123", "RUS")],
            id="grounds-of-an-accusation-are-not-an-event",
        ),
        pytest.param(
            "Turkey, which shot down the Russian jet, criticized Moscow.",
            [("TUR", "195", "RUSMIL"), ("TUR", "111", "RUSGOV")],
            id="relative-clause-takes-its-antecedent",
        ),
        pytest.param(
            "The Russian jet downed by Turkey crashed in Syria.",
            [("TUR", "195", "RUSMIL")],
            id="reduced-passive",
        ),
        pytest.param(
            "Russia and France met in Paris on Monday.",
            [("RUS", "040", "FRA"), ("FRA", "040", "RUS")],
            id="compound-subject-of-a-mutual-act",
        ),
        pytest.param(
            "Russia criticized Turkey and praised Iran.",
            [("RUS", "111", "TUR"), ("RUS", "051", "IRN")],
            id="conjoined-verbs-share-the-subject",
        ),
        pytest.param(
            "France held talks in Moscow with Russia.",
            [("FRA", "046", "RUS")],
            id="target-after-a-place",
        ),
        pytest.param(
            "Iran would strike Israel if attacked.",
            [("IRN", "190", "ISR")],
            id="elliptical-passive-has-no-source",
        ),
        pytest.param(
            "Putin traveled to Turkey. The Russian visit to Turkey was praised.",
            [("RUSGOV", "042", "TUR")],
            id="nominal-mention-of-a-coded-event-is-not-repeated",
        ),
        pytest.param(
            "Russian soldiers opened fire on Ukrainian troops, killing one.",
            [("RUSMIL", "190", "UKRMIL")],
            id="participle-of-outcome-is-the-same-event",
        ),
        pytest.param(
            "Turkey accused Russia of violating its airspace and ignoring warnings.",
            [("TUR", "1123", "RUS")],
            id="conjoined-grounds-are-not-events",
        ),
        pytest.param(
            "Finland joined NATO on Tuesday.",
            [("FIN", "057", "IGOWSTNAT")],
            id="joining-an-alliance",
        ),
        pytest.param(
            "Pakistan handed the captured pilot back to India on Friday.",
            [("PAK", "0841", "IND")],
            id="particle-on-an-adverb",
        ),
    ],
)
def test_coding_rule(resources: Resources, text: str, expected: list[Triple]) -> None:
    assert _triples(_events(resources, text)) == expected


@pytest.mark.parametrize(
    ("text", "negated", "modality"),
    [
        pytest.param("Russia did not attack Turkey.", True, "asserted", id="not"),
        pytest.param("Russia will meet Turkey next week.", False, "future", id="will"),
        pytest.param(
            "China said Russia attacked Ukraine.", False, "reported", id="said"
        ),
        pytest.param(
            "Iran would strike Israel if attacked.", False, "hypothetical", id="would"
        ),
    ],
)
def test_coding_modality_on_parsed_sentences(
    resources: Resources, text: str, negated: bool, modality: str
) -> None:
    [event] = _events(resources, text)
    assert (event.negated, event.modality) == (negated, modality)


def test_coding_reported_speech_codes_the_report_not_the_saying(
    resources: Resources,
) -> None:
    events = _events(resources, "China said Russia attacked Ukraine.")
    assert _triples(events) == [("RUS", "190", "UKR")]
    assert "China" not in events[0].evidence.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Russia, France, Turkey.", id="no-verb"),
        pytest.param('"" "" "" "', id="all-quotes"),
        pytest.param("“Russia.” “France.” “Turkey.”", id="quoted-names"),
        pytest.param("?? !! ... --- ;;", id="punctuation"),
        pytest.param("Turkey", id="one-word"),
        pytest.param(" ".join(["Russia"] * 500) + ".", id="500-tokens-no-verb"),
        pytest.param(
            " ".join(["the", "talks", "of", "Russia", "and"] * 100) + " Turkey.",
            id="500-tokens-of-noun-phrases",
        ),
        pytest.param("Talks. Attacks. Sanctions. Visits.", id="bare-event-nouns"),
        pytest.param("Turkey hopes to meet its inflation target.", id="meet-a-target"),
        pytest.param("Russia said the weather was cold.", id="saying-alone"),
        pytest.param(
            "China and India are the world's most populous countries.", id="copula"
        ),
    ],
)
def test_coding_odd_sentence_codes_to_nothing(resources: Resources, text: str) -> None:
    assert _events(resources, text) == ()


@pytest.mark.parametrize(
    ("negated", "modality", "modes"),
    [
        (False, "asserted", ()),
        (False, "reported", ()),
        (False, "future", ("future",)),
        (False, "intended", ("future",)),
        (False, "hypothetical", ("hypothetical",)),
        (True, "asserted", ("negation",)),
        (True, "future", ("future", "negation")),
    ],
)
def test_coding_modality_maps_to_plover_auxiliary_modes(
    negated: bool, modality: str, modes: tuple[str, ...]
) -> None:
    assert plover_auxiliary_modes(negated=negated, modality=modality) == modes


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        pytest.param(
            "Turkish jets shot down a Russian warplane.", "shot down", id="particle"
        ),
        pytest.param(
            "Russian soldiers opened fire on Ukrainian servicemen.",
            "opened fire",
            id="light-verb-object",
        ),
        pytest.param("Russia condemned Turkey on Monday.", "condemned", id="verb"),
    ],
)
def test_coding_predicate_is_the_trigger_in_original_offsets(
    resources: Resources, text: str, trigger: str
) -> None:
    [event] = _events(resources, text)
    assert event.predicate is not None
    assert event.predicate.text == trigger
    assert text[event.predicate.start : event.predicate.end] == trigger
    evidence = event.evidence
    assert evidence.start <= event.predicate.start < event.predicate.end <= evidence.end


def test_coding_record_carries_plover_auxiliary_modes(resources: Resources) -> None:
    [event] = _events(resources, "Russia will not attack Ukraine.")
    record = event.as_record()
    assert record["plover"]["auxiliary"] == ["future", "negation"]
    assert record["predicate"]["text"] == "attack"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Israel imposed a siege on the Gaza Strip on Monday.",
            [("ISR", "191", "PSE")],
            id="a-time-is-not-the-target",
        ),
        pytest.param(
            "Israeli warplanes struck dozens of targets in Gaza on Tuesday.",
            [("ISRMIL", "195", "PSE")],
            id="violence-in-a-place-is-done-to-its-actor",
        ),
        pytest.param(
            "Hamas gunmen killed 129 people in Paris.",
            [("PSEREBHMS", "180", "FRACVL")],
            id="unnamed-victims-are-the-civilians-of-the-place",
        ),
        pytest.param(
            "Militants in Gaza fired two rockets into southern Israel.",
            [("PSEREB", "195", "ISR")],
            id="unnamed-fighters-are-the-rebels-of-their-place",
        ),
        pytest.param(
            "Assad used chemical weapons against his own people.",
            [("SYRGOV", "2041", "SYRCVL")],
            id="own-people-are-the-source-country-civilians",
        ),
        pytest.param(
            "Israeli warplanes struck Kabul.",
            [("ISRMIL", "195", "AFG")],
            id="a-struck-capital-is-its-country",
        ),
        pytest.param(
            "Israel bombed civilians in their homes.",
            [],
            id="a-source-is-not-its-own-target",
        ),
        pytest.param(
            "Russia condemned the decision on Friday.",
            [],
            id="dyadic-act-without-a-target-actor-is-left-out",
        ),
        pytest.param(
            "Russia declined to comment.",
            [("RUS", "011", None)],
            id="a-statement-stands-alone",
        ),
    ],
)
def test_coding_targets(
    resources: Resources, text: str, expected: list[Triple]
) -> None:
    assert _triples(_events(resources, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The United States provided intelligence to Ukraine.",
            [("USA", "064", "UKR")],
            id="06-provided-intelligence",
        ),
        pytest.param(
            "Russia and China held joint military exercises.",
            [("RUS", "062", "CHN"), ("CHN", "062", "RUS")],
            id="06-joint-exercises-are-mutual",
        ),
        pytest.param(
            "Germany granted asylum to the Russian opposition leader.",
            [("DEU", "075", "RUSOPP")],
            id="07-asylum-to-a-dative-recipient",
        ),
        pytest.param(
            "Congress approved military aid for Ukraine.",
            [("USALEG", "072", "UKR")],
            id="07-approved-military-aid",
        ),
        pytest.param(
            "Ukraine is investigating war crimes by Russian troops.",
            [("UKR", "094", "RUSMIL")],
            id="09-the-doer-of-what-is-investigated",
        ),
        pytest.param(
            "Thousands of Iranians rallied in Tehran.",
            [("IRN", "141", "IRNGOV")],
            id="14-a-rally-in-the-capital",
        ),
        pytest.param(
            "Hamas executed three Israeli hostages.",
            [("PSEREBHMS", "1823", "ISR")],
            id="18-executed",
        ),
        pytest.param(
            "Russia committed genocide against Ukrainians.",
            [("RUS", "202", "UKR")],
            id="20-committed-genocide",
        ),
        pytest.param(
            "Putin met Trump in Paris on Wednesday.",
            [("RUSGOV", "044", "USAGOV")],
            id="04-a-meeting-in-a-third-country",
        ),
        pytest.param(
            "The United Nations called on Israel to exercise restraint.",
            [("IGOUNO", "0256", "ISR")],
            id="02-called-on-to-de-escalate",
        ),
        pytest.param(
            "Hamas fired rockets at Israel.",
            [("PSEREBHMS", "195", "ISR")],
            id="19-rockets-are-aerial-weapons",
        ),
        pytest.param(
            "Israel condemned the attack by Hezbollah.",
            [("ISR", "111", "LBNREBHEZ")],
            id="an-act-by-x-is-aimed-at-x",
        ),
    ],
)
def test_coding_weak_roots(
    resources: Resources, text: str, expected: list[Triple]
) -> None:
    assert _triples(_events(resources, text)) == expected
