"""The events page in a real headless Chromium, served by the real app (uvicorn).

Debian's chromium (``/usr/bin/chromium``, which ``.ci/run`` installs) is driven
by Playwright's Python driver; no browser is ever downloaded
(``EVENTWIRE_CHROMIUM`` names another binary). Without it these tests skip,
except in CI (``CI=true``), where they fail.
Every request the page makes is checked to stay on the loopback server.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import sync_playwright

from eventwire.api import create_app
from eventwire.ingest import content_hash, read_articles
from eventwire.model import Article, CodedArticle, Place
from eventwire.pipeline import Resources, code_and_save, fingerprint
from eventwire.store import open_store

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = REPO / "samples" / "articles.jsonl"
CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
TIMEOUT_MS = 15_000
PLACED = "Russian soldiers attacked Ukrainian servicemen. Ukraine condemned Russia."
PASTED = (
    "Iran and Iraq signed a trade agreement on Monday. Iraqi Prime Minister "
    "Haider al-Abadi praised Iran. Saudi Arabia criticized Iraq."
)


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if CHROMIUM.exists() or shutil.which(str(CHROMIUM)):
        return CHROMIUM
    message = f"{CHROMIUM} is missing; install it with apt-get install -y chromium"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {message}")
    pytest.skip(message)


def _place_events(location: str, resources: Resources) -> None:
    """Code one more (undated) article and give its events places by hand: one
    with coordinates, one with only a country, which the map draws at the
    country's centre. Saving it again without its sentences only affects this
    article, which sorts last."""
    article = Article(id="placed", text=PLACED)
    with open_store(location) as store:
        (coded,) = code_and_save([article], resources=resources, store=store)
        assert isinstance(coded, CodedArticle) and len(coded.events) >= 2
        first, second, *rest = coded.events
        places = (
            Place(
                text="Simferopol",
                start=0,
                end=0,
                name="Simferopol",
                country="UKR",
                lat=44.95,
                lon=34.1,
            ),
            Place(text="Crimea", start=0, end=0, name="Crimea", country="UKR"),
        )
        events = (
            dataclasses.replace(first, place=places[0]),
            dataclasses.replace(second, place=places[1]),
            *rest,
        )
        store.save_articles(
            [dataclasses.replace(coded, events=events)],
            content_hashes={article.id: fingerprint(article)},
            coder=first.coder,
            ontology=resources.ontology.version,
        )


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, resources: Resources
) -> Iterator[str]:
    """The app over the coded sample corpus, on a free loopback port."""
    location = str(tmp_path_factory.mktemp("web") / "sample.db")
    articles = [a for a in read_articles([SAMPLE_ARTICLES]) if isinstance(a, Article)]
    with open_store(location) as store:
        code_and_save(articles, resources=resources, store=store)
    _place_events(location, resources)
    app = create_app(db=location, resources=resources)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="none",
        lifespan="on",
    )
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Any]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser_context(browser: Any, server: str) -> Iterator[tuple[Any, list[str]]]:
    """One context (so one HTTP cache) for the module; every request outside
    the server is refused and kept."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    outside: list[str] = []

    def only_loopback(route: Any) -> None:
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    yield context, outside
    context.close()


@pytest.fixture
def page(browser_context: tuple[Any, list[str]], server: str) -> Iterator[Any]:
    """The page, loaded, in a fresh tab."""
    context, outside = browser_context
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    opened.goto(server + "/", wait_until="domcontentloaded")
    opened.wait_for_selector("#events-status[data-state=ready]")
    yield opened
    opened.close()
    assert outside == [], f"the page reached outside the server: {outside}"


def api(server: str, path: str, **params: Any) -> Any:
    response = httpx.get(server + path, params=params, timeout=10)
    response.raise_for_status()
    return response.json()


def map_points(server: str) -> set[tuple[str, float, float]]:
    """The distinct places the map should draw for the first 500 events: their
    coordinates, else their country's centre; events with neither are counted
    apart."""
    events = api(server, "/api/events", limit=500)["events"]
    centroids = api(server, "/assets/countries.geojson").get("centroids", {})
    points = set()
    for event in events:
        place = event["place"]
        if place is None:
            continue
        lat, lon = place["lat"], place["lon"]
        if (lat is None or lon is None) and place["country"] in centroids:
            lat, lon = centroids[place["country"]]
        if lat is not None and lon is not None:
            points.add((place["name"], lat, lon))
    # The places stage placed sample events; Crimea only by its country's centre.
    assert len(points) > 2
    assert any(name == "Crimea" for name, _, _ in points)
    return points


def wait_ready(page: Any, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-state=ready]")


