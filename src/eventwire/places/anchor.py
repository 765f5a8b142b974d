"""Where an event happened: the place attached to its predicate.

Only the predicate's own clause is searched: its locative prepositional
objects ("bombing ISIL targets in Iraq", "traveled to Moscow"), the place it
strikes or visits ("struck Kabul"), and for an event noun its own modifiers
("the Paris attacks", "a news conference at the Kremlin"). A dateline says
where the story was filed, so it is never an event's place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from eventwire.model import Place, Toponym

# Prepositions whose object is where the event happened.
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "across",
        "over",
        "throughout",
        "around",
        "within",
        "along",
        "off",
        "into",
        "onto",
    }
)
# Prepositions of a destination, for verbs and nouns of motion only: "talked
# to Moscow" names an addressee, "traveled to Moscow" a place.
DESTINATION_PREPOSITIONS = frozenset({"to", "toward", "towards"})
MOTION_LEMMAS = frozenset(
    {
        "travel",
        "fly",
        "go",
        "come",
        "return",
        "arrive",
        "head",
        "move",
        "deploy",
        "send",
        "dispatch",
        "march",
        "sail",
        "drive",
        "flee",
        "trip",
        "visit",
        "journey",
        "tour",
        "mission",
        "deployment",
        "voyage",
        "expedition",
        "withdraw",
        "advance",
        "evacuate",
        "relocate",
        "redeploy",
        "transfer",
        "ship",
        "airlift",
        "extradite",
        "deport",
    }
)
# Verbs whose direct object, when it is a place, is where they happened:
# "struck Kabul", "visited Moscow", "captured Palmyra".
PLACE_OBJECT_LEMMAS = frozenset(
    {
        "strike",
        "bomb",
        "attack",
        "shell",
        "hit",
        "raid",
        "invade",
        "enter",
        "visit",
        "tour",
        "reach",
        "storm",
        "capture",
        "seize",
        "occupy",
        "besiege",
        "bombard",
        "target",
        "liberate",
        "retake",
        "recapture",
        "overrun",
        "shoot",
        "blockade",
        "encircle",
        "surround",
    }
)
# A noun or verb's arguments that share its clause and may carry its place.
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
NOUN_HOST_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "obj"})
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
# "in the city of Aleppo", "at a base near Latakia": one step down from a
# locative object.
INNER_DEPS = frozenset({"prep", "compound", "appos", "pobj", "nmod"})
INNER_PREPOSITIONS = frozenset({"of", "near", "in", "outside", "at"})


def place_of_predicate(
    predicate: Token, *, toponyms: Sequence[Toponym]
) -> Place | None:
    """The place where the event of ``predicate`` happened, else ``None``.

    ``toponyms`` are the article's (from :func:`find_toponyms` on the same
    ``Doc``); datelines and toponyms with no gazetteer entry are skipped.
    """
    by_token: dict[int, Toponym] = {}
    for toponym in toponyms:
        if toponym.dateline or toponym.place is None:
            continue
        for index in range(toponym.token_start, toponym.token_end):
            by_token[index] = toponym
    if not by_token:
        return None
    for token in _place_tokens(predicate):
        found = by_token.get(token.i)
        if found is not None and found.place is not None:
            return found.place
    return None


def _place_tokens(predicate: Token) -> Iterator[Token]:
    """Tokens that may name the predicate's place, best first."""
    motion = predicate.lemma_.lower() in MOTION_LEMMAS
    if predicate.pos_ in ("NOUN", "PROPN"):
        yield from _modifiers(predicate)
        yield from _prepositional(predicate, motion=motion)
        host = predicate.head
        if predicate.dep_ in NOUN_HOST_DEPS and host.pos_ in ("VERB", "AUX"):
            # "wrap up a news conference at the Kremlin": the place hangs
            # from the light verb of the same clause.
            yield from _prepositional(
                host, motion=motion or host.lemma_.lower() in MOTION_LEMMAS
            )
        return
    yield from _prepositional(predicate, motion=motion)
    for child in predicate.children:
        if child.dep_ in OBJECT_DEPS:
            yield from _prepositional(child, motion=False)
    if predicate.lemma_.lower() in PLACE_OBJECT_LEMMAS:
        for child in predicate.children:
            if child.dep_ in OBJECT_DEPS:
                yield from _subtree_heads(child)
    for child in predicate.children:
        # "was killed in Paris" with "killed" as a participle head, or a
        # particle verb's adverbial phrase ("shot down over Syria").
        if child.dep_ in ("prt", "advmod", "agent"):
            yield from _prepositional(child, motion=False)


def _modifiers(noun: Token) -> Iterator[Token]:
    for child in noun.children:
        if child.dep_ in NOUN_MODIFIER_DEPS:
            yield child
            yield from (grand for grand in child.children if grand.dep_ == "compound")


def _prepositional(head: Token, *, motion: bool) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ not in ("prep", "dative"):
            continue
        word = child.lower_
        if word in LOCATIVE_PREPOSITIONS or (
            motion and word in DESTINATION_PREPOSITIONS
        ):
            for target in child.children:
                if target.dep_ == "pobj":
                    yield from _subtree_heads(target)


def _subtree_heads(token: Token) -> Iterator[Token]:
    """The token, its compounds and conjuncts, and one step down into "the
    city of Aleppo" / "a base near Latakia"."""
    yield token
    for child in token.children:
        if child.dep_ in ("compound", "appos", "conj"):
            yield child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in INNER_PREPOSITIONS:
            for target in child.children:
                if target.dep_ == "pobj":
                    yield target
                    yield from (g for g in target.children if g.dep_ == "compound")
