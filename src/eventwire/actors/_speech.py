"""What speech looks like in the parse: speech verbs, who speaks and to whom.

Shared by the quote finder (:mod:`eventwire.actors.speakers`) and the finder
of reported speech (:mod:`eventwire.actors.reported`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.nlp import sentence_of

OPENING_MARKS = frozenset({"“", "«", "„", "‘"})
CLOSING_MARKS = frozenset({"”", "»", "’"})
STRAIGHT_MARK = '"'
SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "declare",
        "warn",
        "insist",
        "ask",
        "write",
        "tweet",
        "announce",
        "claim",
        "note",
        "stress",
        "explain",
        "argue",
        "reply",
        "respond",
        "confirm",
        "deny",
        "vow",
        "pledge",
        "continue",
        "acknowledge",
        "admit",
        "complain",
        "recall",
        "predict",
        "suggest",
        "maintain",
        "speak",
        "assert",
        "promise",
        "report",
        "allege",
        "caution",
        "concede",
        "emphasize",
        "emphasise",
        "repeat",
        "reiterate",
        "threaten",
        "boast",
        "estimate",
        "indicate",
        "order",
        "quote",
        "chant",
        "shout",
        "scream",
        "yell",
        "cry",
    }
)
# Speech verbs that report a clause ("warned that ..."); "continue" and
# "speak" only attribute a quote ("“...,” he continued").
REPORTING_LEMMAS = SPEECH_LEMMAS - {
    "continue",
    "speak",
    "order",
    "quote",
    "threaten",
}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A subjectless speech verb speaks with the subject of the verb it hangs from:
# "Cameron set out his case, *saying* ...", "Putin views ... and has *stated*".
BORROWED_SUBJECT_DEPS = frozenset({"advcl", "conj", "xcomp", "acl"})
# Nouns and verbs whose "with X" names whom a speaker is talking to.
MEETING_WORDS = frozenset(
    {
        "meet",
        "meeting",
        "conference",
        "talk",
        "talks",
        "call",
        "summit",
        "interview",
        "speak",
        "session",
    }
)
DATELINE_DASHES = frozenset({"-", "—", "–", "--"})
# A dateline ("SOCHI, Russia, Nov. 24 (Reuters) -") is this many tokens at most.
MAX_DATELINE_TOKENS = 14
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
ADDRESSEE_DEPS = frozenset({"dobj", "dative", "iobj"})
# Steps up the parse from a word to the verb of its clause.
MAX_CLAUSE_CLIMB = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Quotation:
    """Speech at tokens ``[start, end)`` and who speaks it.

    ``kind`` is ``direct`` (marks included in the span), ``indirect`` (the
    reported clause) or ``mixed`` (a reported clause holding quoted words).
    ``quoted`` are the spans between marks, marks included, that it holds;
    ``closed`` whether a direct quote's closing mark was found. ``cue`` is the
    speech verb's tokens, ``speaker`` the token heading who speaks and
    ``addressee`` the one heading whom they speak to ("told *Hollande*").
    """

    start: int
    end: int
    paragraph: int
    speaker: int | None
    kind: str = "direct"
    quoted: tuple[tuple[int, int], ...] = ()
    closed: bool = True
    cue: tuple[int, int] | None = None
    addressee: int | None = None


def paragraph_of(starts: Sequence[int], token: int) -> int:
    """The 0-based paragraph holding ``token``, given :func:`paragraph_starts`."""
    return max(0, bisect_right(starts, token) - 1)


SPEECH_VERB_POS = frozenset({"VERB", "AUX"})


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in SPEECH_VERB_POS and token.lemma_.lower() in SPEECH_LEMMAS


def speaker_of(verb: Token) -> int | None:
    """The subject of ``verb``, or of the verb it hangs from when it has none."""
    current = verb
    for _ in range(MAX_CLAUSE_CLIMB):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return _out_of_dateline(child, current)
        if current.dep_ not in BORROWED_SUBJECT_DEPS or current.head.i == current.i:
            return None
        head = current.head
        if (
            current.dep_ == "conj"
            and head.dep_ == "ccomp"
            and is_speech_verb(head.head)
        ):
            # "X said drones were launched and warned ...": the parse joins
            # "warned" to the report; it is X's, like "said".
            head = head.head
        current = head
    return None


def dateline_end(sentence: Span) -> int | None:
    """The first token after a dateline opening ``sentence`` ("SOCHI, Russia,
    Nov. 24 (Reuters) - ..."), or None when it has none."""
    first = sentence[0]
    if not (first.is_alpha and first.is_upper and len(first.text) > 1):
        return None
    for token in sentence[:MAX_DATELINE_TOKENS]:
        if token.text in DATELINE_DASHES and token.i > first.i:
            return token.i + 1
    return None


def _out_of_dateline(subject: Token, verb: Token) -> int:
    """The parse often makes the dateline's place the subject of the first
    sentence's verb; the speaker is the phrase between the dash and the verb."""
    after = dateline_end(sentence_of(subject))
    if after is None or subject.i >= after or verb.i <= after:
        return subject.i
    heads = [
        token
        for token in subject.doc[after : verb.i]
        if token.pos_ in NOMINAL_POS and not (after <= token.head.i < verb.i)
    ]
    return heads[-1].i if heads else subject.i


def addressee(cue: Token | None, start: int, end: int) -> int | None:
    """Whom the speaker talks to: the object of "told", else the partner of a
    meeting or news conference "with X" in the cue's sentence, outside the
    quote."""
    if cue is None:
        return None
    if cue.lemma_.lower() == "tell":
        told = next((c for c in cue.children if c.dep_ in ADDRESSEE_DEPS), None)
        if told is not None:
            return told.i
    for token in sentence_of(cue):
        if start <= token.i < end or token.lower_ != "with":
            continue
        host = token.head
        if host.lemma_.lower() in MEETING_WORDS or host.lower_ in MEETING_WORDS:
            partner = next((c for c in token.children if c.dep_ == "pobj"), None)
            if partner is not None:
                return partner.i
    return None
