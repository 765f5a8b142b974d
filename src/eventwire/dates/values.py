"""Calendar arithmetic behind TimeML values, relative to a publication date.

``direction`` says which way an expression with no year points: ``"past"``
(on or before the publication date: past-tense narration, datelines),
``"future"`` (on or after: "will meet on Tuesday"), ``"before"`` / ``"after"``
(strictly: "last Thursday", "next Tuesday") or ``None`` (the nearest one).
"""

from __future__ import annotations

import functools
import re
import warnings
from datetime import date, datetime, timedelta

import dateparser

# Years a value may hold: any written four-digit year ("in 1066", "in 3020"
# are TimeML values like any other); what falls outside (year 0, five digits)
# or names no real day ("31 February") degrades to an unknown value.
MIN_YEAR = 1000
MAX_YEAR = 9999
DAYS_PER_WEEK = 7
SEASON_ORDER = ("SP", "SU", "FA", "WI")
SEASON_OF_MONTH = {
    12: "WI",
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
}
DATE_VALUE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")


def plausible_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def day_value(day: date | None) -> str | None:
    return day.isoformat() if day is not None and plausible_year(day.year) else None


def day_of_value(value: str | None) -> date | None:
    """The calendar day a value names, when it names exactly one."""
    if value is None:
        return None
    found = DATE_VALUE.match(value)
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def weekday_date(published: date, weekday: int, direction: str | None) -> date:
    back = (published.weekday() - weekday) % DAYS_PER_WEEK
    ahead = (weekday - published.weekday()) % DAYS_PER_WEEK
    if direction == "before":
        return published - timedelta(days=back or DAYS_PER_WEEK)
    if direction == "after":
        return published + timedelta(days=ahead or DAYS_PER_WEEK)
    if direction == "past":
        return published - timedelta(days=back)
    if direction == "future":
        return published + timedelta(days=ahead)
    return (
        published - timedelta(days=back)
        if back <= ahead
        else published + timedelta(days=ahead)
    )


def month_day_date(
    published: date, month: int, day: int, direction: str | None
) -> date | None:
    """The day ``month``/``day`` with its year chosen by ``direction``."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if direction in ("past", "before"):
        earlier = [c for c in candidates if c <= published]
        return max(earlier) if earlier else None
    if direction in ("future", "after"):
        later = [c for c in candidates if c >= published]
        return min(later) if later else None
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs((c - published).days))


def month_year(published: date, month: int, direction: str | None) -> int:
    """The year of a month named without one ("in November", "last March")."""
    if direction == "before":
        return published.year if month < published.month else published.year - 1
    if direction == "after":
        return published.year if month > published.month else published.year + 1
    if direction == "past":
        return published.year if month <= published.month else published.year - 1
    if direction == "future":
        return published.year if month >= published.month else published.year + 1
    # With no tense, the nearest such month: "the November election" read in
    # January is last year's, "the March budget" read in February this year's.
    return min(
        (published.year - 1, published.year, published.year + 1),
        key=lambda year: (
            abs((year - published.year) * 12 + month - published.month),
            year,
        ),
    )


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_months(published: date, months: int) -> str:
    index = published.year * 12 + published.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def quarter_value(published: date, quarter: int, direction: str | None) -> str:
    current = (published.month - 1) // 3 + 1
    year = published.year
    if direction in ("past", "before") and quarter > current:
        year -= 1
    elif direction in ("future", "after") and quarter < current:
        year += 1
    return f"{year:04d}-Q{quarter}"


def season_value(published: date, season: str, modifier: str | None) -> str:
    """A season's value: ``modifier`` is last/this/next or a direction."""
    current_year = published.year - (published.month <= 2)
    current = current_year * 4 + SEASON_ORDER.index(SEASON_OF_MONTH[published.month])
    same_year = current_year * 4 + SEASON_ORDER.index(season)
    if modifier in ("last", "before"):
        index = same_year if same_year < current else same_year - 4
    elif modifier in ("next", "after"):
        index = same_year if same_year > current else same_year + 4
    elif modifier == "past":
        index = same_year if same_year <= current else same_year - 4
    elif modifier == "future":
        index = same_year if same_year >= current else same_year + 4
    else:
        index = same_year
    return f"{index // 4:04d}-{SEASON_ORDER[index % 4]}"


def duration_value(amount: float | None, letter: str, time_unit: bool) -> str:
    """``P3Y``, ``PT48H``, ``PXD`` (an unknown amount)."""
    if amount is None:
        count = "X"
    elif amount == int(amount):
        count = str(int(amount))
    else:
        count = f"{amount:g}"
    return f"PT{count}{letter}" if time_unit else f"P{count}{letter}"


@functools.lru_cache(maxsize=4096)
def parse_absolute_date(text: str, order: str) -> date | None:
    """An absolute date string ("Nov. 13, 2015", "11/13/2015") read by dateparser.

    dateparser knows every written form of a full date; its relative-date
    reading is not used (our rules resolve those against the tense). Cached
    per string because a call costs about a millisecond.
    """
    with warnings.catch_warnings():
        # dateparser's own deprecation notices about its dependencies are
        # harmless here and must not fail the run (pytest turns them into errors).
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "STRICT_PARSING": True,
                "DATE_ORDER": order,
                "PREFER_DAY_OF_MONTH": "first",
            },
        )
    if not isinstance(parsed, datetime) or not plausible_year(parsed.year):
        return None
    return parsed.date()


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_century, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_century - moon + 15) % 30
    leap_rest, rest_rest = divmod(rest, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_rest - epact - rest_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` of a month (``nth`` -1: the last one)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def weekend_value(published: date, direction: str | None) -> str:
    """ "the weekend": the one just past in past narration, else this week's."""
    saturday = 5
    if direction in ("past", "before", None) and published.weekday() < saturday:
        return f"{iso_week(published - timedelta(weeks=1))}-WE"
    return f"{iso_week(published)}-WE"


def shift_value(value: str, amount: int, unit: str) -> str | None:
    """``value`` moved by ``amount`` days, weeks, months or years ("D", "W",
    "M", "Y"), given at that unit's granularity; ``None`` when ``value`` is
    too coarse for the unit ("2013" moved by days)."""
    day = day_of_value(value)
    try:
        if unit in ("D", "W") and day is not None:
            days = amount * (DAYS_PER_WEEK if unit == "W" else 1)
            moved = day + timedelta(days=days)
            return day_value(moved) if unit == "D" else iso_week(moved)
        if unit == "M" and re.match(r"\d{4}-\d{2}", value):
            return shift_months(date(int(value[:4]), int(value[5:7]), 1), amount)
        if unit == "Y" and value[:4].isdigit():
            year = int(value[:4]) + amount
            return f"{year:04d}" if plausible_year(year) else None
    except (ValueError, OverflowError):
        return None
    return None
