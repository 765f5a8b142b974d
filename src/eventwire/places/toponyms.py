"""Find the places an article names and resolve each against the gazetteer.

Candidates come from spaCy's GPE/LOC/FAC entities and from runs of
capitalised tokens that the gazetteer knows. Demonyms ("Russian", "the
Syrian border"), the attributive "U.S." ("U.S. troops") and the names of
people and organisations are actors, not places. The tagger often calls a
city a person or an organisation ("Doha", "Karachi"); such a name is a place
when the actor dictionary knows it as a capital or when it stands where
places stand ("in Karachi", "the port of Hodeidah", a dateline). Resolution
is in :mod:`eventwire.places.resolution`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.model import Actor, ParsedArticle, Place, Toponym
from eventwire.nlp import sentences_of
from eventwire.places._spans import (
    CALENDAR_WORDS,
    FACILITY_WORDS,
    PLACE_NOUNS,
    SETTLEMENTS,
    SITE_MODIFIER_DEPS,
    SITE_NOUNS,
    attributive,
    before_container,
    capitalised,
    in_place_slot,
    lookup,
    parts,
    shouting,
    trimmed,
    with_designator,
)
from eventwire.places.datelines import dateline_parts
from eventwire.places.gazetteer import (
    MAX_NAME_WORDS,
    Gazetteer,
    GazetteerEntry,
    NameMatch,
)
from eventwire.places.resolution import (
    Candidate,
    place_landmarks,
    resolve_candidates,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# NER labels kept as a place with no entry when the gazetteer lacks them (a
# FAC only when it is a proper noun, not "the bridge").
UNKNOWN_PLACE_LABELS = PLACE_LABELS
# Entities that are not places, unless a place name stands where places do.
OTHER_LABELS = frozenset(
    {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"}
)
NAMED_FEATURES = frozenset({"country", "admin", "landmark", "region", "water"})
# Actor dictionary entries that name a place ("country:SYR", "capital:RUS").
PLACE_ENTRY_PREFIXES = ("country:", "capital:")
# A seat of power ("metonym:kremlin") is a place when the gazetteer has it as
# a landmark; a collective ("the West") is not.
METONYM_PREFIX = "metonym:"
# Lower-case words allowed inside a capitalised name ("Sea of Azov").
NAME_JOINERS = frozenset({"of", "the", "de", "del", "da", "al", "el", "la", "du"})
# "the Paris Olympics" names Paris; "Hurricane Katrina" does not name
# Hurricane, Utah: only a big place's name opens an event's name.
EVENT_PLACE_MIN_POPULATION = 100_000


def find_toponyms(
    parsed: ParsedArticle, *, gazetteer: Gazetteer, actors: Sequence[Actor]
) -> tuple[Toponym, ...]:
    """Every place named in ``parsed``, in text order, geocoded where possible.

    ``actors`` are the article's resolved actors: people, organisations and
    demonyms among them are never places, and their countries set the
    article's focus.
    """
    doc = parsed.doc
    if len(doc) == 0:
        return ()
    finder = _Finder(doc, gazetteer, actors)
    candidates = finder.dateline_candidates()
    candidates += finder.entity_candidates(_tokens_of(candidates))
    candidates += finder.run_candidates(_tokens_of(candidates))
    candidates += finder.site_candidates(_tokens_of(candidates))
    candidates += finder.settlement_candidates(_tokens_of(candidates))
    candidates.sort(key=lambda c: c.span.start)
    resolve_candidates(candidates, actors=actors, gazetteer=gazetteer)
    place_landmarks(candidates)
    return tuple(_toponym(parsed, candidate) for candidate in candidates)


def _tokens_of(candidates: list[Candidate]) -> set[int]:
    return {i for c in candidates for i in range(c.span.start, c.span.end)}


class _Finder:
    def __init__(self, doc: Doc, gazetteer: Gazetteer, actors: Sequence[Actor]):
        self.doc = doc
        self.gazetteer = gazetteer
        self.starts = [sentence.start for sentence in sentences_of(doc)]
        self.blocked: dict[int, tuple[int, int]] = {}
        self.place_actors: set[int] = set()
        self.person_words = {
            token.lower_
            for entity in doc.ents
            if entity.label_ == "PERSON"
            for token in entity
            if token.is_alpha
        }
        for actor in actors:
            tokens = range(actor.token_start, actor.token_end)
            if _names_place(actor, gazetteer):
                self.place_actors.update(tokens)
            elif actor.label != "PRON" and not (
                actor.method == "unknown" and actor.label in PLACE_LABELS
            ):
                # "Syrian President Bashar Assad's forces": the demonym, the
                # title and the person belong to the actor.
                for index in tokens:
                    self.blocked[index] = (actor.token_start, actor.token_end)

    def dateline_candidates(self) -> list[Candidate]:
        """The places of "KABUL (AP) --" and "PARIS, Texas (AP) --"; a name
        the gazetteer lacks is kept when it is written in capitals."""
        found: list[Candidate] = []
        for span in dateline_parts(self.doc):
            candidate = self._candidate(span, None, dateline=True)
            if candidate is None and span.text.isupper():
                candidate = self._candidate(span, "GPE", dateline=True)
            if candidate is not None:
                found.append(candidate)
        return found

    def entity_candidates(self, taken: set[int]) -> list[Candidate]:
        found: list[Candidate] = []
        for entity in self.doc.ents:
            if any(i in taken for i in range(entity.start, entity.end)):
                continue
            label = entity.label_
            if label == "EVENT":
                found += self._event_place(entity)
                continue
            if label not in PLACE_LABELS and label not in OTHER_LABELS:
                continue
            if label in OTHER_LABELS and shouting(entity):
                continue  # all capitals: the tagger guesses; token runs decide
            for part in parts(entity):
                candidate = self._candidate(with_designator(part), label)
                if candidate is not None and self._kept(candidate, label):
                    found.append(candidate)
                elif candidate is None:
                    facility = self._facility(part, label)
                    if facility is not None:
                        found.append(facility)
        return found

    def _event_place(self, entity: Span) -> list[Candidate]:
        """ "the Paris Olympics", "the Sochi Games": an event named after its
        place names the place."""
        part = trimmed(entity)
        if part is None:
            return []
        for end in range(part.end - 1, part.start, -1):
            candidate = self._candidate(entity.doc[part.start : end], None)
            if candidate is not None and any(
                not m.alias
                and (m.entry.population or 0) >= EVENT_PLACE_MIN_POPULATION
                and m.entry.feature in ("city", "country")
                for m in candidate.matches
            ):
                return [candidate]
        return []

    def _facility(self, part: Span, label: str) -> Candidate | None:
        """ "the World Trade Center", "the Church of the Nativity": a named
        building or site the tagger calls an organisation is a landmark."""
        if label not in ("ORG", "PERSON") or not any(
            token.text in FACILITY_WORDS for token in part
        ):
            return None
        if self.gazetteer.is_demonym(part[0].text):
            return None  # "the Russian Orthodox Church" is an organisation
        if any(i in self.blocked for i in range(part.start, part.end)):
            known = self.blocked.get(part.start)
            if known is not None and known != (part.start, part.end):
                return None
        return self._candidate(part, "FAC")

    def _kept(self, candidate: Candidate, label: str) -> bool:
        part = candidate.span
        if label in OTHER_LABELS:
            return self._plausible(candidate)
        if any(i in self.blocked for i in range(part.start, part.end)):
            # A place inside an actor's name ("Georgia's president") is
            # named; an actor the tagger calls a place (an armed group as
            # GPE) is not, unless the gazetteer knows it.
            whole_actor = self.blocked.get(part.start) == (part.start, part.end)
            return bool(candidate.matches) and not whole_actor
        if not candidate.matches:
            # "Khashoggi" tagged GPE after "Jamal Khashoggi" was a person.
            if part.text.lower() in self.person_words:
                return False
            if part[-1].lower_ in CALENDAR_WORDS:
                return False
            if label == "FAC":
                return part[0].pos_ == "PROPN"
        return True

    def _lemma_positions(self, lemmas: frozenset[str]) -> list[int]:
        """Indices of the words whose lemma, in lower case, is in ``lemmas``:
        read off the Doc's array, as a ``Token`` for every word costs more
        than the search it would serve."""
        strings = self.doc.vocab.strings
        wanted: dict[int, bool] = {}
        positions = []
        for index, lemma in enumerate(self.doc.to_array("LEMMA").tolist()):
            hit = wanted.get(lemma)
            if hit is None:
                hit = wanted[lemma] = strings[lemma].lower() in lemmas
            if hit:
                positions.append(index)
        return positions

    def _lower_positions(self, word: str) -> list[int]:
        """Indices of the words that are ``word`` in lower case."""
        key = self.doc.vocab.strings[word]
        lowered = self.doc.to_array("LOWER").tolist()
        return [index for index, lower in enumerate(lowered) if lower == key]

    def run_candidates(self, taken: set[int]) -> list[Candidate]:
        """Gazetteer names in capitalised token runs no entity covers."""
        found: list[Candidate] = []
        doc = self.doc
        i = 0
        while i < len(doc):
            if i in taken or not self._free(i) or not capitalised(doc[i]):
                i += 1
                continue
            state = self._state_abbreviation(i)
            if state is not None:
                found.append(state)
                i += 1
                continue
            end = self._longest_name(i, taken)
            candidate = self._candidate(doc[i:end], None) if end else None
            if end and candidate is not None and self._plausible(candidate):
                found.append(candidate)
                i = end
            else:
                i += 1
        return found

    def site_candidates(self, taken: set[int]) -> list[Candidate]:
        """Proper names of sites the tagger missed or called a person or an
        organisation: the capitalised words before a site noun ("the
        Westgate shopping mall", "Barcelona's El Prat airport")."""
        found: list[Candidate] = []
        for index in self._lemma_positions(SITE_NOUNS):
            token = self.doc[index]
            if token.pos_ != "NOUN":
                continue
            name = self._site_name(token)
            if name is None or any(i in taken for i in range(name.start, name.end)):
                continue
            candidate = self._candidate(name, "FAC")
            if candidate is not None:
                found.append(candidate)
        return found

    def settlement_candidates(self, taken: set[int]) -> list[Candidate]:
        """ "the central town of Konna", "the village of Guadalupe Tepeyac":
        the proper name a settlement noun is "of" is a place, known to the
        gazetteer or not. The tagger's guess of a person loses to the noun,
        but not an actor longer than the name."""
        found: list[Candidate] = []
        for index in self._lower_positions("of"):
            token = self.doc[index]
            if token.head.lemma_.lower() not in SETTLEMENTS:
                continue
            for name in token.children:
                if name.dep_ != "pobj" or name.pos_ != "PROPN":
                    continue
                span = trimmed(self.doc[name.left_edge.i : name.i + 1])
                if span is None or not all(capitalised(t) or t.is_punct for t in span):
                    continue
                tokens = range(span.start, span.end)
                whole = (span.start, span.end)
                if any(i in taken for i in tokens) or any(
                    self.blocked.get(i, whole) != whole for i in tokens
                ):
                    continue
                candidate = self._candidate(span, "GPE")
                if candidate is not None:
                    found.append(candidate)
        return found

    def _site_name(self, noun: Token) -> Span | None:
        words = [
            child
            for child in noun.children
            if child.dep_ in SITE_MODIFIER_DEPS
            and child.i < noun.i
            and child.pos_ == "PROPN"
            and capitalised(child)
        ]
        if not words:
            return None
        start = min(word.left_edge.i for word in words)
        end = max(word.i for word in words) + 1
        name = self.doc[start:end]
        # An actor's name is not a site's ("the Trump hotel").
        if name[-1].lower_ in CALENDAR_WORDS or any(
            not (capitalised(token) or token.is_punct)
            or (token.i in self.blocked and token.i not in self.place_actors)
            for token in name
        ):
            return None
        return trimmed(name)

    def _state_abbreviation(self, index: int) -> Candidate | None:
        """ "Ferguson, Mo.": an AP state abbreviation after a comma."""
        if self.doc[index].text not in self.gazetteer.abbreviations:
            return None
        return self._candidate(self.doc[index : index + 1], None)

    def _free(self, index: int) -> bool:
        token = self.doc[index]
        if index in self.blocked and index not in self.place_actors:
            return False
        return token.ent_type_ not in OTHER_LABELS or token.text.isupper()

    def _longest_name(self, start: int, taken: set[int]) -> int | None:
        doc = self.doc
        best = None
        end = start
        while end < len(doc) and end - start < MAX_NAME_WORDS:
            token = doc[end]
            if end in taken or not self._free(end):
                break
            if not (capitalised(token) or token.lower_ in NAME_JOINERS):
                break
            end += 1
            if capitalised(token) and self.gazetteer.lookup(doc[start:end].text):
                best = end
        return best

    def _candidate(
        self, span: Span, label: str | None, *, dateline: bool = False
    ) -> Candidate | None:
        text = span.text
        gazetteer = self.gazetteer
        if gazetteer.is_demonym(text) or gazetteer.is_demonym(span[-1].text):
            return None
        if not any(char.isalpha() for char in text) or attributive(span):
            return None
        matches, prefer = lookup(gazetteer, text)
        state = gazetteer.abbreviations.get(text)
        if (
            state is not None
            and span.start > 0
            and span.doc[span.start - 1].text == ","
        ):
            matches, prefer = (NameMatch(state, False),), None
        if not matches and label not in UNKNOWN_PLACE_LABELS:
            return None
        return Candidate(
            span=span,
            matches=matches,
            label=label,
            sentence=bisect.bisect_right(self.starts, span.start) - 1,
            dateline=dateline,
            prefer=prefer,
            country_hint=self._demonym_hint(span),
        )

    def _demonym_hint(self, span: Span) -> str | None:
        """ "the northern Lebanese city of Tripoli", "the Syrian town Kobani":
        the nationality of the place noun says the country."""
        token = span.root
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of":
            head = head.head
        elif token.dep_ not in ("appos", "compound"):
            return None
        if head.lemma_.lower() not in PLACE_NOUNS:
            return None
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < head.i:
                country = self.gazetteer.demonym_country(child.text)
                if country is not None:
                    return country
        return None

    def _plausible(self, candidate: Candidate) -> bool:
        """A name the tagger did not call a place is one if it is a country,
        a US state, a landmark, a region or a sea, or a city or a province
        named where a place is expected."""
        span = candidate.span
        main = [m for m in candidate.matches if not m.alias]
        if any(_self_evident(m.entry) for m in main):
            return True
        if not candidate.matches:
            return False
        if candidate.dateline or span.start in self.place_actors:
            return True
        if span[0].pos_ != "PROPN" and not span.text.isupper():
            return False
        return in_place_slot(span) or bool(main and before_container(span))


def _self_evident(entry: GazetteerEntry) -> bool:
    if entry.feature == "admin":
        return entry.country == "USA" or entry.evident
    return entry.feature in NAMED_FEATURES


def _names_place(actor: Actor, gazetteer: Gazetteer) -> bool:
    entry = actor.entry_id or ""
    if entry.startswith(PLACE_ENTRY_PREFIXES) or actor.method == "place":
        return True
    # "Brussels" for the EU, "the Kremlin" for Russia's presidency: places;
    # "the West": not one.
    return entry.startswith(METONYM_PREFIX) and any(
        not m.alias and m.entry.feature in ("landmark", "city")
        for m in gazetteer.lookup(actor.text)
    )


def _toponym(parsed: ParsedArticle, candidate: Candidate) -> Toponym:
    span = candidate.span
    start, end = parsed.clean.offsets.to_original(span.start_char, span.end_char)
    text = parsed.article.text[start:end]
    entry = candidate.chosen
    place = (
        Place(
            text=text,
            start=start,
            end=end,
            name=entry.name,
            country=entry.country,
            admin1=entry.admin1,
            lat=entry.lat,
            lon=entry.lon,
            geonameid=entry.geonameid,
            feature=entry.feature,
        )
        if entry is not None
        else None
    )
    return Toponym(
        article_id=parsed.article.id,
        text=text,
        start=start,
        end=end,
        sentence=candidate.sentence,
        token_start=span.start,
        token_end=span.end,
        place=place,
        dateline=candidate.dateline,
    )
