"""Find quotations and reported speech, who speaks them and to whom.

The one quote finder: the actor resolver reads it so "we" inside a quote is
the speaker's side and "you" the addressee's, and the quotes stage
(:mod:`eventwire.quotes`) turns its findings into records.

Quotations are runs between double quotation marks (curly or straight; a
straight mark inside a curly quote is a quote inside the quote); a quote left
open at the end of a paragraph closes there, as in wire copy where a quote
running over several paragraphs repeats only its opening mark. Wire style
says who speaks:

* ``"...," X said`` or ``"...," said X``: a speech verb right after the quote;
* ``X said: "..."``: a speech verb before the quote in its sentence;
* ``X said that ... "..."``: a quoted fragment of a reported clause makes one
  ``mixed`` record, the clause;
* a quote with neither takes the speaker of the quote before it in the same
  paragraph (``"...," Putin said. "We are prepared..."``) or, when it carries
  on a quote left open at the end of the previous paragraph, that quote's;
  else, when it opens its paragraph, the subject of a speech verb in the next
  sentence; a fragment inside a sentence ("views Assad as a "natural ally"")
  is its clause's subject's.

Reported speech is the clause a speech verb governs (``X said that ...``,
``X told Y ...``, ``X warned ...``) or the sentence around ``according to X``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.actors._speech import (
    CLOSING_MARKS,
    MAX_CLAUSE_CLIMB,
    OPENING_MARKS,
    STRAIGHT_MARK,
    Quotation,
    addressee,
    is_speech_verb,
    paragraph_of,
    speaker_of,
)
from eventwire.actors.reported import find_reported
from eventwire.nlp import sentence_of, text_of

__all__ = [
    "Quotation",
    "find_quotations",
    "paragraph_of",
    "paragraph_starts",
    "text_layout",
]

QUOTE_MARK = re.compile('["“”«»„‘’]')
SINGLE_MARKS = frozenset({"‘", "’"})
CLOSING_SINGLE = "’"
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
# Marks before a closing quotation mark that end a quoted sentence handed to a
# speech verb after it ("“...,” he said", "“...?” she asked").
HANDOVER_MARKS = frozenset({",", "?", "!", "—", "–", "-", "...", "…"})
# Characters after which a straight quotation mark opens a quote.
OPENING_BRACKETS = frozenset("([{—–-/")
# Verbs between a quote and its speech verb that do not end the search: in
# an apposition, a participle, an auxiliary ("the president was quoted").
PASSING_DEPS = frozenset({"appos", "acl", "aux", "auxpass"})
# Verbs naming what someone called something: the fragment is their words.
NAMING_LEMMAS = frozenset({"call", "dub", "brand", "label", "describe", "term"})
# Words before a quoted name or a word mentioned as such ("the word ‘children’").
NAME_INTRODUCERS = frozenset(
    {"so-called", "called", "named", "titled", "dubbed", "word", "term", "phrase"}
)
SENTENCE_ENDS = frozenset({".", "?", "!"})
TextLayout = tuple[str, list[int]]
# How far after a closing mark the speech verb of "...," X said may sit
# ("“...,” Dmitry Peskov, the Kremlin spokesman, said").
MAX_TOKENS_TO_SPEECH_VERB = 20


def paragraph_starts(doc: Doc, *, layout: TextLayout | None = None) -> list[int]:
    """Token indices at which a paragraph (text after a blank line) starts."""
    text, offsets = layout or text_layout(doc)
    starts = [0]
    for blank in BLANK_LINE.finditer(text):
        index = bisect_left(offsets, blank.end())
        if index < len(offsets) and index > starts[-1]:
            starts.append(index)
    return starts


def text_layout(doc: Doc) -> TextLayout:
    """The Doc's text and every token's character offset, each read once."""
    return text_of(doc), [int(offset) for offset in doc.to_array("IDX")]


# Where a Doc keeps its quotations (spaCy's ``user_data`` is per Doc).
QUOTATIONS_KEY = "eventwire.quotations"


def find_quotations(
    doc: Doc, *, paragraphs: Sequence[int], layout: TextLayout | None = None
) -> list[Quotation]:
    """Every quotation and reported clause in ``doc`` with its speaker, in text
    order.

    The actor resolver and the quotes stage both ask; the answer depends on
    the parse alone, so it is kept on the ``Doc`` and worked out once.
    """
    if len(doc) == 0:
        return []
    asked = tuple(paragraphs)
    kept = doc.user_data.get(QUOTATIONS_KEY)
    if kept is None or kept[0] != asked:
        found = tuple(_find_quotations(doc, paragraphs=paragraphs, layout=layout))
        kept = doc.user_data[QUOTATIONS_KEY] = (asked, found)
    return list(kept[1])


def _find_quotations(
    doc: Doc, *, paragraphs: Sequence[int], layout: TextLayout | None
) -> list[Quotation]:
    marked = _quote_spans(doc, paragraphs, layout or text_layout(doc))
    inside = {i for start, end, _ in marked for i in range(start, end)}
    reported = find_reported(doc, marked, inside, paragraphs)
    absorbed = {span for quotation in reported for span in quotation.quoted}
    direct = _direct(
        doc,
        [span for span in marked if (span[0], span[1]) not in absorbed],
        paragraphs,
    )
    quotations = sorted([*direct, *reported], key=lambda q: (q.start, q.end))
    # 'He said countries could still act. “This is not just a health
    # crisis.”': a quote of its own sentence goes on from the speech before it.
    for index, quotation in enumerate(quotations):
        if quotation.speaker is not None or quotation.cue is not None:
            continue
        if index == 0 or not _opens_sentence(doc, quotation.start):
            continue
        previous = quotations[index - 1]
        if previous.paragraph == quotation.paragraph and previous.speaker is not None:
            quotations[index] = _with_speaker(quotation, previous.speaker)
    return quotations


def _direct(
    doc: Doc, marked: Sequence[tuple[int, int, bool]], paragraphs: Sequence[int]
) -> list[Quotation]:
    quotations: list[Quotation] = []
    chains: list[list[int]] = []
    for start, end, closed in marked:
        paragraph = paragraph_of(paragraphs, start)
        cue = None
        if not closed:
            end, cue = _cut_at_inner_cue(doc, start, end)
            # Cut at a comma, the quote ends there as at a closing mark.
            closed = cue is not None
        cue = (
            cue
            or _cue_after(doc, start, end)
            or _cue_before(doc, start)
            or _cue_ending_previous_paragraph(doc, start, paragraphs)
        )
        fragment = not _opens_sentence(doc, start)
        if cue is None and fragment:
            if _is_name(doc, start, end):
                continue  # the so-called “Panama Papers”: a name, not speech
            naming = _clause_verb(doc, start, end)
            if naming is not None and naming.lemma_.lower() in NAMING_LEMMAS:
                cue = naming  # 'called its leader a “rocket man”'
        speaker = speaker_of(cue) if cue is not None else None
        previous = quotations[-1] if quotations else None
        carried = (
            previous is not None
            and not previous.closed
            and previous.paragraph == paragraph - 1
            and start in paragraphs
        )
        if carried:
            chains[-1].append(len(quotations))
        else:
            chains.append([len(quotations)])
        if (
            cue is None
            and previous is not None
            and (previous.paragraph == paragraph or carried)
        ):
            speaker = previous.speaker
        if cue is None and speaker is None and fragment:
            verb = _clause_verb(doc, start, end)
            speaker = speaker_of(verb) if verb is not None else None
        if cue is None and speaker is None and start in paragraphs:
            speaker = _speaker_in_next_sentence(doc, end, paragraph, paragraphs)
        quotations.append(
            Quotation(
                start=start,
                end=end,
                paragraph=paragraph,
                speaker=speaker,
                quoted=((start, end),),
                closed=closed,
                cue=(cue.i, cue.i + 1) if cue is not None else None,
                addressee=addressee(cue, start, end),
            )
        )
    # A quote running over paragraphs names its speaker once, first or last.
    for chain in chains:
        speakers = [quotations[i].speaker for i in chain]
        named = next((s for s in speakers if s is not None), None)
        for i in chain:
            if quotations[i].speaker is None and named is not None:
                quotations[i] = _with_speaker(quotations[i], named)
    return quotations


def _with_speaker(quotation: Quotation, speaker: int) -> Quotation:
    return Quotation(
        start=quotation.start,
        end=quotation.end,
        paragraph=quotation.paragraph,
        speaker=speaker,
        kind=quotation.kind,
        quoted=quotation.quoted,
        closed=quotation.closed,
        cue=quotation.cue,
        addressee=quotation.addressee,
    )


def _quote_spans(
    doc: Doc, paragraphs: Sequence[int], layout: TextLayout
) -> list[tuple[int, int, bool]]:
    """``(start, end, closed)`` token spans of the outermost quotations."""
    text, offsets = layout
    spans: list[tuple[int, int, bool]] = []
    opened: int | None = None
    stack: list[str] = []  # the kinds of the open marks, outermost first
    for found in QUOTE_MARK.finditer(text):
        index = bisect_right(offsets, found.start()) - 1
        if opened is not None and paragraph_of(paragraphs, index) != paragraph_of(
            paragraphs, opened
        ):
            spans.append((opened, _paragraph_end(doc, paragraphs, opened), False))
            opened, stack = None, []
        kind = "single" if found.group() in SINGLE_MARKS else "double"
        role = _role(text, found.start(), inside=bool(stack) and stack[-1] == kind)
        if role == "open":
            if not stack:
                opened = index
            stack.append(kind)
        elif role == "close" and kind in stack:
            while stack.pop() != kind:
                pass  # an inner quote left open closes with the outer one
            if not stack and opened is not None:
                spans.append((opened, index + 1, True))
                opened = None
        # A closing mark with no quote of its kind open is a stray: ignored.
    if opened is not None:
        spans.append((opened, _paragraph_end(doc, paragraphs, opened), False))
    return [span for span in spans if _has_words(doc, span[0], span[1])]


def _has_words(doc: Doc, start: int, end: int) -> bool:
    return any(not (t.is_punct or t.is_space) for t in doc[start + 1 : end])


def _role(text: str, position: int, *, inside: bool) -> str:
    """Whether the mark at ``position`` opens or closes a quote, or is an
    apostrophe ("Britain’s"). A straight mark opens when it leans on the word
    after it ("said "no" and"), closes when it leans on the word before;
    standing alone it closes an open quote."""
    mark = text[position]
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if mark in OPENING_MARKS:
        return "open"
    if mark == CLOSING_SINGLE:
        # ’ is also the apostrophe: a quote closes only before a non-letter.
        return "apostrophe" if after.isalnum() else "close"
    if mark in CLOSING_MARKS:
        return "close"
    leans_after = not after.isspace() and after not in ".,;:!?)"
    leans_before = not before.isspace() and before not in OPENING_BRACKETS
    if leans_after != leans_before:
        return "open" if leans_after else "close"
    return "close" if inside else "open"


def _paragraph_end(doc: Doc, paragraphs: Sequence[int], token: int) -> int:
    following = bisect_right(paragraphs, token)
    end = paragraphs[following] if following < len(paragraphs) else len(doc)
    while end > token + 1 and doc[end - 1].is_space:
        end -= 1
    return end


def _cue_after(doc: Doc, start: int, end: int) -> Token | None:
    """The speech verb of ``"...," X said``: the quote hands its words over
    with a comma (or ?, !), or is a sentence of its own, and the verb follows
    in the same sentence."""
    if end >= len(doc):
        return None
    last = doc[end - 2] if end - start > 2 else doc[start]
    following = doc[end]
    if (
        last.text not in HANDOVER_MARKS
        and following.text not in {",", "—", "–"}
        and not _opens_sentence(doc, start)
    ):
        return None  # a fragment: "views Assad as a “natural ally” and has stated
    governor = _governor(doc, start, end)
    if (
        governor is not None
        and governor.i >= end
        and is_speech_verb(governor)
        and sentence_of(governor).start <= start
    ):
        return governor  # "“...,” Abdullah, the head of the council, said"
    limit = min(len(doc), end + MAX_TOKENS_TO_SPEECH_VERB)
    for token in doc[end:limit]:
        if token.text in OPENING_MARKS or token.is_sent_start or token.is_space:
            return None
        if is_speech_verb(token):
            return token
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in PASSING_DEPS:
            return None
    return None


def _governor(doc: Doc, start: int, end: int) -> Token | None:
    """The word outside the quote that its words hang from."""
    for token in doc[start:end]:
        head = token.head
        if not (start <= head.i < end) and not token.is_punct:
            return head
    return None


def _cue_before(doc: Doc, start: int) -> Token | None:
    if start == 0:
        return None
    sentence = sentence_of(doc[start])
    for token in reversed(doc[sentence.start : start]):
        if token.text in CLOSING_MARKS or token.text in SENTENCE_ENDS:
            return None
        if token.text == STRAIGHT_MARK:
            return None
        if is_speech_verb(token):
            return token
    return None


def _opens_sentence(doc: Doc, start: int) -> bool:
    """Whether only blanks stand between the sentence's start and ``start``."""
    sentence = sentence_of(doc[start])
    return all(token.is_space for token in doc[sentence.start : start])


