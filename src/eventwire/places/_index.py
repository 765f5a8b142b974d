"""The gazetteer's records and the key every name is indexed under."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

MAX_NAME_LENGTH = 60
# The longest name, in words, that is worth looking up.
MAX_NAME_WORDS = 6
FEATURES = ("country", "admin", "city", "landmark", "region", "water")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class GazetteerEntry:
    """One place the gazetteer knows. ``population`` ranks same-named places
    (``None`` where unknown); ``country`` is ISO-3; coordinates are ``None``
    where no point makes sense (a sea, a continent). ``evident`` marks names
    our own tables list (landmarks, regions, well-known areas): a bare
    capitalised mention of them is a place, where a province from ISO 3166-2
    needs a locative ("in Sindh") to be believed."""

    name: str
    feature: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int | None = None
    evident: bool = False


@dataclass(frozen=True, slots=True)
class NameMatch:
    """An entry found under a name; ``alias`` is True for an alternate name
    (another language's spelling), False for its main or English name."""

    entry: GazetteerEntry
    alias: bool


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The index key of a name: "The U.S." -> "us", "São Paulo" -> "sao paulo".

    Kept for the names seen most: every candidate of every article asks."""
    folded = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    key = _SEPARATORS.sub(" ", plain.replace(".", "").casefold()).strip()
    return key[4:] if key.startswith("the ") else key


Index = dict[str, tuple[GazetteerEntry, ...]]


class IndexBuilder:
    def __init__(self) -> None:
        self.names: defaultdict[str, list[GazetteerEntry]] = defaultdict(list)
        self.aliases: defaultdict[str, list[GazetteerEntry]] = defaultdict(list)
        self.regions: set[str] = set()

    def add(self, name: str, entry: GazetteerEntry, *, alias: bool = False) -> None:
        key = name_key(name)
        if not key or len(key) > MAX_NAME_LENGTH or len(key.split()) > MAX_NAME_WORDS:
            return
        known = (self.aliases if alias else self.names)[key]
        if entry not in known:
            known.append(entry)

    def frozen(self) -> tuple[Index, Index]:
        names = {key: tuple(self._kept(key, e)) for key, e in self.names.items()}
        aliases = {key: tuple(self._kept(key, e)) for key, e in self.aliases.items()}
        return names, aliases

    def _kept(self, key: str, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
        if key not in self.regions:
            return entries
        # "Gaza Strip" is the area, not the actor table's alias of Palestine
        # that shares its name (a former state of the areas table stays).
        return [e for e in entries if e.feature != "country" or e.evident]
