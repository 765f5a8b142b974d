"""Read and check the actor tables (TSV) into :class:`ActorEntry` records.

Every row is checked as it is read; a malformed row, an unknown country code or
role dates that contradict each other raise :class:`~eventwire.errors.DataFileError`
naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path

from eventwire.actors.entry import (
    INTERNATIONAL,
    OFFICES,
    ORGANISATION_HEADER,
    PEOPLE_HEADER,
    SECTORS,
    ActorEntry,
    normalise,
)
from eventwire.errors import DataFileError

_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")
_ISO3 = re.compile(r"[A-Z]{3}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Table:
    """The checked rows of one table, each with its 1-based line number."""

    path: str
    header: tuple[str, ...]
    rows: list[tuple[int, list[str]]]

    def error(self, message: str, line: int | None = None) -> DataFileError:
        return DataFileError(message, path=self.path, line=line)


def read_table(source: Traversable | Path, header: tuple[str, ...] | None) -> Table:
    """Read a TSV table, checking its header (or, for user files, recognising it)."""
    path = str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(
            f"cannot read the table ({error}); it must be a UTF-8 text file",
            path=path,
        ) from error
    lines = text.splitlines()
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    records = [
        (number, [cell.strip() for cell in row]) for number, row in enumerate(reader, 1)
    ]
    if not records:
        raise DataFileError(
            "the file is empty; it needs a header row", path=path, line=1
        )
    found = tuple(records[0][1])
    # User people files may leave out the trailing office and leader columns.
    padding = len(PEOPLE_HEADER) - len(found) if header is None else 0
    if found == PEOPLE_HEADER[: len(PEOPLE_HEADER) - padding] and padding in (1, 2):
        short = len(found)
        records = [
            (number, [*row, *[""] * padding] if len(row) == short else row)
            for number, row in records
        ]
        found = PEOPLE_HEADER
    expected = header or (
        found if found in (PEOPLE_HEADER, ORGANISATION_HEADER) else None
    )
    if expected is None:
        raise DataFileError(
            f"header {found!r} is neither the people header {PEOPLE_HEADER!r} nor the "
            f"organisations header {ORGANISATION_HEADER!r}; write one of them, "
            "tab-separated, on the first line",
            path=path,
            line=1,
        )
    if found != expected:
        raise DataFileError(
            f"header is {found!r}; write {expected!r}, tab-separated, on line 1",
            path=path,
            line=1,
        )
    rows: list[tuple[int, list[str]]] = []
    for number, row in records[1:]:
        if not any(row):
            continue
        if len(row) != len(expected):
            raise DataFileError(
                f"row has {len(row)} columns, expected {len(expected)} "
                f"({', '.join(expected)}); separate columns with one tab and list "
                "items with '|'",
                path=path,
                line=number,
            )
        rows.append((number, row))
    return Table(path, expected, rows)


def country_entries(table: Table) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    seen = _Seen(table)
    codes: set[str] = set()
    for line, (iso3, name, aliases, adjectives, capitals) in table.rows:
        if not _ISO3.fullmatch(iso3):
            raise table.error(f"bad country code {iso3!r}; use 3 capital letters", line)
        if iso3 in codes:
            raise table.error(f"country {iso3!r} is listed twice; merge the rows", line)
        codes.add(iso3)
        name = _required(table, line, "name", name)
        for phrase in [name, *_items(aliases)]:
            entries.append(seen.add(line, _place("country", iso3, phrase, name)))
        for phrase in _items(adjectives):
            entries.append(seen.add(line, _place("adjective", iso3, phrase, name)))
        for phrase in _items(capitals):
            entries.append(seen.add(line, _place("capital", iso3, phrase, name)))
    return entries


def _place(kind: str, iso3: str, phrase: str, name: str) -> ActorEntry:
    capital = kind == "capital"
    return ActorEntry(
        id=f"{kind}:{iso3}",
        kind=kind,
        phrase=phrase,
        code=f"{iso3}GOV" if capital else iso3,
        country=iso3,
        sector="GOV" if capital else None,
        name=name,
    )


def named_entries(table: Table, kind: str, known: set[str]) -> list[ActorEntry]:
    """Metonym rows (phrase, code, note) or agent rows (phrase, sector, note)."""
    entries: list[ActorEntry] = []
    seen = _Seen(table)
    for line, (phrases, value, _note) in table.rows:
        forms = _items(_required(table, line, "phrase", phrases))
        code: str | None = value
        country: str | None = None
        sector: str | None = value
        if kind == "metonym":
            country, sector = _code(table, line, value, known)
        elif value not in SECTORS:
            raise table.error(_unknown_sector(value), line)
        else:
            code = None
            for phrase in forms:
                if phrase != phrase.lower():
                    message = (
                        f"write agent {phrase!r} in lower case: {phrase.lower()!r}"
                    )
                    raise table.error(message, line)
        row_id = seen.row_id(line, f"{kind}:{_slug(forms[0])}")
        for phrase in forms:
            entry = ActorEntry(
                id=row_id,
                kind=kind,
                phrase=phrase,
                code=code,
                country=country,
                sector=sector,
                name=forms[0],
            )
            entries.append(seen.add(line, entry))
    return entries


def organisation_entries(table: Table, known: set[str]) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    seen = _Seen(table)
    for line, (row_id, name, aliases, code, country, sector) in table.rows:
        if not _ID.fullmatch(row_id):
            raise table.error(_bad_id(row_id), line)
        seen.row_id(line, f"org:{row_id}")
        name = _required(table, line, "name", name)
        _, roles_in_code = _code(table, line, code, known)
        if country not in known and country not in INTERNATIONAL:
            raise table.error(_unknown_country(country), line)
        if not code.startswith(country):
            raise table.error(
                f"code {code!r} must start with its country {country!r}", line
            )
        if sector and (
            not _CODE.fullmatch(sector)
            or any(b not in SECTORS for b in _blocks(sector))
        ):
            raise table.error(_unknown_sector(sector), line)
        if (sector or None) != roles_in_code:
            raise table.error(
                f"sector {sector!r} does not match the role blocks of code {code!r} "
                f"({roles_in_code or 'none'}); make the sector column list them",
                line,
            )
        for phrase in [name, *_items(aliases)]:
            entry = ActorEntry(
                id=f"org:{row_id}",
                kind="organisation",
                phrase=phrase,
                code=code,
                country=country,
                sector=sector or None,
                name=name,
            )
            entries.append(seen.add(line, entry))
    return entries


def people_entries(
    table: Table, known: set[str], *, prefix: str = "person"
) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    seen = _Seen(table)
    names: dict[str, str] = {}
    roles: dict[str, int] = {}
    for line, (
        person,
        name,
        aliases,
        code,
        start,
        end,
        role,
        office,
        leader,
    ) in table.rows:
        if not _ID.fullmatch(person):
            raise table.error(_bad_id(person), line)
        name = _required(table, line, "name", name)
        if names.setdefault(person, name) != name:
            raise table.error(
                f"id {person!r} is named {names[person]!r} on an earlier row and "
                f"{name!r} here; use one name per id",
                line,
            )
        country, sector = _code(table, line, code, known)
        first = _date(table, line, "start", _required(table, line, "start", start))
        last = _date(table, line, "end", end) if end else None
        if last is not None and last < first:
            raise table.error(
                f"start {first.isoformat()} is after end {last.isoformat()}; "
                "swap them or fix the typo",
                line,
            )
        if office and office not in OFFICES:
            raise table.error(
                f"unknown office {office!r}; use one of {', '.join(sorted(OFFICES))} "
                "or leave it empty",
                line,
            )
        if leader not in ("", "yes"):
            raise table.error(
                f"leader is {leader!r}; write 'yes' for the country's or group's "
                "leader, else leave it empty",
                line,
            )
        roles[person] = roles.get(person, 0) + 1
        for phrase in [name, *_items(aliases)]:
            entry = ActorEntry(
                id=f"{prefix}:{person}#{roles[person]}",
                kind="person",
                phrase=phrase,
                code=code,
                country=country,
                sector=sector,
                name=name,
                start=first,
                end=last,
                role=role or None,
                office=office or None,
                leader=leader == "yes",
            )
            entries.append(seen.add(line, entry))
    return entries


class _Seen:
    """The phrases and row ids of one table so far, to reject duplicates."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.phrases: dict[str, list[tuple[int, ActorEntry]]] = {}
        self.ids: dict[str, int] = {}

    def add(self, line: int, entry: ActorEntry) -> ActorEntry:
        key = normalise(entry.phrase)
        if not key:
            raise self.table.error("empty phrase; remove the stray '|'", line)
        earlier = self.phrases.setdefault(key, [])
        for other_line, other in earlier:
            # Spelling variants on one row ("Erdoğan|Erdogan") are kept: the
            # token matcher compares lower-cased text, not normalised text.
            variant = other_line == line and other.kind == entry.kind
            if not variant and not _disjoint(entry, other):
                raise self.table.error(
                    f"phrase {entry.phrase!r} (normalised {key!r}) is already on line "
                    f"{other_line}; remove one of them (people may share a phrase "
                    "only when their dates do not overlap)",
                    line,
                )
        earlier.append((line, entry))
        return entry

    def row_id(self, line: int, row_id: str) -> str:
        other = self.ids.setdefault(row_id, line)
        if other != line:
            raise self.table.error(
                f"id {row_id!r} is already used on line {other}; rename one", line
            )
        return row_id