def test_web_page_shows_events_with_highlighted_evidence(
    page: Any, server: str
) -> None:
    expected = api(server, "/api/events", limit=25, sentences=True)

    rows = page.locator("#events-table tbody tr")

    assert rows.count() == len(expected["events"]) == 25
    assert page.inner_text("#events-status") == f"{expected['total']} events"
    first, shown = expected["events"][0], rows.nth(0)
    assert shown.get_attribute("data-event-id") == first["event_id"]
    evidence = shown.locator("td.evidence")
    assert evidence.locator("mark.hl-source").inner_text() == first["source"]["text"]
    assert evidence.locator("mark.hl-action").count() == 1
    if first["target"]:
        target = evidence.locator("mark.hl-target").inner_text()
        assert target == first["target"]["text"]
    assert evidence.inner_text().startswith(first["evidence_sentence"]["text"])
    assert first["evidence"]["text"] in evidence.inner_text()
    assert "articles" in page.inner_text("#store-summary")


def test_web_filter_by_country_and_quad_class(page: Any, server: str) -> None:
    expected = api(server, "/api/events", country="TUR", quad_class=4, limit=25)

    page.fill("#f-country", "tur")
    page.select_option("#f-quad", "4")
    page.click("#apply")
    page.wait_for_function(
        "n => document.querySelector('#events-status').textContent === n",
        arg=f"{expected['total']} events",
    )

    ids = page.locator("#events-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.eventId)"
    )
    assert ids == [e["event_id"] for e in expected["events"]]
    assert expected["total"] >= 1


def test_web_open_an_event_shows_its_sentence(page: Any, server: str) -> None:
    first = page.locator("#events-table tbody tr").nth(0)
    event_id = first.get_attribute("data-event-id")
    detail = api(server, f"/api/events/{event_id}")

    first.click()
    wait_ready(page, "#event-detail")

    assert page.inner_text("#detail-id") == event_id
    sentence = page.locator("#detail-sentence")
    assert sentence.inner_text() == detail["sentence"]["text"]
    assert sentence.locator("mark.hl-source").inner_text() == detail["source"]["text"]
    assert detail["cameo_name"] in page.inner_text("#detail-fields")
    assert detail["article"]["id"] in page.inner_text("#detail-fields") or (
        detail["article"]["title"] in page.inner_text("#detail-fields")
    )


def test_web_event_detail_shows_date_place_and_quote_speakers(
    page: Any, server: str
) -> None:
    quotes = api(server, "/api/quotes", limit=500)["quotes"]
    quote = next(q for q in quotes if q["event_ids"] and q["speaker"])
    event_id = quote["event_ids"][0]
    detail = api(server, f"/api/events/{event_id}")

    page.fill("#f-text", detail["evidence"]["text"])
    page.click("#apply")
    row = page.locator(f'#events-table tbody tr[data-event-id="{event_id}"]')
    row.click()
    wait_ready(page, "#event-detail")

    quoted = page.inner_text("#detail-quotes")
    assert quote["text"] in quoted
    assert quote["speaker"]["text"] in quoted
    fields = page.inner_text("#detail-fields")
    assert (detail["date_value"] or "undated") in fields
    if detail["date_source"] == "publication":
        assert "(publication date)" in fields


def test_web_paste_an_article_and_see_its_events(page: Any, server: str) -> None:
    before = api(server, "/api/health")["articles"]
    page.click("#paste-submit")
    assert page.get_attribute("#paste-result", "data-state") == "error"

    page.fill("#paste-title", "Trade deal")
    page.fill("#paste-published", "2016-05-02")
    page.fill("#paste-text", PASTED)
    page.click("#paste-submit")
    wait_ready(page, "#paste-result")

    items = page.locator("#paste-result li")
    stored = api(server, "/api/events", article_id=content_hash(PASTED))
    shown = items.evaluate_all("items => items.map(i => i.dataset.eventId)")
    assert shown == [e["event_id"] for e in stored["events"]]
    assert len(shown) >= 2
    assert items.nth(0).locator("mark.hl-source").count() == 1
    assert content_hash(PASTED) in page.inner_text("#paste-result")
    assert api(server, "/api/health")["articles"] == before + 1
    page.wait_for_function(
        "n => document.querySelector('#store-summary').textContent.startsWith(n)",
        arg=f"{before + 1} articles",
    )


def test_web_charts_and_offline_map_render(page: Any, server: str) -> None:
    for plot in ("#timeline-plot", "#network-plot", "#map-plot"):
        wait_ready(page, plot)

    assert page.get_attribute("#map-plot", "data-points") == str(
        len(map_points(server))
    )
    assert "have a place" in page.inner_text("#map-note")
    for plot in ("#timeline-plot", "#network-plot", "#map-plot"):
        assert page.locator(f"{plot} .main-svg").count() >= 1
    dyads = api(server, "/api/dyads", limit=30)["dyads"]
    options = page.locator("#dyad option")
    assert options.count() == len(dyads)
    nodes = api(server, "/api/network", limit=80)["nodes"]
    node_labels = page.locator("#network-plot g.textpoint").count()
    assert node_labels == len(nodes)
    screenshot = os.environ.get("EVENTWIRE_SCREENSHOT")
    if screenshot:
        page.screenshot(path=screenshot, full_page=True)
