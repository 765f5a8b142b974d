"""The TimeML value and type of each rule's match.

Every function here takes the rule's regex match, the publication date (or
``None``) and the tense of the verb the expression hangs from (``"past"``,
``"future"`` or ``None``) and returns ``(value, type)``. A value that cannot
be resolved is ``None``: relative expressions with no publication date, days
that do not exist ("31 February"), years outside the plausible range.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.dates.lexicon import (
    HOLIDAYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
)
from eventwire.dates.values import (
    day_value,
    duration_value,
    easter,
    iso_week,
    month_day_date,
    month_year,
    nth_weekday,
    parse_absolute_date,
    plausible_year,
    quarter_value,
    season_value,
    shift_months,
    weekday_date,
    weekend_value,
)

Value = tuple[str | None, str]


def month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def amount_of(number: str | None) -> float | None:
    if number is None:
        return 1.0
    key = number.lower()
    if key in NUMBER_WORDS:
        return float(NUMBER_WORDS[key])
    try:
        return float(key)
    except ValueError:
        return None  # "several", "a few": an unknown amount


def direction_of(modifier: str | None, tense: str | None) -> str | None:
    words = (modifier or "").lower().split()
    if {"last", "past", "previous"} & set(words):
        return "before"
    if {"next", "coming"} & set(words):
        return "after"
    if words and words[0] == "earlier":
        return "past"
    if words and words[0] == "later" and tense is None:
        return "future"
    return tense


def resolve_numeric(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    text = match[0]
    if "-" in text:
        return day_value(parse_absolute_date(text, "YMD")), "DATE"
    day = parse_absolute_date(text, "MDY") or parse_absolute_date(text, "DMY")
    return day_value(day), "DATE"


def resolve_month_day(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    month, day = month_number(match["month"]), int(match["day"])
    if match["year"]:
        written = f"{day} {list(MONTHS)[month - 1]} {match['year']}"
        return day_value(parse_absolute_date(written, "DMY")), "DATE"
    if published is None:
        return None, "DATE"
    return day_value(month_day_date(published, month, day, tense)), "DATE"


def resolve_month_year(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    year = int(match["year"])
    if not plausible_year(year):
        return None, "DATE"
    return f"{year:04d}-{month_number(match['month']):02d}", "DATE"


def resolve_month_alone(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    if published is None:
        return None, "DATE"
    modifier = match["mod"]
    month = month_number(match["month"])
    if modifier and "this" in modifier.lower().split():
        return f"{published.year:04d}-{month:02d}", "DATE"
    year = month_year(published, month, direction_of(modifier, tense))
    return f"{year:04d}-{month:02d}", "DATE"


def resolve_year(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    year = int(match["year"])
    return (f"{year:04d}" if plausible_year(year) else None), "DATE"


def resolve_decade(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    if match["short"]:
        return f"19{match['short']}X", "DATE"
    return f"{match['decade']}X", "DATE"


def resolve_century(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    return f"{int(match['ordinal']) - 1:02d}", "DATE"


RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def resolve_relative_day(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    word = match["word"].lower()
    part = PARTS_OF_DAY[match["part"].lower()] if match["part"] else None
    if word == "tonight":
        part = "NI"
    if published is None:
        return None, "TIME" if part else "DATE"
    value = day_value(published + timedelta(days=RELATIVE_DAYS[word]))
    if part and value:
        return f"{value}T{part}", "TIME"
    return value, "TIME" if part else "DATE"


def resolve_part_of_day(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    if published is None:
        return None, "TIME"
    back = match["mod"].lower() == "last"
    value = day_value(published - timedelta(days=1 if back else 0))
    return f"{value}T{PARTS_OF_DAY[match['part'].lower()]}", "TIME"


def resolve_weekday(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    kind = "TIME" if match["part"] else "DATE"
    if published is None:
        return None, kind
    modifier = match["mod"]
    if tense == "present":
        tense = "future"  # "Greeks vote in a referendum on Sunday"
    direction = direction_of(modifier, tense)
    if modifier and modifier.lower() == "this":
        direction = tense
    day = weekday_date(published, WEEKDAYS[match["weekday"].lower()], direction)
    value = day_value(day)
    if match["part"] and value:
        return f"{value}T{PARTS_OF_DAY[match['part'].lower()]}", kind
    return value, kind


def resolve_calendar_unit(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    """last/this/next week, month, year, weekend, quarter, decade, century, season."""
    if published is None:
        return None, "DATE"
    modifier = match["mod"].lower().split()[-1]
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(
        modifier, 0
    )
    unit = match["unit"].lower()
    if unit in SEASONS:
        return season_value(published, SEASONS[unit], match["mod"].lower()), "DATE"
    if unit in ("week", "weekend"):
        week = iso_week(published + timedelta(weeks=step))
        return (f"{week}-WE" if unit == "weekend" else week), "DATE"
    if unit == "month":
        return shift_months(published, step), "DATE"
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + step
        return f"{index // 4:04d}-Q{index % 4 + 1}", "DATE"
    if unit == "decade":
        return f"{published.year // 10 + step:03d}X", "DATE"
    if unit == "century":
        return f"{published.year // 100 + step:02d}", "DATE"
    return f"{published.year + step:04d}", "DATE"


def resolve_ago(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    amount = amount_of(match["number"])
    letter, time_unit, multiplier = UNITS[match["unit"].lower()]
    if match["number"] is None and match["plural"]:
        return "PAST_REF", "DATE"  # "years ago"
    if amount is None or amount != int(amount) or time_unit:
        return "PAST_REF", "DATE"
    if published is None:
        return None, "DATE"
    count = int(amount) * multiplier
    if letter == "D":
        return day_value(published - timedelta(days=count)), "DATE"
    if letter == "W":
        return iso_week(published - timedelta(weeks=count)), "DATE"
    if letter == "M":
        return shift_months(published, -count), "DATE"
    year = published.year - count
    return (f"{year:04d}" if plausible_year(year) else None), "DATE"


def resolve_duration(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    letter, time_unit, multiplier = UNITS[match["unit"].lower()]
    amount = amount_of(match["number"])
    if amount is not None:
        amount *= multiplier
    if not match["number"] and match["plural"]:
        amount = None  # "for years", "the past weeks"
    return duration_value(amount, letter, time_unit), "DURATION"


def resolve_clock(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    word = (match["noon"] or "").lower()
    if word:
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    else:
        hour = int(match["hour"] or match["h24"])
        minute = int(match["minute"] or match["m24"] or 0)
        ampm = (match["ampm"] or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None, "TIME"
    clock = f"T{hour:02d}:{minute:02d}"
    if published is not None and match["weekday"]:
        day = weekday_date(published, WEEKDAYS[match["weekday"].lower()], tense)
        return f"{day_value(day)}{clock}", "TIME"
    return clock, "TIME"


def resolve_quarter(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    quarter = ORDINALS[match["ordinal"].lower()]
    if match["year"]:
        year = int(match["year"])
        return (f"{year:04d}-Q{quarter}" if plausible_year(year) else None), "DATE"
    if published is None:
        return None, "DATE"
    return quarter_value(published, quarter, tense), "DATE"


def resolve_half(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    year = int(match["year"])
    half = ORDINALS[match["ordinal"].lower()]
    return (f"{year:04d}-H{half}" if plausible_year(year) else None), "DATE"


def resolve_season(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    season = SEASONS[match["season"].lower()]
    if match["year"]:
        year = int(match["year"])
        return (f"{year:04d}-{season}" if plausible_year(year) else None), "DATE"
    if published is None:
        return None, "DATE"
    modifier = (match["mod"] or "").lower() or None
    if modifier in ("early", "late", "mid", "mid-"):
        modifier = tense
    return season_value(published, season, modifier or tense), "DATE"


REFERENCES = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "formerly": "PAST_REF",
}


def resolve_reference(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    words = " ".join(match[0].lower().split())
    if words in REFERENCES:
        return REFERENCES[words], "DATE"
    return ("PAST_REF" if words.startswith("recent") else "FUTURE_REF"), "DATE"


def resolve_set(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    groups = match.groupdict()
    if (groups.get("unit") or "").lower() == "weekend":
        return "XXXX-WXX-WE", "SET"
    if groups.get("weekday"):
        return f"XXXX-WXX-{WEEKDAYS[groups['weekday'].lower()] + 1}", "SET"
    word = (groups.get("adverb") or groups["unit"]).lower()
    letter = {
        "daily": "D",
        "nightly": "D",
        "weekly": "W",
        "biweekly": "W",
        "monthly": "M",
        "annually": "Y",
        "yearly": "Y",
        "hourly": "H",
    }.get(word) or UNITS[word][0]
    number = (groups.get("number") or "").lower()
    if word == "biweekly" or number == "other":
        count = 2
    else:
        count = int(amount_of(number or None) or 1)
    return duration_value(count, letter, letter == "H"), "SET"


def holiday_date(name: str, year: int) -> date | None:
    rule = HOLIDAYS[name]
    try:
        if rule[0] == "easter":
            return easter(year) + timedelta(days=int(str(rule[1])))
        if rule[0] == "nth":
            month, weekday, nth = (int(str(part)) for part in rule[1:4])
            day = nth_weekday(year, month, weekday, nth)
            return day + timedelta(days=int(str(rule[4]))) if len(rule) > 4 else day
        return date(year, int(str(rule[0])), int(str(rule[1])))
    except (ValueError, OverflowError):
        return None


def resolve_holiday(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    name = " ".join(match["holiday"].lower().replace("’", "'").split())
    if match["year"]:
        return day_value(holiday_date(name, int(match["year"]))), "DATE"
    if published is None:
        return None, "DATE"
    days = [
        day
        for year in (published.year - 1, published.year, published.year + 1)
        if (day := holiday_date(name, year)) is not None
    ]
    if tense == "past":
        days = [day for day in days if day <= published] or days
    elif tense == "future":
        days = [day for day in days if day >= published] or days
    return day_value(min(days, key=lambda day: abs((day - published).days))), "DATE"


def resolve_weekend(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    if published is None:
        return None, "DATE"
    return weekend_value(published, tense), "DATE"


def resolve_period_edge(
    match: re.Match[str], published: date | None, tense: str | None
) -> Value:
    """ "the end of the year": the current year (month, week)."""
    if published is None:
        return None, "DATE"
    unit = match["unit"].lower()
    if unit == "week":
        return iso_week(published), "DATE"
    if unit == "month":
        return shift_months(published, 0), "DATE"
    return f"{published.year:04d}", "DATE"


ANAPHORIC_OFFSETS = {
    "before": -1,
    "previous": -1,
    "after": 1,
    "next": 1,
    "following": 1,
    "same": 0,
}


def resolve_anaphoric_day(
    match: re.Match[str], reference: date | None, tense: str | None
) -> Value:
    """ "the day before", "the next day", "that day": ``reference`` is the
    last day the article named (else the publication date)."""
    if reference is None:
        return None, "DATE"
    word = (match["relation"] or match["adjective"] or "same").lower()
    return day_value(reference + timedelta(days=ANAPHORIC_OFFSETS[word])), "DATE"
