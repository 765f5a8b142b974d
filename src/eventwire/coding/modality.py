"""Modality and negation of a coded predicate, read off the dependency parse.

``modality`` is one of ``asserted``, ``future`` ("will meet"), ``intended``
("plans to visit"), ``hypothetical`` ("would strike if", "demanded that X
withdraw") and ``reported`` ("X said Y attacked Z").
:func:`plover_auxiliary_modes` maps them to the auxiliary modes of the PLOVER
manual (``future``, ``hypothetical``, ``negation``; ``historical`` needs event
dates and is not derived here).
"""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "want",
        "seek",
        "hope",
        "aim",
        "prepare",
        "vow",
        "expect",
        "decide",
        "try",
        "attempt",
        "wish",
        "mean",
        "prepared",
        "ready",
        "willing",
    }
)
# Verbs whose complement is an act asked of someone else.
DIRECTIVE_VERBS = frozenset(
    {"demand", "urge", "ask", "call", "insist", "press", "appeal", "request", "order"}
)
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "claim",
        "allege",
        "report",
        "state",
        "announce",
        "insist",
        "note",
        "argue",
        "suggest",
        "acknowledge",
        "confirm",
        "believe",
        "accuse",
        "warn",
        "write",
        "declare",
    }
)
MAX_CLIMB = 6
# PLOVER 0.8 has no auxiliary mode for reported speech: a reported event is an
# event, attributed.
PLOVER_AUXILIARY = {
    "future": "future",
    "intended": "future",
    "hypothetical": "hypothetical",
}


def plover_auxiliary_modes(*, negated: bool, modality: str) -> tuple[str, ...]:
    """The PLOVER auxiliary modes of an event's negation and modality.

    Example:
        >>> plover_auxiliary_modes(negated=True, modality="future")
        ('future', 'negation')
    """
    modes = [PLOVER_AUXILIARY[modality]] if modality in PLOVER_AUXILIARY else []
    if negated:
        modes.append("negation")
    return tuple(modes)


def modality_of(verb: Token) -> str:
    """``hypothetical``, ``future``, ``intended``, ``reported`` or ``asserted``."""
    if _in_condition(verb) or _demanded(verb):
        return "hypothetical"
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    if auxiliaries & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxiliaries & FUTURE_AUX or _going_to(verb):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_VERBS:
        return "intended"
    if under_speech(verb):
        return "reported"
    return "asserted"


def is_negated(verb: Token) -> bool:
    """True for "did not attack", "never met" and negated intentions."""
    if any(child.dep_ == "neg" for child in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(
        child.dep_ == "neg" for child in verb.head.children
    )


def under_speech(verb: Token) -> bool:
    """True when the predicate sits in what someone is reported to have said."""
    current = verb
    for _ in range(MAX_CLIMB):
        if current.dep_ not in {"ccomp", "conj"} or current.head is current:
            return False
        current = current.head
        if current.dep_ != "conj" and current.lemma_.lower() in SPEECH_VERBS:
            return True
    return False


def _in_condition(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS
        for child in verb.children
    )


def _demanded(verb: Token) -> bool:
    """ "NATO demanded that Russia withdraw": an act asked for, not done."""
    return (
        verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_.lower() in DIRECTIVE_VERBS
    )


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"
