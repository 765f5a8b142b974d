"""Find quotations and who speaks them, so "we" inside a quote can be resolved.

Quotations are runs between double quotation marks (curly or straight); a
quote left open at the end of a paragraph closes there, as in wire copy where
a quote running over several paragraphs repeats only its opening mark. The
speaker is found with the rules wire style follows:

* ``"...," X said`` or ``"...," said X``: a speech verb right after the quote;
* ``X said: "..."``: a speech verb before the quote in its sentence;
* a quote with neither takes the speaker of the quote before it in the same
  paragraph (``"...," Putin said. "We are prepared..."``), else, when it opens
  its paragraph, the subject of a speech verb in the next sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

OPENING_MARKS = frozenset({"“", "«", "„"})
CLOSING_MARKS = frozenset({"”", "»"})
STRAIGHT_MARK = '"'
QUOTE_MARK = re.compile('["“”«»„]')
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
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
    }
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
TextLayout = tuple[str, list[int]]
# How far after a closing mark the speech verb of "...," X said may sit.
MAX_TOKENS_TO_SPEECH_VERB = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Quotation:
    """A quotation at tokens ``[start, end)``, marks included, and its speaker."""

    start: int
    end: int
    paragraph: int
    speaker: int | None


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
    return doc.text, [int(offset) for offset in doc.to_array("IDX")]


def paragraph_of(starts: Sequence[int], token: int) -> int:
    """The 0-based paragraph holding ``token``, given :func:`paragraph_starts`."""
    return max(0, bisect_right(starts, token) - 1)


def find_quotations(
    doc: Doc, *, paragraphs: Sequence[int], layout: TextLayout | None = None
) -> list[Quotation]:
    """Every quotation in ``doc`` with its speaker, in text order."""
    spans = _quote_spans(doc, paragraphs, layout or text_layout(doc))
    quotations: list[Quotation] = []
    for start, end in spans:
        paragraph = paragraph_of(paragraphs, start)
        speaker = _speaker_after(doc, end) or _speaker_before(doc, start)
        if speaker is None and quotations and quotations[-1].paragraph == paragraph:
            speaker = quotations[-1].speaker
        if speaker is None and start in paragraphs:
            speaker = _speaker_in_next_sentence(doc, end, paragraph, paragraphs)
        quotations.append(
            Quotation(start=start, end=end, paragraph=paragraph, speaker=speaker)
        )
    return quotations


def _quote_spans(
    doc: Doc, paragraphs: Sequence[int], layout: TextLayout
) -> list[tuple[int, int]]:
    text, offsets = layout
    marks = [bisect_right(offsets, m.start()) - 1 for m in QUOTE_MARK.finditer(text)]
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for index in marks:
        if opened is not None and paragraph_of(paragraphs, index) != paragraph_of(
            paragraphs, opened
        ):
            spans.append((opened, _paragraph_end(paragraphs, opened, len(doc))))
            opened = None
        text = doc[index].text
        if opened is None and (text in OPENING_MARKS or text == STRAIGHT_MARK):
            opened = index
        elif opened is not None and (text in CLOSING_MARKS or text == STRAIGHT_MARK):
            spans.append((opened, index + 1))
            opened = None
    if opened is not None:
        spans.append((opened, _paragraph_end(paragraphs, opened, len(doc))))
    return spans


def _paragraph_end(paragraphs: Sequence[int], token: int, length: int) -> int:
    following = bisect_right(paragraphs, token)
    return paragraphs[following] if following < len(paragraphs) else length


def _speaker_after(doc: Doc, end: int) -> int | None:
    if end >= len(doc):
        return None
    sentence = doc[end].sent
    limit = min(sentence.end, end + MAX_TOKENS_TO_SPEECH_VERB)
    for token in doc[end:limit]:
        if token.text in OPENING_MARKS:
            return None
        if _is_speech_verb(token):
            return _subject_of(token)
    return None


def _speaker_before(doc: Doc, start: int) -> int | None:
    if start == 0:
        return None
    sentence = doc[start].sent
    for token in reversed(doc[sentence.start : start]):
        if token.text in CLOSING_MARKS:
            return None
        if _is_speech_verb(token):
            return _subject_of(token)
    return None


def _speaker_in_next_sentence(
    doc: Doc, end: int, paragraph: int, paragraphs: Sequence[int]
) -> int | None:
    if end >= len(doc):
        return None
    following: Span = doc[end].sent
    if doc[end].is_space or following.start < end:
        # The quote ends inside a sentence: the next one starts after it.
        if following.end >= len(doc):
            return None
        following = doc[following.end].sent
    if paragraph_of(paragraphs, following.start) != paragraph:
        return None
    for token in following:
        if _is_speech_verb(token):
            return _subject_of(token)
    return None


def _is_speech_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_LEMMAS


def _subject_of(verb: Token) -> int | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child.i
    return None
