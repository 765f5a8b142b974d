"""Quotations and their speakers, over Docs built by hand (no model needed)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from eventwire.actors.speakers import find_quotations, paragraph_starts


def _sentence(
    make_doc: Callable[..., Doc], rows: list[tuple[str, int, str, str, str]]
) -> Doc:
    """Rows of (word, head, dep, pos, lemma)."""
    return make_doc(
        words=[row[0] for row in rows],
        heads=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        lemmas=[row[4] for row in rows],
    )


def test_actor_speakers_speaker_after_the_quote(make_doc: Callable[..., Doc]) -> None:
    doc = _sentence(
        make_doc,
        [
            ("“", 7, "punct", "PUNCT", "“"),
            ("We", 3, "nsubj", "PRON", "we"),
            ("will", 3, "aux", "AUX", "will"),
            ("act", 7, "ccomp", "VERB", "act"),
            (",", 7, "punct", "PUNCT", ","),
            ("”", 7, "punct", "PUNCT", "”"),
            ("Putin", 7, "nsubj", "PROPN", "Putin"),
            ("said", 7, "ROOT", "VERB", "say"),
            (".", 7, "punct", "PUNCT", "."),
        ],
    )
    (quotation,) = find_quotations(doc, paragraphs=paragraph_starts(doc))
    assert (quotation.start, quotation.end, quotation.speaker) == (0, 6, 6)


def test_actor_speakers_speaker_before_the_quote(make_doc: Callable[..., Doc]) -> None:
    doc = _sentence(
        make_doc,
        [
            ("Erdogan", 1, "nsubj", "PROPN", "Erdogan"),
            ("said", 1, "ROOT", "VERB", "say"),
            (":", 1, "punct", "PUNCT", ":"),
            ('"', 5, "punct", "PUNCT", '"'),
            ("Our", 5, "poss", "PRON", "our"),
            ("borders", 1, "ccomp", "NOUN", "border"),
            ('"', 5, "punct", "PUNCT", '"'),
        ],
    )
    (quotation,) = find_quotations(doc, paragraphs=paragraph_starts(doc))
    assert (quotation.start, quotation.end, quotation.speaker) == (3, 7, 0)


def test_actor_speakers_next_quote_in_paragraph_keeps_the_speaker(
    make_doc: Callable[..., Doc],
) -> None:
    doc = _sentence(
        make_doc,
        [
            ("“", 4, "punct", "PUNCT", "“"),
            ("No", 4, "intj", "INTJ", "no"),
            ("”", 4, "punct", "PUNCT", "”"),
            ("Putin", 4, "nsubj", "PROPN", "Putin"),
            ("said", 4, "ROOT", "VERB", "say"),
            (".", 4, "punct", "PUNCT", "."),
            ("“", 8, "punct", "PUNCT", "“"),
            ("We", 8, "nsubj", "PRON", "we"),
            ("wait", 8, "ROOT", "VERB", "wait"),
            ("”", 8, "punct", "PUNCT", "”"),
            ("\n\n", 8, "dep", "SPACE", "\n\n"),
            ("“", 13, "punct", "PUNCT", "“"),
            ("We", 13, "nsubj", "PRON", "we"),
            ("go", 13, "ROOT", "VERB", "go"),
        ],
    )
    first, second, third = find_quotations(doc, paragraphs=paragraph_starts(doc))
    assert first.speaker == second.speaker == 3
    # A new paragraph has to name its speaker again; an open quote closes at
    # the end of the text.
    assert (third.start, third.end, third.speaker) == (11, 14, None)
