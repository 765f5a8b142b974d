"""The whole pipeline (``eventwire.pipeline``): stage order, robustness, the store.

Every test here runs the trained model through the session ``resources`` fixture.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eventwire import pipeline
from eventwire.clean import clean_article
from eventwire.ingest import read_articles
from eventwire.model import Article, CodedArticle, Failure
from eventwire.pipeline import Resources, RunSummary, code_articles
from eventwire.store import Store, open_store

pytestmark = pytest.mark.model

SHARED_SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "samples"
    / "usatoday-2015-11-27-putin-coalition.txt"
)

# An invented e-edition export: edition header, byline, a photo caption between
# "??" and its repeat under the credit, hyphenated words (across a space and
# across a line break) and the PressReader footer lines.
E_EDITION = """\
THE MIDLAND COURIER Weekend Edition

Canada and Mexico settle fisheries dispute

Ottawa pledges aid; Brazil objects

- Jane Doe

Canada signed a fisheries agreement with Mexico on Tuesday, ending a two-year \
quarrel over Pacific tuna quotas.

Brazil sharply criti- cized Argentina for withholding sup- port for the accord. \
Chile with-
drew its ambassador from Peru.

 ?? TOMAS RIVERA, REUTERS ?? Japanese and Chinese delegates arrive at the talks \
in Ottawa on Tuesday.
TOMAS RIVERA, REUTERS Japanese and Chinese delegates arrive at the talks in \
Ottawa on Tuesday.

Mexico will host Canada for a second round of talks in March, officials said.

Newspapers in English

