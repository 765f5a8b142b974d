"""Date one event: the expression attached to its predicate, else the
sentence's, else the publication date.

An expression is attached to a predicate when the parse path from the
expression up to the predicate (through "on", "in", "since"..., npadvmod and
tmod) stays inside the predicate's clause: it crosses no other clause
(ccomp, advcl, conj, relcl...) on the way. An event noun also takes the
expressions of its own relative clauses and modifiers ("the Paris attacks that
killed 130 people on Nov. 13"), and the expressions of the verb it is the
object or subject of ("launched an attack on Tuesday"). A verb in an
infinitive complement takes those of the verb that governs it ("agreed on
Thursday to strike").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Token

from eventwire.model import EventTime, TimeExpression

# Dependencies that start a clause of its own: an expression under one of
# them belongs to that clause's predicate, not to the one above it.
CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "conj", "relcl", "acl", "parataxis", "csubj", "csubjpass"}
)
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
DATING_TYPES = frozenset({"DATE", "TIME"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
MAX_PATH = 40


def event_time(
    predicate: Token, *, times: Sequence[TimeExpression], published: date | None
) -> EventTime:
    """When the event whose trigger is ``predicate`` happened.

    Durations, sets, unresolved values and references (PRESENT_REF) never
    date an event. A past perfect ("had voted") with no expression gets no
    date at all: it happened before the story, not on its day.

    Example:
        >>> event_time(voted, times=times, published=date(2015, 11, 27)).value
        '2013'
    """
    sentence = predicate.sent
    candidates = [
        time
        for time in times
        if sentence.start <= time.token_start < sentence.end and _dates_events(time)
    ]
    clause_heads = _clause_heads(predicate)
    attached = []
    for time in candidates:
        depth = _attachment_depth(
            _head_of(predicate.doc, time), predicate, clause_heads
        )
        if depth is not None:
            attached.append((depth, time.token_start, time))
    if attached:
        return _from_time(min(attached, key=lambda item: item[:2])[2], "predicate")
    for time in candidates:
        if _free(_head_of(predicate.doc, time)):
            return _from_time(time, "sentence")
    if _past_perfect(predicate) or published is None:
        return EventTime(date=None, value=None, text=None, source=None)
    return EventTime(
        date=published, value=published.isoformat(), text=None, source="publication"
    )


def _dates_events(time: TimeExpression) -> bool:
    return (
        time.type in DATING_TYPES
        and time.value is not None
        and time.value[:1].isdigit()
    )


def _from_time(time: TimeExpression, source: str) -> EventTime:
    return EventTime(date=time.date, value=time.value, text=time.text, source=source)


def _head_of(doc: object, time: TimeExpression) -> Token:
    span = doc[time.token_start : time.token_end]  # type: ignore[index]
    root: Token = span.root
    return root


def _clause_heads(predicate: Token) -> list[Token]:
    """The predicate and the verb whose expressions it shares: the verb a
    noun predicate is an argument of, the verb an infinitive complement
    depends on."""
    heads = [predicate]
    token = predicate
    if token.pos_ in VERB_POS and token.dep_ != "xcomp":
        return heads
    for _ in range(MAX_PATH):
        if token.head.i == token.i or token.dep_ in CLAUSE_DEPS:
            break
        token = token.head
        if token.pos_ in VERB_POS:
            heads.append(token)
            if token.dep_ != "xcomp":
                break
    return heads


def _attachment_depth(
    head: Token, predicate: Token, clause_heads: list[Token]
) -> int | None:
    """Steps from the expression up to the predicate (or to a clause head it
    shares), or ``None`` when a clause of its own lies in between."""
    token = head
    for depth in range(MAX_PATH):
        if token in clause_heads:
            if token.i == predicate.i or depth <= 2:
                return depth
            return None
        if token.head.i == token.i:
            return None
        if token.dep_ in CLAUSE_DEPS and token.pos_ in VERB_POS | {"ADJ"}:
            noun_clause = (
                token.head.i == predicate.i
                and predicate.pos_ in NOUN_POS
                and token.dep_ in NOUN_CLAUSE_DEPS
            )
            if not noun_clause:
                return None
        token = token.head
    return None


def _free(head: Token) -> bool:
    """True when the expression hangs from no verb of a clause of its own: a
    fragment, a heading, an apposition."""
    token = head
    for _ in range(MAX_PATH):
        if token.head.i == token.i:
            return token.pos_ not in VERB_POS
        token = token.head
        if token.pos_ in VERB_POS:
            return False
    return True


def _past_perfect(predicate: Token) -> bool:
    verb = predicate
    if predicate.pos_ not in VERB_POS:
        # A noun event takes the tense of the verb it depends on.
        verb = next((t for t in predicate.ancestors if t.pos_ in VERB_POS), predicate)
    return verb.tag_ == "VBN" and any(
        child.dep_ == "aux" and child.lower_ in ("had", "'d", "’d")
        for child in verb.children
    )
