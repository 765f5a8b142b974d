"""Stored events out to the formats other tools read: CSV, JSON lines, Parquet,
GDELT 2.0 event tables and PLOVER JSON.

:func:`export_events` writes one format to a binary stream and returns how
many rows it wrote. Every format takes the store's event filters.

* ``jsonl``: one ``Event.as_record()`` object per event mention, plus
  ``group_id`` (its deduplicated event).
* ``csv`` and ``parquet``: the same mentions flattened to :data:`EXPORT_COLUMNS`
  (the ``eventwire events --format csv`` columns plus date text, place and
  group). Parquet is typed (:data:`PARQUET_SCHEMA`) and written in row groups
  of :data:`PARQUET_BATCH_SIZE` with pyarrow.
* ``gdelt``: one row per **deduplicated** event in GDELT 2.0's 61-column
  event-table layout, tab-separated, no header, as GDELT's own
  ``*.export.CSV`` files, so existing GDELT loaders read it. See
  :func:`gdelt_row` for the mapping of each column.
* ``plover``: one PLOVER record (manual, "Data Fields") per event mention
  that PLOVER can express: mentions whose CAMEO code has no PLOVER type, and
  negated mentions ("did not attack": nothing happened), are not written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from typing import IO, Any, Literal, Unpack

# pyarrow ships no type information.
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from eventwire.formats import CSV_COLUMNS, flatten_event
from eventwire.store import EventFilters, Store

ExportFormat = Literal["csv", "jsonl", "parquet", "gdelt", "plover"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    "csv",
    "jsonl",
    "parquet",
    "gdelt",
    "plover",
)
PARQUET_BATCH_SIZE = 10_000
EXPORT_COLUMNS = (
    *CSV_COLUMNS,
    "date_text",
    "date_value",
    "date_source",
    "place_name",
    "place_country",
    "place_lat",
    "place_lon",
    "dateline_name",
    "dateline_country",
    "group_id",
)
_INTEGER_COLUMNS = {"sentence", "quad_class", "evidence_start", "evidence_end"}
_FLOAT_COLUMNS = {"goldstein", "place_lat", "place_lon"}
_TYPES = {"negated": pa.bool_(), "date": pa.date32()}
PARQUET_SCHEMA = pa.schema(
    [
        (
            column,
            _TYPES.get(column)
            or (pa.int64() if column in _INTEGER_COLUMNS else None)
            or (pa.float64() if column in _FLOAT_COLUMNS else pa.string()),
        )
        for column in EXPORT_COLUMNS
    ]
)
_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{field}" for field in _ACTOR_FIELDS),
    *(f"Actor2{field}" for field in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{field}" for field in _GEO_FIELDS),
    *(f"Actor2Geo_{field}" for field in _GEO_FIELDS),
    *(f"ActionGeo_{field}" for field in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
# GDELT's GLOBALEVENTID is an integer: the first 15 hex digits of the group
# id (60 bits) fit a signed 64-bit column.
GLOBALEVENTID_HEX_DIGITS = 15
CODE_BLOCK = 3


def export_events(
    store: Store,
    stream: IO[bytes],
    *,
    output_format: ExportFormat,
    limit: int | None = None,
    **filters: Unpack[EventFilters],
) -> int:
    """Write the filtered events to ``stream`` as ``output_format``; return the rows.

    ``limit`` caps the rows (mentions, or deduplicated events for ``gdelt``).

    Raises:
        ValueError: an unknown format or a negative limit.
        TypeError: an unknown filter.
        StoreError: the store cannot be read.
    """
    if output_format not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {output_format!r}; use one of "
            f"{', '.join(EXPORT_FORMATS)}"
        )
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, not {limit!r}")
    if output_format == "gdelt":
        return _write_text(
            stream, _gdelt_lines(islice(store.event_groups(**filters), limit))
        )
    records = store.events(limit=limit, **filters)
    if output_format == "parquet":
        return _write_parquet(stream, records)
    if output_format == "jsonl":
        return _write_text(stream, (_json_line(record) for record in records))
    if output_format == "plover":
        plover = (plover_record(r) for r in records if _plover_expressible(r))
        return _write_text(stream, (_json_line(record) for record in plover))
    return _write_csv(stream, records)


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _write_text(stream: IO[bytes], lines: Iterable[str]) -> int:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    count = 0
    try:
        for line in lines:
            text.write(line)
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


def export_row(record: dict[str, Any]) -> dict[str, Any]:
    """One event record flattened to :data:`EXPORT_COLUMNS`."""
    row = flatten_event(record)
    place = record.get("place") or {}
    dateline = record.get("dateline") or {}
    row["date_text"] = record.get("date_text")
    row["date_value"] = record.get("date_value")
    row["date_source"] = record.get("date_source")
    row["place_name"] = place.get("name")
    row["place_country"] = place.get("country")
    row["place_lat"] = place.get("lat")
    row["place_lon"] = place.get("lon")
    row["dateline_name"] = dateline.get("name")
    row["dateline_country"] = dateline.get("country")
    row["group_id"] = record.get("group_id")
    return row


def _write_csv(stream: IO[bytes], records: Iterable[dict[str, Any]]) -> int:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    count = 0
    try:
        writer = csv.DictWriter(text, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(export_row(record))
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


def _write_parquet(stream: IO[bytes], records: Iterable[dict[str, Any]]) -> int:
    count = 0
    with pq.ParquetWriter(stream, PARQUET_SCHEMA) as writer:
        iterator = iter(records)
        while batch := list(islice(iterator, PARQUET_BATCH_SIZE)):
            rows = [export_row(record) for record in batch]
            for row in rows:
                day = row["date"]
                row["date"] = date.fromisoformat(day) if day else None
            writer.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA))
            count += len(rows)
    return count


# --- PLOVER -------------------------------------------------------------------


def _plover_expressible(record: dict[str, Any]) -> bool:
    return record.get("plover") is not None and not record["negated"]


def _plover_entity(actor: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": actor["code"],
        "sector": actor["sector"],
        "entity_text": actor["text"],
        "identifier_text": actor["name"],
        "country": actor["country"],
    }


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER JSON record of an event mention that has a PLOVER type.

    ``link`` ties the mentions of one deduplicated event; ``text_info`` points
    at the evidence (``text_story`` is the article id, ``sequence`` the
    sentence); ``comment`` carries a non-asserted modality ("future",
    "reported"...), which PLOVER has no field for.
    """
    plover = record["plover"]
    place = record.get("place")
    target = record.get("target")
    evidence = record["evidence"]
    return {
        "id": record["event_id"],
        "date": record["date"],
        "event": [plover["type"]],
        "mode": [plover["mode"]] if plover["mode"] else [],
        "context": [],
        "actor": [_plover_entity(record["source"])],
        "recipient": [_plover_entity(target)] if target else [],
        "event_loc": (
            {
                "extracted_place": place["text"],
                "resolved_place": place["name"],
                "geonameid": place["geonameid"],
                "lat": place["lat"],
                "lon": place["lon"],
                "province": place["admin1"],
                "country_code": place["country"],
                "feature_code": place["feature"],
            }
            if place
            else None
        ),
        "event_text": [evidence["text"]],
        "quad_code": record["quad_class"],
        "link": record.get("group_id"),
        "text_info": {
            "sequence": record["sentence"],
            "start": evidence["start"],
            "end": evidence["end"],
            "text_story": record["article_id"],
        },
        "cite_info": {"coder": record["coder"], "codebook": record["ontology"]},
        "coder": record["coder"],
        "comment": (
            None
            if record["modality"] == "asserted"
            else f"modality: {record['modality']}"
        ),
    }


