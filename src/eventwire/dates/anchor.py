"""Date one event: the expression attached to its predicate, else the
sentence's, else the publication date.

An expression's *governor* is the word it modifies: the token above it, past
any preposition ("on Thursday" -> the verb "on" hangs from). The expression
dates a predicate when its governor is

1. the predicate itself ("met ... on Tuesday", "the Sept. 18 referendum");
2. a relative clause or modifier of a noun predicate ("the Paris attacks that
   killed 130 people on Nov. 13" -> "attacks"), the subject or object of the
   predicate ("Cameron, earlier Thursday, set out"), or an infinitive purpose
   clause or complement of it ("fired into the air to disperse protesters on
   Wednesday");
3. the verb a noun predicate is an argument of ("launched an attack on
   Tuesday"), or the verb an infinitive predicate complements ("agreed on
   Thursday to strike");
4. for a predicate in a clause that modifies the expression itself, that
   expression ("since April, when troops took Baghdad" -> "took": April);
5. for a verb conjoined to another, what dates that verb ("skipped questions
   on Wednesday and rushed to Scotland").

An expression whose governor is a word of another clause ("two weeks before
a Jan. 8 election" for "assassinated") dates only that clause's predicate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from eventwire.dates.values import day_of_value, shift_value
from eventwire.model import EventTime, TimeExpression
from eventwire.nlp import sentence_of

DATING_TYPES = frozenset({"DATE", "TIME"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
MODIFIER_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
COMPLEMENT_DEPS = frozenset({"xcomp", "advcl"})
# Clauses of their own: an expression inside one dates its predicate only.
CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "conj", "relcl", "acl", "parataxis", "csubj", "csubjpass"}
)
# An expression inside a noun phrase ("a Jan. 8 election", "Sunday's riots")
# dates that noun, never the verb the noun depends on.
PREMODIFIER_DEPS = frozenset({"compound", "nmod", "poss", "amod", "nummod"})
MAX_PATH = 40
SHIFT_SIGNALS = frozenset({"after", "before"})
DURATION_VALUE = re.compile(r"P(\d+)([DWMY])")
# Ranks of the rules in the module docstring: the lower the closer.
OWN, NEAR, CLAUSE, CONJOINED = 0, 1, 2, 3


def event_time(
    predicate: Token, *, times: Sequence[TimeExpression], published: date | None
) -> EventTime:
    """When the event whose trigger is ``predicate`` happened.

    Durations, sets, unresolved values, references (PRESENT_REF) and the
    date of a dateline (when the story was filed) never date an event. A
    past perfect ("had voted") with no expression gets no date at all: it
    happened before the story, not on its day; unless it is reported speech
    moved back a tense ("said soldiers had opened fire").

    Example:
        >>> event_time(voted, times=times, published=date(2015, 11, 27)).value
        '2013'
    """
    sentence = sentence_of(predicate)
    candidates = [
        time
        for time in times
        if sentence.start <= time.token_start < sentence.end
        and time.type in DATING_TYPES
        and not time.dateline
        and (time.value is None or time.value[:1].isdigit())
    ]
    doc = predicate.doc
    ranked = []
    for time in candidates:
        rank = _rank(_governor(doc, time), predicate, time)
        if rank is not None:
            ranked.append((*rank, abs(time.token_start - predicate.i), time))
    if ranked:
        # An expression that cannot be resolved ("last month" with no
        # publication date) dates nothing, and hides no other.
        return _from_time(min(ranked, key=lambda item: item[:3])[3], "predicate")
    shifted = _shifted_by_duration(predicate, times=times, published=published)
    if shifted is not None:
        return shifted
    for time in candidates:
        if time.value is not None and _free(
            doc[time.token_start : time.token_end].root
        ):
            return _from_time(time, "sentence")
    if _past_perfect(predicate) or published is None:
        return EventTime(date=None, value=None, text=None, source=None)
    return EventTime(
        date=published, value=published.isoformat(), text=None, source="publication"
    )


def _shifted_by_duration(
    predicate: Token, *, times: Sequence[TimeExpression], published: date | None
) -> EventTime | None:
    """ "two days after the region voted", "a day after the raid": the date of
    the clause the phrase modifies, moved by the duration, at the duration's
    granularity (days, ISO weeks, months, years)."""
    signal, reference = _duration_signal(predicate)
    if signal is None or reference is None:
        return None
    duration = next(
        (
            time
            for time in times
            if time.type == "DURATION" and time.token_end == signal.i and time.value
        ),
        None,
    )
    if duration is None or duration.value is None:
        return None
    found = DURATION_VALUE.fullmatch(duration.value)
    if found is None:
        return None
    anchor = event_time(reference, times=times, published=published)
    if anchor.value is None:
        return None
    sign = -1 if signal.lower_ == "after" else 1
    value = shift_value(anchor.value, sign * int(found[1]), found[2])
    if value is None:
        return None
    return EventTime(
        date=day_of_value(value), value=value, text=duration.text, source="predicate"
    )


def _duration_signal(predicate: Token) -> tuple[Token | None, Token | None]:
    """The "after"/"before" that puts the predicate's clause (or the noun after
    it) before or after another one, and the predicate of that other one."""
    if predicate.dep_ == "advcl":
        for child in predicate.children:
            if child.dep_ == "mark" and child.lower_ in SHIFT_SIGNALS:
                return child, predicate.head
    head = predicate.head
    if predicate.dep_ == "pobj" and head.lower_ in SHIFT_SIGNALS:
        return head, head.head
    return None, None


def _from_time(time: TimeExpression, source: str) -> EventTime:
    if time.value is None:
        return EventTime(date=None, value=None, text=None, source=None)
    return EventTime(date=time.date, value=time.value, text=time.text, source=source)


def _governor(doc: Doc, time: TimeExpression) -> Token | None:
    """The word the expression modifies, past any preposition."""
    root: Token = doc[time.token_start : time.token_end].root
    token = root
    for _ in range(MAX_PATH):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ != "ADP" and token.dep_ not in ("prep", "agent"):
            return token
    return None


def _rank(
    governor: Token | None, predicate: Token, time: TimeExpression
) -> tuple[int, int] | None:
    """How closely the expression dates ``predicate`` (lower is closer), or
    ``None`` when it dates another predicate."""
    if _modifies_time(predicate, time):
        return OWN, 0
    if governor is None:
        return None
    rank = _rank_for(governor, predicate)
    if rank is not None:
        return rank
    root = predicate.doc[time.token_start : time.token_end].root
    if root.dep_ not in PREMODIFIER_DEPS:
        # A time phrase the parser hung on a noun of the clause ("died at his
        # home on Thursday evening") still dates the clause.
        depth = _path_depth(governor, predicate)
        if depth is not None:
            return NEAR, depth
    head = predicate.head
    if predicate.dep_ == "conj" and head.i != predicate.i and head.pos_ in VERB_POS:
        inherited = _rank(governor, head, time)
        return (CONJOINED, inherited[1]) if inherited is not None else None
    return None


def _path_depth(governor: Token, predicate: Token) -> int | None:
    """Steps from ``governor`` up to ``predicate`` when no clause of its own
    lies between them (an infinitive or participle complement does not count)."""
    token = governor
    for depth in range(MAX_PATH):
        if token.i == predicate.i:
            return depth
        if token.head.i == token.i:
            return None
        if (
            token.dep_ in CLAUSE_DEPS
            and token.pos_ in VERB_POS
            and not (token.dep_ in COMPLEMENT_DEPS and _infinitive(token))
            and not (token.dep_ in NOUN_CLAUSE_DEPS and token.head.i == predicate.i)
        ):
            return None
        token = token.head
    return None


def _rank_for(governor: Token, predicate: Token) -> tuple[int, int] | None:
    if governor.i == predicate.i:
        return OWN, 0
    if governor.head.i == predicate.i:
        if predicate.pos_ in NOUN_POS and governor.dep_ in NOUN_CLAUSE_DEPS:
            return OWN, 0
        if governor.dep_ in ARGUMENT_DEPS:
            return NEAR, 0
        if governor.dep_ in COMPLEMENT_DEPS and _infinitive(governor):
            return NEAR, 0
    for distance, head in enumerate(_clause_heads(predicate)):
        if governor.i == head.i:
            return CLAUSE, distance
    return None


def _modifies_time(predicate: Token, time: TimeExpression) -> bool:
    """True for the predicate of a clause attached to the expression itself
    ("April, when U.S. troops took Baghdad")."""
    return (
        predicate.dep_ in MODIFIER_CLAUSE_DEPS
        and time.token_start <= predicate.head.i < time.token_end
    )


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(
        child.dep_ == "aux" and child.lower_ == "to" for child in verb.children
    )


def _clause_heads(predicate: Token) -> list[Token]:
    """The verb a noun predicate is an argument of, or the verb an infinitive
    predicate complements."""
    if predicate.pos_ in VERB_POS and predicate.dep_ != "xcomp":
        return []
    heads = []
    token = predicate
    for _ in range(MAX_PATH):
        if token.head.i == token.i or token.dep_ in MODIFIER_CLAUSE_DEPS:
            break
        token = token.head
        if token.pos_ in VERB_POS:
            heads.append(token)
            if token.dep_ != "xcomp":
                break
    return heads


def _free(root: Token) -> bool:
    """True when the expression hangs from no verb: a fragment, a heading."""
    token = root
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
    perfect = verb.tag_ == "VBN" and any(
        child.dep_ == "aux" and child.lower_ in ("had", "'d", "’d")
        for child in verb.children
    )
    return perfect and not _backshifted(verb)


def _backshifted(verb: Token) -> bool:
    """ "Yatsenyuk said Russian soldiers had opened fire": a past perfect
    reported by a verb in the past is the reporter's simple past moved back
    one tense, news of the day, not an event from before the story."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.tag_ == "VBD"
