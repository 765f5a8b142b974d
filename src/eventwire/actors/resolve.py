"""Resolve noun phrases to actors: "Syrian troops" -> SYRMIL, "Putin" -> RUSGOV.

Each noun phrase is read over the dependency parse: its head and the
modifiers to its left (compounds, adjectives, possessives). Dictionary matches
say which country, organisation or person is named; sector nouns and titles
("troops", "Prime Minister") say which part of it acts. A person first named
with a title ("British Prime Minister David Cameron") is remembered, so a later
"Cameron" resolves to the same actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventwire.actors.dictionary import ActorDictionary, ActorEntry
from eventwire.actors.match import ActorMatcher, EntityMatch, find_entities
from eventwire.model import Actor, OffsetMap, ParsedArticle

# Dependents that belong to the noun phrase they modify.
NOUN_PHRASE_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "det", "case", "flat", "nummod", "npadvmod"}
)
MODIFIER_DEPS = NOUN_PHRASE_DEPS - {"det", "case"}
HEAD_POS = frozenset({"NOUN", "PROPN"})
# Entity kinds that name a country rather than an agent of it.
COUNTRY_KINDS = frozenset({"country", "adjective"})
NAMED_NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Named modifiers that make a thing theirs: "ISIL targets", "Assad's palace".
# A capital as a modifier names a place ("the Paris attacks"), not an owner.
OWNER_KINDS = frozenset({"organisation", "person", "metonym"})
# "anti-ISIL coalition", "pro-Russian separatists": the name is what the
# phrase is against or for, not who it is.
STANCE_PREFIXES = frozenset({"anti", "pro", "counter", "non"})


@dataclass(frozen=True, slots=True, kw_only=True)
class _Identity:
    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    method: str
    entry_id: str | None


def resolve_actors(
    parsed: ParsedArticle, *, dictionary: ActorDictionary, matcher: ActorMatcher
) -> tuple[Actor, ...]:
    """Return every actor mention in the article, in text order.

    Mentions whose code cannot be told are kept with ``code=None`` when they
    are named entities, so users can see what the dictionary lacks.
    """
    doc = parsed.doc
    on = parsed.article.published
    entities = _index_entities(find_entities(doc, matcher=matcher, on=on))
    resolver = _PhraseResolver(doc=doc, entities=entities, dictionary=dictionary)
    offsets = parsed.clean.offsets
    original = parsed.article.text
    actors: list[Actor] = []
    for sentence_index, sentence in enumerate(doc.sents):
        for token in sentence:
            if token.pos_ not in HEAD_POS or token.dep_ in MODIFIER_DEPS:
                continue
            for identity, (start, end), head in resolver.resolve(token):
                actors.append(
                    _actor(
                        doc,
                        offsets,
                        original,
                        identity,
                        (start, end),
                        head,
                        sentence_index,
                    )
                )
    return tuple(actors)


def _index_entities(matches: Sequence[EntityMatch]) -> dict[int, EntityMatch]:
    return {i: match for match in matches for i in range(match.start, match.end)}


class _PhraseResolver:
    """Resolves noun-phrase heads of one Doc, remembering people by name."""

    def __init__(
        self,
        *,
        doc: Doc,
        entities: dict[int, EntityMatch],
        dictionary: ActorDictionary,
    ) -> None:
        self.doc = doc
        self.entities = entities
        self.dictionary = dictionary
        self.people: dict[str, _Identity] = {}

    def resolve(self, head: Token) -> list[tuple[_Identity, tuple[int, int], Token]]:
        """The actor a phrase names, else the actors named inside it.

        "Syrian troops" is one actor; "Russia's move" and "the U.S. strike"
        are no actors themselves, but name one ("Russia", "U.S.") that a
        predicate aimed at the move or the strike is aimed at.
        """
        tokens = _phrase_tokens(head)
        start, end = _trimmed_bounds(tokens)
        head_match = self.entities.get(head.i)
        identity: _Identity | None
        if head_match is not None:
            start = min(start, head_match.start)
            end = max(end, head_match.end)
            identity = self._from_entity(head, head_match, tokens)
        else:
            identity = self._from_phrase(head, tokens)
        if identity is None:
            return self._modifiers(head, tokens)
        self._remember(head, identity)
        return [(identity, (start, end), head)]

    def _modifiers(
        self, head: Token, tokens: list[Token]
    ) -> list[tuple[_Identity, tuple[int, int], Token]]:
        found: list[tuple[_Identity, tuple[int, int], Token]] = []
        seen: set[int] = set()
        for token in tokens:
            match = self.entities.get(token.i)
            if (
                token.i == head.i
                or match is None
                or match.start in seen
                or match.entry.code is None
                or _negated_modifier(self.doc, match.start)
                or (match.entry.kind == "capital" and token.dep_ != "poss")
            ):
                continue
            seen.add(match.start)
            identity = _identity_of(match.entry, method="modifier")
            found.append((identity, (match.start, match.end), self.doc[match.end - 1]))
        return found

    def _from_entity(
        self, head: Token, match: EntityMatch, tokens: list[Token]
    ) -> _Identity:
        entry = match.entry
        if entry.kind == "person" and entry.code is None:
            titled = self._titled(head, tokens, name=entry.name)
            if titled is not None:
                return titled
        if entry.kind in COUNTRY_KINDS:
            sector = self._sector(head, tokens)
            code = entry.country + sector if entry.country and sector else entry.code
            return _Identity(
                code=code,
                country=entry.country,
                sector=sector,
                name=entry.name,
                method="dictionary",
                entry_id=entry.id,
            )
        return _identity_of(entry, method="dictionary")

    def _from_phrase(self, head: Token, tokens: list[Token]) -> _Identity | None:
        head_sector = self.dictionary.agent_sector(head.lower_) or (
            self.dictionary.agent_sector(head.lemma_.lower())
        )
        if head_sector is not None:
            owner = self._owner(head, tokens)
            return None if owner is None else _agent_of(owner, head_sector, "agent")
        # spaCy often tags a lone surname NOUN or ORG: a capitalised name
        # seen earlier in the article wins over the tagger.
        if head.ent_type_ == "PERSON" or (
            head.text[:1].isupper() and self._known(head)
        ):
            person = self._person(head, tokens)
            if person is not None:
                return person
        named = self._named_modifier(head, tokens)
        if named is not None:
            return named
        if head.ent_type_ in NAMED_NER_LABELS:
            return _Identity(
                code=None,
                country=None,
                sector=None,
                name=_entity_text(head),
                method=f"unknown:{head.ent_type_}",
                entry_id=None,
            )
        return None

    def _person(self, head: Token, tokens: list[Token]) -> _Identity | None:
        name = _entity_text(head)
        titled = self._titled(head, tokens, name=name)
        if titled is not None:
            return titled
        remembered = self.people.get(name.lower()) or self.people.get(head.lower_)
        if remembered is None:
            return None
        return replace(remembered, method="reference")

    def _known(self, head: Token) -> bool:
        return head.lower_ in self.people or _entity_text(head).lower() in self.people

    def _titled(
        self, head: Token, tokens: list[Token], *, name: str
    ) -> _Identity | None:
        """A person with a title: "Russian President X", "X, the French president"."""
        candidates = list(tokens)
        for appos in (child for child in head.children if child.dep_ == "appos"):
            candidates.extend(_phrase_tokens(appos))
        sector = self._sector(head, candidates)
        owner = self._owner(head, candidates)
        if sector is None or owner is None:
            return None
        return replace(_agent_of(owner, sector, "title"), name=name)

    def _sector(self, head: Token, tokens: list[Token]) -> str | None:
        """The sector named by a title or sector noun among ``tokens``."""
        words = [token for token in tokens if token.i not in self.entities]
        for first, second in zip(words, words[1:], strict=False):
            if second.i == first.i + 1:
                pair = f"{first.lower_} {second.lower_}"
                sector = self.dictionary.agent_sector(pair)
                if sector is not None:
                    return sector
        for token in words:
            sector = self.dictionary.agent_sector(token.lower_)
            if sector is not None:
                return sector
        return None

    def _owner(self, head: Token, tokens: list[Token]) -> _Identity | None:
        """Whom a phrase's modifiers name: "Syrian", "Britain's", "of France"."""
        head_match = self.entities.get(head.i)
        for token in _with_of_objects(head, tokens):
            match = self.entities.get(token.i)
            if (
                match is not None
                and match is not head_match
                and match.entry.country
                and not _negated_modifier(self.doc, match.start)
            ):
                return _identity_of(match.entry, method="owner")
        for token in tokens:
            if token.dep_ == "poss" and token.i != head.i:
                remembered = self.people.get(token.lower_)
                if remembered is not None and remembered.country:
                    return remembered
        return None

    def _named_modifier(self, head: Token, tokens: list[Token]) -> _Identity | None:
        """A named organisation or person owning the head: "ISIL targets"."""
        for token in tokens:
            if token.i == head.i:
                continue
            match = self.entities.get(token.i)
            if (
                match is not None
                and match.entry.kind in OWNER_KINDS
                and not _negated_modifier(self.doc, match.start)
            ):
                return _identity_of(match.entry, method="owner")
        return None

    def _remember(self, head: Token, identity: _Identity) -> None:
        if identity.code is None or head.ent_type_ != "PERSON":
            return
        full = _entity_text(head)
        self.people[full.lower()] = identity
        self.people[head.lower_] = identity


