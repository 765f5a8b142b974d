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

from eventwire.dates.lexicon import (
    AMBIGUOUS_MONTHS,
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
    TEMPORAL_PREPOSITIONS,
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

# A bare 4-digit number with no preposition before it is a year only in this
# window ("a 2015 budget", "2030 targets"); outside it, a count or a name.
MODIFIER_YEAR_MIN = 1900
MODIFIER_YEAR_MAX = 2100
# Capitalised words before a bare year that still leave it a year ("In 2013").
YEAR_CAPITALS = frozenset(
    {"In", "Since", "By", "Until", "From", "During", "Before", "After", "The", "A"}
)
DETERMINERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "last"}
)
# Words before a bare plural unit that make it a duration ("for years",
# "after months of talks").
UNCOUNTED_UNIT_PREPOSITIONS = frozenset(
    {"for", "in", "over", "within", "after", "during", "following", "took", "lasted"}
)
# Words that may follow an adverb of frequency ("meets weekly with").
SET_FOLLOWERS = frozenset(
    {
        "with",
        "in",
        "on",
        "at",
        "for",
        "to",
        "and",
        "or",
        "but",
        "since",
        "until",
        "from",
        "by",
        "as",
        "during",
        "before",
        "after",
        "through",
    }
)
# Counted nouns whose plural has no final "s" ("killed 2000 people").
PLURALS_WITHOUT_S = frozenset(
    {"people", "men", "women", "children", "police", "personnel", "staff"}
)
NOT_YEAR_BEFORE = frozenset({"no.", "number", "nos.", "#", "route", "flight"})
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


def _word_before(text: str, start: int) -> str:
    found = re.search(r"(\S+)\s*$", text[max(0, start - 40) : start])
    return found[1] if found else ""


def _word_after(text: str, end: int) -> str:
    found = re.match(r"\s*([^\s,.;:!?]+)", text[end : end + 40])
    return found[1] if found else ""


# --- absolute dates -------------------------------------------------------------


def _accept_month(match: re.Match[str], text: str) -> bool:
    if match["month"].lower() not in AMBIGUOUS_MONTHS or match["mod"]:
        return True
    return _word_before(text, match.start()).lower() in TEMPORAL_PREPOSITIONS


def _accept_year(match: re.Match[str], text: str) -> bool:
    """A bare 4-digit number is a year unless its neighbours make it a name or
    a count ("Resolution 2254", "killed 2000 people")."""
    year = int(match["year"])
    before = _word_before(text, match.start())
    after = _word_after(text, match.end())
    if match["edge"] or before.lower() in TEMPORAL_PREPOSITIONS:
        return True
    if before.lower() in NOT_YEAR_BEFORE or before[:1] in "$£€#":
        return False
    if (
        before[:1].isupper()
        and before not in YEAR_CAPITALS
        and not before.endswith(",")
    ):
        return False
    if year < MODIFIER_YEAR_MIN or year > MODIFIER_YEAR_MAX:
        return False
    plural_noun = (
        after.endswith("s") and not after.endswith(("'s", "’s"))
    ) or after.lower() in PLURALS_WITHOUT_S
    possessive = before.endswith(("'s", "’s"))
    return not plural_noun or before.lower() in DETERMINERS or possessive


# --- relative dates -------------------------------------------------------------


def _accept_duration(match: re.Match[str], text: str) -> bool:
    if match["unit"].lower() == "second" and not match["plural"]:
        return bool(match["number"]) and match["number"][0].isdigit()  # a second term
    if match["number"] is None:
        if match["mod"]:
            # "the next day" is a day (anaphoric), "the next two days" a span.
            return match["mod"].lower() not in (
                "first",
                "final",
                "following",
                "next",
                "previous",
            ) or bool(match["plural"])
        # "for years", "in decades": an unknown amount.
        before = _word_before(text, match.start()).lower()
        after = _word_after(text, match.end()).lower()
        return bool(match["plural"]) and (
            before in UNCOUNTED_UNIT_PREPOSITIONS
            or after in ("after", "before", "later", "earlier")  # "hours after"
        )
    # "a week-long effort", "a 45-year-old man": adjectives, not expressions.
    return text[match.end() : match.end() + 1] != "-"


def _accept_set(match: re.Match[str], text: str) -> bool:
    """ "daily" and "weekly" are sets as adverbs ("meets weekly", "published
    daily."), not as adjectives or nouns ("the daily toll", "a satirical weekly")."""
    if not match["adverb"]:
        return True
    before = _word_before(text, match.start()).lower()
    after = _word_after(text, match.end()).lower()
    if before in DETERMINERS or before.endswith(("'s", "’s")):
        return False
    return not after or after in SET_FOLLOWERS or not after[:1].isalpha()


def _accept_holiday(match: re.Match[str], text: str) -> bool:
    """A one-word holiday before a noun names a thing, not a day ("a
    Christmas market", "the Easter message")."""
    if " " in match["holiday"] or match["year"]:
        return True
    after = _word_after(text, match.end())
    return not after[:1].islower() or after in SET_FOLLOWERS


def _accept_weekday_set(match: re.Match[str], text: str) -> bool:
    return bool(match["every"] or match["plural"])


def _accept_season(match: re.Match[str], text: str) -> bool:
    if match["year"] or match["mod"]:
        return True
    if match["the"]:
        # "the fall of Kabul" is an event, "the fall" a season.
        return not re.match(r"\s+of\b", text[match.end() :])
    before = _word_before(text, match.start()).lower()
    return before in ("in", "during", "since", "until", "by", "over")


def _accept_reference(match: re.Match[str], text: str) -> bool:
    after = text[match.end() : match.end() + 6]
    if match[0].lower() == "soon" and _word_before(text, match.start()).lower() == "as":
        return False  # "as soon as"
    # "now-defunct", "now that": not a time; "the past" before a noun is an adjective.
    return not after.startswith("-") and not re.match(r"\s+that\b", after)


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
        _accept_month,
        opens=_opening(_MONTH_MODIFIER_WORDS, _EDGE_WORDS, capitals=MONTHS),
    ),
    _rule(
        "year",
        rf"(?:(?P<edge>{_i(EDGES)})\s*)?(?<![\w$£€#./,:])(?:(?<=mid-)|(?<!-)){YEAR}(?!\.\d|,\d|-\d|:\d)",
        resolve_year,
        _accept_year,
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
        _accept_duration,
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
        _accept_season,
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
        _accept_reference,
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
        _accept_set,
        opens=_opening(
            ["every", "each", "daily", "nightly", "weekly", "biweekly", "monthly"],
            ["annually", "yearly", "hourly"],
        ),
    ),
    _rule(
        "holiday",
        rf"\b{HOLIDAY}(?:,?\s+{YEAR})?\b",
        resolve_holiday,
        _accept_holiday,
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
        _accept_weekday_set,
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
