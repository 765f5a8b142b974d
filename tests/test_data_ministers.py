"""ministers.tsv: coverage by year, clean rows, and well-known facts by date."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from importlib.resources import files

import pytest

from eventwire.actors.dictionary import (
    PEOPLE_HEADER,
    ActorDictionary,
    load_actor_dictionary,
    normalise,
)

OFFICES = ("foreign minister", "defence minister")
YEARS = range(2001, 2026)
ALL_YEARS = frozenset(YEARS)
SHORT_OFFICES = {"FM": "foreign minister", "DM": "defence minister"}

#: Countries whose foreign and defence ministers the table covers.
_COUNTRY_CODES = """
    AFG ARE ARG AUS BEL BLR BRA CAN CHN COD COL CUB DEU DNK DZA EGY ESP ETH FRA
    GBR GRC HUN IDN IND IRN IRQ ISR ITA JOR JPN KEN KOR LBN MAR MEX MYS NGA NLD
    NOR OMN PAK PHL POL PRK PRT PSE QAT RUS SAU SDN SWE SYR THA TUR UKR USA VEN
    VNM YEM ZAF
"""
COUNTRIES = frozenset(_COUNTRY_CODES.split())

#: (country, office) -> the years in which nobody in ministers.tsv holds the
#: office on 1 July. Each gap is documented in the actors README; the test
#: fails both when a year is missing without being listed here and when a
#: listed gap has since been filled (so this list cannot go stale).
GAPS: dict[tuple[str, str], frozenset[int]] = {
    # Offices with no such minister, or held by the head of state or
    # government (whose row is in people.tsv).
    ("ARE", "defence minister"): frozenset(range(2006, 2026)),  # the PM
    ("DNK", "defence minister"): ALL_YEARS,  # not covered
    ("DZA", "defence minister"): ALL_YEARS,  # the president
    ("ETH", "defence minister"): ALL_YEARS,  # not covered
    ("JOR", "defence minister"): ALL_YEARS,  # the prime minister
    ("MAR", "defence minister"): ALL_YEARS,  # the king
    ("PSE", "defence minister"): ALL_YEARS,  # no such office
    ("QAT", "foreign minister"): frozenset({*range(2007, 2013), 2023, 2024, 2025}),
    ("QAT", "defence minister"): frozenset({*range(2001, 2016), 2025}),
    ("SAU", "defence minister"): frozenset(range(2017, 2023)),  # crown prince
    ("ISR", "foreign minister"): frozenset({2013, 2015, 2016, 2017, 2018, 2022}),
    ("ISR", "defence minister"): frozenset({2019}),
    ("IND", "foreign minister"): frozenset({2006}),
    ("IND", "defence minister"): frozenset({2001}),
    ("ITA", "foreign minister"): frozenset({2002}),
    ("GRC", "foreign minister"): frozenset({2010}),
    ("IRQ", "foreign minister"): frozenset({2003}),
    ("IRQ", "defence minister"): frozenset({2003, 2011}),
    ("PAK", "foreign minister"): frozenset({2002, 2018}),
    ("PAK", "defence minister"): frozenset({2001, 2002, 2013, 2018}),
    ("BEL", "defence minister"): frozenset({2019, 2020}),
    ("LBN", "foreign minister"): frozenset({2021}),
    # Taliban government before late 2001; acting ministers.
    ("AFG", "foreign minister"): frozenset({2001, 2019}),
    ("AFG", "defence minister"): frozenset({2001}),
    # Acting or short-lived ministers not listed, or new cabinets not yet
    # sworn in on 1 July.
    ("ARG", "defence minister"): frozenset({2015}),
    ("PRT", "defence minister"): frozenset({2001}),
    # Thailand: the prime minister held defence in 2008, 2013-2014 and
    # 2019-2023; 2005-2006 are not covered.
    ("THA", "defence minister"): frozenset(
        {2005, 2006, 2008, 2013, 2014, 2020, 2021, 2022, 2023, 2025}
    ),
    ("KOR", "defence minister"): frozenset({2025}),
    ("MEX", "foreign minister"): frozenset({2023, 2025}),
    ("MYS", "foreign minister"): frozenset({2018}),
    ("THA", "foreign minister"): frozenset({2014}),
    ("UKR", "foreign minister"): frozenset({2009}),
    ("NGA", "foreign minister"): frozenset({2003, 2006, 2007, 2011, 2015, 2023}),
    ("NGA", "defence minister"): frozenset(
        {2003, 2007, 2008, 2009, 2011, 2012, 2013, 2015, 2019, 2023}
    ),
    # Years not covered because we could not vouch for the office-holder.
    ("BLR", "foreign minister"): frozenset({2001, 2002}),
    ("BLR", "defence minister"): frozenset({2001}),
    ("COD", "foreign minister"): frozenset(range(2001, 2020)),
    ("COD", "defence minister"): frozenset(range(2001, 2020)),
    ("COL", "foreign minister"): frozenset({2025}),
    ("COL", "defence minister"): frozenset({2001, 2002, 2009}),
    ("KEN", "foreign minister"): frozenset(range(2001, 2013)),
    ("KEN", "defence minister"): frozenset(range(2001, 2008)),
    ("LBN", "defence minister"): frozenset(range(2001, 2005)),
    ("PHL", "defence minister"): frozenset({2004, 2007}),
    ("PRK", "defence minister"): frozenset(range(2012, 2026)),
    # Mustafa is prime minister and foreign minister: his people.tsv row.
    ("PSE", "foreign minister"): frozenset({2001, 2002, 2024, 2025}),
    # Raul Castro kept defence while acting president: his people.tsv row.
    ("CUB", "defence minister"): frozenset({2007}),
    ("SDN", "foreign minister"): frozenset(
        {2008, 2009, 2018, 2019, *range(2022, 2026)}
    ),
    ("SDN", "defence minister"): frozenset({*range(2001, 2006), *range(2019, 2026)}),
    ("VEN", "foreign minister"): frozenset({*range(2001, 2007), 2017, 2022}),
    ("VEN", "defence minister"): frozenset({*range(2001, 2006), 2013}),
    ("YEM", "foreign minister"): frozenset(range(2015, 2021)),
    ("YEM", "defence minister"): frozenset({*range(2001, 2006), *range(2015, 2026)}),
}

#: Rows coded as the military rather than the government: Egypt's defence
#: ministers who also commanded the armed forces and, in Tantawi's case,
#: ruled as head of the military council (people tests rely on EGYMIL).
MILITARY_CODED = frozenset({"mohamed-hussein-tantawi", "abdel-fattah-el-sisi"})

#: Short forms that name too many people, or are common words, to be aliases.
_FORBIDDEN = """
    kim lee park moon wang li zhang singh khan sharif ali hassan hussein mohammed
    abdullah salman cohen smith brown jones johnson fox gates austin wagner may
    hunt store don bishop wong carter miller katz levy gallant shalom
    straw downer machete saar cienfuegos holguin surin lebedev qureshi
