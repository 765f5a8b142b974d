"""The HTTP API over a real store coded by the real pipeline, bad requests included."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.api import Limits, create_app
from eventwire.api.queries import EventFilters
from eventwire.errors import ModelError
from eventwire.ingest import read_articles
from eventwire.model import Article
from eventwire.pipeline import Resources, code_and_save
from eventwire.store import FILTER_NAMES, open_store

pytest_plugins = ["store_backends"]

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = REPO / "samples" / "articles.jsonl"
TOKEN = "test-token-7f3a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JET = (
    "Turkish F-16 fighter jets shot down a Russian warplane near the Syrian "
    "border on Tuesday. Russian President Vladimir Putin denounced Turkey."
)


def seed(location: str, resources: Resources, limit: int | None = None) -> None:
    articles = [a for a in read_articles([SAMPLE_ARTICLES]) if isinstance(a, Article)]
    with open_store(location) as store:
        code_and_save(articles[:limit], resources=resources, store=store)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> str:
    """A store holding the coded sample corpus, shared by the read-only tests."""
    location = str(tmp_path_factory.mktemp("api") / "sample.db")
    seed(location, resources)
    return location


@pytest.fixture(scope="module")
def client(sample_db: str, resources: Resources) -> Iterator[TestClient]:
    with TestClient(create_app(db=sample_db, resources=resources)) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path, resources: Resources) -> Iterator[TestClient]:
    """A fresh store with two sample articles, behind a token."""
    location = str(tmp_path / "writable.db")
    seed(location, resources, limit=2)
    app = create_app(db=location, token=TOKEN, resources=resources)
    with TestClient(app) as test_client:
        yield test_client


def all_events(client: TestClient, **filters: Any) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={**filters, "limit": 500})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["events"])
    return list(body["events"])


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and len(error["message"]) > 10
    return dict(error)


# --- reads -------------------------------------------------------------------


def test_api_query_filters_are_the_store_contract_filters() -> None:
    assert set(EventFilters.model_fields) == set(FILTER_NAMES)


def test_api_health_reports_what_the_store_holds(
    client: TestClient, sample_db: str
) -> None:
    with open_store(sample_db) as store:
        counts = store.counts()

    body = client.get("/api/health").json()

    assert body["status"] == "ok"
    assert (body["articles"], body["events"]) == (counts.articles, counts.events)
    sample_lines = SAMPLE_ARTICLES.read_text(encoding="utf-8").splitlines()
    assert body["articles"] == len(sample_lines) and body["events"] > 50
    assert body["writes_need_token"] is False


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"country": "tur"}, lambda e: "TUR" in _countries(e)),
        ({"actor": "RUS"}, lambda e: any(c.startswith("RUS") for c in _codes(e))),
        ({"source": "TUR"}, lambda e: e["source"]["code"].startswith("TUR")),
        ({"root": "19"}, lambda e: e["cameo_root"] == "19"),
        ({"cameo": "11"}, lambda e: e["cameo"].startswith("11")),
        ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
        ({"since": "2015-11-24", "until": "2015-11-30"}, lambda e: _in_nov(e)),
        (
            {"text": "WARPLANE", "sentences": "true"},
            lambda e: "warplane" in e["evidence_sentence"]["text"].lower(),
        ),
    ],
    ids=["country", "actor", "source", "root", "cameo", "quad", "dates", "text"],
)
def test_api_events_filters_select_matching_events(
    client: TestClient, params: dict[str, Any], check: Any
) -> None:
    everything = all_events(client, sentences="true")
    selected = all_events(client, **params)

    assert selected, f"no sample event matches {params}"
    assert all(check(event) for event in selected)
    expected = [e["event_id"] for e in everything if check(e)]
    assert [e["event_id"] for e in selected] == expected


def _codes(event: dict[str, Any]) -> list[str]:
    return [a["code"] for a in (event["source"], event["target"]) if a and a["code"]]


def _countries(event: dict[str, Any]) -> list[str]:
    actors = (event["source"], event["target"])
    return [a["country"] for a in actors if a and a["country"]]


def _in_nov(event: dict[str, Any]) -> bool:
    return event["date"] is not None and "2015-11-24" <= event["date"] <= "2015-11-30"


def test_api_events_pages_cover_every_event_once(client: TestClient) -> None:
    everything = all_events(client)
    pages = []
    for offset in range(0, len(everything), 7):
        body = client.get("/api/events", params={"limit": 7, "offset": offset}).json()
        assert body["total"] == len(everything)
        assert (body["limit"], body["offset"]) == (7, offset)
        pages += body["events"]

    assert [e["event_id"] for e in pages] == [e["event_id"] for e in everything]


def test_api_event_detail_has_sentence_article_and_quotes(client: TestClient) -> None:
    listed = all_events(client, country="TUR")[0]

    detail = client.get(f"/api/events/{listed['event_id']}").json()

    sentence = detail["sentence"]
    evidence = listed["evidence"]
    at = evidence["start"] - sentence["start"]
    assert sentence["text"][at : at + len(evidence["text"])] == evidence["text"]
    assert len(sentence["text"]) >= len(evidence["text"])
    assert detail["article"]["id"] == listed["article_id"]
    assert detail["quotes"] == [] or all("text" in q for q in detail["quotes"])
    assert detail["group"]["mentions"] >= 1
    assert detail["source"] == listed["source"]


def test_api_events_can_carry_their_whole_sentence(client: TestClient) -> None:
    plain = client.get("/api/events", params={"limit": 30}).json()["events"]
    full = client.get("/api/events", params={"limit": 30, "sentences": True}).json()

    for event, with_sentence in zip(plain, full["events"], strict=True):
        sentence = with_sentence.pop("evidence_sentence")
        assert with_sentence == event
        at = event["evidence"]["start"] - sentence["start"]
        assert sentence["text"][at:].startswith(event["evidence"]["text"])
        detail = client.get(f"/api/events/{event['event_id']}").json()
        assert sentence == {k: detail["sentence"][k] for k in ("text", "start", "end")}
    assert any(
        len(e["evidence_sentence"]["text"]) > len(e["evidence"]["text"])
        for e in client.get("/api/events", params={"sentences": True}).json()["events"]
    )


def test_api_unknown_event_is_a_404_in_the_error_shape(client: TestClient) -> None:
    error = assert_error(client.get("/api/events/0000"), 404, "event_not_found")
    assert "0000" in error["message"]


def test_api_aggregates_agree_with_the_events(client: TestClient) -> None:
    events = all_events(client)
    dyads = client.get("/api/dyads", params={"limit": 200}).json()["dyads"]
    network = client.get("/api/network", params={"limit": 500}).json()
    rows = client.get("/api/timeseries", params={"by": "month"}).json()["rows"]
    actors = client.get("/api/actors", params={"limit": 5}).json()["actors"]

    with_target = [e for e in events if e["target"] and e["target"]["code"]]
    assert sum(d["events"] for d in dyads) == len(with_target)
    edge_events = sum(edge["events"] for edge in network["edges"])
    assert edge_events == len(with_target)
    node_ids = {node["id"] for node in network["nodes"]}
    assert all({e["source"], e["target"]} <= node_ids for e in network["edges"])
    assert sum(row["events"] for row in rows) == sum(1 for e in events if e["date"])
    assert all(row["period"].endswith("-01") for row in rows)
    assert len(actors) == 5
    assert actors == sorted(actors, key=lambda a: -a["mentions"])


def test_api_timeseries_for_one_dyad(client: TestClient) -> None:
    dyad = client.get("/api/dyads", params={"limit": 1}).json()["dyads"][0]
    params = {"by": "week", "source": dyad["source"], "target": dyad["target"]}

    rows = client.get("/api/timeseries", params=params).json()["rows"]
    exact = [
        r
        for r in rows
        if (r["source"], r["target"]) == (dyad["source"], dyad["target"])
    ]

    assert sum(r["events"] for r in exact) == dyad["events"]
    for row in exact:
        quads = row["quad1"] + row["quad2"] + row["quad3"] + row["quad4"]
        assert quads == row["events"]


def test_api_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    assert set(schema["paths"]) == {
        "/api/health",
        "/api/events",
        "/api/events/{event_id}",
        "/api/dyads",
        "/api/timeseries",
        "/api/network",
        "/api/actors",
        "/api/articles",
        "/api/quotes",
    }
    event_params = {
        p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]
    }
    assert set(FILTER_NAMES) | {"limit", "offset", "sentences"} == event_params
    # the interactive docs load scripts from a CDN, so they are not served
    assert_error(client.get("/docs"), 404, "not_found")


def test_api_quotes_pages_and_filters_by_speaker(client: TestClient) -> None:
    response = client.get("/api/quotes", params={"limit": 500})
    assert response.status_code == 200, response.text
    body = response.json()
    quotes = body["quotes"]
    assert body["total"] == len(quotes) > 10
    assert {q["kind"] for q in quotes} <= {"direct", "indirect", "mixed"}
    coded = [q for q in quotes if q["speaker"] and q["speaker"]["code"]]
    code = coded[0]["speaker"]["code"]
    country = code[:3]
    by_country = client.get("/api/quotes", params={"speaker": country.lower()})
    assert by_country.status_code == 200
    spoken = by_country.json()
    assert spoken["total"] == sum(
        1 for q in coded if q["speaker"]["code"].startswith(country)
    )
    page = client.get("/api/quotes", params={"limit": 2, "offset": 1}).json()
    assert page["quotes"] == quotes[1:3]
    # A quote that holds an event is listed with that event.
    holding = next(q for q in quotes if q["event_ids"])
    detail = client.get(f"/api/events/{holding['event_ids'][0]}").json()
    assert holding in detail["quotes"]


# --- bad requests ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/api/events", {"contry": "RUS"}, 400, "unknown_parameter"),
        ("/api/dyads", {"actor": "RUS", "sort": "x"}, 400, "unknown_parameter"),
        ("/api/health", {"verbose": "1"}, 400, "unknown_parameter"),
        ("/api/quotes", {"who": "RUS"}, 400, "unknown_parameter"),
        ("/api/quotes", {"speaker": "RUS GOV"}, 422, "invalid_request"),
        ("/api/quotes", {"limit": 0}, 422, "invalid_request"),
        ("/api/events", {"quad_class": "four"}, 422, "invalid_request"),
        ("/api/events", {"quad_class": 9}, 422, "invalid_request"),
        ("/api/events", {"country": "12"}, 422, "invalid_request"),
        ("/api/events", {"root": "1"}, 422, "invalid_request"),
        ("/api/events", {"since": "last week"}, 422, "invalid_request"),
        (
            "/api/events",
            {"since": "2016-01-01", "until": "2015-01-01"},
            422,
            "invalid_request",
        ),
        ("/api/events", {"limit": 0}, 422, "invalid_request"),
        ("/api/events", {"limit": 100_000}, 422, "invalid_request"),
        ("/api/events", {"offset": -1}, 422, "invalid_request"),
        ("/api/timeseries", {"by": "year"}, 422, "invalid_request"),
        ("/api/actors", {"unknown": "maybe"}, 422, "invalid_request"),
        ("/api/nothing", {}, 404, "not_found"),
    ],
)
def test_api_bad_queries_are_4xx_in_the_error_shape(
    client: TestClient, path: str, params: dict[str, Any], status: int, code: str
) -> None:
    error = assert_error(client.get(path, params=params), status, code)
    if code == "unknown_parameter":
        assert error["details"]["unknown"] == [
            name for name in params if name not in FILTER_NAMES
        ]
    assert client.get("/api/health").status_code == 200


def _chunks(total: int) -> Iterator[bytes]:
    for _ in range(total // 65536 + 1):
        yield b" " * 65536


BAD_WRITES: list[Any] = [
    pytest.param(
        {"content": b'{"text": "unfinished'}, 400, "malformed_json", id="json"
    ),
    pytest.param({"json": {"text": 5}}, 422, "invalid_request", id="text-type"),
    pytest.param({"json": {"text": "   "}}, 422, "invalid_request", id="blank-text"),
    pytest.param({"json": {"body": "x"}}, 422, "invalid_request", id="no-text"),
    pytest.param({"json": [{"text": "a"}, 3]}, 422, "invalid_request", id="item-type"),
    pytest.param(
        {"json": {"text": "a", "published": "soon"}}, 422, "invalid_request", id="date"
    ),
    pytest.param({"json": []}, 422, "empty_batch", id="empty"),
    pytest.param(
        {"json": [{"id": "a", "text": "x"}] * 2}, 422, "duplicate_article_id", id="dup"
    ),
    pytest.param(
        {"json": [{"text": f"{i}"} for i in range(6)]},
        413,
        "batch_too_large",
        id="batch",
    ),
    pytest.param({"content": b" " * 20_001}, 413, "body_too_large", id="body"),
    pytest.param({"content": _chunks(20_001)}, 413, "body_too_large", id="chunked"),
]


@pytest.mark.parametrize(("request_kwargs", "status", "code"), BAD_WRITES)
def test_api_bad_writes_are_4xx_and_lose_nothing(
    tmp_path: Path,
    resources: Resources,
    request_kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    location = str(tmp_path / "store.db")
    seed(location, resources, limit=2)
    with TestClient(create_app(db=location)) as reader:
        before = all_events(reader)
    limits = Limits(max_body_bytes=20_000, max_batch=5)
    app = create_app(db=location, token=TOKEN, resources=resources, limits=limits)
    with TestClient(app) as client:
        headers = {**AUTH, "Content-Type": "application/json"}
        response = client.post("/api/articles", headers=headers, **request_kwargs)

        assert_error(response, status, code)
        assert all_events(client) == before
        assert client.get("/api/health").json()["articles"] == 2


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "token_required"),
        ({"Authorization": "Bearer wrong"}, 401, "token_invalid"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "token_required"),
        ({**AUTH, "Content-Type": "text/plain"}, 415, "unsupported_media_type"),
    ],
    ids=["missing", "wrong", "scheme", "content-type"],
)
def test_api_writes_need_the_token_and_json(
    writable: TestClient, headers: dict[str, str], status: int, code: str
) -> None:
    before = all_events(writable)

    response = writable.post(
        "/api/articles", content=json.dumps({"text": JET}), headers=headers
    )

    assert_error(response, status, code)
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert all_events(writable) == before


def test_api_method_not_allowed_is_in_the_error_shape(writable: TestClient) -> None:
    assert_error(
        writable.delete("/api/events", headers=AUTH), 405, "method_not_allowed"
    )


# --- writes ------------------------------------------------------------------------


def test_api_post_article_codes_stores_and_returns_its_events(
    writable: TestClient,
) -> None:
    article = {"id": "jet-1", "text": JET, "published": "2015-11-24T09:30:00+02:00"}

    response = writable.post("/api/articles", json=article, headers=AUTH)

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["coded"], body["failed"]) == (1, 0)
    (result,) = body["articles"]
    assert result["id"] == "jet-1" and result["coded"] is True
    assert result["events"] == all_events(writable, article_id="jet-1")
    assert body["events"] == len(result["events"]) >= 2
    shoot = next(e for e in result["events"] if e["cameo_root"] == "19")
    assert shoot["source"]["code"] == "TURMIL"
    assert shoot["date"] == "2015-11-24"
    for event in result["events"]:
        start = event["evidence"]["start"]
        assert JET[start : event["evidence"]["end"]] == event["evidence"]["text"]


def test_api_post_again_replaces_and_never_duplicates(writable: TestClient) -> None:
    batch = [{"id": "jet-1", "text": JET}, {"text": "Iran denounced Israel."}]
    first = writable.post("/api/articles", json=batch, headers=AUTH).json()
    count = writable.get("/api/health").json()

    second = writable.post("/api/articles", json=batch, headers=AUTH).json()

    assert writable.get("/api/health").json() == count
    assert [a["events"] for a in second["articles"]] == [
        a["events"] for a in first["articles"]
    ]
    assert second["articles"][1]["id"] == first["articles"][1]["id"]  # text hash


def test_api_one_failing_article_does_not_stop_the_batch(
    writable: TestClient, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources.nlp, "max_length", len(JET) + 10)
    long_text = JET + " " + JET
    batch = [{"id": "short", "text": JET}, {"id": "long", "text": long_text}]
    failures = writable.get("/api/health").json()["failures"]

    response = writable.post("/api/articles", json=batch, headers=AUTH)

    assert response.status_code == 201, response.text
    short, long = response.json()["articles"]
    assert short["coded"] is True and short["events"]
    assert long["coded"] is False and long["events"] == []
    assert long["error"]["stage"] == "parse"
    assert "split it" in long["error"]["message"]
    assert writable.get("/api/health").json()["failures"] == failures + 1
    alone = writable.post("/api/articles", json=batch[1], headers=AUTH)
    error = assert_error(alone, 422, "articles_not_coded")
    assert error["details"][0]["id"] == "long"


# --- library and server errors -------------------------------------------------------


def test_api_store_error_is_a_503_naming_the_store(tmp_path: Path) -> None:
    with TestClient(create_app(db=tmp_path)) as client:  # a directory, not a store
        error = assert_error(client.get("/api/events"), 503, "store_unavailable")
        again = client.get("/api/events")  # each request tries the store again

    assert_error(again, 503, "store_unavailable")

    assert str(tmp_path) in error["message"]


def test_api_model_error_is_a_503(tmp_path: Path) -> None:
    def missing_model() -> Resources:
        raise ModelError("spaCy model 'x' is not installed; install it")

    app = create_app(db=tmp_path / "s.db", load_resources=missing_model)
    with TestClient(app) as client:
        response = client.post("/api/articles", json={"text": JET})

    assert_error(response, 503, "model_unavailable")


def test_api_unexpected_error_is_a_500_and_the_server_goes_on(tmp_path: Path) -> None:
    def broken() -> Resources:
        raise RuntimeError("bug")

    app = create_app(db=tmp_path / "s.db", load_resources=broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        posted = client.post("/api/articles", json={"text": JET})
        health = client.get("/api/health")

    assert_error(posted, 500, "internal_error")
    assert health.status_code == 200


# --- PostgreSQL ----------------------------------------------------------------------


def test_api_serves_both_backends(store_location: str, resources: Resources) -> None:
    seed(store_location, resources, limit=5)
    app = create_app(db=store_location, token=TOKEN, resources=resources)
    with TestClient(app) as client:
        posted = client.post("/api/articles", json={"text": JET}, headers=AUTH)
        assert posted.status_code == 201, posted.text
        events = all_events(client)
        article_id = posted.json()["articles"][0]["id"]
        detail = client.get(f"/api/events/{events[0]['event_id']}").json()
        turkish = all_events(client, country="TUR")

    assert {e["article_id"] for e in events} >= {article_id}
    assert detail["event_id"] == events[0]["event_id"]
    assert turkish and all("TUR" in _countries(e) for e in turkish)