def _disjoint(first: ActorEntry, second: ActorEntry) -> bool:
    if first.kind != "person" or second.kind != "person":
        return False
    first_start, second_start = first.start or date.min, second.start or date.min
    first_end, second_end = first.end or date.max, second.end or date.max
    return first_end < second_start or second_end < first_start


def _code(
    table: Table, line: int, code: str, known: set[str]
) -> tuple[str, str | None]:
    """Check a full actor code; return its country block and its sector blocks."""
    if not _CODE.fullmatch(code):
        raise table.error(
            f"bad code {code!r}; write 3-letter capital blocks such as 'RUSGOV' or "
            "'IGOWSTNAT'",
            line,
        )
    country, *rest = _blocks(code)
    if country not in known and country not in INTERNATIONAL:
        raise table.error(_unknown_country(country), line)
    sector = "".join(block for block in rest if block in SECTORS)
    return country, sector or None


def _blocks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _date(table: Table, line: int, column: str, value: str) -> date:
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise table.error(
            f"bad {column} date {value!r}; write it as YYYY-MM-DD", line
        ) from None


def _required(table: Table, line: int, column: str, value: str) -> str:
    if not value:
        raise table.error(f"the {column} column is empty; fill it in", line)
    return value


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


def _slug(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(phrase)).strip("-")


