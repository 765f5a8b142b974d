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
    assert _codes(resources, "Local and foreign journalists were detained.") == []
