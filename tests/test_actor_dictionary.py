"""The actor dictionary: packaged tables, lookups by date, and bad user files."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors._tables import check_people_across, read_table
from eventwire.actors.dictionary import (
    OFFICES,
    ORGANISATION_HEADER,
    PEOPLE_HEADER,
    SECTORS,
    ActorDictionary,
    load_actor_dictionary,
    normalise,
)
from eventwire.actors.entry import REGIONS
from eventwire.actors.references import COUNTRY_NOUNS, REFERENCE_HEADS
from eventwire.actors.titles import TITLE_OFFICES, title_office
from eventwire.errors import DataFileError

# The 193 UN member states (ISO 3166-1 alpha-3), written out so that a row
# dropped from countries.tsv is noticed.
_UN_MEMBER_CODES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = _UN_MEMBER_CODES.split()
UN_OBSERVERS = ("VAT", "PSE")
TERRITORIES = ("TWN", "KOS", "HKG", "ESH")


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actor_dictionary()


def _write(tmp_path: Path, header: tuple[str, ...], *rows: str) -> Path:
    path = tmp_path / "extra.tsv"
    lines = ["\t".join(header), *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("phrase", "kind", "code"),
    [
        pytest.param("Britain", "country", "GBR", id="britain"),
        pytest.param("UK", "country", "GBR", id="uk"),
        pytest.param("U.K.", "country", "GBR", id="u-k"),
        pytest.param("the United Kingdom", "country", "GBR", id="the-united-kingdom"),
        pytest.param("British", "adjective", "GBR", id="british"),
        pytest.param("US", "country", "USA", id="us"),
        pytest.param("the U.S.", "country", "USA", id="the-u-s"),
        pytest.param("Russian", "adjective", "RUS", id="russian"),
        pytest.param("Côte d'Ivoire", "country", "CIV", id="cote-divoire-accent"),
        pytest.param("Cote d’Ivoire", "country", "CIV", id="cote-divoire-curly"),
        pytest.param("Türkiye", "country", "TUR", id="turkiye"),
        pytest.param("Burma", "country", "MMR", id="burma"),
        pytest.param("Moscow", "capital", "RUSGOV", id="moscow"),
        pytest.param("Kiev", "capital", "UKRGOV", id="kiev"),
        pytest.param("Kremlin", "metonym", "RUSGOV", id="kremlin"),
        pytest.param("the Élysée", "metonym", "FRAGOV", id="elysee-accent"),
        pytest.param("Elysee", "metonym", "FRAGOV", id="elysee-plain"),
        pytest.param("Pentagon", "metonym", "USAMIL", id="pentagon"),
        pytest.param("Congress", "metonym", "USALEG", id="congress-before-agent"),
        pytest.param("NATO", "organisation", "IGOWSTNAT", id="nato"),
        pytest.param("Nato", "organisation", "IGOWSTNAT", id="nato-titlecase"),
        pytest.param("ISIL", "organisation", "IMGMUSISI", id="isil"),
        pytest.param("Daesh", "organisation", "IMGMUSISI", id="daesh"),
        pytest.param("Islamic State", "organisation", "IMGMUSISI", id="islamic-state"),
        pytest.param("al Qaeda", "organisation", "IMGMUSALQ", id="al-qaeda-unhyphened"),
        pytest.param("Royal Air Force", "organisation", "GBRMIL", id="raf"),
        pytest.param("Hezbollah", "organisation", "LBNREBHEZ", id="hezbollah"),
        pytest.param("the EU", "organisation", "IGOEUREEC", id="eu"),
    ],
)
def test_actor_dictionary_lookup_finds_code(
    actors: ActorDictionary, phrase: str, kind: str, code: str
) -> None:
    entry = actors.lookup(phrase)
    assert entry is not None
    assert (entry.kind, entry.code) == (kind, code)


@pytest.mark.parametrize("phrase", ["us", "is", "who", "Us", "Atlantis"])
def test_actor_dictionary_lookup_rejects_words_and_unknowns(
    actors: ActorDictionary, phrase: str
) -> None:
    assert actors.lookup(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "on", "code", "role"),
    [
        pytest.param("Putin", date(2015, 11, 27), "RUSGOV", "president of Russia"),
        pytest.param("Putin", date(2010, 6, 1), "RUSGOV", "prime minister of Russia"),
        pytest.param("Medvedev", date(2009, 6, 1), "RUSGOV", "president of Russia"),
        pytest.param(
            "Medvedev", date(2015, 6, 1), "RUSGOV", "prime minister of Russia"
        ),
        pytest.param(
            "Obama", date(2015, 11, 27), "USAGOV", "president of the United States"
        ),
        pytest.param("Obama", date(2020, 6, 1), None, None),
        pytest.param(
            "Trump", date(2018, 6, 1), "USAGOV", "president of the United States"
        ),
        pytest.param("Trump", date(2022, 6, 1), None, None),
        pytest.param(
            "Trump", date(2025, 6, 1), "USAGOV", "president of the United States"
        ),
        pytest.param("Hollande", date(2015, 11, 27), "FRAGOV", "president of France"),
        pytest.param("Hollande", date(2018, 6, 1), None, None),
        pytest.param("Clinton", date(2000, 6, 1), "USAGOV", None, id="bill-clinton"),
        pytest.param("Sisi", date(2013, 7, 3), "EGYMIL", None, id="sisi-army-chief"),
        pytest.param("Sisi", date(2015, 1, 1), "EGYGOV", None, id="sisi-president"),
        pytest.param("Baghdadi", date(2015, 1, 1), "IMGMUSISI", None),
        pytest.param("Erdogan", date(2015, 1, 1), "TURGOV", "president of Turkey"),
    ],
)
def test_actor_dictionary_person_role_on_date(
    actors: ActorDictionary,
    phrase: str,
    on: date,
    code: str | None,
    role: str | None,
) -> None:
    entry = actors.lookup(phrase, on=on)
    if code is None:
        assert entry is None
        return
    assert entry is not None and entry.kind == "person"
    assert entry.code == code
    if role is not None:
        assert entry.role == role


def test_actor_dictionary_medvedev_roles_differ(actors: ActorDictionary) -> None:
    president = actors.lookup("Medvedev", on=date(2009, 6, 1))
    premier = actors.lookup("Medvedev", on=date(2015, 6, 1))
    assert president is not None and premier is not None
    assert president.id != premier.id
    assert president.name == premier.name == "Dmitry Medvedev"


def test_actor_dictionary_person_without_date_is_latest_role(
    actors: ActorDictionary,
) -> None:
    entry = actors.lookup("Putin")
    assert entry is not None
    assert entry.start == date(2012, 5, 7) and entry.end is None


def test_actor_dictionary_lookup_kinds_filter(actors: ActorDictionary) -> None:
    assert actors.lookup("Congress", kinds=("agent",)) is not None
    assert actors.lookup("Kremlin", kinds=("country", "person")) is None
    with pytest.raises(ValueError, match="unknown kinds"):
        actors.lookup("Kremlin", kinds=("place",))


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("troops", "MIL"),
        ("soldier", "MIL"),
        ("parliamentarians", "LEG"),
        ("MPs", "LEG"),
        ("prime minister", "GOV"),
        ("Prime  Minister", "GOV"),
        ("police", "COP"),
        ("militants", "REB"),
        ("protesters", "CVL"),
        ("journalists", "MED"),
        ("refugees", "REF"),
        ("chair", None),
    ],
)
def test_actor_dictionary_agent_sector(
    actors: ActorDictionary, word: str, sector: str | None
) -> None:
    assert actors.agent_sector(word) == sector


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("the  Élysée", "elysee"),
        ("Kim Jong-un", "kim jong un"),
        ("Binali Yıldırım", "binali yildirim"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("THE Hague", "hague"),
    ],
)
def test_actor_dictionary_normalise(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


def test_actor_dictionary_every_un_member_and_observer_present(
    actors: ActorDictionary,
) -> None:
    countries = {e.country for e in actors.entries if e.kind == "country"}
    assert len(UN_MEMBERS) == 193
    assert set(UN_MEMBERS) | set(UN_OBSERVERS) | set(TERRITORIES) <= countries
    assert len(countries) >= 193 + len(UN_OBSERVERS)


def test_actor_dictionary_tables_have_no_cross_row_duplicates(
    actors: ActorDictionary,
) -> None:
    for phrase, entries in actors.phrases().items():
        for kind in {e.kind for e in entries}:
            rows = {e.id for e in entries if e.kind == kind}
            if kind == "person":
                people = sorted(
                    (e for e in entries if e.kind == kind),
                    key=lambda e: e.start or date.min,
                )
                for earlier, later in zip(people, people[1:], strict=False):
                    if earlier.id != later.id:
                        assert earlier.end is not None and earlier.end < later.start
            else:
                assert len(rows) == 1, (phrase, kind, rows)


def test_actor_dictionary_codes_and_sectors_are_consistent(
    actors: ActorDictionary,
) -> None:
    countries = {e.country for e in actors.entries if e.kind == "country"}
    counts = Counter(e.kind for e in actors.entries)
    assert counts["person"] >= 250 and counts["organisation"] >= 80
    for entry in actors.entries:
        if entry.kind == "agent":
            assert entry.code is None and entry.sector in SECTORS
            continue
        assert entry.code is not None and entry.country is not None
        assert entry.code.startswith(entry.country)
        assert entry.country in countries or entry.country in {
            "IGO",
            "IMG",
            "NGO",
            *REGIONS,
        }
        if entry.kind == "person":
            assert entry.start is not None
            assert entry.end is None or entry.start <= entry.end


def test_actor_dictionary_user_file_overrides_packaged(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        PEOPLE_HEADER[:7],
        "jane-doe\tJane Doe\tPutin\tRUSOPP\t2020-01-01\t\topposition figure",
    )
    actors = load_actor_dictionary(extra=[path])
    entry = actors.lookup("Putin", on=date(2021, 1, 1))
    assert entry is not None and entry.id == "person:jane-doe#1"
    assert entry.code == "RUSOPP" and entry.sector == "OPP"
    assert actors.lookup("Putin", on=date(2015, 1, 1)) is None
    assert actors.lookup("Vladimir Putin", on=date(2015, 1, 1)) is not None


def test_actor_dictionary_user_organisation_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ORGANISATION_HEADER,
        "azov\tAzov Brigade\tAzov\tUKRMIL\tUKR\tMIL",
    )
    entry = load_actor_dictionary(extra=[path]).lookup("Azov")
    assert entry is not None and (entry.code, entry.sector) == ("UKRMIL", "MIL")


def test_actor_dictionary_accepts_a_region_as_first_block(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ORGANISATION_HEADER,
        "eu-monitors\tEuropean Monitoring Group\t\tEURMIL\tEUR\tMIL",
    )
    entry = load_actor_dictionary(extra=[path]).lookup("European Monitoring Group")
    assert entry is not None and (entry.code, entry.country) == ("EURMIL", "EUR")


def test_actor_dictionary_west_is_a_region() -> None:
    actors = load_actor_dictionary()
    for phrase, code in [
        ("the West", "WST"),
        ("Western powers", "WST"),
        ("Western governments", "WSTGOV"),
    ]:
        entry = actors.lookup(phrase)
        assert entry is not None and entry.code == code, phrase


@pytest.mark.parametrize(
    ("header", "row", "line", "message"),
    [
        pytest.param(
            PEOPLE_HEADER[:7],
            "a-b\tA B\t\tRUSGOV\t2015-13-01\t\tpresident",
            2,
            "bad start date",
            id="bad-date",
        ),
        pytest.param(
            PEOPLE_HEADER[:7],
            "a-b\tA B\t\tRUSGOV\t2015-01-01\t2014-01-01\tpresident",
            2,
            "is after end",
            id="start-after-end",
        ),
        pytest.param(
            PEOPLE_HEADER[:7],
            "a-b\tA B\t\tRusGov\t2015-01-01\t\tpresident",
            2,
            "bad code",
            id="bad-code",
        ),
        pytest.param(
            PEOPLE_HEADER[:7],
            "a-b\tA B\t\tXYZGOV\t2015-01-01\t\tpresident",
            2,
            "unknown country 'XYZ'",
            id="unknown-country",
        ),
        pytest.param(
            ORGANISATION_HEADER,
            "x\tX Front\t\tXYZREB\tXYZ\tREB",
            2,
            "unknown country 'XYZ'",
            id="unknown-org-country",
        ),
        pytest.param(
            ORGANISATION_HEADER,
            "x\tX Front\t\tSYRREB\tSYR\tFOO",
            2,
            "unknown sector 'FOO'",
            id="unknown-sector",
        ),
        pytest.param(
            PEOPLE_HEADER[:7],
            "a-b\tA B\tRUSGOV\t2015-01-01\tpresident",
            2,
            "row has 5 columns, expected 9",
            id="column-count",
        ),
        pytest.param(
            ("id", "name", "code"),
            "a-b\tA B\tRUSGOV",
            1,
            "is neither the people header",
            id="wrong-header",
        ),
        pytest.param(
            PEOPLE_HEADER[:7],
            "a-b\tA B\tAB\tRUSGOV\t2015-01-01\t\tpresident\n"
            "c-d\tC D\tA.B.|AB\tRUSGOV\t2016-01-01\t\tpresident",
            3,
            "already on line 2",
            id="overlapping-duplicate",
        ),
        pytest.param(
            PEOPLE_HEADER,
            "a-b\tA B\t\tRUSGOV\t2015-01-01\t\tpresident\tpresident\tyes\n"
            "a-b\tA B\t\tRUSGOV\t2016-01-01\t\tpremier\tprime minister\t",
            3,
            "overlaps their role in extra.tsv:2",
            id="one-person-overlapping-roles",
        ),
    ],
)
def test_actor_dictionary_bad_user_file_names_file_and_line(
    tmp_path: Path, header: tuple[str, ...], row: str, line: int, message: str
) -> None:
    path = _write(tmp_path, header, row)
    with pytest.raises(DataFileError, match=message) as caught:
        load_actor_dictionary(extra=[path])
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_actor_dictionary_missing_user_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.tsv"
    with pytest.raises(DataFileError, match="cannot read") as caught:
        load_actor_dictionary(extra=[path])
    assert caught.value.path == str(path)


def _people_table(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    lines = ["\t".join(PEOPLE_HEADER), *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("minister_row", "message"),
    [
        pytest.param(
            "ann-lee\tAnn Lee\t\tFRAGOV\t2014-01-01\t2016-01-01\tminister\t"
            "foreign minister\t",
            "overlaps their role in people.tsv:2",
            id="overlapping-dates",
        ),
        pytest.param(
            "ann-lee\tAnne Lee\t\tFRAGOV\t2010-01-01\t2011-01-01\tminister\t"
            "foreign minister\t",
            "named 'Ann Lee' in people.tsv:2",
            id="contradictory-names",
        ),
    ],
)
def test_actor_dictionary_people_rows_checked_across_tables(
    tmp_path: Path, minister_row: str, message: str
) -> None:
    people = _people_table(
        tmp_path,
        "people.tsv",
        "ann-lee\tAnn Lee\t\tFRAGOV\t2015-01-01\t\tpresident\tpresident\tyes",
    )
    ministers = _people_table(tmp_path, "ministers.tsv", "", minister_row)
    tables = [read_table(people, PEOPLE_HEADER), read_table(ministers, PEOPLE_HEADER)]
    with pytest.raises(DataFileError, match=message) as caught:
        check_people_across(tables)
    assert caught.value.path == str(ministers)
    assert caught.value.line == 3


def test_actor_dictionary_people_rows_that_follow_each_other_pass(
    tmp_path: Path,
) -> None:
    people = _people_table(
        tmp_path,
        "people.tsv",
        "ann-lee\tAnn Lee\t\tFRAGOV\t2015-01-01\t\tpresident\tpresident\tyes",
    )
    ministers = _people_table(
        tmp_path,
        "ministers.tsv",
        "ann-lee\tAnn Lee\t\tFRAGOV\t2012-01-01\t2014-12-31\tminister\t"
        "foreign minister\t",
    )
    check_people_across(
        [read_table(people, PEOPLE_HEADER), read_table(ministers, PEOPLE_HEADER)]
    )


def test_actor_dictionary_unknown_country_code_names_line(tmp_path: Path) -> None:
    path = _people_table(
        tmp_path,
        "extra.tsv",
        "ann-lee\tAnn Lee\t\tXYZGOV\t2015-01-01\t\tpresident\tpresident\tyes",
    )
    with pytest.raises(DataFileError, match="unknown country 'XYZ'") as caught:
        load_actor_dictionary(extra=[path])
    assert (caught.value.path, caught.value.line) == (str(path), 2)


@pytest.mark.parametrize(
    ("owner", "office", "day", "names"),
    [
        pytest.param("FRA", "president", date(2015, 11, 27), ["François Hollande"]),
        pytest.param("FRA", "president", date(2018, 1, 1), ["Emmanuel Macron"]),
        pytest.param("FRAGOV", "president", date(2015, 11, 27), ["François Hollande"]),
        pytest.param("GBR", "foreign minister", date(2015, 11, 27), ["Philip Hammond"]),
        pytest.param("USA", "foreign minister", date(2015, 11, 27), ["John Kerry"]),
        pytest.param(
            "QAT", "monarch", date(2015, 11, 27), ["Tamim bin Hamad Al Thani"]
        ),
        pytest.param(
            "IGOWSTNAT", "secretary-general", date(2015, 11, 27), ["Jens Stoltenberg"]
        ),
        pytest.param("USA", "leader", date(2015, 11, 27), ["Barack Obama"]),
        pytest.param("USA", "chancellor", date(2015, 11, 27), []),
    ],
)
def test_actor_dictionary_office_holders_on_date(
    actors: ActorDictionary, owner: str, office: str, day: date, names: list[str]
) -> None:
    assert [e.name for e in actors.office_holders(owner, office, on=day)] == names


def test_actor_dictionary_office_holders_rejects_unknown_office(
    actors: ActorDictionary,
) -> None:
    with pytest.raises(ValueError, match="unknown office 'pope'"):
        actors.office_holders("VAT", "pope", on=None)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param(["british", "prime", "minister"], "prime minister"),
        pytest.param(["foreign", "secretary"], "foreign minister"),
        pytest.param(["secretary", "of", "state"], "foreign minister"),
        pytest.param(["premier"], "prime minister"),
        pytest.param(["emir"], "monarch"),
        pytest.param(["queen"], "monarch"),
        pytest.param(["russian", "leader"], "leader"),
        pytest.param(["troops"], None),
    ],
)
def test_actor_dictionary_title_words_map_onto_offices(
    words: list[str], expected: str | None
) -> None:
    found = title_office(words)
    assert (None if found is None else found[1]) == expected
    if found is not None:
        assert found[1] in OFFICES


def test_actor_dictionary_titles_and_reference_nouns_are_agents(
    actors: ActorDictionary,
) -> None:
    # The resolver reads a title's sector from agents.tsv before it looks for
    # the office holder; a title missing there would never be followed.
    assert {t: actors.agent_sector(t) for t in TITLE_OFFICES} == dict.fromkeys(
        TITLE_OFFICES, "GOV"
    )
    missing = [
        noun
        for noun in REFERENCE_HEADS - COUNTRY_NOUNS
        if actors.agent_sector(noun) is None
    ]
    assert missing == []
