"""Find every temporal expression in a parsed article and normalise it.

The rules in :mod:`eventwire.dates.rules` propose extents on the parsed text;
the longest wins where they overlap. Each extent is then snapped to tokens,
the tense of the verb it modifies read off the parse (past narration points
a bare "Tuesday" back, "will meet on Tuesday" forward; with no such verb the
nearest day is meant), its value computed against the publication date (or
against the last day named, for "the day before"), and its offsets mapped
back to the original text. Clock times with no day take the day they are
told on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.dates.rules import NEEDLES, RULES, Rule
from eventwire.dates.values import day_of_value, plausible_year
from eventwire.model import ParsedArticle, TimeExpression
from eventwire.nlp import sentences_of, text_of

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
YEAR_VALUE = re.compile(r"\d{4}(?!\d)")
# Prepositions through which a date modifies its verb's time.
TENSE_PREPOSITIONS = frozenset(
    {
        "on",
        "in",
        "at",
        "since",
        "during",
        "by",
        "until",
        "till",
        "before",
        "after",
        "from",
        "through",
        "throughout",
        "over",
        "around",
        "within",
        "between",
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
    text = text_of(doc)
    if not text.strip():
        return ()
    published = parsed.article.published
    sentence_starts = [sentence.start for sentence in sentences_of(doc)]
    expressions: list[TimeExpression] = []
    for start, end, rule, match in _extents(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        dateline = _is_dateline(text, start, end)
        tense = "past" if dateline else _tense(span)
        value, kind = _resolve(rule, match, expressions, published, tense)
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
    return _anchor_clock_times(expressions, published)


def _resolve(
    rule: Rule,
    match: re.Match[str],
    earlier: list[TimeExpression],
    published: date | None,
    tense: str | None,
) -> tuple[str | None, str]:
    reference = published
    if rule.anaphoric:
        # "the day before": counted from the last day the story named.
        named = [t.date for t in earlier if t.date and not t.dateline]
        reference = named[-1] if named else published
    try:
        value, kind = rule.resolve(match, reference, tense)
    except (ValueError, OverflowError):
        # Arithmetic off the calendar ("999999999 days ago"): unknown value.
        return None, _fallback_type(rule)
    if (
        value is not None
        and YEAR_VALUE.match(value)
        and not plausible_year(int(value[:4]))
    ):
        return None, kind  # "last year" in a paper of year 1
    return value, kind


def _fallback_type(rule: Rule) -> str:
    return {"duration": "DURATION", "clock": "TIME", "set": "SET"}.get(
        rule.name, "DATE"
    )


def _anchor_clock_times(
    expressions: list[TimeExpression], published: date | None
) -> tuple[TimeExpression, ...]:
    """Give a clock time with no day ("T21:00") the day it is told on: the
    nearest day of its sentence, else the first day the article named before
    it, else the publication date."""
    anchored = []
    for index, time in enumerate(expressions):
        if time.value is None or not time.value.startswith("T"):
            anchored.append(time)
            continue
        same_sentence = [
            other
            for other in expressions
            if other.sentence == time.sentence
            and other.date is not None
            and other.type == "DATE"
        ]
        dated = [other for other in expressions[:index] if other.date is not None]
        day = published
        if same_sentence:
            day = min(
                same_sentence, key=lambda o: abs(o.token_start - time.token_start)
            ).date
        elif dated:
            # A news lead names the day of the story's event first.
            day = dated[0].date
        if day is None:
            anchored.append(time)
            continue
        value = f"{day.isoformat()}{time.value}"
        anchored.append(replace(time, value=value, date=day_of_value(value)))
    return tuple(anchored)


def _extents(text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Non-overlapping rule matches, the longest first, in text order."""
    candidates = []
    lowered = text.lower()
    for priority, rule in enumerate(RULES):
        needles = NEEDLES.get(rule.name)
        if needles and not any(needle in lowered for needle in needles):
            continue
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
    """``"past"``, ``"present"``, ``"future"`` or ``None`` for the verb the
    expression modifies directly (npadvmod, or through "on", "in", "since"...).

    An expression inside a noun phrase ("the Sept. 18 referendum", "the death
    of the queen on Thursday") or after a preposition that is not temporal
    ("corrected it to 3 March") takes no tense from the clause: its value is
    the nearest one to the publication date.
    """
    root: Token = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in TENSE_PREPOSITIONS:
        head = head.head
    elif root.dep_ not in ("npadvmod", "tmod", "advmod", "obl", "dobj"):
        return None
    if head.i == root.i or head.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(head)


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
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and words):
        return "present"
    return None