"""
FORBIDDEN_ALIASES = frozenset(_FORBIDDEN.split())


def _rows(table: str = "ministers.tsv") -> list[dict[str, str]]:
    source = files("eventwire") / "data" / "actors" / table
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = tuple(next(reader))
        assert header == PEOPLE_HEADER
        return [dict(zip(header, row, strict=True)) for row in reader]


ROWS = _rows()


def _holds(row: dict[str, str], day: date) -> bool:
    start = date.fromisoformat(row["start"])
    end = date.fromisoformat(row["end"]) if row["end"] else date.max
    return start <= day <= end


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actor_dictionary()


def test_table_covers_the_listed_countries() -> None:
    assert {row["code"][:3] for row in ROWS} == COUNTRIES
    assert len(COUNTRIES) >= 60
    assert {country for country, _ in GAPS} <= COUNTRIES


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_each_office_is_held_on_1_july_of_every_year_but_the_listed_gaps(
    country: str,
) -> None:
    for office in OFFICES:
        holders = [
            row
            for row in ROWS
            if row["code"].startswith(country) and row["office"] == office
        ]
        vacant = {
            year
            for year in YEARS
            if not any(_holds(row, date(year, 7, 1)) for row in holders)
        }
        assert vacant == GAPS.get((country, office), frozenset()), (
            f"{country} {office}: vacant on 1 July of {sorted(vacant)}"
        )


def test_rows_are_well_formed() -> None:
    for row in ROWS:
        assert row["office"] in OFFICES, row
        assert row["leader"] == "", row
        assert row["role"], row
        expected = "MIL" if row["id"] in MILITARY_CODED else "GOV"
        assert row["code"] == row["code"][:3] + expected, row


def test_one_name_per_person_and_no_overlapping_rows() -> None:
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in ROWS:
        by_person[row["id"]].append(row)
    for person, rows in by_person.items():
        assert len({row["name"] for row in rows}) == 1, person
        ordered = sorted(rows, key=lambda row: row["start"])
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            assert earlier["end"], f"{person} has an open row before another"
            assert earlier["end"] < later["start"], f"{person} rows overlap"


def test_people_in_both_tables_share_id_and_name_and_never_overlap() -> None:
    people = _rows("people.tsv")
    id_of_name = {row["name"]: row["id"] for row in people}
    name_of_id = {row["id"]: row["name"] for row in people}
    for row in ROWS:
        assert id_of_name.get(row["name"], row["id"]) == row["id"], row["name"]
        assert name_of_id.get(row["id"], row["name"]) == row["name"], row["id"]
    shared = {row["id"] for row in ROWS} & set(name_of_id)
    for person in shared:
        terms = sorted(
            (row["start"], row["end"] or "9999-12-31")
            for row in [*ROWS, *people]
            if row["id"] == person
        )
        for (_, end), (start, _) in zip(terms, terms[1:], strict=False):
            assert end < start, f"{person}: rows overlap across the two tables"


def test_no_alias_is_a_common_word_or_shared_surname() -> None:
    for row in ROWS:
        for phrase in [row["name"], *row["aliases"].split("|")]:
            assert normalise(phrase) not in FORBIDDEN_ALIASES, (row["id"], phrase)


@pytest.mark.parametrize(
    ("phrase", "day", "person", "code", "office"),
    [
        ("Lavrov", date(2015, 11, 27), "sergey-lavrov", "RUSGOV", "FM"),
        ("Kerry", date(2015, 11, 27), "john-kerry", "USAGOV", "FM"),
        ("Rumsfeld", date(2003, 3, 20), "donald-rumsfeld", "USAGOV", "DM"),
        ("Powell", date(2003, 2, 5), "colin-powell", "USAGOV", "FM"),
        ("Hegseth", date(2025, 6, 1), "pete-hegseth", "USAGOV", "DM"),
        ("Shoigu", date(2022, 2, 24), "sergei-shoigu", "RUSGOV", "DM"),
        ("Belousov", date(2024, 6, 1), "andrei-belousov", "RUSGOV", "DM"),
        ("Le Drian", date(2015, 11, 27), "jean-yves-le-drian", "FRAGOV", "DM"),
        ("Le Drian", date(2018, 1, 1), "jean-yves-le-drian", "FRAGOV", "FM"),
        ("Hammond", date(2012, 6, 1), "philip-hammond", "GBRGOV", "DM"),
        ("Hammond", date(2015, 6, 1), "philip-hammond", "GBRGOV", "FM"),
        ("Jack Straw", date(2003, 3, 1), "jack-straw", "GBRGOV", "FM"),
        ("Zarif", date(2015, 7, 14), "mohammad-javad-zarif", "IRNGOV", "FM"),
        ("Jaishankar", date(2023, 1, 1), "subrahmanyam-jaishankar", "INDGOV", "FM"),
        ("Kuleba", date(2022, 3, 1), "dmytro-kuleba", "UKRGOV", "FM"),
        ("Reznikov", date(2022, 3, 1), "oleksii-reznikov", "UKRGOV", "DM"),
        ("Gantz", date(2021, 5, 15), "benny-gantz", "ISRGOV", "DM"),
        ("Muallem", date(2013, 9, 1), "walid-muallem", "SYRGOV", "FM"),
        ("Cavusoglu", date(2016, 7, 16), "mevlut-cavusoglu", "TURGOV", "FM"),
        ("Wang Yi", date(2015, 1, 1), "wang-yi", "CHNGOV", "FM"),
        ("Kono", date(2000, 6, 1), "yohei-kono", "JPNGOV", "FM"),
        ("Kono", date(2018, 6, 1), "taro-kono", "JPNGOV", "FM"),
        ("Kono", date(2020, 6, 1), "taro-kono", "JPNGOV", "DM"),
        ("Amorim", date(2005, 1, 1), "celso-amorim", "BRAGOV", "FM"),
        ("Amorim", date(2012, 1, 1), "celso-amorim", "BRAGOV", "DM"),
        ("Sikorski", date(2006, 6, 1), "radoslaw-sikorski", "POLGOV", "DM"),
        ("Sikorski", date(2024, 6, 1), "radoslaw-sikorski", "POLGOV", "FM"),
        ("Saud al-Faisal", date(2003, 1, 1), "saud-al-faisal", "SAUGOV", "FM"),
    ],
)
def test_well_known_ministers_resolve_by_date(
    actors: ActorDictionary,
    phrase: str,
    day: date,
    person: str,
    code: str,
    office: str,
) -> None:
    entry = actors.lookup(phrase, on=day)
    assert entry is not None
    assert entry.id.startswith(f"minister:{person}#")
    assert (entry.code, entry.office) == (code, SHORT_OFFICES[office])


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("Lavrov", date(2003, 1, 1)),  # Igor Ivanov was foreign minister
        ("Wang Yi", date(2023, 3, 1)),  # Qin Gang's months in office
        ("Rumsfeld", date(2008, 1, 1)),  # Gates had succeeded him
    ],
)
def test_ministers_out_of_office_do_not_resolve(
    actors: ActorDictionary, phrase: str, day: date
) -> None:
    assert actors.lookup(phrase, on=day) is None


@pytest.mark.parametrize(
    ("phrase", "day", "expected"),
    [
        ("Netanyahu", date(2003, 1, 1), "minister:benjamin-netanyahu#"),
        ("Netanyahu", date(2015, 1, 1), "person:benjamin-netanyahu#"),
        ("Davutoglu", date(2012, 1, 1), "minister:ahmet-davutoglu#"),
        ("Davutoglu", date(2015, 1, 1), "person:ahmet-davutoglu#"),
        ("Kishida", date(2015, 1, 1), "minister:fumio-kishida#"),
        ("Kishida", date(2022, 1, 1), "person:fumio-kishida#"),
    ],
)
def test_a_person_in_both_tables_resolves_to_the_role_held_on_the_day(
    actors: ActorDictionary, phrase: str, day: date, expected: str
) -> None:
    entry = actors.lookup(phrase, on=day)
    assert entry is not None and entry.id.startswith(expected)


def test_clinton_is_bill_before_2001_and_hillary_as_secretary_of_state(
    actors: ActorDictionary,
) -> None:
    bill = actors.lookup("Clinton", on=date(2000, 6, 1))
    hillary = actors.lookup("Clinton", on=date(2010, 6, 1))
    assert bill is not None and bill.id.startswith("person:bill-clinton#")
    assert hillary is not None and hillary.id.startswith("minister:hillary-clinton#")
