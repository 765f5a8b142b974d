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

from eventwire.coding.patterns import EventPattern

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
# Roots whose target may be the place the act was done in: violence
# ("killed 20 people in Baghdad" is done to Iraq) and protest ("rallied in
# Tehran" is aimed at the government its capital stands for).
PLACE_TARGET_ROOTS = frozenset({"14", "18", "19", "20"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"today", "tonight", "dawn", "night", "morning", "evening", "week", "weekend"}
)
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
        "package",
        "wave",
        "series",
        "round",
        "barrage",
        "volley",
    }
)
# "signed a decree imposing sanctions": what the document does, its signer does.
DOCUMENT_NOUNS = frozenset(
    {"decree", "law", "order", "bill", "resolution", "measure", "package", "directive"}
)
COMPLEMENT_TARGET_SLOTS = ("with", "against", "on", "to", "between", "at", "into")
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
MAX_COMPLEMENT_DEPTH = 2
# Verbs whose clausal complement names who is to act: "demanded that Russia
# withdraw" is aimed at Russia; "struck what Delhi said was a camp" is not.
DIRECTIVES = frozenset(
    {"demand", "urge", "insist", "ask", "call", "request", "press", "warn"}
)


def is_passive(verb: Token) -> bool:
    """True when the verb is in the passive voice ("was shot down by", "the
    jet downed by Turkey", "remains blocked by Turkey")."""
    if _reduced_passive(verb):
        return True
    if verb.tag_ == "VBN" and any(child.dep_ == "agent" for child in verb.children):
        return True
    return any(
        child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ == "auxpass"
        for child in verb.children
    )


def _reduced_passive(verb: Token) -> bool:
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def source_heads(verb: Token) -> list[Token]:
    """Heads of the phrases that perform the predicate (conjuncts included)."""
    if is_passive(verb):
        return expand(_agent(verb))
    return expand(_subject(verb))


def target_heads(verb: Token, pattern: EventPattern) -> list[Token]:
    """Heads of the phrases the predicate is done to: the first candidate."""
    return next(iter(target_candidates(verb, pattern)), [])


def target_candidates(
    verb: Token, pattern: EventPattern, *, complement_too: bool = True
) -> list[list[Token]]:
    """Phrases the predicate may be done to, most likely first.

    The pattern's slots come first, on the verb or on its object ("imposed
    sanctions *on* Russia"); then the embedded act: its subject where it has
    one of its own ("demanded that *Russia* withdraw"), its object, its
    prepositional objects ("offered to hold talks *with* Modi").
    """
    if is_passive(verb):
        if _reduced_passive(verb):
            return [expand(verb.head)]
        return [expand(child_of(verb, PASSIVE_SUBJECT_DEPS))]
    candidates: list[list[Token]] = []
    obj = child_of(verb, frozenset({"dobj"}))
    if obj is not None:
        # "adopted a package of sanctions against Russia"
        obj = through_quantity(obj)
    for slot in pattern.targets:
        found: list[Token | None]
        if slot == "dobj":
            found = [obj]
        elif slot == "dative":
            dative = child_of(verb, frozenset({"dative"}))
            if dative is not None and dative.pos_ == "ADP":
                dative = child_of(dative, frozenset({"pobj"}))
            found = [dative]
        else:
            # "imposed a siege on Gaza on Monday": every host's phrase is a
            # candidate, the first that names an actor wins; a time is never
            # a target.
            found = [
                inner
                for host in _preposition_hosts(verb, obj)
                if (inner := prepositional_object(host, slot)) is not None
                and not is_time(inner)
            ]
        candidates.extend(expand(head) for head in found if head is not None)
    if pattern.cameo[:2] in PLACE_TARGET_ROOTS:
        # "struck targets in Gaza", "killed 20 people in Baghdad": violence
        # done in a named place is done to the place's actor, as CAMEO's
        # dictionaries code named places ("in their homes" names no one);
        # tried after every actor slot.
        candidates.extend(
            expand(inner)
            for host in ([verb] if obj is None else [obj, verb])
            if (inner := prepositional_object(host, "in")) is not None
            and inner.pos_ == "PROPN"
            and not is_time(inner)
        )
    complement = child_of(verb, COMPLEMENT_DEPS) if complement_too else None
    for _ in range(MAX_COMPLEMENT_DEPTH):
        if complement is None:
            break
        candidates.extend(
            _complement_candidates(complement, directive=verb.lemma_ in DIRECTIVES)
        )
        complement = child_of(complement, COMPLEMENT_DEPS)
    return candidates


