"""Exports: every format is read back by pyarrow, DuckDB or the csv/json
modules (never pandas), on both store backends."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.export import (
    EXPORT_COLUMNS,
    GDELT_COLUMNS,
    PARQUET_SCHEMA,
    export_events,
)
from eventwire.model import Place, PloverCode, TextSpan
from eventwire.store import Store, open_store
from store_records import CODER, ONTOLOGY, make_coded, make_event

pytest_plugins = ["store_backends"]

KYIV = Place(
    text="Kyiv",
    start=30,
    end=34,
    name="Kyiv",
    country="UKR",
    admin1="Kyiv City",
    lat=50.45,
    lon=30.52,
    geonameid=703448,
    feature="PPLC",
)


@pytest.fixture
def filled_store(store: Store) -> Store:
    in_kyiv = replace(make_event("a1", 1, source="RUSGOVMIL"), place=KYIV)
    coded = [
        make_coded("a1", (in_kyiv, make_event("a1", 2, cameo="190", sentence=1,
                                              quad_class=4, goldstein=-10.0))),
        make_coded("a2", (replace(make_event("a2", 1, source="RUSGOVMIL"),
                                  place=KYIV),), source="AP"),
        make_coded("a3", (replace(make_event("a3", 1, source="USAGOV"),
                                  negated=True),
                          replace(make_event("a3", 2, source="USAGOV", cameo="010"),
                                  plover=None, modality="future"))),
    ]  # fmt: skip
    sentences = {"a1": [TextSpan(text="Lavrov met Kuleba in Kyiv.", start=0, end=26)]}
    store.save_articles(coded, sentences=sentences, coder=CODER, ontology=ONTOLOGY)
    return store


def exported(store: Store, output_format: Any, **filters: Any) -> tuple[int, bytes]:
    stream = io.BytesIO()
    count = export_events(store, stream, output_format=output_format, **filters)
    return count, stream.getvalue()


def test_export_jsonl_is_the_event_records(filled_store: Store) -> None:
    count, data = exported(filled_store, "jsonl")
    lines = [json.loads(line) for line in data.decode().splitlines()]
    assert count == len(lines) == 5
    assert lines == list(filled_store.events())


def test_export_csv_reads_back_with_csv_and_duckdb(
    filled_store: Store, tmp_path: Path
) -> None:
    count, data = exported(filled_store, "csv", country="UKR")
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert count == len(rows) == 5
    assert tuple(rows[0]) == EXPORT_COLUMNS
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    kyiv = duckdb.sql(
        f"SELECT source_code, place_name, place_lat FROM read_csv('{path}')"
        " WHERE place_name = 'Kyiv' ORDER BY event_id"
    ).fetchall()
    assert kyiv == [("RUSGOVMIL", "Kyiv", 50.45), ("RUSGOVMIL", "Kyiv", 50.45)]


def test_export_parquet_is_typed_and_reads_back(
    filled_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "events.parquet"
    with path.open("wb") as stream:
        count = export_events(filled_store, stream, output_format="parquet", root="19")
    table = pq.read_table(path)
    assert count == table.num_rows == 1
    assert table.schema.equals(PARQUET_SCHEMA)
    [row] = table.to_pylist()
    assert row["cameo"] == "190"
    assert row["date"] == date(2024, 3, 1)
    assert row["goldstein"] == -10.0
    assert row["negated"] is False
    total = duckdb.sql(f"SELECT COUNT(*) FROM read_parquet('{path}')").fetchall()
    assert total == [(1,)]


def test_export_parquet_of_nothing_still_has_the_schema(
    filled_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "none.parquet"
    with path.open("wb") as stream:
        assert (
            export_events(filled_store, stream, output_format="parquet", root="20") == 0
        )
    assert pq.read_table(path).schema.equals(PARQUET_SCHEMA)


def test_export_gdelt_has_61_columns_one_row_per_deduplicated_event(
    filled_store: Store, tmp_path: Path
) -> None:
    count, data = exported(filled_store, "gdelt")
    path = tmp_path / "events.export.CSV"
    path.write_bytes(data)
    assert len(GDELT_COLUMNS) == 61
    relation = duckdb.read_csv(
        str(path), header=False, sep="\t", names=list(GDELT_COLUMNS), all_varchar=True
    )
    rows = [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in relation.fetchall()]
    assert count == len(rows) == 4  # a1-e1 and a2-e1 are one event
    kyiv = next(row for row in rows if row["ActionGeo_FullName"] == "Kyiv")
    assert {key: kyiv[key] for key in (
        "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
        "Actor1CountryCode", "Actor1Type1Code", "Actor1Type2Code", "Actor2Code",
        "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode",
        "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
        "NumArticles", "AvgTone", "ActionGeo_Type", "ActionGeo_CountryCode",
        "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long",
        "ActionGeo_FeatureID", "Actor1Geo_FullName", "SOURCEURL",
    )} == {
        "SQLDATE": "20240301", "MonthYear": "202403", "Year": "2024",
        "FractionDate": "2024.1639", "Actor1Code": "RUSGOVMIL",
        "Actor1Name": "name of RUSGOVMIL", "Actor1CountryCode": "RUS",
        "Actor1Type1Code": "GOV", "Actor1Type2Code": "MIL", "Actor2Code": "UKRGOV",
        "Actor2Type1Code": "GOV", "IsRootEvent": "1", "EventCode": "042",
        "EventBaseCode": "042", "EventRootCode": "04", "QuadClass": "1",
        "GoldsteinScale": "1.9", "NumMentions": "2", "NumSources": "2",
        "NumArticles": "2", "AvgTone": None, "ActionGeo_Type": "4",
        "ActionGeo_CountryCode": "UKR", "ActionGeo_ADM1Code": "Kyiv City",
        "ActionGeo_Lat": "50.45", "ActionGeo_Long": "30.52",
        "ActionGeo_FeatureID": "703448", "Actor1Geo_FullName": None,
        "SOURCEURL": "https://example.org/a1",
    }  # fmt: skip
    assert int(kyiv["GLOBALEVENTID"]) > 0
    assert len(kyiv["DATEADDED"]) == 14
    assert len({row["GLOBALEVENTID"] for row in rows}) == 4


def test_export_gdelt_filters_and_limit_count_events(filled_store: Store) -> None:
    assert exported(filled_store, "gdelt", root="19")[0] == 1
    assert exported(filled_store, "gdelt", limit=2)[0] == 2


def test_export_plover_records(filled_store: Store) -> None:
    count, data = exported(filled_store, "plover")
    records = [json.loads(line) for line in data.decode().splitlines()]
    # The negated event and the one without a PLOVER type are left out.
    assert count == len(records) == 3
    assert {record["id"] for record in records} == {"a1-e1", "a1-e2", "a2-e1"}
    first = next(record for record in records if record["id"] == "a1-e1")
    assert first["event"] == ["CONSULT"]
    assert first["mode"] == ["visit"]
    assert first["date"] == "2024-03-01"
    assert first["actor"] == [
        {
            "code": "RUSGOVMIL",
            "sector": "GOVMIL",
            "entity_text": "<RUSGOVMIL>",
            "identifier_text": "name of RUSGOVMIL",
            "country": "RUS",
        }
    ]
    assert first["recipient"][0]["code"] == "UKRGOV"
    assert first["event_loc"]["geonameid"] == 703448
    assert first["quad_code"] == 1
    assert first["event_text"] == ["met"]
    assert first["text_info"] == {
        "sequence": 0,
        "start": 10,
        "end": 13,
        "text_story": "a1",
    }
    second = next(record for record in records if record["id"] == "a2-e1")
    assert first["link"] == second["link"]
    assert first["comment"] is None


def test_export_plover_keeps_modality_as_comment(store: Store) -> None:
    future = replace(
        make_event("a1", 1), modality="future", plover=PloverCode(type="AID")
    )
    store.save_articles([make_coded("a1", (future,))], coder=CODER, ontology=ONTOLOGY)
    [record] = [json.loads(line) for line in exported(store, "plover")[1].splitlines()]
    assert record["comment"] == "modality: future"
    assert record["mode"] == []


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        pytest.param({"output_format": "xml"}, ValueError, id="format"),
        pytest.param({"output_format": "csv", "limit": -1}, ValueError, id="limit"),
        pytest.param({"output_format": "csv", "colour": "red"}, TypeError, id="filter"),
    ],
)
def test_export_rejects_bad_arguments(
    filled_store: Store, arguments: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        export_events(filled_store, io.BytesIO(), **arguments)


def test_export_cli_writes_file_from_path_or_url(
    filled_store: Store, store_at: str, tmp_path: Path
) -> None:
    output = tmp_path / "out.csv"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "--format",
            "csv",
            "--output",
            str(output),
            "--actor",
            "rus",
            "--root",
            "04",
        ],
        env={"EVENTWIRE_DB": store_at},
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(output.read_text())))
    assert [row["event_id"] for row in rows] == ["a1-e1", "a2-e1"]
    assert f"wrote 2 csv rows to {output}" in result.stderr


def test_export_cli_to_stdout(filled_store: Store, store_at: str) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--db", store_at, "--format", "jsonl", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["event_id"] for line in result.stdout.splitlines()] == [
        "a1-e1"
    ]


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        pytest.param(["--db", "{missing}"], 1, "does not exist", id="missing-db"),
        pytest.param(["--db", "{db}", "--root", "4"], 2, "not a CAMEO root", id="root"),
        pytest.param(["--db", "{db}", "--quad-class", "5"], 2, "quad-class", id="quad"),
        pytest.param([], 2, "EVENTWIRE_DB", id="no-db"),
    ],
)
def test_export_cli_bad_input(
    tmp_path: Path, arguments: list[str], code: int, message: str
) -> None:
    db = tmp_path / "e.db"
    open_store(db).close()
    filled = [a.format(db=db, missing=tmp_path / "none.db") for a in arguments]
    result = CliRunner().invoke(cli, ["export", *filled], env={"EVENTWIRE_DB": None})
    assert result.exit_code == code
    assert message in result.output
    assert not (tmp_path / "none.db").exists()
