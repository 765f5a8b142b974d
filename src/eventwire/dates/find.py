"""Find every temporal expression in a parsed article and normalise it.

The rules in :mod:`eventwire.dates.rules` propose extents on the parsed text;
the longest wins where they overlap. Each extent is then snapped to tokens,
its governing verb's tense chosen (past narration points a bare "Tuesday"
back, "will meet on Tuesday" forward), its value computed against the
publication date, and its offsets mapped back to the original text.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from eventwire.dates.rules import RULES, Rule
from eventwire.dates.values import day_of_value
from eventwire.model import ParsedArticle, TimeExpression

# How far up the parse to look for the verb an expression hangs from.
MAX_GOVERNOR_STEPS = 6
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "’ll", "shall", "wo"})
# Verbs whose infinitive complement happens later: "plans to meet on Tuesday".
FUTURE_CONTROLLERS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "due",
        "intend",
        "set",
        "hope",
        "prepare",
        "aim",
        "seek",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "go",
        "want",
        "agree",
        "decide",
        "announce",
    }
)
# "MOSCOW, Nov. 26 (Reuters) -": an upper-case place, a comma, the date, an
# optional agency in brackets and a dash.
DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][A-Za-z.'’ -]*)*,\s*$")
DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:-|—|–|--|:)")


def find_times(parsed: ParsedArticle) -> tuple[TimeExpression, ...]:
    """Every temporal expression of ``parsed`` in text order, normalised.

    Offsets point into the original article text. A value that cannot be
    resolved ("31 February", "Thursday" with no publication date) is ``None``.

    Example:
        >>> times = find_times(parsed)  # "Putin met Hollande on Thursday."
        >>> times[0].text, times[0].value
        ('Thursday', '2015-11-26')
    """
    doc: Doc = parsed.doc
    text = doc.text
    if not text.strip():
        return ()
    published = parsed.article.published
    sentence_starts = [sentence.start for sentence in doc.sents]
    expressions = []
    for start, end, rule, match in _extents(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        dateline = _is_dateline(text, start, end)
        tense = "past" if dateline else _tense(span)
        value, kind = rule.resolve(match, published, tense)
        original_start, original_end = parsed.clean.offsets.to_original(start, end)
        expressions.append(
            TimeExpression(
                article_id=parsed.article.id,
                text=parsed.article.text[original_start:original_end],
                start=original_start,
                end=original_end,
                sentence=bisect.bisect_right(sentence_starts, span.start) - 1,
                token_start=span.start,
                token_end=span.end,
                value=value,
                type=kind,
                date=day_of_value(value),
                dateline=dateline,
            )
        )
    return tuple(expressions)


def _extents(text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Non-overlapping rule matches, the longest first, in text order."""
    candidates = []
    for priority, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if match.end() == match.start():
                continue
            if rule.accept is not None and not rule.accept(match, text):
                continue
            candidates.append((match.start(), match.end(), priority, rule, match))
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _, rule, match in candidates:
        if any(
            start < other_end and other_start < end for other_start, other_end in taken
        ):
            continue
        taken.append((start, end))
        chosen.append((start, end, rule, match))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _is_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return bool(DATELINE_BEFORE.fullmatch(before)) and bool(
        DATELINE_AFTER.match(text, end)
    )


def _tense(span: Span) -> str | None:
    """``"past"``, ``"future"`` or ``None`` (present, or no verb) for the verb
    the expression hangs from."""
    token: Token = span.root
    for _ in range(MAX_GOVERNOR_STEPS):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return _verb_tense(token)
    return None


def _verb_tense(verb: Token) -> str | None:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return "future"
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ == "VBN":
        # "has met", "killed on Nov. 13" (a reduced relative): done before now.
        return "past"
    if verb.tag_ == "VB" and "to" in words:
        head = verb.head
        if head.lemma_.lower() in FUTURE_CONTROLLERS or head.lower_ == "due":
            return "future"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return _verb_tense(head)
    return None