def _unknown_country(country: str) -> str:
    return (
        f"unknown country {country!r}; use an ISO-3 code from countries.tsv or one "
        f"of {', '.join(sorted(INTERNATIONAL))}"
    )


def _unknown_sector(sector: str) -> str:
    return f"unknown sector {sector!r}; use one of {', '.join(SECTORS)}"


def _bad_id(row_id: str) -> str:
    return (
        f"bad id {row_id!r}; use lower-case letters, digits and '-' "
        "(e.g. 'vladimir-putin')"
    )


def check_people_across(tables: Sequence[Table]) -> None:
    """Reject one person's rows that contradict each other across people tables.

    A person may appear in people.tsv and ministers.tsv (Steinmeier was foreign
    minister, then president), but under one name and with roles that do not
    overlap: the later row must start after the earlier one ends.
    """
    rows: dict[str, list[tuple[Table, int, str, date, date]]] = {}
    for table in tables:
        for line, row in table.rows:
            person, name, start, end = row[0], row[1], row[4], row[5]
            try:
                first = date.fromisoformat(start)
                last = date.fromisoformat(end) if end else date.max
            except ValueError:
                continue  # the row check names the bad date
            for other, other_line, other_name, other_first, other_last in rows.get(
                person, []
            ):
                where = f"{Path(other.path).name}:{other_line}"
                if other_name != name:
                    raise table.error(
                        f"id {person!r} is named {other_name!r} in {where} and "
                        f"{name!r} here; use one name per id",
                        line,
                    )
                if first <= other_last and other_first <= last:
                    raise table.error(
                        f"the role of {person!r} from {start} to {end or 'today'} "
                        f"overlaps their role in {where} "
                        f"({other_first.isoformat()} to "
                        f"{'today' if other_last == date.max else other_last}); "
                        "end the earlier role the day before the later one starts",
                        line,
                    )
            rows.setdefault(person, []).append((table, line, name, first, last))
