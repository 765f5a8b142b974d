"""Roles of nominal events: "Turkey's downing of a Russian jet", "the downing
of a jet by Turkey", "Russian airstrikes against ISIL", "the group
responsible for the attacks".

The source is the ``by`` phrase, else the possessor, else an actor modifying
the noun, else the phrase said to be responsible for it; the target is the
object of one of the pattern's prepositions.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.patterns import EventPattern
from eventwire.coding.roles import expand, prepositional_object

MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
RESPONSIBLE = frozenset({"responsible", "behind", "blamed"})


def noun_source_heads(noun: Token) -> list[Token]:
    """Heads of the phrases that performed the nominal event."""
    agent = prepositional_object(noun, "by")
    if agent is not None:
        return expand(agent)
    for child in noun.children:
        if child.dep_ == "poss":
            return expand(child)
    # Candidates in order; the coder keeps those that are resolved actors.
    candidates = [child for child in noun.children if child.dep_ in MODIFIER_DEPS]
    responsible = _responsible_for(noun)
    if responsible is not None:
        candidates += expand(responsible)
    return candidates


def noun_target_heads(noun: Token, pattern: EventPattern) -> list[Token]:
    """Heads of the phrases the nominal event was done to, slot by slot."""
    for slot in pattern.targets:
        found = prepositional_object(noun, slot)
        if found is not None:
            return expand(found)
    return []


def _responsible_for(noun: Token) -> Token | None:
    """ "the militant group responsible for the Paris attacks" -> "group"."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ != "for":
        return None
    adjective = preposition.head
    if adjective.lower_ not in RESPONSIBLE:
        return None
    if adjective.dep_ == "amod":
        return adjective.head
    if adjective.dep_ == "acomp":
        return next(
            (child for child in adjective.head.children if child.dep_ == "nsubj"),
            None,
        )
    return None
