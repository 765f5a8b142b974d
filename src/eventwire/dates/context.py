"""Which matches of the date rules count: the words around a match decide
whether a bare year, "May", "fall" or "weekly" is a date here.

Each ``accept_*`` function takes the match and the whole text and says yes
or no; :mod:`eventwire.dates.rules` pairs them with their patterns.
"""

from __future__ import annotations

import re

from eventwire.dates.lexicon import AMBIGUOUS_MONTHS, TEMPORAL_PREPOSITIONS

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


def word_before(text: str, start: int) -> str:
    found = re.search(r"(\S+)\s*$", text[max(0, start - 40) : start])
    return found[1] if found else ""


def word_after(text: str, end: int) -> str:
    found = re.match(r"\s*([^\s,.;:!?]+)", text[end : end + 40])
    return found[1] if found else ""


# --- absolute dates -------------------------------------------------------------


def accept_month(match: re.Match[str], text: str) -> bool:
    if match["month"].lower() not in AMBIGUOUS_MONTHS or match["mod"]:
        return True
    return word_before(text, match.start()).lower() in TEMPORAL_PREPOSITIONS


def accept_year(match: re.Match[str], text: str) -> bool:
    """A bare 4-digit number is a year unless its neighbours make it a name or
    a count ("Resolution 2254", "killed 2000 people")."""
    year = int(match["year"])
    before = word_before(text, match.start())
    after = word_after(text, match.end())
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


def accept_duration(match: re.Match[str], text: str) -> bool:
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
        before = word_before(text, match.start()).lower()
        after = word_after(text, match.end()).lower()
        return bool(match["plural"]) and (
            before in UNCOUNTED_UNIT_PREPOSITIONS
            or after in ("after", "before", "later", "earlier")  # "hours after"
        )
    # "a week-long effort", "a 45-year-old man": adjectives, not expressions.
    return text[match.end() : match.end() + 1] != "-"


def accept_set(match: re.Match[str], text: str) -> bool:
    """ "daily" and "weekly" are sets as adverbs ("meets weekly", "published
    daily."), not as adjectives or nouns ("the daily toll", "a satirical weekly")."""
    if not match["adverb"]:
        return True
    before = word_before(text, match.start()).lower()
    after = word_after(text, match.end()).lower()
    if before in DETERMINERS or before.endswith(("'s", "’s")):
        return False
    return not after or after in SET_FOLLOWERS or not after[:1].isalpha()


def accept_holiday(match: re.Match[str], text: str) -> bool:
    """A one-word holiday before a noun names a thing, not a day ("a
    Christmas market", "the Easter message")."""
    if " " in match["holiday"] or match["year"]:
        return True
    after = word_after(text, match.end())
    return not after[:1].islower() or after in SET_FOLLOWERS


def accept_weekday_set(match: re.Match[str], text: str) -> bool:
    return bool(match["every"] or match["plural"])


def accept_season(match: re.Match[str], text: str) -> bool:
    if match["year"] or match["mod"]:
        return True
    if match["the"]:
        # "the fall of Kabul" is an event, "the fall" a season.
        return not re.match(r"\s+of\b", text[match.end() :])
    before = word_before(text, match.start()).lower()
    return before in ("in", "during", "since", "until", "by", "over")


def accept_reference(match: re.Match[str], text: str) -> bool:
    after = text[match.end() : match.end() + 6]
    if match[0].lower() == "soon" and word_before(text, match.start()).lower() == "as":
        return False  # "as soon as"
    # "now-defunct", "now that": not a time; "the past" before a noun is an adjective.
    return not after.startswith("-") and not re.match(r"\s+that\b", after)
