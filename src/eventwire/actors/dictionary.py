"""Load and index the actor tables: countries, metonyms, agents, organisations, people.

The tables are UTF-8 TSV files in ``eventwire/data/actors/`` (their columns and
coding conventions are documented in the README.md next to them). Every row is
checked as it is read; a malformed row raises :class:`~eventwire.errors.DataFileError`
naming the file, the line and the fix. The caller builds the dictionary once
with :func:`load_actor_dictionary` and passes it to the stages that need it.

Phrases are compared in a normalised form (:func:`normalise`): case-folded,
accents and a leading "the " removed, quotes straightened, hyphens and runs of
white space collapsed to one space, so "the Élysée" finds "Elysee".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from eventwire.errors import DataFileError

SECTORS: Mapping[str, str] = MappingProxyType(
    {
        "GOV": "government: executives, ministers, officials, diplomats",
        "MIL": "military: armed forces and defence ministries",
        "REB": "rebels: armed non-state groups fighting a state",
        "INS": "insurgents (CAMEO; eventwire's own tables use REB)",
        "SEP": "separatist rebels",
        "UAF": "unaligned armed forces: militias, gunmen, private military companies",
        "OPP": "political opposition: opposition parties and leaders, dissidents",
        "PTY": "political parties",
        "COP": "police and internal security forces",
        "JUD": "judiciary: courts, judges, prosecutors",
        "SPY": "intelligence services",
        "MED": "media (CAMEO's meaning; PLOVER uses MED for health)",
        "EDU": "education: students, teachers, universities",
        "BUS": "business",
        "CRM": "criminals",
        "CVL": "civilians, including protesters and activists",
        "ELI": "elites: former officials, oligarchs, celebrities",
        "LEG": "legislature",
        "REF": "refugees, asylum seekers and migrants",
        "HLH": "health: doctors, nurses, hospitals",
        "LAB": "labour: workers and trade unions",
        "AGR": "agriculture: farmers",
        "HRI": "human rights groups and activists",
        "ENV": "environmental groups",
        "DEV": "development organisations",
        "SET": "settlers",
    }
)
"""Role blocks allowed after the country block, with their meaning."""

INTERNATIONAL = frozenset({"IGO", "IMG", "NGO", "MNC"})
"""First blocks that stand for international actors instead of a country."""

KINDS = (
    "country",
    "capital",
    "adjective",
    "metonym",
    "agent",
    "organisation",
    "person",
)

# When one phrase is in several tables, the most specific reading wins:
# "Congress" is the US legislature (metonym) before it is any legislature (agent).
_PRECEDENCE = (
    "organisation",
    "person",
    "metonym",
    "country",
    "adjective",
    "capital",
    "agent",
)

COUNTRY_HEADER = ("iso3", "name", "aliases", "adjectives", "capitals")
METONYM_HEADER = ("phrase", "code", "note")
AGENT_HEADER = ("phrase", "sector", "note")
ORGANISATION_HEADER = ("id", "name", "aliases", "code", "country", "sector")
PEOPLE_HEADER = (
    "id",
    "name",
    "aliases",
    "code",
    "start",
    "end",
    "role",
    "office",
    "leader",
)

#: The offices a people row may name; titles in text ("foreign secretary",
#: "emir") are mapped onto these by the resolver.
OFFICES = frozenset(
    {
        "president",
        "vice president",
        "prime minister",
        "deputy prime minister",
        "chancellor",
        "monarch",
        "crown prince",
        "supreme leader",
        "foreign minister",
        "defence minister",
        "interior minister",
        "finance minister",
        "secretary-general",
        "leader",
    }
)

_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")
_ISO3 = re.compile(r"[A-Z]{3}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHORT_ACRONYM = 3
# Letters NFKD does not decompose, typographic quotes, and dashes (as spaces).
_FOLD = str.maketrans(
    "ıİłŁøØđĐ‘’‛ʼʻ`´“”„-‐‑‒–—−",
    "iIlLoOdD'''''''\"\"\"       ",
) | str.maketrans({"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


def normalise(phrase: str) -> str:
    """Return the form in which phrases are compared.

    Example:
        >>> normalise("the  Élysée")
        'elysee'
        >>> normalise("Kim Jong-un") == normalise("kim jong un")
        True
    """
    folded = unicodedata.normalize("NFKD", phrase.translate(_FOLD))
    bare = "".join(char for char in folded if not unicodedata.combining(char))
    text = " ".join(bare.casefold().split())
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    """One surface form of one actor-table row.

    ``id`` names the row (``country:RUS``, ``capital:RUS``, ``metonym:kremlin``,
    ``agent:president``, ``org:nato``, ``person:vladimir-putin#2`` for the
    person's second role) and ``phrase`` the form as written in the table.
    ``code`` is the full actor code (``None`` for agents, which only carry a
    sector); ``start``/``end``/``role`` are set for people only, ``end`` being
    the last day in office (``None`` while in office).
    """

    id: str
    kind: str
    phrase: str
    code: str | None
    country: str | None
    sector: str | None
    name: str
    start: date | None = None
    end: date | None = None
    role: str | None = None
    office: str | None = None
    leader: bool = False

    @property
    def case_sensitive(self) -> bool:
        """True for short all-capital acronyms (US, UK, IS, WHO, EU...).

        They collide with common words once case-folded ("us", "is", "who"), so
        :meth:`ActorDictionary.lookup` only matches them as written.
        """
        letters = self.phrase.replace(".", "").replace(" ", "")
        return (
            len(letters) <= _SHORT_ACRONYM and letters.isalpha() and letters.isupper()
        )

    def valid_on(self, day: date) -> bool:
        """Whether the role holds on ``day`` (always true for non-people)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorDictionary:
    """Every actor-table entry, indexed by normalised phrase.

    Build it with :func:`load_actor_dictionary`. The index is made once, when
    the dictionary is constructed.

    Example:
        >>> actors = load_actor_dictionary()
        >>> actors.lookup("the Kremlin").code
        'RUSGOV'
        >>> actors.lookup("Obama", on=date(2015, 11, 27)).code
        'USAGOV'
        >>> actors.agent_sector("troops")
        'MIL'
    """

    entries: tuple[ActorEntry, ...]
    _index: Mapping[str, tuple[ActorEntry, ...]] = field(
        init=False, repr=False, compare=False
    )
    _sectors: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[ActorEntry]] = {}
        sectors: dict[str, str] = {}
        for entry in self.entries:
            key = normalise(entry.phrase)
            index.setdefault(key, []).append(entry)
            if entry.kind == "agent" and entry.sector is not None:
                sectors.setdefault(key, entry.sector)
        frozen = {key: tuple(found) for key, found in index.items()}
        object.__setattr__(self, "_index", MappingProxyType(frozen))
        object.__setattr__(self, "_sectors", MappingProxyType(sectors))

    def phrases(self) -> Mapping[str, tuple[ActorEntry, ...]]:
        """Normalised phrase -> every entry with that phrase (read-only)."""
        return self._index

    def lookup(
        self,
        phrase: str,
        *,
        on: date | None = None,
        kinds: Collection[str] | None = None,
    ) -> ActorEntry | None:
        """Return the entry ``phrase`` names, or ``None``.

        People resolve to the role held on ``on``, or to their latest role when
        ``on`` is ``None``; a person with no role on that date is no match
        ("Obama" on 2020-01-01). When a phrase is in several tables the order is
        organisation, person, metonym, country, adjective, capital, agent;
        ``kinds`` restricts the search. Short all-capital acronyms only match
        as written (``"US"`` is the United States, ``"us"`` is nothing).
        """
        wanted = KINDS if kinds is None else tuple(kinds)
        unknown = set(wanted) - set(KINDS)
        if unknown:
            raise ValueError(
                f"unknown kinds {sorted(unknown)!r}; use some of {KINDS!r}"
            )
        candidates = self._index.get(normalise(phrase), ())
        if not candidates:
            return None
        surface = _surface(phrase)
        for kind in _PRECEDENCE:
            if kind not in wanted:
                continue
            matches = [
                entry
                for entry in candidates
                if entry.kind == kind
                and (not entry.case_sensitive or entry.phrase == surface)
            ]
            if kind == "person":
                chosen = _role(matches, on)
                if chosen is not None:
                    return chosen
            elif matches:
                return matches[0]
        return None

    def agent_sector(self, word: str) -> str | None:
        """The sector of an agent word, lemma or phrase ("troops" -> "MIL")."""
        return self._sectors.get(normalise(word))


