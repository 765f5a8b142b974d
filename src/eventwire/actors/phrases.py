"""Resolve one noun phrase to an actor: "Syrian troops" -> SYRMIL, "Putin" -> RUSGOV.

A phrase is read over the dependency parse: its head and the modifiers to its
left (compounds, adjectives, possessives). Dictionary matches say which
country, organisation or person is named; sector nouns and titles ("troops",
"Prime Minister") say which part of it acts. Earlier mentions, kept in a
:class:`~eventwire.actors.references.Discourse`, resolve surnames, titles
("the French president") and "the country"; a named entity with no entry gets
a code from its context ("Jaish al-Islam, a Syrian rebel group") or keeps its
NER label with no code.

:class:`PhraseResolver` adds the phrase-level rules (coordinated members,
headlines, country and organisation references) to the readers it builds on:
sectors and owners in :mod:`eventwire.actors.sectors`, people and titles in
:mod:`eventwire.actors.people`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from eventwire.actors._syntax import (
    HEAD_POS,
    is_title_phrase,
    negated_modifier,
    of_objects,
    phrase_tokens,
    trimmed_bounds,
)
from eventwire.actors.identities import (
    Identity,
    Mention,
    agent_of,
    identity_from_entry,
    identity_from_mention,
)
from eventwire.actors.match import EntityMatch
from eventwire.actors.organisations import ORGANISATION_NOUNS
from eventwire.actors.people import PersonReader
from eventwire.actors.references import (
    COUNTRY_NOUNS,
    REFERENCE_HEADS,
)
from eventwire.actors.sectors import ROLE_HEADS

# Entity kinds that name a country rather than an agent of it.
COUNTRY_KINDS = frozenset({"country", "adjective"})
NAMED_NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Heads that take their sector from a modifier: "a Syrian rebel group" is REB.
GROUP_HEADS = frozenset(
    {
        "group",
        "groups",
        "faction",
        "factions",
        "unit",
        "units",
        "movement",
        "organisation",
        "organization",
        "brigade",
        "brigades",
        "battalion",
        "wing",
        "cell",
        "network",
    }
)
PERSON_PREFIXES = ("person:", "minister:")
# Bodies named with no article in wire copy ("Parliament approved the bill").
BARE_REFERENCE_HEADS = frozenset({"parliament", "legislature", "cabinet"})
# Modifiers that may be coordinated with others before one head.
CONJOINED_DEPS = frozenset({"amod", "nmod", "compound"})
MEMBER_POS = frozenset({"ADJ", "NOUN", "PROPN"})

Found = tuple[Identity, tuple[int, int], Token]


class PhraseResolver(PersonReader):
    """Resolves noun-phrase heads of one Doc, remembering people by name."""

    def resolve(self, head: Token) -> list[Found]:
        """The actor a phrase names, else the actors named inside it.

        "Syrian troops" is one actor; "Russia's move" and "the U.S. strike"
        are no actors themselves, but name one ("Russia", "U.S.") that a
        predicate aimed at the move or the strike is aimed at.
        """
        tokens = phrase_tokens(head)
        head_match = self.entities.get(head.i)
        if _conjoined_modifier(head):
            # "FARC" in "the Colombian government and FARC rebels": resolved
            # with the head it modifies.
            return []
        if head_match is None:
            members = self._conjoined_members(head)
            if members:
                return self._split(head, tokens, members)
        elif (head_match.start, head_match.end) in self.resolved_matches:
            # A second head inside one name ("Justice" in "International Court
            # of Justice", the hyphen of "Al-Shabaab"): the name is one actor.
            return []
        else:
            self.resolved_matches.add((head_match.start, head_match.end))
        start, end = trimmed_bounds(tokens)
        identity: Identity | None
        if head_match is not None:
            start = min(start, head_match.start)
            end = max(end, head_match.end)
            identity = self._from_entity(head, head_match, tokens)
        else:
            identity = self._from_phrase(head, tokens)
        if identity is None:
            return self._modifiers(head, tokens)
        return [(identity, (start, end), head)]

    def _conjoined_members(self, head: Token) -> list[Token]:
        """The coordinated modifiers of a phrase, when each names an actor.

        "Chinese and Indian soldiers", "U.S. and British warplanes", "Russian,
        Ukrainian and Turkish officials", "the Colombian government and FARC
        rebels" (which the parser reads as one phrase): one actor per member.
        """
        modifiers = [
            child
            for child in head.lefts
            if child.dep_ in CONJOINED_DEPS and child.pos_ in MEMBER_POS
        ]
        for index, modifier in enumerate(modifiers):
            chain = _conjuncts(modifier, before=head.i)
            if not chain:
                continue
            # "Russian, Ukrainian and Turkish": earlier members are siblings.
            earlier = [
                sibling
                for sibling in modifiers[:index]
                if self.doc[sibling.i + 1].text == ","
            ]
            members = [*earlier, modifier, *chain]
            if all(self._names_actor(member) for member in members):
                return members
            return []
        return []

    def _names_actor(self, token: Token) -> bool:
        match = self.entities.get(token.i)
        if match is not None:
            return match.entry.code is not None and not negated_modifier(
                self.doc, match.start
            )
        return token.pos_ in HEAD_POS and self.agent_sector(token.lower_) is not None

    def _split(
        self, head: Token, tokens: list[Token], members: list[Token]
    ) -> list[Found]:
        """One actor per coordinated member; the last one keeps the head."""
        *earlier, last = members
        removed: set[int] = set()
        for member in earlier:
            removed.update(t.i for t in phrase_tokens(member))
        kept = [t for t in tokens if t.i not in removed and not t.is_punct]
        by_index = {t.i: t for t in [*kept, *phrase_tokens(last)]}
        rest = [by_index[i] for i in sorted(by_index)]
        sector = self.head_sector(head, rest)
        found: list[Found] = []
        for member in earlier:
            member_tokens = phrase_tokens(member)
            bounds = trimmed_bounds(member_tokens)
            match = self.entities.get(member.i)
            if match is None:
                # "the Colombian government": a phrase of its own.
                identity = self._from_phrase(member, member_tokens)
            else:
                bounds = (min(bounds[0], match.start), max(bounds[1], match.end))
                owner = identity_from_entry(match.entry, method="modifier")
                identity = owner if sector is None else agent_of(owner, sector, "agent")
            if identity is not None:
                found.append((identity, bounds, self.doc[bounds[1] - 1]))
        identity = self._from_phrase(head, rest)
        if identity is not None:
            found.append((identity, trimmed_bounds(rest), head))
        else:
            found.extend(self._modifiers(head, rest))
        return found

    def resolve_headline(self, sentence: Span) -> list[Found]:
        """The actors of an all-caps headline, read without its parse.

        The parser reads "TURKEY DOWNS RUSSIAN JET" as one noun phrase, so
        each dictionary name is an actor of its own, and a country followed
        by sector words is their agent: "RUSSIAN JET" is RUSMIL, "IRAN'S
        FOREIGN MINISTER" IRNGOV.
        """
        found: list[Found] = []
        index = sentence.start
        while index < sentence.end:
            match = self.entities.get(index)
            if match is None or match.start != index:
                index += 1
                continue
            identity = identity_from_entry(match.entry, method="dictionary")
            end = match.end
            if match.entry.kind in COUNTRY_KINDS:
                agent_end, sector = self._headline_agent(match.end, sentence.end)
                if sector is not None:
                    identity = agent_of(identity, sector, "agent")
                    end = agent_end
                elif match.entry.kind == "adjective":
                    identity = replace(identity, method="modifier")
            found.append((identity, (match.start, end), self.doc[end - 1]))
            index = end
        return found

    def _headline_agent(self, start: int, limit: int) -> tuple[int, str | None]:
        """The sector words right after a country in a headline, and their end."""
        if start < limit and self.doc[start].tag_ == "POS":
            start += 1  # "IRAN'S"
        for size in (2, 1):
            end = start + size
            if end > limit or any(i in self.entities for i in range(start, end)):
                continue
            words = self.doc[start:end].text.lower()
            sector = self.agent_sector(words)
            if sector is None and words.endswith("s"):
                sector = self.agent_sector(words[:-1])
            if sector is not None:
                return end, sector
        return start, None

    def _modifiers(self, head: Token, tokens: list[Token]) -> list[Found]:
        found: list[Found] = []
        seen: set[int] = set()
        for token in tokens:
            if (
                token.i != head.i
                and token.dep_ == "poss"
                and token.pos_ in HEAD_POS
                and token.i not in self.entities
            ):
                # "the French president's trip": the owner is a phrase itself.
                for owner in self.resolve(token):
                    found.append(owner)
                    seen.update(range(*owner[1]))
        for token in tokens:
            match = self.entities.get(token.i)
            if (
                token.i == head.i
                or match is None
                or match.start in seen
                or match.entry.code is None
                or negated_modifier(self.doc, match.start)
                or (match.entry.kind == "capital" and token.dep_ != "poss")
            ):
                continue
            seen.add(match.start)
            identity = identity_from_entry(match.entry, method="modifier")
            found.append((identity, (match.start, match.end), self.doc[match.end - 1]))
        return sorted(found, key=lambda item: item[1])

    def _from_entity(
        self, head: Token, match: EntityMatch, tokens: list[Token]
    ) -> Identity:
        entry = match.entry
        if entry.kind == "person" and entry.code is None:
            # Out of office on the article's date: a title says what they are
            # now ("Opposition leader Raila Odinga"), and so does an earlier
            # titled mention of the same name.
            titled = self.titled_person(head, tokens, name=entry.name)
            if titled is not None:
                return titled
            remembered = self.remembered(head, self.entity_text(head))
            if remembered is not None:
                return remembered
        if entry.kind in COUNTRY_KINDS:
            sector = self.sector_of(head, tokens)
            code = entry.country + sector if entry.country and sector else entry.code
            return Identity(
                code=code,
                country=entry.country,
                sector=sector,
                name=entry.name,
                method="dictionary",
                entry_id=entry.id,
            )
        return identity_from_entry(entry, method="dictionary")

    def _from_phrase(self, head: Token, tokens: list[Token]) -> Identity | None:
        organisation = self._organisation_reference(head, tokens)
        if organisation is not None:
            return organisation
        head_sector = self.head_sector(head, tokens)
        if head_sector is None and head.lower_ in GROUP_HEADS:
            head_sector = self.sector_of(head, [t for t in tokens if t.i != head.i])
        if head_sector is not None:
            return self._agent(head, tokens, head_sector)
        reference = self._country_reference(head, tokens)
        if reference is not None:
            return reference
        # spaCy often tags a lone surname NOUN or ORG: a capitalised name
        # seen earlier in the article wins over the tagger.
        if head.ent_type_ == "PERSON" or (
            head.text[:1].isupper() and self.is_known_person(head)
        ):
            person = self.person(head, tokens)
            if person is not None:
                return person
        untagged = self.untagged_person(head, tokens)
        if untagged is not None:
            return untagged
        named = self.named_modifier(head, tokens)
        if named is not None:
            return named
        if head.ent_type_ in NAMED_NER_LABELS:
            return self._unknown(head)
        return None

    def _agent(self, head: Token, tokens: list[Token], sector: str) -> Identity | None:
        """A sector noun or title: "Syrian troops", "the French president"."""
        owner = self.owner_of(head, tokens)
        if is_title_phrase(head, tokens):
            person = self.title_holder(head, tokens, owner)
            if person is not None:
                return person
        if owner is not None:
            if head.lower_ in ROLE_HEADS and owner.sector is not None:
                # "a Pentagon spokesman" speaks for the Pentagon (USAMIL).
                return replace(owner, method="agent")
            return agent_of(owner, sector, "agent")
        reference = self._country_reference(head, tokens)
        if reference is not None:
            return reference
        for token in tokens:
            # "Kurdish fighters": a named group the tables lack keeps its label.
            if token.i != head.i and token.ent_type_ in NAMED_NER_LABELS:
                return Identity(
                    code=None,
                    country=None,
                    sector=sector,
                    name=self.entity_text(token),
                    method="unknown",
                    entry_id=None,
                    label=token.ent_type_,
                )
        return self.bare_sector(head, tokens, sector)

    def _country_reference(self, head: Token, tokens: list[Token]) -> Identity | None:
        """ "the country", "the government": the country named last, if no other."""
        word = head.lower_
        definite = any(
            token.lower_ == "the" and token.dep_ == "det" for token in tokens
        )
        # "asked parliament to ...": a bare legislature is the country's own.
        bare = tokens == [head] and word in BARE_REFERENCE_HEADS
        if word not in REFERENCE_HEADS or not (definite or bare):
            return None
        if any(t.i in self.entities or t.dep_ in {"poss", "compound"} for t in tokens):
            return None  # "the morality police" is a body of its own
        mention = (self._subject_of_verb(head) if bare else None) or (
            self.discourse.country(head)
        )
        if mention is None or mention.nation is None:
            return None
        sector = None if word in COUNTRY_NOUNS else self.agent_sector(word)
        nation = mention.nation
        return Identity(
            code=nation + (sector or ""),
            country=nation,
            sector=sector,
            name=self.dictionary.country_name(nation),
            method="reference",
            entry_id=f"country:{nation}",
            antecedent=mention.named,
        )

    def _subject_of_verb(self, head: Token) -> Mention | None:
        """The state actor that is the subject of the verb ``head`` is the
        object of: "Poroshenko asked parliament", "Medvedev told parliament"."""
        if head.dep_ not in {"dobj", "dative"}:
            return None
        for child in head.head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                mention = self.discourse.at(child.i)
                if mention is not None and mention.nation is not None:
                    return mention
        return None

    def _organisation_reference(
        self, head: Token, tokens: list[Token]
    ) -> Identity | None:
        """ "the alliance", "the bloc", "the group", "the court": the last
        organisation of that kind named in the article, else none.

        Only a definite phrase whose other words are plain adjectives or
        nouns ("the militant group", "the last militants") or a country that
        narrows the search ("the Somali group"); "the group of seven" and
        "Kurdish militants" (a name the tables lack) are left alone.
        """
        kind = ORGANISATION_NOUNS.get(head.lower_)
        if kind is None or not any(
            token.lower_ == "the" and token.dep_ == "det" for token in tokens
        ):
            return None
        if of_objects(head):
            return None
        country: str | None = None
        for token in tokens:
            if token.i == head.i or token.dep_ in {"det", "case"}:
                continue
            match = self.entities.get(token.i)
            if match is not None and match.entry.kind in COUNTRY_KINDS:
                country = match.entry.country
            elif (
                match is not None
                or token.ent_type_
                or token.dep_ == "poss"
                or token.pos_ == "PROPN"
            ):
                return None
        mention = self.discourse.organisation(head, kind=kind, country=country)
        if mention is None:
            return None
        if mention.actor.code is None:
            return Identity(
                code=None,
                country=None,
                sector=None,
                name=mention.actor.name,
                method="reference",
                entry_id=None,
                label=mention.actor.label,
                antecedent=mention.named,
            )
        return identity_from_mention(mention, method="reference")

    def _unknown(self, head: Token) -> Identity:
        """A named entity the tables lack: coded from an apposition when it says
        who it is ("Jaish al-Islam, a Syrian rebel group"), else kept uncoded."""
        label = head.ent_type_
        name = self.entity_text(head)
        for appos in (child for child in head.children if child.dep_ == "appos"):
            if appos.pos_ not in HEAD_POS or appos.i in self.entities:
                continue
            described = self._from_phrase(appos, phrase_tokens(appos))
            if described is not None and described.code is not None:
                return replace(
                    described,
                    name=name,
                    method="context",
                    label=label,
                    entry_id=None,
                    antecedent=None,
                )
        return Identity(
            code=None,
            country=None,
            sector=None,
            name=name,
            method="unknown",
            entry_id=None,
            label=label,
        )


def _conjuncts(token: Token, *, before: int) -> list[Token]:
    """The conjuncts chained to ``token`` ("Chinese and Indian"), left of ``before``."""
    found: list[Token] = []
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.i < before:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _conjoined_modifier(token: Token) -> bool:
    """True for a later member of coordinated modifiers ("FARC" in "the Colombian
    government and FARC rebels"): the phrase head to its right resolves it."""
    if token.dep_ != "conj":
        return False
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return (
        first.dep_ in CONJOINED_DEPS
        and first.head.i > token.i
        and first.head.pos_ in HEAD_POS
    )