def _preposition_hosts(verb: Token, obj: Token | None) -> list[Token]:
    """Where a target's preposition may hang: the verb, its object, or an
    adverb of either ("handed the pilot *back to* India")."""
    hosts = [verb] if obj is None else [verb, obj]
    for host in list(hosts):
        hosts.extend(
            child for child in host.children if child.dep_ in {"advmod", "prt"}
        )
    return hosts


def _complement_candidates(complement: Token, *, directive: bool) -> list[list[Token]]:
    found: list[list[Token]] = []
    if directive and complement.dep_ == "ccomp":
        subject = child_of(complement, SUBJECT_DEPS)
        if subject is not None:
            found.append(expand(subject))
    obj = child_of(complement, frozenset({"dobj"}))
    if obj is not None:
        found.append(expand(obj))
    for slot in COMPLEMENT_TARGET_SLOTS:
        for head in (complement, obj):
            if head is None:
                continue
            inner = prepositional_object(head, slot)
            if inner is not None:
                found.append(expand(inner))
    return found


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(MAX_CLIMB):
        subject = child_of(current, SUBJECT_DEPS)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return _predicated_of(current.head)
            return subject
        head = current.head
        if head is current:
            return None
        if current.dep_ == "relcl":
            return _predicated_of(head)
        if current.dep_ == "acl":
            # "signed a decree imposing sanctions": the decree's act is the
            # signer's; "the coalition battling ISIL": the coalition acts.
            if head.lemma_.lower() in DOCUMENT_NOUNS and head.dep_ == "dobj":
                current = head.head
                continue
            return head
        if current.dep_ == "xcomp":
            if head.lemma_ in OBJECT_CONTROL:
                return child_of(head, frozenset({"dobj"})) or prepositional_object(
                    head, "on"
                )
            current = head
            continue
        if current.dep_ == "advcl" and any(
            child.dep_ == "mark" for child in current.children
        ):
            # "as fighting between the two forces entered a third day": a
            # clause with a subordinator speaks of its own subject.
            return None
        if current.dep_ == "advcl" and current.tag_ == "VBN":
            # "would strike if attacked": an elliptical passive, not the
            # main clause's subject acting.
            return None
        if current.dep_ in {"conj", "advcl", "acomp"}:
            current = head
            continue
        if current.dep_ == "pcomp" and head.dep_ == "prep":
            # "responded by expelling", "after accusing": the preposition's verb.
            current = head.head
            continue
        return None
    return None


def _predicated_of(noun: Token) -> Token:
    """ "Turkey is a NATO member that backs X": the member is Turkey."""
    if noun.dep_ == "attr":
        subject = child_of(noun.head, SUBJECT_DEPS)
        if subject is not None:
            return subject
    return noun


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return child_of(child, frozenset({"pobj"}))
    return None


def prepositional_object(token: Token, preposition: str) -> Token | None:
    # The parser labels the "to" of a recipient "dative" ("granted asylum
    # *to* X") as often as "prep".
    for child in token.children:
        if (
            child.dep_ in {"prep", "prt", "agent", "dative"}
            and child.lower_ == preposition
        ):
            found = child_of(child, frozenset({"pobj"}))
            if found is not None:
                return found
    return None


def is_time(head: Token) -> bool:
    """ "on Monday", "in March", "at dawn": a date, not a party to the event."""
    return head.ent_type_ in TIME_ENTITIES or head.lemma_.lower() in TIME_WORDS


def child_of(token: Token, deps: frozenset[str]) -> Token | None:
    return next((child for child in token.children if child.dep_ in deps), None)


def through_quantity(token: Token) -> Token:
    """The noun a quantity stands for: "dozens of diplomats" -> "diplomats"."""
    if token.lower_ in QUANTITY_HEADS or token.pos_ == "NUM":
        inner = prepositional_object(token, "of")
        if inner is not None:
            return inner
    return token


def expand(head: Token | None) -> list[Token]:
    if head is None:
        return []
    head = through_quantity(head)
    return [head, *_conjuncts(head)]


def _conjuncts(head: Token) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ == "conj":
            yield child
            yield from _conjuncts(child)