def _clause_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb of the clause a quoted fragment sits in ("Putin *views* Assad
    as a “natural ally”")."""
    token = _governor(doc, start, end)
    for _ in range(MAX_CLAUSE_CLIMB):
        if token is None:
            return None
        if token.pos_ in {"VERB", "AUX"} and not (start <= token.i < end):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _is_name(doc: Doc, start: int, end: int) -> bool:
    """A quoted name ("the so-called “Panama Papers”"): every word capitalised,
    or "so-called" before it."""
    words = [t for t in doc[start + 1 : end] if t.is_alpha]
    before = doc[start - 1].lower_ if start > 0 else ""
    return before in NAME_INTRODUCERS or (
        bool(words) and all(t.text[:1].isupper() for t in words)
    )


def _cue_ending_previous_paragraph(
    doc: Doc, start: int, paragraphs: Sequence[int]
) -> Token | None:
    """'Zelenskiy said in a video address:' closing the paragraph before a
    quote that opens its own."""
    if start not in paragraphs or start == 0:
        return None
    before = start - 1
    while before > 0 and doc[before].is_space:
        before -= 1
    if doc[before].text != ":":
        return None
    return _cue_before(doc, before)


def _cut_at_inner_cue(doc: Doc, start: int, end: int) -> tuple[int, Token | None]:
    """A quote whose closing mark is missing ends where its cue starts
    ("“We will not accept this outcome, he told supporters."): at a comma
    followed by a speaker and a speech verb. Returns the new end (after the
    comma) and the cue."""
    for comma in doc[start + 1 : end]:
        if comma.text != ",":
            continue
        window = doc[comma.i + 1 : min(end, comma.i + 1 + MAX_TOKENS_TO_SPEECH_VERB)]
        for token in window:
            if token.pos_ in {"VERB", "AUX"} and token.dep_ not in PASSING_DEPS:
                if is_speech_verb(token) and speaker_of(token) is not None:
                    return comma.i + 1, token
                break
    return end, None


def _speaker_in_next_sentence(
    doc: Doc, end: int, paragraph: int, paragraphs: Sequence[int]
) -> int | None:
    if end >= len(doc):
        return None
    following: Span = sentence_of(doc[end])
    if doc[end].is_space or following.start < end:
        # The quote ends inside a sentence: the next one starts after it.
        if following.end >= len(doc):
            return None
        following = sentence_of(doc[following.end])
    if paragraph_of(paragraphs, following.start) != paragraph:
        return None
    for token in following:
        if is_speech_verb(token):
            return speaker_of(token)
    return None