Newspapers from Canada
"""

STORE_RECORDS = (
    {
        "id": "a1",
        "text": "Russia condemned Turkey on Monday.",
        "published": "2015-11-20",
    },
    {"id": "a2", "text": "France sent troops to Mali.", "published": "2015-11-25"},
    {
        "id": "a3",
        "text": "Chile praised Mexico for its patience.",
        "published": "2015-11-27",
    },
)


def coded(items: list[Article | Failure], resources: Resources) -> list[CodedArticle]:
    results = list(code_articles(items, resources=resources))
    assert all(isinstance(result, CodedArticle) for result in results)
    return results  # type: ignore[return-value]


def assert_offsets_point_into(text: str, result: CodedArticle) -> None:
    """Every reported span slices ``text``; evidence holds source and target."""
    for actor in result.actors:
        assert text[actor.start : actor.end] == actor.text
    for event in result.events:
        evidence = event.evidence
        assert text[evidence.start : evidence.end] == evidence.text
        assert evidence.text.strip() == evidence.text != ""
        for actor in (event.source, event.target):
            if actor is not None:
                assert text[actor.start : actor.end] == actor.text
                assert evidence.start <= actor.start <= actor.end <= evidence.end


def triples(result: CodedArticle) -> set[tuple[str | None, str, str | None]]:
    return {
        (event.source.code, event.cameo, event.target and event.target.code)
        for event in result.events
    }


# --- code_articles ------------------------------------------------------------


def test_pipeline_yields_articles_in_order_and_passes_failures_through(
    resources: Resources,
) -> None:
    articles = [
        Article(id=f"a{n}", text=text)
        for n, text in enumerate(
            [
                "Russia condemned Turkey on Monday.",
                "France sent troops to Mali.",
                "Chile praised Mexico for its patience.",
            ]
        )
    ]
    failures = [
        Failure(stage="ingest", message="bad line", origin="in.jsonl", line=2),
        Failure(stage="ingest", message="not UTF-8", origin="other.txt"),
    ]
    items: list[Article | Failure] = [
        articles[0],
        failures[0],
        articles[1],
        failures[1],
        articles[2],
    ]

    results = list(code_articles(items, resources=resources))

    assert len(results) == len(items)
    done = [r.article for r in results if isinstance(r, CodedArticle)]
    assert done == articles
    passed = [r for r in results if isinstance(r, Failure)]
    assert len(passed) == len(failures)
    assert all(got is sent for got, sent in zip(passed, failures, strict=True))
    # nlp.pipe reads ahead, so a failure may come out before articles that
    # preceded it, but never after the article that follows it in the input.
    order = [
        r.article.id if isinstance(r, CodedArticle) else r.message for r in results
    ]
    assert order.index("bad line") < order.index("a1")
    assert order.index("not UTF-8") < order.index("a2")
    assert [triples(r) for r in results if isinstance(r, CodedArticle)] == [
        {("RUS", "111", "TUR")},
        {("FRA", "154", "MLI")},
        {("CHL", "051", "MEX")},
    ]


@pytest.mark.parametrize(
    "items",
    [
        pytest.param([], id="empty"),
        pytest.param(
            [
                Failure(stage="ingest", message="a"),
                Failure(stage="ingest", message="b"),
            ],
            id="only-failures",
        ),
    ],
)
def test_pipeline_passes_through_input_without_articles(
    items: list[Article | Failure], resources: Resources
) -> None:
    assert list(code_articles(items, resources=resources)) == items


def test_pipeline_skip_predicate_leaves_articles_out(resources: Resources) -> None:
    items = [
        Article(id="keep", text="Russia condemned Turkey."),
        Article(id="skip", text="France sent troops to Mali."),
    ]
    skipped: list[str] = []

    def skip(article: Article) -> bool:
        skipped.append(article.id)
        return article.id == "skip"

    results = list(code_articles(items, resources=resources, skip=skip))

    assert [r.article.id for r in results if isinstance(r, CodedArticle)] == ["keep"]
    assert skipped == ["keep", "skip"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("   \n\t  \n", id="whitespace"),
        pytest.param("\u200b\u200b\ufeff\u00ad", id="invisible-only"),
        pytest.param(" ?? ?? ", id="empty-caption-marks"),
        pytest.param("@@@ ### %%% &&& *** ///", id="punctuation"),
        pytest.param("\x00\x01\x02\x7f", id="control-characters"),
        pytest.param("?" * 500, id="long-punctuation-run"),
        pytest.param("A" * 5000, id="one-huge-token"),
        pytest.param(
            "Newspapers in English\n\nNewspapers from Canada\n", id="footer-only"
        ),
        pytest.param("THE DAILY PLANET Late Edition\n- Jane Doe\n", id="header-only"),
    ],
)
def test_pipeline_garbage_article_codes_to_nothing(
    text: str, resources: Resources
) -> None:
    [result] = coded([Article(id="junk", text=text)], resources)

    assert result.article.id == "junk"
    assert result.events == ()
    # The tagger may call a garbage token an ORG: it stays an unresolved mention.
    assert all(actor.code is None for actor in result.actors)
    assert_offsets_point_into(text, result)


def test_pipeline_codes_500_token_sentence(resources: Resources) -> None:
    words = ["Russia", "criticized", "Turkey", "over"]
    words += ["the", "long", "border", "dispute", "and"] * 99 + ["trade"]
    text = " ".join(words) + "."

    [result] = coded([Article(id="long", text=text)], resources)

    assert result.tokens >= 500
    assert ("RUS", "111", "TUR") in triples(result)
    assert_offsets_point_into(text, result)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "\u201cRussia will never forgive Turkey for this betrayal, and we will"
            " respond.\u201d",
            id="curly-quotes",
        ),
        pytest.param(
            '"Turkey attacked our jet," "we condemn it," "Russia will retaliate."',
            id="straight-quote-runs",
        ),
        pytest.param('"Russia condemned Turkey', id="unbalanced"),
        pytest.param(
            "\u201c\u2018Russia condemned Turkey,\u2019 he said.\u201d", id="nested"
        ),
        pytest.param("\u201c\u201d \u201c\u201d \u201c\u201d", id="empty-quotes"),
    ],
)
def test_pipeline_codes_all_quote_sentence(text: str, resources: Resources) -> None:
    [result] = coded([Article(id="quote", text=text)], resources)

    assert result.tokens > 0
    assert_offsets_point_into(text, result)


# --- offsets into the original text ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(E_EDITION, id="lf"),
        pytest.param(E_EDITION.replace("\n", "\r\n"), id="crlf"),
        pytest.param(
            E_EDITION.replace("Brazil sharply", "Bra\u00adzil sharp\u200bly"),
            id="invisible-characters",
        ),
    ],
)
def test_pipeline_evidence_slices_original_e_edition_text(
    text: str, resources: Resources
) -> None:
    article = Article(id="e-edition", text=text, published=date(2024, 3, 5))
    removed = " | ".join(clean_article(article).removed)
    for artefact in ("caption:", "byline:", "footer:", "criti- cized", "sup- port"):
        assert artefact in removed  # the input really exercises the cleaning

    [result] = coded([article], resources)

    assert_offsets_point_into(text, result)
    assert ("BRA", "111", "ARG") in triples(result)
    assert ("CAN", "057", "MEX") in triples(result)
    hyphenated = next(e for e in result.events if e.source.code == "BRA")
    assert "criti- cized" in hyphenated.evidence.text
    caption_start = text.index("??")
    caption_end = text.index("Mexico will host")
    assert not any(caption_start <= a.start < caption_end for a in result.actors)
    assert not {"JPN", "CHN"} & {a.country for a in result.actors}
    # Dated from the words on each predicate: "on Tuesday" in a Tuesday paper
    # is that day, "will host ... in March" a month; the rest the story date.
    assert {
        (e.cameo, e.date, e.date_value, e.date_text, e.date_source)
        for e in result.events
    } == {
        ("057", date(2024, 3, 5), "2024-03-05", "Tuesday", "predicate"),
        ("111", date(2024, 3, 5), "2024-03-05", None, "publication"),
        ("043", None, "2024-03", "March", "predicate"),
    }


def test_pipeline_codes_shared_usatoday_sample(resources: Resources) -> None:
    if not SHARED_SAMPLE.is_file():
        pytest.skip(f"{SHARED_SAMPLE} is not there (shared/ beside the clone)")
    original = SHARED_SAMPLE.read_bytes().decode("utf-8").removeprefix("\ufeff")

    [result] = list(
        code_articles(
            read_articles([SHARED_SAMPLE], published=date(2015, 11, 27)),
            resources=resources,
        )
    )

    assert isinstance(result, CodedArticle)
    assert result.article.text == original
    assert_offsets_point_into(original, result)
    countries = {
        (e.source.country, e.target and e.target.country, e.cameo_root)
        for e in result.events
    }
    assert ("RUS", "USA", "11") in countries
    assert ("FRA", "RUS", "04") in countries
    dated = {e.cameo: (e.date, e.date_text) for e in result.events}
    assert dated["040"] == (date(2015, 11, 24), "Tuesday")  # "On Tuesday, ... met"
    assert dated["111"] == (
        date(2015, 11, 26),
        "Thursday",
    )  # "criticized ... on Thursday"
    assert dated["180"] == (date(2015, 11, 13), "Nov. 13")  # the Paris attacks
    assert dated["042"] == (date(2015, 11, 27), None)  # no date: the story's


# --- run: the store -----------------------------------------------------------


@pytest.fixture
def store_input(tmp_path: Path) -> Path:
    """Three good JSONL articles and one malformed line (line 4)."""
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(record) for record in STORE_RECORDS] + ["{oops"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "x.db") as opened:
        yield opened


def run(source: Path | list[Article], resources: Resources, store: Store) -> RunSummary:
    items = read_articles([source]) if isinstance(source, Path) else source
    return pipeline.run(items, resources=resources, store=store)


def event_ids(store: Store) -> dict[str, str]:
    return {e["event_id"]: e["article_id"] for e in store.events()}


def test_run_codes_every_article_into_store(
    store_input: Path, resources: Resources, store: Store
) -> None:
    seen: list[CodedArticle | Failure] = []

    summary = pipeline.run(
        read_articles([store_input]),
        resources=resources,
        store=store,
        progress=seen.append,
    )

    assert summary == RunSummary(read=3, skipped=0, coded=3, events=3, failures=1)
    counts = store.counts()
    assert (counts.articles, counts.events, counts.failures) == (3, 3, 1)
    assert sorted(event_ids(store).values()) == ["a1", "a2", "a3"]
    assert len(seen) == 4
    assert sum(isinstance(item, Failure) for item in seen) == 1
    # "Russia condemned Turkey on Monday" in a Friday paper: that Monday.
    assert [e["date"] for e in store.events()] == [
        "2015-11-16",
        "2015-11-25",
        "2015-11-27",
    ]


def test_run_twice_stores_nothing_twice(
    store_input: Path, resources: Resources, store: Store
) -> None:
    first = run(store_input, resources, store)
    counts, ids = store.counts(), event_ids(store)

    second = run(store_input, resources, store)

    assert first.coded == 3
    assert second == RunSummary(read=3, skipped=3, coded=0, events=0, failures=1)
    assert store.counts() == counts
    assert event_ids(store) == ids


def test_run_recodes_only_the_changed_article(
    store_input: Path, resources: Resources, store: Store
) -> None:
    run(store_input, resources, store)
    before = event_ids(store)
    articles = [a for a in read_articles([store_input]) if isinstance(a, Article)]
    articles[1] = dataclasses.replace(
        articles[1], text="France withdrew troops from Mali."
    )

    summary = run(articles, resources, store)

    assert (summary.read, summary.skipped, summary.coded) == (3, 2, 1)
    after = event_ids(store)
    unchanged = {i: a for i, a in before.items() if a != "a2"}
    assert {i: a for i, a in after.items() if a != "a2"} == unchanged
    [(new_id, _)] = [(i, a) for i, a in after.items() if a == "a2"]
    assert new_id not in before
    [event] = store.events(article_id="a2")
    assert event["cameo"] == "087"
    assert event["evidence"]["text"] == "France withdrew troops from Mali"
    assert store.counts().articles == 3


def test_run_recodes_an_article_whose_date_changed(
    store_input: Path, resources: Resources, store: Store
) -> None:
    run(store_input, resources, store)
    articles = [a for a in read_articles([store_input]) if isinstance(a, Article)]
    articles[0] = dataclasses.replace(articles[0], published=date(2016, 1, 1))

    summary = run(articles, resources, store)

    assert (summary.skipped, summary.coded) == (2, 1)
    dates = {e["article_id"]: e["date"] for e in store.events()}
    assert dates["a1"] == "2015-12-28"  # "on Monday" before Friday 2016-01-01
    assert store.counts().articles == 3


def test_run_records_failures_once_when_rerun(
    store_input: Path, resources: Resources, store: Store
) -> None:
    for _ in range(3):
        run(store_input, resources, store)

    [failure] = store.failures()
    assert failure.origin == str(store_input)
    assert failure.line == 4
    assert failure.stage == "ingest"
    assert store.counts().failures == 1


def test_run_in_small_batches_keeps_every_item(
    resources: Resources, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "STORE_BATCH_SIZE", 2)
    items: list[Article | Failure] = []
    for n in range(5):
        items.append(Article(id=f"b{n}", text=f"Russia condemned Turkey on day {n}."))
        if n % 2:
            items.append(
                Failure(stage="ingest", message=f"bad {n}", origin="x", line=n)
            )

    summary = pipeline.run(items, resources=resources, store=store)

    assert summary == RunSummary(read=5, skipped=0, coded=5, events=5, failures=2)
    counts = store.counts()
    assert (counts.articles, counts.events, counts.failures) == (5, 5, 2)


def test_run_resumes_after_an_interruption(
    resources: Resources, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "STORE_BATCH_SIZE", 2)
    articles = [
        Article(id=f"r{n}", text=f"Russia condemned Turkey on day {n}.")
        for n in range(6)
    ]

    class Interrupted(Exception):
        pass

    def interrupted() -> Iterator[Article]:
        yield from articles[:4]
        raise Interrupted

    with pytest.raises(Interrupted):
        pipeline.run(interrupted(), resources=resources, store=store, batch_size=1)
    saved = store.counts().articles
    assert 0 < saved < len(articles)

    summary = pipeline.run(articles, resources=resources, store=store, batch_size=1)

    assert (summary.read, summary.skipped, summary.coded) == (6, saved, 6 - saved)
    counts = store.counts()
    assert (counts.articles, counts.events) == (6, 6)
    assert sorted(set(event_ids(store).values())) == [a.id for a in articles]


def test_pipeline_article_over_the_parser_limit_is_a_failure(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources.nlp, "max_length", 200)
    articles = [
        Article(id="short", text="Russia condemned Turkey on Monday."),
        Article(id="long", text="Russia condemned Turkey. " * 20, origin="big.txt"),
        Article(id="after", text="France praised Chile."),
    ]
    results = list(code_articles(articles, resources=resources))
    coded = [r.article.id for r in results if isinstance(r, CodedArticle)]
    failed = [r for r in results if isinstance(r, Failure)]
    assert coded == ["short", "after"]
    assert [(f.article_id, f.stage, f.origin) for f in failed] == [
        ("long", "parse", "big.txt")
    ]
    assert "split it" in failed[0].message
