"""The expression rules: one regex per family, each with the function that
gives its TimeML value and type.

A rule's regex spans exactly the TimeML extent: a leading preposition is never
part of it ("on Thursday" -> "Thursday"), modifiers are ("last week", "earlier
this month", "two years ago", "Thursday morning"). Where a word is a date only
in context (a bare year, "May", "fall") the rule's ``accept`` looks at the
words around the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from eventwire.dates.context import (
    accept_duration,
    accept_holiday,
    accept_month,
    accept_reference,
    accept_season,
    accept_set,
    accept_weekday_set,
    accept_year,
)
from eventwire.dates.lexicon import (
    DAY,
    HOLIDAYS,
    MONTH,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER,
    NUMBER_WORDS,
    PART_OF_DAY,
    PARTS_OF_DAY,
    SEASON,
    SEASONS,
    UNIT,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAY,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_PREFIX,
    WEEKDAYS,
    YEAR,
    alternation,
    capitalised,
)
from eventwire.dates.normalise import (
    Value,
    resolve_ago,
    resolve_anaphoric_day,
    resolve_calendar_unit,
    resolve_century,
    resolve_clock,
    resolve_decade,
    resolve_duration,
    resolve_half,
    resolve_holiday,
    resolve_month_alone,
    resolve_month_day,
    resolve_month_year,
    resolve_numeric,
    resolve_part_of_day,
    resolve_period_edge,
    resolve_quarter,
    resolve_reference,
    resolve_relative_day,
    resolve_season,
    resolve_set,
    resolve_weekday,
    resolve_weekend,
    resolve_year,
)

Resolve = Callable[[re.Match[str], date | None, str | None], Value]
Accept = Callable[[re.Match[str], str], bool]

EDGES = r"(?:early|late|mid-|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolve
    accept: Accept | None = None
    # Resolved against the last day the article named, not the publication date.
    anaphoric: bool = False


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"


# --- the rule table -------------------------------------------------------------

MONTH_MODIFIERS = _i(
    r"(?:earlier|later|early|late)\s+(?:this|last|next)|last|this|next|early|late|mid-|mid"
    r"|the\s+(?:end|start|beginning|middle)\s+of"
)
HOLIDAY = (
    r"(?P<holiday>"
    + alternation(
        name.title().replace("'S", "'s").replace("'", "['’]").replace(" ", r"\s+")
        for name in HOLIDAYS
    )
    + r")"
)
MONTH_NAME = rf"(?P<month>{capitalised(MONTHS)})(?![A-Za-z])"
WEEKDAY_PLURAL = rf"(?P<weekday>{capitalised(WEEKDAYS)})(?P<plural>s)?\b"
CALENDAR_UNITS = "week|weekend|month|year|quarter|decade|century|" + alternation(
    SEASONS
)


def _rule(
    name: str,
    pattern: str,
    resolve: Resolve,
    accept: Accept | None = None,
    *,
    opens: str,
) -> Rule:
    return Rule(name, re.compile(opens + pattern), resolve, accept)


def _opening(
    *caseless: Iterable[str], capitals: Iterable[str] = (), other: str = ""
) -> str:
    """A lookahead for the characters a rule's match can begin with.

    The regex engine tries a pattern at every position of an article, and one
    that opens with optional case-insensitive modifiers ("earlier this",
    "more than") walks through each of them before failing at almost every
    position; stating the possible first characters up front makes most
    positions fail on one character test (the dates stage took 1.6 times as
    long without). The set only has to hold every real first character, so
    it may be wider than needed: ``caseless`` are words matched in any case,
    ``capitals`` words matched capitalised or in capitals (month and
    weekday names), ``other`` a character-class fragment (``\\d``, quotes).
    """
    letters = "".join(sorted({word[0].lower() for words in caseless for word in words}))
    initials = "".join(sorted({word[0].upper() for word in capitals}))
    options = [f"(?i:[{letters}])"] if letters else []
    if initials or other:
        options.append(f"[{initials}{other}]")
    return f"(?={'|'.join(options)})"


_MONTH_WORDS = (*MONTHS, *MONTH_ABBREVIATIONS)
_WEEKDAY_WORDS = (*WEEKDAYS, *WEEKDAY_ABBREVIATIONS)
# The words the optional modifiers of the rules below start with.
_MONTH_MODIFIER_WORDS = ("earlier", "later", "early", "late", "last", "this", "next")
_EDGE_WORDS = ("early", "late", "mid", "the")
_WEEKDAY_MODIFIER_WORDS = (
    "earlier",
    "later",
    "early",
    "late",
    "last",
    "this",
    "next",
    "past",
    "coming",
    "previous",
)
_NUMBER_WORDS = (*VAGUE_QUANTITIES, *NUMBER_WORDS)
_DURATION_QUALIFIERS = (
    "about",
    "nearly",
    "almost",
    "more",
    "less",
    "at",
    "some",
    "around",
    "roughly",
    "up",
    "over",
    "under",
    "the",
)


RULES: tuple[Rule, ...] = (
    _rule(
        "numeric",
        r"(?<![\d/.-])(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))(?![\d/])",
        resolve_numeric,
        opens=_opening(other=r"\d"),
    ),
    _rule(
        "month_day",
        rf"\b{WEEKDAY_PREFIX}?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?",
        resolve_month_day,
        opens=_opening(capitals=(*_WEEKDAY_WORDS, *_MONTH_WORDS)),
    ),
    _rule(
        "day_month",
        rf"\b{WEEKDAY_PREFIX}?(?<![\d.,]){DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?",
        resolve_month_day,
        opens=_opening(capitals=_WEEKDAY_WORDS, other=r"\d"),
    ),
    _rule(
        "month_year",
        rf"\b(?:{_i(EDGES)}\s*)?{MONTH}(?:\s+of)?,?\s+{YEAR}",
        resolve_month_year,
        opens=_opening(_EDGE_WORDS, capitals=_MONTH_WORDS),
    ),
    _rule(
        "month",
        rf"\b(?:(?P<mod>{MONTH_MODIFIERS})\s*)?{MONTH_NAME}",
        resolve_month_alone,
        accept_month,
        opens=_opening(_MONTH_MODIFIER_WORDS, _EDGE_WORDS, capitals=MONTHS),
    ),
    _rule(
        "year",
        rf"(?:(?P<edge>{_i(EDGES)})\s*)?(?<![\w$£€#./,:])(?:(?<=mid-)|(?<!-)){YEAR}(?!\.\d|,\d|-\d|:\d)",
        resolve_year,
        accept_year,
        opens=_opening(_EDGE_WORDS, other=r"\d"),
    ),
    _rule(
        "decade",
        _i(r"(?:the\s+)?(?:(?:early|late|mid-|mid)\s*)?")
        + r"(?:(?P<decade>1[7-9]\d|2[01]\d)0|['’](?P<short>\d)0)s\b",
        resolve_decade,
        opens=_opening(_EDGE_WORDS, other=r"\d'’"),
    ),
    _rule(
        "century",
        _i(r"(?:the\s+)?(?P<ordinal>1[5-9]|2[01])(?:st|nd|rd|th)\s+century\b"),
        resolve_century,
        opens=_opening(["the"], other=r"\d"),
    ),
    _rule(
        "relative_day",
        _i(
            rf"\b(?:(?:early|late|earlier|later)\s+)?(?P<word>yesterday|today|tomorrow|tonight)"
            rf"(?:\s+{PART_OF_DAY})?\b"
        ),
        resolve_relative_day,
        opens=_opening(
            _WEEKDAY_MODIFIER_WORDS, ["yesterday", "today", "tomorrow", "tonight"]
        ),
    ),
    _rule(
        "part_of_day",
        _i(rf"\b(?P<mod>this|last)\s+{PART_OF_DAY}\b"),
        resolve_part_of_day,
        opens=_opening(["this", "last"]),
    ),
    _rule(
        "weekday",
        rf"(?:\b(?P<mod>{_i('earlier|later|early|late|last|this|next|past|coming|previous')})\s+)?"
        rf"\b{WEEKDAY}(?:\s+(?P<part>{_i(alternation(PARTS_OF_DAY))})\b)?",
        resolve_weekday,
        opens=_opening(_WEEKDAY_MODIFIER_WORDS, capitals=WEEKDAYS),
    ),
    _rule(
        "calendar_unit",
        _i(
            r"\b(?:(?:earlier|later|early|late|the\s+end\s+of|the\s+start\s+of|"
            r"the\s+beginning\s+of|the\s+rest\s+of)\s+)?"
            rf"(?P<mod>last|this|next|past|coming|previous|current)\s+(?P<unit>{CALENDAR_UNITS})\b"
        ),
        resolve_calendar_unit,
        opens=_opening(
            _WEEKDAY_MODIFIER_WORDS, _EDGE_WORDS, ["past", "coming", "current"]
        ),
    ),
    _rule(
        "ago",
        _i(rf"\b(?:{NUMBER}\s+)?{UNIT}\s+ago\b"),
        resolve_ago,
        opens=_opening(_NUMBER_WORDS, UNITS, other=r"\d"),
    ),
    _rule(
        "duration",
        _i(
            r"\b(?:(?:about|nearly|almost|more\s+than|less\s+than|at\s+least|some|"
            r"around|roughly|up\s+to|over|under)\s+(?!the\b))?"
            r"(?:the\s+(?P<mod>past|last|next|previous|first|final|following)\s+)?"
            rf"(?:{NUMBER}\s+)?{UNIT}\b"
        ),
        resolve_duration,
        accept_duration,
        opens=_opening(_DURATION_QUALIFIERS, _NUMBER_WORDS, UNITS, other=r"\d"),
    ),
    _rule(
        "clock",
        rf"(?:\b(?P<hour>1[0-2]|0?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b|[AP]M\b)"
        rf"|\b(?P<noon>{_i('noon|midday|midnight')})\b"
        rf"|\b(?P<h24>[01]\d|2[0-3]):?(?P<m24>[0-5]\d)(?=\s+(?:GMT|UTC)))"
        rf"(?:\s+(?:GMT|UTC|EST|EDT|CST|PST|ET)\b)?"
        rf"(?:\s+{WEEKDAY})?",
        resolve_clock,
        opens=_opening(["noon", "midday", "midnight"], other=r"\d"),
    ),
    _rule(
        "quarter",
        _i(
            r"\b(?:the\s+)?(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
            r"(?:(?:\s+of\s+|,?\s+)(?P<year>\d{4}))?\b"
        ),
        resolve_quarter,
        opens=_opening(["the", "first", "second", "third", "fourth"], other=r"\d"),
    ),
    _rule(
        "half",
        _i(r"\b(?:the\s+)?(?P<ordinal>first|second)\s+half\s+of\s+(?P<year>\d{4})\b"),
        resolve_half,
        opens=_opening(["the", "first", "second"]),
    ),
    _rule(
        "season",
        rf"\b(?:(?P<mod>{_i('last|this|next|early|late|mid-|mid')})\s*)?(?P<the>{_i('the')}\s+)?"
        rf"{SEASON}(?:\s+(?:of\s+)?{YEAR})?\b",
        resolve_season,
        accept_season,
        opens=_opening(_MONTH_MODIFIER_WORDS, _EDGE_WORDS, SEASONS),
    ),
    _rule(
        "reference",
        _i(
            r"\b(?:right\s+now|now|currently|nowadays|these\s+days|at\s+present|recently|"
            r"lately|soon|formerly|the\s+past|the\s+future|recent\s+(?:days|weeks|months|years)|"
            r"the\s+coming\s+(?:days|weeks|months|years))\b"
        ),
        resolve_reference,
        accept_reference,
        opens=_opening(
            [
                "right",
                "now",
                "currently",
                "these",
                "at",
                "recently",
                "lately",
                "soon",
                "formerly",
                "the",
            ]
        ),
    ),
    _rule(
        "set",
        _i(
            r"\b(?:(?:every|each)\s+(?:(?P<number>\d+|two|three|four|five|six|other)\s+)?"
            r"(?P<unit>day|weekend|week|month|year|hour)s?|(?P<adverb>daily|nightly|weekly|biweekly|"
            r"monthly|annually|yearly|hourly))\b"
        ),
        resolve_set,
        accept_set,
        opens=_opening(
            ["every", "each", "daily", "nightly", "weekly", "biweekly", "monthly"],
            ["annually", "yearly", "hourly"],
        ),
    ),
    _rule(
        "holiday",
        rf"\b{HOLIDAY}(?:,?\s+{YEAR})?\b",
        resolve_holiday,
        accept_holiday,
        opens=_opening(HOLIDAYS),
    ),
    _rule(
        "weekend", _i(r"\bthe\s+weekend\b"), resolve_weekend, opens=_opening(["the"])
    ),
    Rule(
        "anaphoric_day",
        re.compile(
            _opening(["the", "previous", "next", "following", "same", "that"])
            + _i(
                r"\b(?:the\s+day\s+(?P<relation>before|after)|(?:the\s+)?"
                r"(?P<adjective>previous|next|following|same)\s+day|that\s+day)\b"
            )
        ),
        resolve_anaphoric_day,
        anaphoric=True,
    ),
    _rule(
        "period_edge",
        _i(
            r"\bthe\s+(?:end|start|beginning|middle)\s+of\s+the\s+(?P<unit>week|month|year)\b"
        ),
        resolve_period_edge,
        opens=_opening(["the"]),
    ),
    _rule(
        "weekday_set",
        rf"\b(?:(?P<every>{_i('every|each')})\s+)?{WEEKDAY_PLURAL}",
        resolve_set,
        accept_weekday_set,
        opens=_opening(["every", "each"], capitals=WEEKDAYS),
    ),
)

# Words (lower case) at least one of which every match of a rule contains: a
# rule whose words are all absent from an article is not run on it. Scanning
# a whole article with each pattern is most of this stage's time.
NEEDLES: dict[str, tuple[str, ...]] = {
    "month_day": _MONTH_WORDS,
    "day_month": _MONTH_WORDS,
    "month_year": _MONTH_WORDS,
    "month": _MONTH_WORDS,
    "decade": ("0s",),
    "century": ("century",),
    "relative_day": ("yesterday", "today", "tomorrow", "tonight"),
    "part_of_day": tuple(PARTS_OF_DAY),
    "weekday": _WEEKDAY_WORDS,
    "ago": ("ago",),
    "quarter": ("quarter",),
    "half": ("half",),
    "season": tuple(SEASONS),
    "holiday": tuple({word for name in HOLIDAYS for word in name.split()}),
    "weekend": ("weekend",),
    "anaphoric_day": ("day",),
    "period_edge": (" of the ",),
    "weekday_set": _WEEKDAY_WORDS,
}
