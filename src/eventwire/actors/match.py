"""Find dictionary phrases (countries, capitals, organisations, people) in a Doc.

The phrase matcher is built once per dictionary and vocabulary and reused for
every article; matching runs on lower-cased text and each hit is then checked
against the table so that "us" never becomes the United States. A hit with no
capital letter counts only for an organisation of two words or more ("the
international community"); a region ("the West") only after "the" and before
no name ("West Africa").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.actors._syntax import all_caps
from eventwire.actors.dictionary import ActorDictionary, ActorEntry
from eventwire.actors.entry import REGIONS
from eventwire.nlp import sentence_of, text_of

MATCHED_KINDS = ("country", "capital", "adjective", "metonym", "organisation", "person")
MATCH_KEY = "EVENTWIRE_ACTOR"
# A lower-case phrase of this many words names an organisation ("the
# international community", "blue helmets"); one lower-case word never does.
MIN_LOWER_WORDS = 2
LOWER_CASE_KINDS = frozenset({"organisation"})
# Parts of speech a one-word person alias must carry: "May" the month and
# "Rice" the grain are not Theresa May or Condoleezza Rice.
PERSON_ALIAS_POS = frozenset({"PROPN"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityMatch:
    """A dictionary entry found at tokens ``[start, end)`` of a Doc."""

    start: int
    end: int
    entry: ActorEntry


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ActorMatcher:
    """A phrase matcher over one actor dictionary; see :func:`build_actor_matcher`."""

    dictionary: ActorDictionary
    matcher: PhraseMatcher


def build_actor_matcher(dictionary: ActorDictionary, *, nlp: Language) -> ActorMatcher:
    """Return a matcher for every named phrase in ``dictionary``."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    surfaces: set[str] = set()
    for entry in dictionary.entries:
        if entry.kind not in MATCHED_KINDS:
            continue
        surfaces.update(_surface_forms(entry.phrase))
    matcher.add(MATCH_KEY, [nlp.make_doc(surface) for surface in sorted(surfaces)])
    return ActorMatcher(dictionary=dictionary, matcher=matcher)


def find_entities(
    doc: Doc, *, matcher: ActorMatcher, on: date | None
) -> list[EntityMatch]:
    """Return non-overlapping dictionary matches in ``doc``, longest first wins."""
    capitals = _CapitalTest(doc)
    spans = [
        Span(doc, start, end)
        for _, start, end in matcher.matcher(doc)
        if capitals.any_in(start, end) or end - start >= MIN_LOWER_WORDS
    ]
    found: list[EntityMatch] = []
    for span in filter_spans(spans):
        entry = _entry_for(span, matcher.dictionary, on)
        if entry is None:
            continue
        if not capitals.any_in(span.start, span.end) and (
            entry.kind not in LOWER_CASE_KINDS
        ):
            continue
        if entry.country in REGIONS and not _region_mention(doc, span):
            continue
        found.append(EntityMatch(start=span.start, end=span.end, entry=entry))
    return found


def _region_mention(doc: Doc, span: Span) -> bool:
    """ "the West" is a collective; "West Africa" and "Kanye West" are not."""
    if len(span) > 1:
        return True
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return before == "the" and not after[:1].isupper()


def _entry_for(
    span: Span, dictionary: ActorDictionary, on: date | None
) -> ActorEntry | None:
    entry = dictionary.lookup(span.text, on=on, kinds=MATCHED_KINDS)
    if entry is None:
        # A person known to the table but holding no role on this date still
        # names someone: keep the name, drop the code of a role not held then.
        former = dictionary.lookup(span.text, on=None, kinds=("person",))
        if former is None:
            return None
        entry = replace(former, code=None, country=None, sector=None, role=None)
    if entry.kind == "person" and len(span) == 1:
        word = span[0]
        if all_caps(sentence_of(word)):
            # Tags are noise in capitals: only a common word ("MAY") is doubted.
            return None if word.is_stop else entry
        if word.pos_ not in PERSON_ALIAS_POS:
            return None
    return entry


class _CapitalTest:
    """Whether a token range holds a capital letter (a proper mention).

    Read on the Doc's text by character offsets: the matcher proposes many
    spans per article, and making a ``Span`` and joining its text for each
    cost more than the test. The slice may end with the last token's trailing
    whitespace, which holds no capital, so the answer is the span text's.
    """

    def __init__(self, doc: Doc) -> None:
        self.text = text_of(doc)
        self.starts: list[int] = doc.to_array("IDX").tolist()

    def any_in(self, start: int, end: int) -> bool:
        stop = self.starts[end] if end < len(self.starts) else len(self.text)
        # map() keeps the character test in C.
        return any(map(str.isupper, self.text[self.starts[start] : stop]))


def _surface_forms(phrase: str) -> Iterator[str]:
    yield phrase
    lowered = phrase.lower()
    if lowered.startswith("the "):
        yield phrase[4:]
