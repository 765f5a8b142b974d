"""The pipeline's side of the store: sentences saved with the events, and
``code_and_save`` for callers that code a few articles at a time (the API)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.model import Article, CodedArticle, Failure
from eventwire.pipeline import Resources, code_and_save
from eventwire.store import open_store
from store_records import make_coded, make_event, save

TEXT = (
    "MOSCOW (eventwire) -- Markets were calm on Monday.\n\n"
    "Russia condemned Turkey   for shooting down the jet.  \n\n"
    "Officials said little else."
)


@pytest.mark.model
def test_pipeline_code_and_save_stores_evidence_sentences(
    resources: Resources, tmp_path: Path
) -> None:
    article = Article(id="s1", text=TEXT, source="wire")
    with open_store(tmp_path / "s.db") as store:
        [result] = code_and_save([article], resources=resources, store=store)
        assert isinstance(result, CodedArticle)
        assert result.events
        for event in result.events:
            detail = store.event(event.event_id)
            assert detail is not None
            sentence = detail["sentence"]
            assert sentence["text"] == TEXT[sentence["start"] : sentence["end"]]
            assert sentence["text"] == sentence["text"].strip()
            assert sentence["start"] <= event.evidence.start
            assert event.evidence.end <= sentence["end"]
            assert sentence["index"] == event.sentence
        assert store.events(text="SHOOTING DOWN").__next__()["article_id"] == "s1"


@pytest.mark.model
def test_pipeline_code_and_save_recodes_stored_articles_and_keeps_failures(
    resources: Resources, tmp_path: Path
) -> None:
    article = Article(id="s1", text="Russia condemned Turkey on Monday.")
    failure = Failure(stage="ingest", message="bad line", origin="x.jsonl", line=2)
    with open_store(tmp_path / "s.db") as store:
        code_and_save([article], resources=resources, store=store)
        changed = Article(id="s1", text="France praised Chile on Monday.")
        results = code_and_save([changed, failure], resources=resources, store=store)
        assert sorted(type(result).__name__ for result in results) == [
            "CodedArticle",
            "Failure",
        ]
        assert [e["cameo"][:2] for e in store.events()] == ["05"]
        assert store.counts().articles == 1
        assert store.failures() == [failure]


def test_store_events_piped_to_a_reader_that_stops_early_is_quiet(
    tmp_path: Path,
) -> None:
    # `eventwire events ... | head -1`: the store closes while its row stream
    # is still open, which must not print "Exception ignored" or a traceback.
    db = tmp_path / "piped.db"
    with open_store(str(db)) as store:
        events = tuple(make_event("a1", number) for number in range(2000))
        save(store, make_coded("a1", events))
    command = [sys.executable, "-m", "eventwire", "events", "--db", str(db)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read().decode()
        process.wait(timeout=60)
    assert first.startswith(b"{")
    assert "Exception ignored" not in errors
    assert "Traceback" not in errors
