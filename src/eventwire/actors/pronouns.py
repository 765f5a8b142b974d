"""Pronouns and the clauses they sit in, for following references back.

The pronoun word classes, an "it" that stands for no one ("it is likely
that", "it rained"), and the climb from a pronoun to the verbs of its clause
and the clauses above it, which bind it ("Paris *said* it would").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
IT_PRONOUNS = frozenset({"it", "its", "itself"})
# "It is likely that...", "it was unclear whether...": "it" stands for no one.
EMPTY_IT_WORDS = frozenset(
    {
        "likely",
        "unlikely",
        "clear",
        "unclear",
        "possible",
        "impossible",
        "necessary",
        "important",
        "difficult",
        "hard",
        "easy",
        "time",
        "true",
        "said",
        "believed",
        "expected",
        "thought",
        "reported",
        "understood",
        "feared",
        "hoped",
        "estimated",
        "known",
        "rain",
        "rained",
        "raining",
        "snow",
        "snowed",
        "snowing",
    }
)
COPULAS = frozenset({"be", "seem", "appear", "remain", "become"})
SPEAKER_SIDE_PRONOUNS = frozenset({"we", "us", "our"})
SPEAKER_PRONOUNS = frozenset({"i", "me", "my"})
# Inside a quote, whom the speaker is talking to.
ADDRESSEE_PRONOUNS = frozenset({"you", "your"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Steps from a possessive up to its clause's verb ("their" -> "homes" -> "in"
# -> "bombed").
MAX_CLAUSE_CLIMB = 4
CLAUSE_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "conj"})


def governing_verbs(pronoun: Token) -> Iterator[Token]:
    """The verb of ``pronoun``'s clause, then the verbs that clause is the
    complement of ("Paris *said* it would"), nearest first.

    The climb stops at an adverbial or relative clause or a noun's complement:
    in "Parliament voted against strikes when allegations surfaced that it was
    using chemical weapons", "it" is not Parliament.
    """
    current = _clause_verb(pronoun)
    for _ in range(MAX_CLAUSE_CLIMB + 2):
        if current is None:
            return
        yield current
        if current.head is current or current.dep_ not in CLAUSE_COMPLEMENT_DEPS:
            return
        current = current.head


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` ("recalled" for "its" in "Norway
    recalled its ambassador")."""
    current = token.head
    for _ in range(MAX_CLAUSE_CLIMB + 2):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def in_main_clause(pronoun: Token) -> bool:
    """Whether ``pronoun``'s clause is the sentence's main clause or a
    complement chain from it, where "it" may take up an earlier sentence."""
    verbs = list(governing_verbs(pronoun))
    return bool(verbs) and verbs[-1].dep_ == "ROOT"


def is_empty_it(pronoun: Token) -> bool:
    """ "It is likely that ...", "it is believed that ...", "it rained"."""
    verb = pronoun.head
    if pronoun.dep_ == "expl" or verb.lower_ in EMPTY_IT_WORDS:
        return True
    if verb.lemma_ not in COPULAS and not any(
        child.dep_ == "auxpass" for child in verb.children
    ):
        return False
    return any(
        child.lower_ in EMPTY_IT_WORDS or child.dep_ in {"csubj", "ccomp"}
        for child in verb.children
        if child.i > pronoun.i
    )


def clause_subject(pronoun: Token) -> Token | None:
    """The subject of the clause a possessive pronoun sits in, if it has one."""
    current = pronoun.head
    for _ in range(MAX_CLAUSE_CLIMB):
        if current.pos_ in {"VERB", "AUX"}:
            return next(
                (child for child in current.children if child.dep_ in SUBJECT_DEPS),
                None,
            )
        if current.head is current:
            return None
        current = current.head
    return None
