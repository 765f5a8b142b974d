"""The country an article is about, as its dateline says.

Wire copy opens with where it was filed ("TEHRAN (Reuters) -", "KUNDUZ,
Afghanistan (Reuters) -"). For people the text leaves without a country ("a
resident", "Interior Minister Sadeq Mahsouli", "a government spokesman") and
no country named nearby, that place is the best guess: a story filed from
Tehran quotes Iranian officials and Iranian residents far more often than
anyone else's.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from eventwire.actors._speech import dateline_end
from eventwire.actors.entry import INTERNATIONAL
from eventwire.actors.match import EntityMatch
from eventwire.nlp import sentences_of

# Entries that name a place a dateline may give.
DATELINE_KINDS = frozenset({"country", "capital"})


def dateline_country(doc: Doc, entities: Mapping[int, EntityMatch]) -> str | None:
    """The country of the place an article's dateline names, if the tables
    know it: the last one ("SOCHI, Russia" is Russia), never an
    international body ("UNITED NATIONS")."""
    sentences = list(sentences_of(doc))
    if not sentences:
        return None
    end = dateline_end(sentences[0])
    if end is None:
        return None
    found: str | None = None
    for index in range(sentences[0].start, end):
        match = entities.get(index)
        if (
            match is not None
            and match.entry.kind in DATELINE_KINDS
            and match.entry.country is not None
            and match.entry.country not in INTERNATIONAL
        ):
            found = match.entry.country
    return found
