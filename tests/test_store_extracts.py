"""Quotes, time expressions and toponyms in the store, on SQLite and PostgreSQL
(see ``store_backends.py``)."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from datetime import date

from eventwire.model import Place, Quote, TextSpan, TimeExpression, Toponym
from eventwire.store import Store, open_store
from eventwire.store.migrations import MIGRATIONS, migrate
from eventwire.store.postgres import is_postgres_url, open_postgres
from eventwire.store.schema import encode_json
from eventwire.store.sqlite import open_sqlite
from store_raw import raw_rows
from store_records import CODER, ONTOLOGY, make_actor, make_coded, make_event, save

pytest_plugins = ["store_backends"]

KYIV = Place(
    text="Kyiv",
    start=40,
    end=44,
    name="Kyiv",
    country="UKR",
    lat=50.45,
    lon=30.52,
    geonameid=703448,
    feature="city",
)


def coded_with_extracts(article_id: str = "q1"):  # type: ignore[no-untyped-def]
    event = replace(
        make_event(article_id, 1),
        date=date(2024, 2, 29),
        date_text="Thursday",
        date_value="2024-02-29",
        date_source="predicate",
        place=KYIV,
    )
    quote = Quote(
        article_id=article_id,
        text="We will talk again",
        start=50,
        end=68,
        sentence=1,
        kind="direct",
        cue=TextSpan(text="said", start=75, end=79),
        speaker=make_actor("RUSGOV", start=70),
        event_ids=(event.event_id,),
    )
    unattributed = Quote(
        article_id=article_id,
        text="No comment",
        start=90,
        end=100,
        sentence=2,
        kind="direct",
        cue=None,
        speaker=None,
    )
    time = TimeExpression(
        article_id=article_id,
        text="Thursday",
        start=20,
        end=28,
        sentence=0,
        token_start=4,
        token_end=5,
        value="2024-02-29",
        type="DATE",
        date=date(2024, 2, 29),
    )
    duration = replace(
        time,
        text="three years",
        start=110,
        end=121,
        value="P3Y",
        type="DURATION",
        date=None,
    )
    toponyms = (
        Toponym(
            article_id=article_id,
            text="KYIV",
            start=0,
            end=4,
            sentence=0,
            token_start=0,
            token_end=1,
            place=replace(KYIV, text="KYIV", start=0, end=4),
            dateline=True,
        ),
        Toponym(
            article_id=article_id,
            text="Kyiv",
            start=40,
            end=44,
            sentence=0,
            token_start=8,
            token_end=9,
            place=KYIV,
        ),
        # Not in the gazetteer: kept by the stage, nothing to store.
        Toponym(
            article_id=article_id,
            text="Nowhereville",
            start=130,
            end=142,
            sentence=3,
            token_start=30,
            token_end=31,
            place=None,
        ),
    )
    return replace(
        make_coded(article_id, (event,)),
        quotes=(quote, unattributed),
        times=(time, duration),
        places=toponyms,
    )


def test_store_event_detail_lists_the_quotes_holding_it(store: Store) -> None:
    coded = coded_with_extracts()
    save(store, coded)
    detail = store.event("q1-e1")
    assert detail is not None
    assert detail["quotes"] == [coded.quotes[0].as_record()]
    assert detail["date_value"] == "2024-02-29"
    assert detail["date_source"] == "predicate"


def test_store_keeps_times_toponyms_and_quotes_once(
    store: Store, store_at: str
) -> None:
    save(store, coded_with_extracts())
    save(store, coded_with_extracts())  # saving again replaces, never duplicates
    assert raw_rows(
        store_at, "SELECT text, value, type, date, dateline FROM times ORDER BY start"
    ) == [
        ("Thursday", "2024-02-29", "DATE", "2024-02-29", 0),
        ("three years", "P3Y", "DURATION", None, 0),
    ]
    assert raw_rows(
        store_at,
        "SELECT text, name, geonameid, sentence, dateline FROM places ORDER BY start",
    ) == [("KYIV", "Kyiv", 703448, 0, 1), ("Kyiv", "Kyiv", 703448, 0, 0)]
    assert raw_rows(
        store_at,
        "SELECT text, kind, cue_text, speaker_code FROM quotes ORDER BY start",
    ) == [
        ("We will talk again", "direct", "said", "RUSGOV"),
        ("No comment", "direct", None, None),
    ]
    assert raw_rows(store_at, "SELECT event_id FROM quote_events") == [("q1-e1",)]
    assert raw_rows(store_at, "SELECT date, date_value, date_source FROM events") == [
        ("2024-02-29", "2024-02-29", "predicate")
    ]


def test_store_recoding_an_article_drops_its_old_extracts(
    store: Store, store_at: str
) -> None:
    save(store, coded_with_extracts())
    save(store, make_coded("q1", (make_event("q1", 1),)))
    for table in ("quotes", "quote_events", "times", "places"):
        assert raw_rows(store_at, f"SELECT COUNT(*) FROM {table}") == [(0,)]
    detail = store.event("q1-e1")
    assert detail is not None and detail["quotes"] == []


def test_store_migration_0003_marks_old_dates_as_publication_dates(
    store_location: str,
) -> None:
    connection = (
        open_postgres(store_location)
        if is_postgres_url(store_location)
        else open_sqlite(store_location)
    )
    with closing(connection):
        migrate(connection, migrations=MIGRATIONS[:2])
        connection.execute(
            "INSERT INTO articles (id, metadata, text, sentences, tokens, coder,"
            " ontology, coded_at) VALUES ('old', '{}', 'x', 1, 1, ?, ?, 'now')",
            (CODER, ONTOLOGY),
        )
        for number, day in ((1, "2024-03-01"), (2, None)):
            event = make_event("old", number)
            connection.execute(
                "INSERT INTO events (event_id, article_id, sentence, evidence_start,"
                " source_code, cameo, cameo_root, quad_class, goldstein, date,"
                " negated, modality, rule, coder, ontology, record) VALUES"
                " (?, 'old', 0, 0, 'RUSGOV', '042', '04', 1, 1.9, ?, 0, 'asserted',"
                " 'r', ?, ?, ?)",
                (event.event_id, day, CODER, ONTOLOGY, encode_json(event.as_record())),
            )
    with open_store(store_location) as store:
        assert store.counts().events == 2
    assert raw_rows(
        store_location,
        "SELECT event_id, date_value, date_source FROM events ORDER BY event_id",
    ) == [("old-e1", "2024-03-01", "publication"), ("old-e2", None, None)]


def test_store_quote_speaker_without_code_is_kept(store: Store, store_at: str) -> None:
    coded = coded_with_extracts()
    witness = replace(coded.quotes[0], speaker=make_actor(None, start=70))
    save(store, replace(coded, quotes=(witness,)))
    assert raw_rows(store_at, "SELECT speaker_text, speaker_code FROM quotes") == [
        ("<None>", None)
    ]


def test_store_lists_quotes_by_speaker_and_article(store: Store) -> None:
    save(store, coded_with_extracts("q1"), coded_with_extracts("q2"))
    everything = store.quotes()
    assert [(q["article_id"], q["text"]) for q in everything] == [
        ("q1", "We will talk again"),
        ("q1", "No comment"),
        ("q2", "We will talk again"),
        ("q2", "No comment"),
    ]
    assert everything[0] == coded_with_extracts("q1").quotes[0].as_record()
    assert [q["article_id"] for q in store.quotes(speaker="RUS")] == ["q1", "q2"]
    assert store.quotes(speaker="UKR") == []
    assert store.count_quotes(speaker="RUSGOV") == 2
    assert store.count_quotes(article_id="q2") == 2
    assert store.quotes(limit=1, offset=2) == everything[2:3]
