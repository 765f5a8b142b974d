"""Find who acts and who is acted on around a predicate, over the dependency parse.

Active: subject -> source, object or prepositional object -> target.
Passive: the "by" agent -> source, the passive subject -> target.
Predicates without a subject of their own borrow one: a conjoined verb from
its first conjunct ("met Obama and criticized Moscow"), a relative clause or
participle from the noun it modifies ("the coalition battling ISIL"), a
complement from its controller ("urged Turkey to ..." makes Turkey the
subject of the complement; "agreed to ..." keeps the agreer).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from eventwire.coding.patterns import VerbPattern

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Verbs whose object is the understood subject of their complement.
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "force",
        "order",
        "tell",
        "persuade",
        "invite",
        "encourage",
        "press",
    }
)
MAX_CLIMB = 4
# "dozens of Russian diplomats", "a list of officials": the phrase after "of"
# names who is meant.
QUANTITY_HEADS = frozenset(
    {
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "number",
        "list",
        "group",
        "some",
        "many",
        "several",
        "all",
        "most",
        "half",
        "members",
        "member",
    }
)
COMPLEMENT_TARGET_SLOTS = ("dobj", "with", "against", "on", "to")


def is_passive(verb: Token) -> bool:
    """True when the verb is in the passive voice ("was shot down by")."""
    return any(
        child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ == "auxpass"
        for child in verb.children
    )


def source_heads(verb: Token) -> list[Token]:
    """Heads of the phrases that perform the predicate (conjuncts included)."""
    if is_passive(verb):
        return _expand(_agent(verb))
    return _expand(_subject(verb))


def target_heads(verb: Token, pattern: VerbPattern) -> list[Token]:
    """Heads of the phrases the predicate is done to, tried slot by slot."""
    if is_passive(verb):
        return _expand(_child(verb, PASSIVE_SUBJECT_DEPS))
    obj = _child(verb, frozenset({"dobj"}))
    for slot in pattern.targets:
        if slot == "dobj":
            found = obj
        elif slot == "dative":
            found = _child(verb, frozenset({"dative"}))
        else:
            found = _prepositional_object(verb, slot) or (
                _prepositional_object(obj, slot) if obj is not None else None
            )
        if found is not None:
            return _expand(found)
    # "threatened to attack Turkey", "agreed to work with the coalition": the
    # addressee of an intention sits in its complement.
    complement = _child(verb, frozenset({"xcomp"}))
    if complement is not None:
        for slot in COMPLEMENT_TARGET_SLOTS:
            found = (
                _child(complement, frozenset({"dobj"}))
                if slot == "dobj"
                else _prepositional_object(complement, slot)
            )
            if found is not None:
                return _expand(found)
    return []


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(MAX_CLIMB):
        subject = _child(current, SUBJECT_DEPS)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return current.head
            return subject
        head = current.head
        if head is current:
            return None
        if current.dep_ == "relcl" or current.dep_ == "acl":
            return head
        if current.dep_ == "xcomp":
            if head.lemma_ in OBJECT_CONTROL:
                return _child(head, frozenset({"dobj"})) or _prepositional_object(
                    head, "on"
                )
            current = head
            continue
        if current.dep_ in {"conj", "advcl"}:
            current = head
            continue
        if current.dep_ == "pcomp" and head.dep_ == "prep":
            # "responded by expelling", "after accusing": the preposition's verb.
            current = head.head
            continue
        return None
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return _child(child, frozenset({"pobj"}))
    return None


def _prepositional_object(token: Token, preposition: str) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "prt", "agent"} and child.lower_ == preposition:
            found = _child(child, frozenset({"pobj"}))
            if found is not None:
                return found
    return None


def _child(token: Token, deps: frozenset[str]) -> Token | None:
    return next((child for child in token.children if child.dep_ in deps), None)


def through_quantity(token: Token) -> Token:
    """The noun a quantity stands for: "dozens of diplomats" -> "diplomats"."""
    if token.lower_ in QUANTITY_HEADS or token.pos_ == "NUM":
        inner = _prepositional_object(token, "of")
        if inner is not None:
            return inner
    return token


def _expand(head: Token | None) -> list[Token]:
    if head is None:
        return []
    head = through_quantity(head)
    return [head, *_conjuncts(head)]


def _conjuncts(head: Token) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ == "conj":
            yield child
            yield from _conjuncts(child)
