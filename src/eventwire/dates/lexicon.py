"""The words temporal expressions are made of, and the regex pieces built from them.

Months and weekdays are matched case-sensitively (capitalised, as news writes
them) so that "march", "may" and "sun" as ordinary words are never dates;
everything else ignores case.
"""

from __future__ import annotations

from collections.abc import Iterable

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Month names that are also ordinary words or surnames ("Theresa May", "a
# protest march"): they are dates only with a day, a year or a modifier.
AMBIGUOUS_MONTHS = frozenset({"may", "march"})

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_ABBREVIATIONS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

# Holidays: a fixed (month, day), or ("easter", offset in days), or
# ("nth", month, weekday, nth; -1 the last) for those that move.
HOLIDAYS: dict[str, tuple[object, ...]] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "valentine's day": (2, 14),
    "bastille day": (7, 14),
    "independence day": (7, 4),
    "armistice day": (11, 11),
    "veterans day": (11, 11),
    "halloween": (10, 31),
    "good friday": ("easter", -2),
    "easter sunday": ("easter", 0),
    "easter monday": ("easter", 1),
    "easter": ("easter", 0),
    "memorial day": ("nth", 5, 0, -1),
    "labor day": ("nth", 9, 0, 1),
    "thanksgiving day": ("nth", 11, 3, 4),
    "thanksgiving": ("nth", 11, 3, 4),
    # The U.S. election: the Tuesday after the first Monday of November.
    "election day": ("nth", 11, 0, 1, 1),
}

PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
# Quantities with no number: "several years" is PXY.
VAGUE_QUANTITIES = (
    "a few",
    "a couple of",
    "a number of",
    "few",
    "several",
    "many",
    "some",
    "dozens of",
    "hundreds of",
)
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

# Unit word -> (TimeML duration letter, is a time unit (PT...), multiplier).
UNITS = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
}

# Prepositions a TimeML extent leaves out ("on Thursday" -> "Thursday"); also
# the words that let an ambiguous month or a bare year count as a date.
TEMPORAL_PREPOSITIONS = frozenset(
    {
        "in",
        "on",
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
        "of",
        "between",
        "early",
        "late",
        "mid",
        "around",
        "circa",
        "within",
        "last",
        "this",
        "next",
        "past",
    }
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so none shadows another."""
    return "|".join(sorted(words, key=len, reverse=True))


def capitalised(words: Iterable[str]) -> str:
    """The alternation of ``words`` capitalised ("Nov", "Thursday") or in the
    capitals of a headline ("NOV", "THURSDAY")."""
    listed = list(words)
    return alternation(
        [word.capitalize() for word in listed] + [w.upper() for w in listed]
    )


MONTH = (
    rf"(?P<month>{capitalised(MONTHS)}|(?:{capitalised(MONTH_ABBREVIATIONS)})\.?)"
    r"(?![A-Za-z])"
)
WEEKDAY = rf"(?P<weekday>{capitalised(WEEKDAYS)})(?![A-Za-z])"
WEEKDAY_PREFIX = (
    rf"(?:(?:{capitalised(WEEKDAYS)}|(?:{capitalised(WEEKDAY_ABBREVIATIONS)})\.),?\s+)"
)
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?P<year>\d{4})(?![\d%])"
NUMBER = (
    r"(?P<number>\d+(?:\.\d+)?|"
    + alternation((*VAGUE_QUANTITIES, *NUMBER_WORDS))
    + r")"
)
UNIT = r"(?P<unit>" + alternation(UNITS) + r")(?P<plural>s)?"
PART_OF_DAY = r"(?P<part>" + alternation(PARTS_OF_DAY) + r")"
SEASON = r"(?P<season>" + alternation(SEASONS) + r")"