# --- GDELT --------------------------------------------------------------------


def _gdelt_lines(groups: Iterable[dict[str, Any]]) -> Iterator[str]:
    for group in groups:
        yield "\t".join(_gdelt_cell(value) for value in gdelt_row(group)) + "\n"


def _gdelt_cell(value: Any) -> str:
    if value is None:
        return ""
    # Tabs and newlines would break the row; GDELT's files never contain them.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _actor_columns(actor: dict[str, Any] | None) -> list[Any]:
    if actor is None:
        return [None] * len(_ACTOR_FIELDS)
    code = actor["code"] or ""
    country = actor["country"]
    # The blocks after the country block are GDELT's Type1..Type3 codes.
    rest = code[len(country) :] if country and code.startswith(country) else ""
    types = [rest[i : i + CODE_BLOCK] or None for i in range(0, 3 * CODE_BLOCK, 3)]
    return [actor["code"], actor["name"], country, None, None, None, None, *types]


def _geo_type(place: dict[str, Any]) -> int:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    feature = place.get("feature") or ""
    in_us = place.get("country") == "USA"
    if feature.startswith("PCL"):
        return 1
    if feature.startswith("ADM1"):
        return 2 if in_us else 5
    return 3 if in_us else 4


def _geo_columns(place: dict[str, Any] | None) -> list[Any]:
    if place is None:
        return [None] * len(_GEO_FIELDS)
    return [
        _geo_type(place),
        place["name"],
        place["country"],
        place["admin1"],
        None,
        place["lat"],
        place["lon"],
        place["geonameid"],
    ]


def gdelt_row(group: dict[str, Any]) -> list[Any]:
    """One deduplicated event as the 61 GDELT 2.0 event-table values.

    Mapping: GLOBALEVENTID from the group id; SQLDATE/MonthYear/Year/
    FractionDate from the event date (FractionDate = year + (day of year - 1)
    / days in the year); Actor1/Actor2 from source/target (Code, Name,
    CountryCode as ISO-3 or IGO/NGO..., Type1-3Code from the code blocks after
    the country; KnownGroup, Ethnic and Religion codes empty); IsRootEvent 1
    when a mention is in the first sentence; EventCode/BaseCode/RootCode,
    QuadClass, GoldsteinScale; NumMentions/NumSources/NumArticles from the
    group; AvgTone empty (no tone is computed); Actor1Geo/Actor2Geo empty;
    ActionGeo from the event place (CountryCode is ISO-3, not GDELT's FIPS);
    DATEADDED the first mention's coding time (YYYYMMDDHHMMSS, UTC);
    SOURCEURL its article URL.
    """
    record = group["record"]
    day = date.fromisoformat(group["date"]) if group["date"] else None
    added = datetime.fromisoformat(group["added"]) if group["added"] else None
    year_days = 366 if day and _is_leap(day.year) else 365
    return [
        int(group["group_id"][:GLOBALEVENTID_HEX_DIGITS], 16),
        day.strftime("%Y%m%d") if day else None,
        day.strftime("%Y%m") if day else None,
        day.year if day else None,
        (
            f"{day.year + (day.timetuple().tm_yday - 1) / year_days:.4f}"
            if day
            else None
        ),
        *_actor_columns(record["source"]),
        *_actor_columns(record.get("target")),
        1 if group["first_sentence"] == 0 else 0,
        group["cameo"],
        group["cameo"][:3],
        group["cameo_root"],
        group["quad_class"],
        group["goldstein"],
        group["mentions"],
        group["sources"],
        group["articles"],
        None,
        *_geo_columns(None),
        *_geo_columns(None),
        *_geo_columns(record.get("place")),
        added.strftime("%Y%m%d%H%M%S") if added else None,
        group["url"],
    ]


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
