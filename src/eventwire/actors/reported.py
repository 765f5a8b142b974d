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
    STRAIGHT_MARK,
    Quotation,
    addressee,
    is_speech_verb,
    paragraph_of,
    speaker_of,
)

COMPLEMENT_DEPS = frozenset({"ccomp"})


def find_reported(
    doc: Doc,
    marked: Sequence[tuple[int, int, bool]],
    inside: set[int],
    paragraphs: Sequence[int],
) -> list[Quotation]:
    """Reported clauses: of a speech verb (``X said that ...``), or around
    ``according to X``. One holding quoted words is ``mixed`` and takes them."""
    found: list[Quotation] = []
    for token in doc:
        if token.i in inside:
            continue
        if token.lower_ == "according":
            quotation = _according_to(doc, token, paragraphs)
        elif is_speech_verb(token) and token.lemma_.lower() in REPORTING_LEMMAS:
            quotation = _reported_clause(doc, token, marked, paragraphs)
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
    complement = next(
        (child for child in verb.children if child.dep_ in COMPLEMENT_DEPS), None
    )
    if complement is None:
        return None
    start, end = complement.left_edge.i, complement.right_edge.i + 1
    for child in verb.children:
        # "told them that ... and that ...": the parse hangs the second
        # that-clause from the verb.
        if child.dep_ == "conj" and child.i > complement.i and _is_that_clause(child):
            end = max(end, child.right_edge.i + 1)
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1
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
    sentence = according.sent
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
