"""The dates stage: expressions, their TimeML values, and the date of an event.

Every relative value is computed against Friday 2015-11-27, the publication
date of the shared USA TODAY sample.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eventwire.clean import clean_article
from eventwire.dates import find_times
from eventwire.model import Article, CodedArticle, ParsedArticle, TimeExpression
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources, code_articles

pytestmark = pytest.mark.model

FRIDAY = date(2015, 11, 27)

Parse = Callable[..., ParsedArticle]


@pytest.fixture(scope="module")
def parse(resources: Resources) -> Parse:
    def build(text: str, published: date | None = FRIDAY) -> ParsedArticle:
        article = Article(id="t", text=text, published=published)
        [parsed] = parse_articles([clean_article(article)], nlp=resources.nlp)
        return parsed

    return build


def _only(times: tuple[TimeExpression, ...], text: str) -> TimeExpression:
    found = [time for time in times if time.text == text]
    assert found, f"{text!r} not found in {[t.text for t in times]}"
    return found[0]


CASES = {
    "weekday": [
        ("Putin met Hollande on Thursday.", "Thursday", "2015-11-26", "DATE"),
        ("On Tuesday, the president met Obama.", "Tuesday", "2015-11-24", "DATE"),
        ("The ministers will meet on Tuesday.", "Tuesday", "2015-12-01", "DATE"),
        ("Police said Friday that two men died.", "Friday", "2015-11-27", "DATE"),
        (
            "Rebels attacked the town last Saturday.",
            "last Saturday",
            "2015-11-21",
            "DATE",
        ),
        (
            "Cameron, earlier Thursday, set out his case.",
            "earlier Thursday",
            "2015-11-26",
            "DATE",
        ),
    ],
    "relative_day": [
        (
            "The army said yesterday it had withdrawn.",
            "yesterday",
            "2015-11-26",
            "DATE",
        ),
        ("Voting ends today in the capital.", "today", "2015-11-27", "DATE"),
        ("The leaders meet tomorrow in Paris.", "tomorrow", "2015-11-28", "DATE"),
        ("He will speak tonight.", "tonight", "2015-11-27TNI", "TIME"),
    ],
    "part_of_day": [
        (
            "The jets struck Thursday morning.",
            "Thursday morning",
            "2015-11-26TMO",
            "TIME",
        ),
        ("Shelling resumed last night.", "last night", "2015-11-26TNI", "TIME"),
        ("He arrived this morning.", "this morning", "2015-11-27TMO", "TIME"),
    ],
    "calendar_unit": [
        ("Turkey downed a jet this week.", "this week", "2015-W48", "DATE"),
        ("The talks failed last week.", "last week", "2015-W47", "DATE"),
        ("They will vote next week.", "next week", "2015-W49", "DATE"),
        ("Protests began earlier this month.", "earlier this month", "2015-11", "DATE"),
        ("Prices rose last month.", "last month", "2015-10", "DATE"),
        ("The election is due next year.", "next year", "2016", "DATE"),
        ("Fighting flared last weekend.", "last weekend", "2015-W47-WE", "DATE"),
        ("Growth slowed last quarter.", "last quarter", "2015-Q3", "DATE"),
    ],
    "month_day": [
        ("Gunmen killed 130 people on Nov. 13.", "Nov. 13", "2015-11-13", "DATE"),
        ("Talks collapsed on Dec. 5.", "Dec. 5", "2014-12-05", "DATE"),
        ("Parliament will vote on Dec. 5.", "Dec. 5", "2015-12-05", "DATE"),
        (
            "The treaty was signed on Nov. 13, 2014.",
            "Nov. 13, 2014",
            "2014-11-13",
            "DATE",
        ),
        (
            "The treaty was signed on 13 November 2014.",
            "13 November 2014",
            "2014-11-13",
            "DATE",
        ),
        ("It happened on Friday, Nov. 13.", "Friday, Nov. 13", "2015-11-13", "DATE"),
    ],
    "month": [
        ("Elections were held in March.", "March", "2015-03", "DATE"),
        ("Troops will leave in December.", "December", "2015-12", "DATE"),
        ("The summit opens next March.", "next March", "2016-03", "DATE"),
        ("The deal was signed in November 2014.", "November 2014", "2014-11", "DATE"),
        ("Rains began in mid-October.", "mid-October", "2015-10", "DATE"),
    ],
    "year": [
        ("Parliament voted against strikes in 2013.", "2013", "2013", "DATE"),
        ("The republic has been independent since 1991.", "1991", "1991", "DATE"),
        ("The cabinet cut a 2015 budget.", "2015", "2015", "DATE"),
        ("Growth will recover by mid-2016.", "mid-2016", "2016", "DATE"),
    ],
    "ago": [
        ("The war began two years ago.", "two years ago", "2013", "DATE"),
        ("He was arrested three days ago.", "three days ago", "2015-11-24", "DATE"),
        ("The ceasefire collapsed a month ago.", "a month ago", "2015-10", "DATE"),
        ("The town fell years ago.", "years ago", "PAST_REF", "DATE"),
    ],
    "decade": [
        ("The war of the 1990s left scars.", "the 1990s", "199X", "DATE"),
        ("Reforms of the 21st century followed.", "the 21st century", "20", "DATE"),
    ],
    "season": [
        ("The offensive stalled last summer.", "last summer", "2015-SU", "DATE"),
        ("Talks resume next spring.", "next spring", "2016-SP", "DATE"),
        ("Floods hit in the summer of 2014.", "the summer of 2014", "2014-SU", "DATE"),
    ],
    "quarter": [
        (
            "The economy shrank in the third quarter.",
            "the third quarter",
            "2015-Q3",
            "DATE",
        ),
        (
            "Exports fell in the first quarter of 2014.",
            "the first quarter of 2014",
            "2014-Q1",
            "DATE",
        ),
    ],
    "clock": [
        (
            "The vote closed at 3 p.m. local time.",
            "3 p.m.",
            "2015-11-27T15:00",
            "TIME",
        ),
        (
            "Polls opened at 10:30 a.m. Thursday.",
            "10:30 a.m. Thursday",
            "2015-11-26T10:30",
            "TIME",
        ),
        ("The curfew starts at 1500 GMT.", "1500 GMT", "2015-11-27T15:00", "TIME"),
        ("They met at noon.", "noon", "2015-11-27T12:00", "TIME"),
        (
            "Police said on Tuesday the bomb went off at 9 p.m.",
            "9 p.m.",
            "2015-11-24T21:00",
            "TIME",
        ),
        ("The handover came at midnight.", "midnight", "2015-11-27T24:00", "TIME"),
    ],
    "duration": [
        ("The siege lasted for three years.", "three years", "P3Y", "DURATION"),
        ("The army gave them 48 hours to leave.", "48 hours", "PT48H", "DURATION"),
        ("The region has been unstable for years.", "years", "PXY", "DURATION"),
        ("Jets struck hours after the vote.", "hours", "PTXH", "DURATION"),
        (
            "Prices rose over the past two weeks.",
            "the past two weeks",
            "P2W",
            "DURATION",
        ),
    ],
    "holiday": [
        (
            "Markets were shut on New Year's Day.",
            "New Year's Day",
            "2015-01-01",
            "DATE",
        ),
        ("Attacks rose on Christmas Eve.", "Christmas Eve", "2014-12-24", "DATE"),
        (
            "The accord was signed on Good Friday 1998.",
            "Good Friday 1998",
            "1998-04-10",
            "DATE",
        ),
        (
            "Voters go to the polls on Election Day.",
            "Election Day",
            "2015-11-03",
            "DATE",
        ),
    ],
    "anaphoric_day": [
        (
            "Rebels took the town on Tuesday. They had attacked it the day before.",
            "the day before",
            "2015-11-23",
            "DATE",
        ),
        (
            "Talks opened on Monday and ended the next day.",
            "the next day",
            "2015-11-24",
            "DATE",
        ),
    ],
    "weekend": [
        ("Talks collapsed at the weekend.", "the weekend", "2015-W47-WE", "DATE"),
        ("Protesters gather every weekend.", "every weekend", "XXXX-WXX-WE", "SET"),
    ],
    "period_edge": [
        (
            "The plant will close by the end of the year.",
            "the end of the year",
            "2015",
            "DATE",
        ),
        (
            "Troops left at the end of February.",
            "the end of February",
            "2015-02",
            "DATE",
        ),
    ],
    "headline_capitals": [
        ("OBAMA TO MEET PUTIN ON MONDAY", "MONDAY", "2015-11-30", "DATE"),
        ("REBELS SEIZED TOWN ON JULY 16", "JULY 16", "2015-07-16", "DATE"),
    ],
    "set": [
        ("Inspectors report every week.", "every week", "P1W", "SET"),
        ("The council meets every Monday.", "every Monday", "XXXX-WXX-1", "SET"),
        ("Protesters gather on Fridays.", "Fridays", "XXXX-WXX-5", "SET"),
        ("The ministry publishes figures daily.", "daily", "P1D", "SET"),
    ],
    "reference": [
        ("The town is now under rebel control.", "now", "PRESENT_REF", "DATE"),
        ("Talks recently resumed.", "recently", "PAST_REF", "DATE"),
        ("The army will withdraw soon.", "soon", "FUTURE_REF", "DATE"),
        ("Such attacks may happen in the future.", "the future", "FUTURE_REF", "DATE"),
    ],
    "numeric": [
        (
            "The decree dated 2015-11-13 was published.",
            "2015-11-13",
            "2015-11-13",
            "DATE",
        ),
        ("The letter is dated 11/13/2015.", "11/13/2015", "2015-11-13", "DATE"),
    ],
}


@pytest.mark.parametrize(
    ("sentence", "extent", "value", "kind"),
    [
        pytest.param(*case, id=f"{family}-{number}")
        for family, cases in CASES.items()
        for number, case in enumerate(cases)
    ],
)
def test_dates_rule_families(
    parse: Parse, sentence: str, extent: str, value: str, kind: str
) -> None:
    time = _only(find_times(parse(sentence)), extent)

    assert (time.value, time.type) == (value, kind)
    assert sentence[time.start : time.end] == extent


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The council passed Resolution 2254 unanimously.", "2254"),
        ("Trucks drove down Route 66.", "66"),
        ("Fighters killed 2000 people.", "2000"),
        ("Theresa May said the plan works.", "May"),
        ("The fall of Kabul shocked the world.", "fall"),
        ("Prices fall when demand drops.", "fall"),
        ("A 45-year-old man was arrested.", "45-year-old"),
        ("She won a second term.", "second"),
        ("The Arab Spring began in Tunisia.", "Spring"),
        ("He began a three-day visit.", "day"),
        ("It was part of a week-long effort.", "week"),
        ("The daily toll rose again.", "daily"),
        ("The satirical weekly published a cartoon.", "weekly"),
        ("Reply as soon as you can.", "soon"),
        ("A truck hit a crowded Christmas market.", "Christmas"),
    ],
)
def test_dates_leave_names_and_counts_alone(
    parse: Parse, sentence: str, words: str
) -> None:
    times = find_times(parse(sentence))

    assert not [time for time in times if words in time.text]


def test_dates_extents_leave_the_preposition_out(parse: Parse) -> None:
    times = find_times(parse("Putin met Hollande on Thursday in Moscow in 2013."))

    assert [time.text for time in times] == ["Thursday", "2013"]


def test_dates_dateline_is_marked(parse: Parse) -> None:
    text = "MOSCOW, Nov. 26 (Reuters) - Russia said on Thursday it would respond."
    times = find_times(parse(text))

    dateline = _only(times, "Nov. 26")
    assert dateline.dateline and dateline.value == "2015-11-26"
    assert not _only(times, "Thursday").dateline


def test_dates_expressions_carry_sentence_and_tokens(parse: Parse) -> None:
    parsed = parse("Rebels withdrew. Talks resumed on Tuesday.")
    [time] = find_times(parsed)

    assert time.sentence == 1
    assert parsed.doc[time.token_start : time.token_end].text == "Tuesday"
    assert time.date == date(2015, 11, 24)
    assert time.article_id == "t"


def test_dates_day_is_none_for_coarse_values(parse: Parse) -> None:
    times = find_times(parse("The economy shrank this week, last month and in 2013."))

    assert [time.date for time in times] == [None, None, None]


# --- bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("The castle was built in 1066.", "1066", "1066"),
        ("The colony will be founded in 3020.", "3020", "3020"),
        ("The file expires on Nov. 13, 9999.", "Nov. 13, 9999", "9999-11-13"),
    ],
)
def test_dates_far_years_keep_their_written_value(
    parse: Parse, sentence: str, extent: str, value: str
) -> None:
    assert _only(find_times(parse(sentence)), extent).value == value


@pytest.mark.parametrize(
    ("sentence", "extent"),
    [
        ("Nothing happened on 31 February 2015.", "31 February 2015"),
        ("Nothing happened on Feb. 30.", "Feb. 30"),
        ("Nothing happened on 31 February.", "31 February"),
    ],
)
def test_dates_impossible_dates_have_no_value(
    parse: Parse, sentence: str, extent: str
) -> None:
    time = _only(find_times(parse(sentence)), extent)

    assert time.value is None and time.date is None


def test_dates_year_zero_is_no_expression(parse: Parse) -> None:
    assert find_times(parse("Counting starts in year 0 here.")) == ()


def test_dates_without_publication_date_keep_only_absolute_values(
    parse: Parse,
) -> None:
    times = find_times(
        parse("He met them on Thursday, last week and in 2013.", published=None)
    )

    assert [(time.text, time.value) for time in times] == [
        ("Thursday", None),
        ("last week", None),
        ("2013", "2013"),
    ]


def test_dates_empty_text_has_no_expressions(parse: Parse) -> None:
    assert find_times(parse("   ")) == ()


def test_dates_text_of_numbers_does_not_break(parse: Parse) -> None:
    text = " ".join(str(number) for number in range(1000, 1500)) + "."
    times = find_times(parse(text))

    assert all(time.value is None or time.value[:1].isdigit() for time in times)
    assert len(times) < 10


def test_dates_pipeline_keeps_the_times(resources: Resources) -> None:
    article = Article(
        id="p", text="Russia bombed Aleppo on Thursday.", published=FRIDAY
    )
    [result] = code_articles([article], resources=resources)

    assert isinstance(result, CodedArticle)
    assert [(time.text, time.value) for time in result.times] == [
        ("Thursday", "2015-11-26")
    ]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The siege ended 999999999 days ago.", FRIDAY),
        ("It began 5000000 years ago, next year and on Dec. 32.", FRIDAY),
        ("Talks resume next year, tomorrow and next week.", date(9999, 12, 31)),
        ("Talks ended last year, yesterday and last week.", date(1, 1, 1)),
    ],
)
def test_dates_arithmetic_off_the_calendar_degrades_to_none(
    parse: Parse, text: str, published: date
) -> None:
    times = find_times(parse(text, published=published))

    assert times
    for time in times:
        assert text[time.start : time.end] == time.text
        assert time.value is None or not time.value.startswith("0000")