def _agent_of(owner: _Identity, sector: str, method: str) -> _Identity:
    """The ``sector`` of ``owner``: SYR + MIL. An organisation acts as itself
    ("NATO troops" is NATO); a person's sector gives way to the noun's."""
    if owner.country is None or owner.code is None:
        return owner
    if owner.code != owner.country + (owner.sector or ""):
        return replace(owner, method=method)
    return replace(owner, code=owner.country + sector, sector=sector, method=method)


def _negated_modifier(doc: Doc, start: int) -> bool:
    """True for a name glued to a stance prefix: "anti-ISIL", "pro-Kremlin"."""
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].lower_ in STANCE_PREFIXES
    )


def _identity_of(entry: ActorEntry, *, method: str) -> _Identity:
    return _Identity(
        code=entry.code,
        country=entry.country,
        sector=entry.sector,
        name=entry.name,
        method=method,
        entry_id=entry.id,
    )


def _phrase_tokens(head: Token) -> list[Token]:
    """The head and its noun-phrase dependents to its left, in text order."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in NOUN_PHRASE_DEPS and child.i < head.i:
                tokens.append(child)
                stack.append(child)
    return sorted(tokens, key=lambda token: token.i)


def _with_of_objects(head: Token, tokens: list[Token]) -> list[Token]:
    """Add the object of "of" ("the president of France") to a phrase's tokens."""
    extra = [
        grandchild
        for child in head.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    return tokens + extra


def _trimmed_bounds(tokens: list[Token]) -> tuple[int, int]:
    kept = [token for token in tokens if not (token.dep_ == "det" or token.is_punct)]
    kept = kept or tokens
    return kept[0].i, kept[-1].i + 1


def _entity_text(head: Token) -> str:
    if head.ent_type_:
        for entity in head.doc.ents:
            if entity.start <= head.i < entity.end:
                return entity.text
    return head.text


def _actor(
    doc: Doc,
    offsets: OffsetMap,
    original: str,
    identity: _Identity,
    bounds: tuple[int, int],
    head: Token,
    sentence: int,
) -> Actor:
    start, end = bounds
    clean_start = doc[start].idx
    clean_end = doc[end - 1].idx + len(doc[end - 1].text)
    original_start, original_end = offsets.to_original(clean_start, clean_end)
    return Actor(
        text=original[original_start:original_end],
        start=original_start,
        end=original_end,
        sentence=sentence,
        token_start=start,
        token_end=end,
        head=head.i,
        code=identity.code,
        country=identity.country,
        sector=identity.sector,
        name=identity.name,
        method=identity.method,
        entry_id=identity.entry_id,
    )