def load_actor_dictionary(extra: Sequence[Path] = ()) -> ActorDictionary:
    """Read the packaged actor tables plus optional user tables.

    ``extra`` files use the people or organisations columns (recognised by
    their header). Their rows replace every packaged entry with the same
    normalised phrase, and a later file overrides an earlier one.

    Raises:
        DataFileError: a table is missing, unreadable or malformed.

    Example:
        >>> actors = load_actor_dictionary()
        >>> actors.lookup("Moscow").code
        'RUSGOV'
    """
    folder = files("eventwire") / "data" / "actors"
    countries = _read(folder / "countries.tsv", COUNTRY_HEADER)
    known = {row[0] for _, row in countries.rows}
    entries = [
        *_countries(countries),
        *_named(_read(folder / "metonyms.tsv", METONYM_HEADER), "metonym", known),
        *_named(_read(folder / "agents.tsv", AGENT_HEADER), "agent", known),
        *_organisations(
            _read(folder / "organisations.tsv", ORGANISATION_HEADER), known
        ),
        *_people(_read(folder / "people.tsv", PEOPLE_HEADER), known),
        *_people(
            _read(folder / "ministers.tsv", PEOPLE_HEADER), known, prefix="minister"
        ),
    ]
    for path in extra:
        table = _read(Path(path), None)
        if table.header == PEOPLE_HEADER:
            added = _people(table, known)
        else:
            added = _organisations(table, known)
        replaced = {normalise(entry.phrase) for entry in added}
        entries = [e for e in entries if normalise(e.phrase) not in replaced]
        entries.extend(added)
    return ActorDictionary(entries=tuple(entries))


