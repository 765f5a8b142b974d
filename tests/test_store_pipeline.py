"""The pipeline's side of the store: sentences saved with the events, and
``code_and_save`` for callers that code a few articles at a time (the API)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.model import Article, CodedArticle, Failure
from eventwire.pipeline import Resources, code_and_save
from eventwire.store import open_store

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
