"""The store's deduplication and the queries the API and exports rely on,
on SQLite and PostgreSQL (see ``store_backends.py``)."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from eventwire.model import Place, TextSpan
from eventwire.store import Store, open_store, reads
from eventwire.store.migrations import MIGRATIONS, migrate
from eventwire.store.postgres import is_postgres_url, open_postgres
from eventwire.store.schema import encode_json
from eventwire.store.sqlite import open_sqlite
from store_raw import raw_rows
from store_records import CODER, ONTOLOGY, make_actor, make_coded, make_event, save

pytest_plugins = ["store_backends"]

KYIV = Place(text="Kyiv", start=30, end=34, name="Kyiv", country="UKR")


def groups(store: Store) -> list[tuple[Any, ...]]:
    columns = ("source_code", "target_code", "cameo", "date", "mentions", "sources")
    rows = (
        (*(group[column] for column in columns), group["articles"])
        for group in store.event_groups()
    )
    return sorted(rows, key=str)


# --- deduplication ------------------------------------------------------------


def test_store_dedup_groups_mentions_across_sentences_and_articles(
    store: Store,
) -> None:
    save(
        store,
        make_coded("a1", (make_event("a1", 1), make_event("a1", 2, sentence=3))),
        make_coded("a2", (make_event("a2", 1),), source="Reuters"),
        make_coded("a3", (make_event("a3", 1),), source="Reuters"),
        make_coded("a4", (make_event("a4", 1, cameo="043"),)),
    )
    assert groups(store) == [
        ("RUSGOV", "UKRGOV", "042", "2024-03-01", 4, 2, 3),
        ("RUSGOV", "UKRGOV", "043", "2024-03-01", 1, 1, 1),
    ]
    records = list(store.events(cameo="042"))
    assert len({record["group_id"] for record in records}) == 1


@pytest.mark.parametrize(
    "other",
    [
        pytest.param({"day": date(2024, 3, 2)}, id="day"),
        pytest.param({"target": "UKRMIL"}, id="target"),
        pytest.param({"source": "RUSMIL"}, id="source"),
    ],
)
def test_store_dedup_keeps_different_events_apart(
    store: Store, other: dict[str, Any]
) -> None:
    save(
        store,
        make_coded("a1", (make_event("a1", 1),)),
        make_coded("a2", (make_event("a2", 1, **other),)),
    )
    assert [g[4] for g in groups(store)] == [1, 1]


def test_store_dedup_keeps_negation_and_place_apart(store: Store) -> None:
    plain = make_event("a1", 1)
    save(
        store,
        make_coded("a1", (plain,)),
        make_coded("a2", (replace(make_event("a2", 1), negated=True),)),
        make_coded("a3", (replace(make_event("a3", 1), place=KYIV),)),
        make_coded("a4", (replace(make_event("a4", 1), place=KYIV),)),
    )
    assert sorted(g[4] for g in groups(store)) == [1, 1, 2]


def test_store_dedup_uncoded_actors_and_undated_events_group_within_article(
    store: Store,
) -> None:
    save(
        store,
        make_coded("a1", (make_event("a1", 1, source=None),
                          make_event("a1", 2, source=None))),
        make_coded("a2", (make_event("a2", 1, source=None),)),
        make_coded("a3", (make_event("a3", 1, day=None),)),
        make_coded("a4", (make_event("a4", 1, day=None),)),
    )  # fmt: skip
    assert sorted(g[4] for g in groups(store)) == [1, 1, 1, 2]


def test_store_dedup_counts_follow_recoding_and_resaving(store: Store) -> None:
    save(store, make_coded("a1", (make_event("a1", 1),)))
    save(store, make_coded("a2", (make_event("a2", 1),), source="AP"))
    save(store, make_coded("a2", (make_event("a2", 1),), source="AP"))
    assert groups(store) == [("RUSGOV", "UKRGOV", "042", "2024-03-01", 2, 2, 2)]

    save(store, make_coded("a2", (make_event("a2", 1),), source="example"))
    assert groups(store) == [("RUSGOV", "UKRGOV", "042", "2024-03-01", 2, 1, 2)]

    save(store, make_coded("a1", (make_event("a1", 9, cameo="190"),)))
    assert groups(store) == [
        ("RUSGOV", "UKRGOV", "042", "2024-03-01", 1, 1, 1),
        ("RUSGOV", "UKRGOV", "190", "2024-03-01", 1, 1, 1),
    ]
    save(store, make_coded("a2", ()))
    assert groups(store) == [("RUSGOV", "UKRGOV", "190", "2024-03-01", 1, 1, 1)]


def test_store_dedup_unknown_outlets_are_not_counted_as_sources(store: Store) -> None:
    save(
        store,
        make_coded("a1", (make_event("a1", 1),), source=None),
        make_coded("a2", (make_event("a2", 1),), source=None),
    )
    assert groups(store) == [("RUSGOV", "UKRGOV", "042", "2024-03-01", 2, 0, 2)]


# --- one event in detail ------------------------------------------------------


def test_store_event_returns_sentence_article_and_group(store: Store) -> None:
    coded = make_coded("a1", (make_event("a1", 1, sentence=1),))
    sentences = [
        TextSpan(text="Text of a1:", start=0, end=11),
        TextSpan(text="Lavrov met Kuleba in Kyiv.", start=12, end=38),
    ]
    store.save_articles(
        [coded], sentences={"a1": sentences}, coder=CODER, ontology=ONTOLOGY
    )
    save(store, make_coded("a2", (make_event("a2", 1, sentence=1),), source="AP"))

    detail = store.event("a1-e1")
    assert detail is not None
    assert detail["sentence"] == {
        "text": "Lavrov met Kuleba in Kyiv.",
        "start": 12,
        "end": 38,
        "index": 1,
    }
    assert detail["article"] == {
        "id": "a1",
        "title": "Title a1",
        "published": "2024-03-01",
        "url": "https://example.org/a1",
        "source": "example",
    }
    assert detail["quotes"] == []
    assert detail["group"] == {
        "group_id": detail["group_id"],
        "mentions": 2,
        "sources": 2,
        "articles": 2,
    }
    assert detail["cameo"] == "042"
    assert store.event("a2-e1")["sentence"]["text"] == "met"  # type: ignore[index]
    assert store.event("no-such-event") is None


# --- filters ------------------------------------------------------------------

CORPUS = {
    "a1": [
        make_event("a1", 1, source="RUSGOV", target="UKRGOV", cameo="042"),
        make_event("a1", 2, source="UKRMIL", target="RUS", cameo="190", quad_class=4,
                   goldstein=-10.0, day=date(2024, 3, 5), sentence=1),
    ],
    "a2": [
        make_event("a2", 1, source="USAGOV", target=None, cameo="0431",
                   day=date(2024, 2, 28)),
        replace(make_event("a2", 2, source="ARUS", target="FRAGOV", cameo="040",
                           day=None), place=KYIV),
    ],
}  # fmt: skip
SENTENCES = {
    "a1": [
        TextSpan(text="Lavrov met Kuleba.", start=0, end=18),
        TextSpan(text="Ukrainian SOLDIERS shelled Belgorod.", start=19, end=55),
    ],
    "a2": [TextSpan(text="Die Élysée-Gespräche.", start=0, end=21)],
}


@pytest.fixture
def corpus_store(store: Store) -> Store:
    coded = [make_coded(article, tuple(evs)) for article, evs in CORPUS.items()]
    store.save_articles(coded, sentences=SENTENCES, coder=CODER, ontology=ONTOLOGY)
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param({"source": "UKR"}, ["a1-e2"], id="source-prefix"),
        pytest.param({"target": "RUS"}, ["a1-e2"], id="target-prefix"),
        pytest.param({"source": "RUS", "target": "UKRGOV"}, ["a1-e1"], id="dyad"),
        pytest.param({"quad_class": 4}, ["a1-e2"], id="quad-class"),
        pytest.param({"quad_class": 1}, ["a2-e1", "a1-e1", "a2-e2"], id="quad-1"),
        pytest.param({"place": "kyiv"}, ["a2-e2"], id="place-name-any-case"),
        pytest.param({"place": "UKR"}, ["a2-e2"], id="place-country"),
        pytest.param({"place": "Kyi"}, [], id="place-name-whole"),
        pytest.param({"text": "soldiers shelled"}, ["a1-e2"], id="text-any-case"),
        pytest.param({"text": "élysée"}, ["a2-e1", "a2-e2"], id="text-unicode-case"),
        pytest.param({"text": "%"}, [], id="text-wildcard-is-literal"),
        pytest.param({"cameo": "04", "country": "USA"}, ["a2-e1"], id="combined"),
        pytest.param({"actor": None}, ["a2-e1", "a1-e1", "a1-e2", "a2-e2"], id="none"),
    ],
)
def test_store_events_new_filters(
    corpus_store: Store, filters: dict[str, Any], expected: list[str]
) -> None:
    assert [e["event_id"] for e in corpus_store.events(**filters)] == expected
    assert corpus_store.count_events(**filters) == len(expected)


@pytest.mark.parametrize(
    "method", ["events", "count_events", "dyads", "timeseries", "network"]
)
def test_store_unknown_filter_is_a_type_error(corpus_store: Store, method: str) -> None:
    arguments: dict[str, Any] = {"colour": "red"}
    if method == "timeseries":
        arguments["by"] = "day"
    with pytest.raises(TypeError, match="colour"):
        getattr(corpus_store, method)(**arguments)


def test_store_dyads_take_filters(corpus_store: Store) -> None:
    assert [(d.source, d.target) for d in corpus_store.dyads(country="UKR")] == [
        ("RUSGOV", "UKRGOV"),
        ("UKRMIL", "RUS"),
    ]
    assert [d.source for d in corpus_store.dyads(root="19")] == ["UKRMIL"]


# --- aggregates ---------------------------------------------------------------

SERIES_EVENTS = (
    make_event("s1", 1, day=date(2024, 3, 4), quad_class=1, goldstein=1.0),  # Monday
    make_event("s1", 2, day=date(2024, 3, 10), quad_class=4, goldstein=-10.0),  # Sun
    make_event("s1", 3, day=date(2024, 3, 11), quad_class=3, goldstein=-4.0),
    make_event("s1", 4, day=date(2024, 4, 1), quad_class=2, goldstein=7.0),
    make_event("s1", 5, day=date(2024, 3, 4), source="USAGOV", quad_class=1),
    make_event("s1", 6, day=None, quad_class=1),
)


def row(
    period: str, source: str, events: int, total: float, *quads: int
) -> dict[str, Any]:
    return {
        "period": period,
        "source": source,
        "target": "UKRGOV",
        "events": events,
        "goldstein_sum": total,
        "goldstein_mean": round(total / events, 6),
        "quad1": quads[0],
        "quad2": quads[1],
        "quad3": quads[2],
        "quad4": quads[3],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        pytest.param("day", [
            row("2024-03-04", "RUSGOV", 1, 1.0, 1, 0, 0, 0),
            row("2024-03-04", "USAGOV", 1, 1.9, 1, 0, 0, 0),
            row("2024-03-10", "RUSGOV", 1, -10.0, 0, 0, 0, 1),
            row("2024-03-11", "RUSGOV", 1, -4.0, 0, 0, 1, 0),
            row("2024-04-01", "RUSGOV", 1, 7.0, 0, 1, 0, 0),
        ], id="day"),
        pytest.param("week", [
            row("2024-03-04", "RUSGOV", 2, -9.0, 1, 0, 0, 1),
            row("2024-03-04", "USAGOV", 1, 1.9, 1, 0, 0, 0),
            row("2024-03-11", "RUSGOV", 1, -4.0, 0, 0, 1, 0),
            row("2024-04-01", "RUSGOV", 1, 7.0, 0, 1, 0, 0),
        ], id="week-starts-monday"),
        pytest.param("month", [
            row("2024-03-01", "RUSGOV", 3, -13.0, 1, 0, 1, 1),
            row("2024-03-01", "USAGOV", 1, 1.9, 1, 0, 0, 0),
            row("2024-04-01", "RUSGOV", 1, 7.0, 0, 1, 0, 0),
        ], id="month"),
    ],
)  # fmt: skip
def test_store_timeseries_per_period_and_dyad(
    store: Store, by: Any, expected: list[dict[str, Any]]
) -> None:
    save(store, make_coded("s1", SERIES_EVENTS))
    assert store.timeseries(by=by) == expected


def test_store_timeseries_filters_and_rejects_unknown_period(store: Store) -> None:
    save(store, make_coded("s1", SERIES_EVENTS))
    assert [r["source"] for r in store.timeseries(by="month", source="USA")] == [
        "USAGOV"
    ]
    with pytest.raises(ValueError, match="day, week, month"):
        store.timeseries(by="year")  # type: ignore[arg-type]


def test_store_network_nodes_and_weighted_edges(store: Store) -> None:
    events = (
        make_event("n1", 1, quad_class=1, goldstein=2.0),
        make_event("n1", 2, quad_class=4, goldstein=-10.0),
        make_event("n1", 3, quad_class=3, goldstein=-4.0),
        make_event("n1", 4, source="UKRGOV", target="USAGOV", quad_class=2),
        make_event("n1", 5, source="RUSGOV", target="RUSGOV", quad_class=1),
        make_event("n1", 6, source="RUSGOV", target=None, quad_class=1),
    )
    save(store, make_coded("n1", events))
    network = store.network(limit=2)
    assert network["edges"] == [
        {"source": "RUSGOV", "target": "UKRGOV", "events": 3, "goldstein_sum": -12.0,
         "cooperation": 1, "conflict": 2, "balance": round(-1 / 3, 6)},
        {"source": "RUSGOV", "target": "RUSGOV", "events": 1, "goldstein_sum": 1.9,
         "cooperation": 1, "conflict": 0, "balance": 1.0},
    ]  # fmt: skip
    assert network["nodes"] == [
        {"id": "RUSGOV", "events": 5},
        {"id": "UKRGOV", "events": 4},
    ]
    assert store.network(root="19") == {"nodes": [], "edges": []}


def test_store_actors_known_and_unknown(store: Store) -> None:
    unknown = replace(make_actor(None, start=50), text="Wagner", label="ORG")
    pronoun = replace(make_actor(None, start=60), text="he", label="PRON")
    coded = make_coded("a1", (make_event("a1", 1), make_event("a1", 2, start=100)))
    coded = replace(coded, actors=(*coded.actors, unknown, pronoun))
    save(store, coded, make_coded("a2", (make_event("a2", 1, target="USAGOV"),)))
    known = store.actors()
    assert [(a["code"], a["mentions"], a["articles"]) for a in known] == [
        ("RUSGOV", 3, 2),
        ("UKRGOV", 2, 1),
        ("USAGOV", 1, 1),
    ]
    assert known[0]["text"] == "<RUSGOV>"
    assert known[0]["name"] == "name of RUSGOV"
    assert store.actors(limit=1)[0]["code"] == "RUSGOV"
    assert store.actors(unknown=True) == [
        {"code": None, "name": None, "text": "Wagner", "label": "ORG",
         "mentions": 1, "articles": 1},
    ]  # fmt: skip


def test_store_actor_label_and_antecedent_are_stored(
    store: Store, store_at: str
) -> None:
    he = replace(
        make_actor("FRAGOV"),
        text="he",
        method="reference",
        label="PRON",
        antecedent=TextSpan(text="Francois Hollande", start=0, end=17),
    )
    save(store, replace(make_coded("a1"), actors=(he,)))
    assert raw_rows(
        store_at,
        "SELECT label, antecedent_text, antecedent_start, antecedent_end FROM actors",
    ) == [("PRON", "Francois Hollande", 0, 17)]


# --- migration 0002 on a store written before it ----------------------------


def test_store_migration_0002_backfills_groups_and_places(store_location: str) -> None:
    connection = (
        open_postgres(store_location)
        if is_postgres_url(store_location)
        else open_sqlite(store_location)
    )
    with closing(connection):
        migrate(connection, migrations=MIGRATIONS[:1])
        connection.execute(
            "INSERT INTO articles (id, metadata, text, sentences, tokens, coder,"
            " ontology, coded_at, source) VALUES (?, '{}', 'x', 1, 1, ?, ?, 'now', ?)",
            ("old", CODER, ONTOLOGY, "AP"),
        )
        for number in (1, 2):
            event = replace(make_event("old", number), place=KYIV)
            record = event.as_record()
            connection.execute(
                "INSERT INTO events (event_id, article_id, sentence, evidence_start,"
                " source_code, target_code, cameo, cameo_root, quad_class, goldstein,"
                " date, negated, modality, rule, coder, ontology, record) VALUES"
                " (?, 'old', 0, 0, 'RUSGOV', 'UKRGOV', '042', '04', 1, 1.9,"
                " '2024-03-01', 0, 'asserted', 'r', ?, ?, ?)",
                (event.event_id, CODER, ONTOLOGY, encode_json(record)),
            )
    with open_store(store_location) as store:
        assert groups(store) == [("RUSGOV", "UKRGOV", "042", "2024-03-01", 2, 1, 1)]
        assert [e["event_id"] for e in store.events(place="Kyiv")] == [
            "old-e1",
            "old-e2",
        ]
        assert store.event("old-e1")["group"]["mentions"] == 2  # type: ignore[index]
    assert raw_rows(store_location, "SELECT name, country FROM places") == [
        ("Kyiv", "UKR")
    ]


def test_store_reads_stream_in_batches(
    store: Store, store_at: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reads, "FETCH_BATCH_SIZE", 2)
    events = tuple(make_event("b1", n, start=10 * n) for n in range(5))
    save(store, make_coded("b1", events))
    assert [e["event_id"] for e in store.events()] == [f"b1-e{n}" for n in range(5)]
    assert len(list(store.event_groups())) == 1
    # A half-read stream holds no transaction open around a write.
    stream = store.events()
    assert next(stream)["event_id"] == "b1-e0"
    save(store, make_coded("b2", (make_event("b2", 1),)))
    with open_store(store_at) as other:
        assert other.count_events() == 6
    assert [e["event_id"] for e in stream] == [f"b1-e{n}" for n in range(1, 5)]