@dataclass(frozen=True, slots=True)
class _Table:
    path: str
    header: tuple[str, ...]
    rows: list[tuple[int, list[str]]]

    def error(self, message: str, line: int | None = None) -> DataFileError:
        return DataFileError(message, path=self.path, line=line)


def _read(source: Traversable | Path, header: tuple[str, ...] | None) -> _Table:
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
    return _Table(path, expected, rows)


def _countries(table: _Table) -> list[ActorEntry]:
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


def _named(table: _Table, kind: str, known: set[str]) -> list[ActorEntry]:
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


def _organisations(table: _Table, known: set[str]) -> list[ActorEntry]:
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


def _people(
    table: _Table, known: set[str], *, prefix: str = "person"
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

    def __init__(self, table: _Table) -> None:
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


def _role(people: Iterable[ActorEntry], on: date | None) -> ActorEntry | None:
    held = [p for p in people if on is None or p.valid_on(on)]
    if not held:
        return None
    return max(held, key=lambda person: person.start or date.min)


def _code(
    table: _Table, line: int, code: str, known: set[str]
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


def _date(table: _Table, line: int, column: str, value: str) -> date:
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise table.error(
            f"bad {column} date {value!r}; write it as YYYY-MM-DD", line
        ) from None


def _required(table: _Table, line: int, column: str, value: str) -> str:
    if not value:
        raise table.error(f"the {column} column is empty; fill it in", line)
    return value


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


def _surface(phrase: str) -> str:
    text = " ".join(phrase.split())
    return text[4:] if text[:4].casefold() == "the " else text


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
