"""Stage 2: clean digital-newspaper text for parsing, keeping an offset map.

E-edition exports (PressReader and the like) carry layout debris: words split
by hyphenation, photo captions and credits between paragraphs, edition headers,
bylines, footer boilerplate and invisible characters. Cleaning only ever
*deletes* characters: the cleaned text is a concatenation of slices of the
original, recorded in an :class:`~eventwire.model.OffsetMap`, so every span
found later maps back to ``Article.text`` exactly. Whole lines are removed
together with their line break, so paragraphs never run into each other.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections.abc import Iterator

from eventwire.model import Article, CleanArticle, OffsetMap

logger = logging.getLogger(__name__)

INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SOFT_HYPHEN = "\u00ad"

# A hyphen (or soft hyphen) followed by spaces or one line break, then a word.
HYPHEN_BREAK_RE = re.compile(r"[-\u2010\u00ad](?:[ \t]*\r?\n[ \t]*|[ \t]+)(?=[^\W_])")
LEFT_WORD_RE = re.compile(r"(?:[^\W_]+[-\u2010.])*[^\W_]+\.?\Z")
RIGHT_WORD_RE = re.compile(r"[^\W_]+")
WORD_RE = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
LEFT_CONTEXT = 40
# "pro- and anti-war": the hyphen belongs to a word whose second half is shared.
SUSPENDED_HYPHEN_WORDS = frozenset(
    {"and", "or", "nor", "to", "through", "versus", "vs"}
)
# Second elements that make real compounds ("Paris- based" is "Paris-based").
COMPOUND_TAILS = frozenset(
    {
        "backed",
        "based",
        "controlled",
        "elect",
        "free",
        "funded",
        "led",
        "linked",
        "long",
        "made",
        "old",
        "owned",
        "related",
        "run",
        "scale",
        "speaking",
        "sponsored",
        "style",
        "term",
        "wide",
        "year",
    }
)
MIN_COMPOUND_HEAD = 3

CAPTION_RE = re.compile(r"\?\?(?=[^?\n]*?[^\W_])[^?\n]*\?\?")
# Words of photo credits ("AFP/GETTY IMAGES", "EPA-EFE", "USA TODAY").
CREDIT_WORDS = frozenset(
    {
        "AFP",
        "AGENCY",
        "ANADOLU",
        "AP",
        "ASSOCIATED",
        "BLOOMBERG",
        "EFE",
        "EPA",
        "EPA-EFE",
        "GETTY",
        "IMAGES",
        "PHOTO",
        "PHOTOS",
        "POOL",
        "PRESS",
        "REUTERS",
        "SHUTTERSTOCK",
        "SPUTNIK",
        "STAFF",
        "TASS",
        "TODAY",
        "USA",
        "XINHUA",
        "ZUMA",
    }
)
CAPS_WORD = r"[A-Z][A-Z.'’\-]*"
CREDIT = rf"{CAPS_WORD}(?:[ /]+{CAPS_WORD}){{0,5}}"
CREDIT_LINE_RE = re.compile(
    rf"(?P<name>{CAPS_WORD}(?: {CAPS_WORD}){{0,3}}), (?P<credit>{CREDIT})"
    r"(?:\s+(?P<caption>[^\s\-–—(].*))?"
)
BARE_CREDIT_RE = re.compile(CREDIT)
CREDIT_SPLIT_RE = re.compile(r"[ /]+")

EDITION_RE = re.compile(r"(?:\S+\s+){0,7}(?:Edition|EDITION)")
EDITION_MAX_CHARS = 60
EDITION_WINDOW = 3

NAME_WORD = r"[A-Z][\w'’.\-]*"
# Capitalised words that start subheads rather than names ("By The Numbers").
NOT_A_NAME = r"(?!(?:The|An?|Our|This|How|What|Why)\b(?![.'’]))"
NAME_PARTICLE = r"(?:de|da|del|der|di|du|van|von|al|bin|la|le)"
NAME = rf"{NAME_WORD}(?:\s+(?:{NAME_PARTICLE}\s+){{0,2}}{NAME_WORD}){{1,3}}"
NAMES = rf"{NAME}(?:(?:\s*,\s*|\s+(?:and|AND|&)\s+){NAME})*"
BYLINE_RE = re.compile(
    rf"(?:[-–—]+\s*|(?:By|BY)\s+{NOT_A_NAME}){NAMES}(?:\s*,\s*[A-Z][\w.&'’ -]*)?"
)
BYLINE_MAX_CHARS = 80

# E-edition export boilerplate, one named pattern per kind of footer line.
FOOTER_PATTERNS: dict[str, re.Pattern[str]] = {
    "newspapers-in": re.compile(r"Newspapers in [A-Z][a-z]+"),
    "newspapers-from": re.compile(r"Newspapers from [A-Z][\w .,'’-]+"),
    "printed-by": re.compile(r"Printed and distributed by PressReader"),
    "pressreader-phone": re.compile(r"PressReader\.com\s*[-–]\s*\+?[\d ()-]+"),
    "copyright": re.compile(r"COPYRIGHT AND PROTECTED BY APPLICABLE LAW"),
}


@dataclasses.dataclass(slots=True)
class _Line:
    start: int
    end: int  # after the line break, if any
    content: str  # stripped, invisible characters removed
    removed: str | None = None


def clean_article(article: Article) -> CleanArticle:
    """Return the article's text cleaned for parsing, with a map back to the original.

    Removes photo captions and credits, edition headers, bylines, e-edition footer
    lines and invisible characters, rejoins words split by hyphenation and keeps
    paragraph breaks. ``removed`` says what went, e.g. ``"byline: - Jane Doe"``.
    If the first line was an edition header and the title came from it, the
    returned article's title is the first kept line.

    Example:
        >>> cleaned = clean_article(article)
        >>> start, end = cleaned.offsets.to_original(0, 7)
        >>> article.text[start:end]
    """
    text = article.text
    lines = list(_split_lines(text))
    removed: list[str] = []
    header_first = _mark_lines(lines, removed)
    deletions = _line_deletions(lines)
    deletions.extend(_hyphen_deletions(text, lines, removed))
    starts = [line.start for line in lines]
    invisible = [
        (match.start(), match.end())
        for match in INVISIBLE_RE.finditer(text)
        if not _removed_at(match.start(), lines, starts)
    ]
    if invisible:
        codes = sorted({f"U+{ord(text[start]):04X}" for start, _ in invisible})
        removed.append(f"invisible: {len(invisible)} characters ({', '.join(codes)})")
        deletions.extend(invisible)
    segments = _kept_segments(deletions, len(text))
    cleaned = "".join(text[start : start + length] for _, start, length in segments)
    if header_first is not None and article.title in {None, header_first}:
        title = next(
            (line.strip() for line in cleaned.splitlines() if line.strip()), None
        )
        article = dataclasses.replace(article, title=title)
    logger.debug("cleaned %s: removed %d items", article.id, len(removed))
    return CleanArticle(
        article=article,
        text=cleaned,
        offsets=OffsetMap(segments=segments, original_length=len(text)),
        removed=tuple(removed),
    )


def _split_lines(text: str) -> Iterator[_Line]:
    start = 0
    while start < len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline + 1
        content = INVISIBLE_RE.sub("", text[start:end]).strip()
        yield _Line(start=start, end=end, content=content)
        start = end


def _mark_lines(lines: list[_Line], removed: list[str]) -> str | None:
    """Mark lines to remove, record why; return the header if it was the first line."""
    captions: set[str] = set()
    header_first: str | None = None
    seen = 0
    for line in lines:
        if not line.content:
            continue
        seen += 1
        reason = _line_reason(line.content, captions, top=seen <= EDITION_WINDOW)
        if reason is not None:
            line.removed = reason
            removed.append(f"{reason}: {line.content}")
            if reason == "edition" and seen == 1:
                header_first = line.content
    return header_first


def _line_reason(content: str, captions: set[str], *, top: bool) -> str | None:
    """Return why a line is layout debris ("caption", "credit"...) or ``None``."""
    normal = " ".join(content.split())
    if top and len(content) <= EDITION_MAX_CHARS and EDITION_RE.fullmatch(content):
        return "edition"
    if CAPTION_RE.search(content):
        caption = normal.rpartition("??")[2].strip()
        if caption:
            captions.add(caption)
        return "caption"
    if any(_repeats(normal, caption) for caption in captions):
        return "repeated caption"
    credit = CREDIT_LINE_RE.fullmatch(normal)
    if credit and _is_credit(credit["credit"]):
        if credit["caption"]:
            captions.add(credit["caption"])
        return "credit"
    if BARE_CREDIT_RE.fullmatch(normal) and _is_credit(normal, every_word=True):
        return "credit"
    if len(content) <= BYLINE_MAX_CHARS and BYLINE_RE.fullmatch(normal):
        return "byline"
    if any(pattern.fullmatch(normal) for pattern in FOOTER_PATTERNS.values()):
        return "footer"
    return None


def _repeats(normal: str, caption: str) -> bool:
    """Return whether a line is a known caption, alone or after its credit."""
    if not normal.endswith(caption):
        return False
    prefix = normal[: len(normal) - len(caption)].strip()
    if not prefix:
        return True
    credit = CREDIT_LINE_RE.fullmatch(prefix)
    if credit is not None and not credit["caption"]:
        return _is_credit(credit["credit"])
    return BARE_CREDIT_RE.fullmatch(prefix) is not None and _is_credit(
        prefix, every_word=True
    )


def _is_credit(credit: str, *, every_word: bool = False) -> bool:
    words = [word for word in CREDIT_SPLIT_RE.split(credit) if word]
    known = [word in CREDIT_WORDS for word in words]
    return all(known) if every_word else any(known)


def _line_deletions(lines: list[_Line]) -> list[tuple[int, int]]:
    """Return the spans of removed lines and of blank lines they leave redundant.

    Leading and trailing blank lines go, and a run of blank lines keeps only its
    first, so removing a block between paragraphs leaves one paragraph break.
    """
    deletions: list[tuple[int, int]] = []
    seen_content = False
    kept_blank: _Line | None = None
    for line in lines:
        if line.removed is not None:
            deletions.append((line.start, line.end))
        elif not line.content:
            if seen_content and kept_blank is None:
                kept_blank = line
            else:
                deletions.append((line.start, line.end))
        else:
            seen_content = True
            kept_blank = None
    if kept_blank is not None:
        deletions.append((kept_blank.start, kept_blank.end))
    return deletions


def _hyphen_deletions(
    text: str, lines: list[_Line], removed: list[str]
) -> list[tuple[int, int]]:
    """Return the spans to delete to rejoin words split by hyphenation."""
    matches = list(HYPHEN_BREAK_RE.finditer(text))
    if not matches:
        return []
    words = {word.lower() for word in WORD_RE.findall(text)}
    starts = [line.start for line in lines]
    deletions: list[tuple[int, int]] = []
    for match in matches:
        hyphen, gap_end = match.start(), match.end()
        left = LEFT_WORD_RE.search(text, max(0, hyphen - LEFT_CONTEXT), hyphen)
        right = RIGHT_WORD_RE.match(text, gap_end)
        if left is None or right is None:
            continue
        if _removed_at(hyphen, lines, starts) or _removed_at(gap_end, lines, starts):
            continue
        join = _joins(left.group(), text[hyphen], right.group(), words)
        if join is None:
            continue
        deletions.append((hyphen if join else hyphen + 1, gap_end))
        removed.append(f"hyphenation: {text[left.start() : right.end()]!r}")
    return deletions


def _joins(left: str, hyphen: str, right: str, words: set[str]) -> bool | None:
    """Return True to join the halves, False to keep the hyphen, None to leave it."""
    head = left.rsplit("-", 1)[-1].rsplit("\u2010", 1)[-1]
    tail = right.lower()
    if tail in SUSPENDED_HYPHEN_WORDS:
        return None
    # The article itself is the best dictionary: "sup- port" when "support" occurs.
    if (head + right).lower() in words:
        return True
    if f"{head}-{right}".lower() in words:
        return False
    if hyphen == SOFT_HYPHEN:
        return True
    if not right[0].islower() or not head[-1].isalpha():
        return False
    return not (tail in COMPOUND_TAILS and len(head) >= MIN_COMPOUND_HEAD)


def _removed_at(position: int, lines: list[_Line], starts: list[int]) -> bool:
    return lines[bisect.bisect_right(starts, position) - 1].removed is not None


def _kept_segments(
    deletions: list[tuple[int, int]], length: int
) -> tuple[tuple[int, int, int], ...]:
    """Return the ``(clean_start, original_start, length)`` runs left by deletions."""
    segments: list[tuple[int, int, int]] = []
    position = clean = 0
    for start, end in sorted(deletions):
        if start > position:
            segments.append((clean, position, start - position))
            clean += start - position
        position = max(position, end)
    if position < length:
        segments.append((clean, position, length - position))
    return tuple(segments)
