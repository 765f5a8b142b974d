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

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

from eventwire.actors._tables import (
    check_people_across,
    country_entries,
    named_entries,
    organisation_entries,
    people_entries,
    read_table,
)
from eventwire.actors.entry import (
    AGENT_HEADER,
    COUNTRY_HEADER,
    INTERNATIONAL,
    KINDS,
    METONYM_HEADER,
    OFFICES,
    ORGANISATION_HEADER,
    PEOPLE_HEADER,
    SECTORS,
    ActorEntry,
    normalise,
)

__all__ = [
    "AGENT_HEADER",
    "COUNTRY_HEADER",
    "INTERNATIONAL",
    "KINDS",
    "METONYM_HEADER",
    "OFFICES",
    "ORGANISATION_HEADER",
    "PEOPLE_HEADER",
    "SECTORS",
    "ActorDictionary",
    "ActorEntry",
    "load_actor_dictionary",
    "normalise",
]

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
    _roles: Mapping[str, tuple[ActorEntry, ...]] = field(
        init=False, repr=False, compare=False
    )
    _country_names: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[ActorEntry]] = {}
        sectors: dict[str, str] = {}
        roles: dict[str, dict[str, ActorEntry]] = {}
        names: dict[str, str] = {}
        for entry in self.entries:
            if entry.kind == "country" and entry.country is not None:
                names.setdefault(entry.country, entry.name)
            key = normalise(entry.phrase)
            index.setdefault(key, []).append(entry)
            if entry.kind == "agent" and entry.sector is not None:
                sectors.setdefault(key, entry.sector)
            if entry.kind == "person" and entry.code is not None:
                # One entry per role (not per alias) is enough to name a holder.
                roles.setdefault(entry.code, {}).setdefault(entry.id, entry)
        frozen = {key: tuple(found) for key, found in index.items()}
        object.__setattr__(self, "_index", MappingProxyType(frozen))
        object.__setattr__(self, "_sectors", MappingProxyType(sectors))
        held = {code: tuple(found.values()) for code, found in roles.items()}
        object.__setattr__(self, "_roles", MappingProxyType(held))
        object.__setattr__(self, "_country_names", MappingProxyType(names))

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

    def office_holders(
        self, owner: str, office: str, *, on: date | None
    ) -> tuple[ActorEntry, ...]:
        """The people holding ``office`` for ``owner`` on ``on``, oldest role first.

        ``owner`` is an ISO-3 country (its government: ``"FRA"`` means
        ``FRAGOV``) or a full actor code (``"IGOWSTNAT"``, ``"IMGMUSISI"``).
        ``office`` is one of :data:`OFFICES`; ``"leader"`` means the rows marked
        ``leader=yes``, whatever their office. With ``on=None`` every role
        counts. Several holders come back when the tables mark several people
        (France's president and prime minister are both ``leader=yes``).

        Example:
            >>> actors = load_actor_dictionary()
            >>> [p.name for p in actors.office_holders(
            ...     "FRA", "president", on=date(2015, 11, 27))]
            ['François Hollande']
        """
        if office not in OFFICES:
            raise ValueError(
                f"unknown office {office!r}; use one of {', '.join(sorted(OFFICES))}"
            )
        code = f"{owner}GOV" if len(owner) == len("FRA") else owner
        held = [
            entry
            for entry in self._roles.get(code, ())
            if (entry.leader if office == "leader" else entry.office == office)
            and (on is None or entry.valid_on(on))
        ]
        return tuple(sorted(held, key=lambda entry: entry.start or date.min))

    def country_name(self, iso3: str) -> str | None:
        """The table name of a country ("GBR" -> "United Kingdom"), else ``None``."""
        return self._country_names.get(iso3)

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
    countries = read_table(folder / "countries.tsv", COUNTRY_HEADER)
    known = {row[0] for _, row in countries.rows}
    people = read_table(folder / "people.tsv", PEOPLE_HEADER)
    ministers = read_table(folder / "ministers.tsv", PEOPLE_HEADER)
    check_people_across([people, ministers])
    entries = [
        *country_entries(countries),
        *named_entries(
            read_table(folder / "metonyms.tsv", METONYM_HEADER), "metonym", known
        ),
        *named_entries(read_table(folder / "agents.tsv", AGENT_HEADER), "agent", known),
        *organisation_entries(
            read_table(folder / "organisations.tsv", ORGANISATION_HEADER), known
        ),
        *people_entries(people, known),
        *people_entries(ministers, known, prefix="minister"),
    ]
    for path in extra:
        table = read_table(Path(path), None)
        if table.header == PEOPLE_HEADER:
            check_people_across([table])
            added = people_entries(table, known)
        else:
            added = organisation_entries(table, known)
        replaced = {normalise(entry.phrase) for entry in added}
        entries = [e for e in entries if normalise(e.phrase) not in replaced]
        entries.extend(added)
    return ActorDictionary(entries=tuple(entries))


def _role(people: Iterable[ActorEntry], on: date | None) -> ActorEntry | None:
    held = [p for p in people if on is None or p.valid_on(on)]
    if not held:
        return None
    return max(held, key=lambda person: person.start or date.min)


def _surface(phrase: str) -> str:
    text = " ".join(phrase.split())
    return text[4:] if text[:4].casefold() == "the " else text
