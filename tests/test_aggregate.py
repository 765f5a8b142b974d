"""Stage 8: aggregate views and the ``aggregate`` / ``actors unknown`` commands."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.aggregate import aggregate, parse_dyad
from eventwire.cli import cli
from eventwire.cli.store import actors_unknown
from eventwire.store import Store
from store_records import make_actor, make_coded, make_event, save

pytest_plugins = ["store_backends"]


@pytest.fixture
def filled_store(store: Store) -> Store:
    events = (
        make_event("g1", 1, day=date(2024, 3, 4), quad_class=1, goldstein=3.0),
        make_event("g1", 2, day=date(2024, 3, 6), quad_class=4, goldstein=-10.0),
        make_event("g1", 3, day=date(2024, 4, 2), quad_class=3, goldstein=-4.0),
        make_event("g1", 4, source="USAGOV", target="RUSGOV", quad_class=2),
    )
    wagner = replace(make_actor(None, start=90), text="Wagner", label="ORG")
    coded = make_coded("g1", events)
    save(store, replace(coded, actors=(*coded.actors, wagner, wagner)))
    return store


@pytest.mark.parametrize(
    ("text", "expected"),
    [("RUS,UKR", ("RUS", "UKR")), (" rusgov , ukr ", ("RUSGOV", "UKR"))],
)
def test_aggregate_parse_dyad(text: str, expected: tuple[str, str]) -> None:
    assert parse_dyad(text) == expected


@pytest.mark.parametrize("text", ["RUS", "RUS,", "RUS,UKR,USA", ","])
def test_aggregate_parse_dyad_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="SOURCE,TARGET"):
        parse_dyad(text)


def test_aggregate_timeseries_for_one_dyad(filled_store: Store) -> None:
    rows = aggregate(filled_store, by="month", source="RUS", target="UKR")
    assert [(r["period"], r["events"], r["goldstein_sum"]) for r in rows] == [
        ("2024-03-01", 2, -7.0),
        ("2024-04-01", 1, -4.0),
    ]
    assert [r["quad4"] for r in rows] == [1, 0]
    assert len(aggregate(filled_store, by="day", limit=2)) == 2


def test_aggregate_dyads_and_network_rows(filled_store: Store) -> None:
    assert aggregate(filled_store, kind="dyads") == [
        {"source": "RUSGOV", "target": "UKRGOV", "events": 3, "goldstein_sum": -11.0,
         "goldstein_mean": round(-11 / 3, 6), "cooperation": 1, "conflict": 2},
        {"source": "USAGOV", "target": "RUSGOV", "events": 1, "goldstein_sum": 1.9,
         "goldstein_mean": 1.9, "cooperation": 1, "conflict": 0},
    ]  # fmt: skip
    edges = aggregate(filled_store, kind="network", limit=1)
    assert [(e["source"], e["target"], e["source_events"], e["target_events"])
            for e in edges] == [("RUSGOV", "UKRGOV", 4, 3)]  # fmt: skip
    assert edges[0]["balance"] == round(-1 / 3, 6)


def test_aggregate_rejects_unknown_kind(filled_store: Store) -> None:
    with pytest.raises(ValueError, match="timeseries, dyads, network"):
        aggregate(filled_store, kind="pie")  # type: ignore[arg-type]


def test_aggregate_cli_table_and_jsonl(filled_store: Store, store_at: str) -> None:
    runner = CliRunner()
    table = runner.invoke(
        cli, ["aggregate", "--db", store_at, "--by", "week", "--dyad", "rus,ukr"]
    )
    assert table.exit_code == 0, table.output
    header, *lines = table.stdout.splitlines()
    assert header.split() == [
        "period", "source", "target", "events", "goldstein_sum", "goldstein_mean",
        "quad1", "quad2", "quad3", "quad4",
    ]  # fmt: skip
    assert [line.split()[0] for line in lines] == ["2024-03-04", "2024-04-01"]
    assert lines[0].split()[3:6] == ["2", "-7.00", "-3.50"]

    network = runner.invoke(
        cli, ["aggregate", "--db", store_at, "--kind", "network", "--format", "jsonl"]
    )
    assert network.exit_code == 0, network.output
    edges = [json.loads(line) for line in network.stdout.splitlines()]
    assert [(e["source"], e["target"]) for e in edges] == [
        ("RUSGOV", "UKRGOV"),
        ("USAGOV", "RUSGOV"),
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--dyad", "RUS"], "SOURCE,TARGET"),
        (["--by", "year"], "year"),
        (["--kind", "pie"], "pie"),
    ],
)
def test_aggregate_cli_bad_options_exit_2(
    filled_store: Store, store_at: str, arguments: list[str], message: str
) -> None:
    result = CliRunner().invoke(cli, ["aggregate", "--db", store_at, *arguments])
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("output_format", ["table", "csv", "jsonl"])
def test_actors_unknown_cli_lists_uncoded_names(
    filled_store: Store, store_at: str, output_format: str
) -> None:
    result = CliRunner().invoke(
        actors_unknown, ["--db", store_at, "--format", output_format]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    expected: dict[str, Any] = {
        "table": ["text    label  mentions  articles",
                  "Wagner  ORG           2         1"],
        "csv": ["text,label,mentions,articles", "Wagner,ORG,2,1"],
        "jsonl": [json.dumps(
            {"text": "Wagner", "label": "ORG", "mentions": 2, "articles": 1})],
    }  # fmt: skip
    assert lines == expected[output_format]
