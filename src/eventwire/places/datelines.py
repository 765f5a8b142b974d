"""Datelines: "KABUL (AP) --", "PARIS, Texas (AP) --", "MOSCOW, Nov. 27 (Reuters) -".

A dateline opens a paragraph with a name in capitals and ends at the
agency's bracket or a dash. It says where the story was filed, so its places
are kept with ``dateline=True`` and never given to an event.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DATELINE_MARKS = frozenset({"(", "-", "--", "—", "–"})
# A dateline's place, state and date fit in this many tokens.
DATELINE_WINDOW = 12


def dateline_parts(doc: Doc) -> list[Span]:
    """The comma-separated parts of every dateline before its mark, without
    the date ("MOSCOW", not "Nov. 27")."""
    parts: list[Span] = []
    for start in _paragraph_starts(doc):
        opening = doc[start]
        if not (opening.text.isupper() and sum(c.isalpha() for c in opening.text) > 1):
            continue
        end = _mark(doc, start)
        if end is None:
            continue
        first = start
        for i in range(start, end + 1):
            if i == end or doc[i].text == ",":
                part = doc[first:i]
                if len(part) and not any(char.isdigit() for char in part.text):
                    parts.append(part)
                first = i + 1
    return parts


def _paragraph_starts(doc: Doc) -> list[int]:
    starts = []
    for token in doc:
        if token.is_space:
            continue
        if token.i == 0 or "\n" in doc[token.i - 1].text_with_ws:
            starts.append(token.i)
    return starts


def _mark(doc: Doc, start: int) -> int | None:
    """Where the dateline's bracket or dash is; ``None`` if the paragraph
    does not open with one."""
    for i in range(start + 1, min(start + DATELINE_WINDOW, len(doc))):
        token = doc[i]
        if "\n" in token.text:
            return None
        # "PORT-AU-PRINCE": a hyphen inside a word is not the dash.
        inside_word = not doc[i - 1].whitespace_ and not token.whitespace_
        if token.text in DATELINE_MARKS and not (token.text == "-" and inside_word):
            return i
    return None
