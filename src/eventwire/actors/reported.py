"""Reported speech: the clause a speech verb governs, or around "according to".

``X said that ...``, ``X told Y ...``, ``X warned ...``, ``... , according to
X``. A reported clause holding quoted words ("saying that to do so would
“make us safer.”") is one ``mixed`` quotation, which takes those words.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire.actors._speech import (
    CLOSING_MARKS,
    REPORTING_LEMMAS,
    SPEECH_VERB_POS,
    STRAIGHT_MARK,
    Quotation,
    addressee,
    dateline_end,
    is_speech_verb,
    paragraph_of,
    speaker_of,
)
from eventwire.nlp import sentence_of

COMPLEMENT_DEPS = frozenset({"ccomp"})
# A complement that is a clause: "declared the outbreak a pandemic" is not one.
CLAUSE_POS = frozenset({"VERB", "AUX"})
# How the parse hangs a speech verb set inside or after its report.
PARENTHETICAL_DEPS = frozenset({"parataxis", "advcl", "conj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
LEADING_ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "advmod", "advcl"})
ADJUNCT_DEPS = frozenset({"advcl", "prep", "npadvmod", "advmod"})
OWN_OBJECT_DEPS = frozenset({"mark", "xcomp", "dobj", "ccomp", "dative"})
REPORTED_MODALS = frozenset({"would", "could", "might", "should", "will", "can"})


def find_reported(
    doc: Doc,
    marked: Sequence[tuple[int, int, bool]],
    inside: set[int],
    paragraphs: Sequence[int],
) -> list[Quotation]:
    """Reported clauses: of a speech verb (``X said that ...``), or around
    ``according to X``. One holding quoted words is ``mixed`` and takes them."""
    found: list[Quotation] = []
    # The cue words are found on the Doc's arrays: a Token made for every word
    # only to read its lemma cost more than the clauses themselves.
    strings = doc.vocab.strings
    according = strings["according"]
    verb_pos = {strings[pos] for pos in SPEECH_VERB_POS}
    rows = doc.to_array(["LOWER", "POS", "LEMMA"]).tolist()
    for i, (lower, pos, lemma) in enumerate(rows):
        if i in inside:
            continue
        if lower == according:
            quotation = _according_to(doc, doc[i], paragraphs)
        elif pos in verb_pos and strings[lemma].lower() in REPORTING_LEMMAS:
            quotation = _reported_clause(doc, doc[i], marked, paragraphs)
        else:
            continue
        if quotation is not None:
            found.append(quotation)
    # "Putin said Obama told him that ...": the outer clause is the record.
    return [
        quotation
        for quotation in found
        if not any(
            other is not quotation
            and other.start <= quotation.start
            and quotation.end <= other.end
            and other.start <= (quotation.cue or (quotation.start,))[0] < other.end
            for other in found
        )
    ]


def _reported_clause(
    doc: Doc,
    verb: Token,
    marked: Sequence[tuple[int, int, bool]],
    paragraphs: Sequence[int],
) -> Quotation | None:
    if any(child.dep_ == "auxpass" for child in verb.children):
        return None  # "he is said to be": no one speaks
    bounds = _clause_bounds(doc, verb)
    if bounds is None:
        return None
    start, end = bounds
    quoted = tuple(
        (q_start, q_end)
        for q_start, q_end, _ in marked
        if q_end > start and q_start < end
    )
    if quoted and quoted[0][0] <= start:
        return None  # the clause is a direct quote's content
    if quoted:
        # The clause's parse may leave the closing mark outside it.
        end = max(end, quoted[-1][1])
    while (
        end > start
        and doc[end - 1].is_punct
        and doc[end - 1].text not in (CLOSING_MARKS | {STRAIGHT_MARK})
    ):
        end -= 1
    if end <= start:
        return None
    return Quotation(
        start=start,
        end=end,
        paragraph=paragraph_of(paragraphs, start),
        speaker=speaker_of(verb),
        kind="mixed" if quoted else "indirect",
        quoted=quoted,
        cue=(verb.i, verb.i + 1),
        addressee=addressee(verb, start, end),
    )


def _clause_bounds(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """Tokens ``[start, end)`` of what ``verb`` reports: its clausal
    complement, or the clause it interrupts ("..., police said, in ...")."""
    complement = next(
        (
            child
            for child in verb.children
            if child.dep_ in COMPLEMENT_DEPS and child.pos_ in CLAUSE_POS
        ),
        None,
    )
    if complement is None:
        if not _is_parenthetical(doc, verb):
            return None
        # "A truck bomb exploded ..., police said": the clause before the verb.
        host = verb.head
        start, end = host.left_edge.i, verb.left_edge.i
        speaker = speaker_of(verb)
        if speaker is not None:
            end = min(end, doc[speaker].left_edge.i)
        return _without_dateline(doc, start, end)
    start = _clause_start(complement)
    end = complement.right_edge.i + 1
    words = [c for c in complement.children if c.i > complement.i and not c.is_punct]
    for child in words:
        if child.dep_ == "conj" and is_speech_verb(child):
            # "said ... and warned that ...": a report of its own.
            end = min(end, _left_of_coordination(child))
    if words and words[-1].dep_ in ADJUNCT_DEPS:
        trailing = words[-1]
        if doc[trailing.left_edge.i - 1].text == ",":
            # "..., as rioting spread": the reporter's words, not the speaker's.
            end = min(end, trailing.left_edge.i - 1)
    for child in verb.children:
        # "told them that ... and that ...", "said his men were "patriots" and
        # would not surrender": the parse hangs the rest of the report from
        # the speech verb.
        if (
            child.dep_ == "conj"
            and child.i > complement.i
            and (_is_that_clause(child) or _is_backshifted(child))
        ):
            end = max(end, child.right_edge.i + 1)
    return _without_dateline(doc, start, end)


def _is_parenthetical(doc: Doc, verb: Token) -> bool:
    """ "..., police said": a bare speech verb set after its report by a comma,
    with nothing of its own to say ("after his party threatened to" is not)."""
    if verb.dep_ not in PARENTHETICAL_DEPS or verb.head.i > verb.i:
        return False
    if any(c.dep_ in OWN_OBJECT_DEPS for c in verb.children):
        return False
    speaker = speaker_of(verb)
    first = doc[speaker].left_edge.i if speaker is not None else verb.i
    return first > 0 and doc[first - 1].text == ","


def _clause_start(complement: Token) -> int:
    """Where a reported clause starts: after "that", and after a time or place
    the parse hung in front of the subject ("said on Thursday they had")."""
    children = list(complement.children)
    mark = next((c for c in children if c.dep_ == "mark" and c.i < complement.i), None)
    if mark is not None:
        return mark.i + 1
    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and all(
        c.dep_ in LEADING_ADJUNCT_DEPS or c.is_punct
        for c in children
        if c.i < subject.left_edge.i
    ):
        return subject.left_edge.i
    return complement.left_edge.i


def _left_of_coordination(conjunct: Token) -> int:
    """The first token of ``conjunct`` with the coordinator and commas before
    it (", and warned ...")."""
    doc = conjunct.doc
    start = conjunct.left_edge.i
    while start > 0 and (doc[start - 1].dep_ == "cc" or doc[start - 1].is_punct):
        start -= 1
    return start


def _is_backshifted(verb: Token) -> bool:
    """A clause with no subject of its own and a reported modal ("would not
    surrender"): more of the report."""
    children = list(verb.children)
    return not any(c.dep_ in SUBJECT_DEPS for c in children) and any(
        c.dep_ == "aux" and c.lower_ in REPORTED_MODALS for c in children
    )


def _without_dateline(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    after = dateline_end(sentence_of(doc[start])) if start < len(doc) else None
    if after is not None and start < after:
        start = after
    bounds = _trimmed(doc, start, end)
    return bounds


def _is_that_clause(verb: Token) -> bool:
    return any(
        child.dep_ == "mark" and child.lower_ in {"that", "whether", "if"}
        for child in verb.children
    )


def _according_to(
    doc: Doc, according: Token, paragraphs: Sequence[int]
) -> Quotation | None:
    """ "According to X, ..." / "..., according to X": the rest of the sentence
    is what X says."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or source is None:
        return None
    sentence = sentence_of(according)
    phrase_start, phrase_end = according.i, max(source.right_edge.i, to.i) + 1
    before = _trimmed(doc, sentence.start, phrase_start)
    after = _trimmed(doc, phrase_end, sentence.end)
    start, end = max(
        (span for span in (before, after) if span is not None),
        key=lambda span: span[1] - span[0],
        default=(0, 0),
    )
    if end <= start:
        return None
    return Quotation(
        start=start,
        end=end,
        paragraph=paragraph_of(paragraphs, start),
        speaker=source.i,
        kind="indirect",
        cue=(according.i, to.i + 1),
    )


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None
