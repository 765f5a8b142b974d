"""Resolve one noun phrase to an actor: "Syrian troops" -> SYRMIL, "Putin" -> RUSGOV.

A phrase is read over the dependency parse: its head and the modifiers to its
left (compounds, adjectives, possessives). Dictionary matches say which
country, organisation or person is named; sector nouns and titles ("troops",
"Prime Minister") say which part of it acts. Earlier mentions, kept in a
:class:`~eventwire.actors.references.Discourse`, resolve surnames, titles
("the French president") and "the country"; a named entity with no entry gets
a code from its context ("Jaish al-Islam, a Syrian rebel group") or keeps its
NER label with no code.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.actors._syntax import (
    HEAD_POS,
    is_title_phrase,
    negated_modifier,
    of_objects,
    of_state,
    phrase_tokens,
    trimmed_bounds,
    with_of_objects,
)
from eventwire.actors.dictionary import ActorDictionary, ActorEntry
from eventwire.actors.entry import INTERNATIONAL
from eventwire.actors.match import EntityMatch
from eventwire.actors.references import (
    COUNTRY_NOUNS,
    ORGANISATION_NOUNS,
    REFERENCE_HEADS,
    TITLE_COUNTRIES,
    Discourse,
    Identity,
    Mention,
    title_office,
)
from eventwire.model import TextSpan

# Entity kinds that name a country rather than an agent of it.
COUNTRY_KINDS = frozenset({"country", "adjective"})
NAMED_NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Named modifiers that make a thing theirs: "ISIL targets", "Assad's palace".
# A capital as a modifier names a place ("the Paris attacks"), not an owner.
OWNER_KINDS = frozenset({"organisation", "person", "metonym"})
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
# A modifier of a non-state sector overrides a head of a state one.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "COP"})
NON_STATE_SECTORS = frozenset({"REB", "SEP", "INS", "UAF", "OPP"})
# Entries that name a place a group of people may be in.
PLACE_KINDS = frozenset({"country", "capital"})
# Bodies named with no article in wire copy ("Parliament approved the bill").
BARE_REFERENCE_HEADS = frozenset({"parliament", "legislature", "cabinet"})
# Sectors of armed groups, whose unnamed fighters belong to a named group.
ARMED_NON_STATE_SECTORS = frozenset({"REB", "SEP", "INS", "UAF"})
# Singular agent nouns that name a group of people: "police fired".
GROUP_AGENTS = frozenset({"police", "military", "army", "navy", "militia"})
# Modifiers that may be coordinated with others before one head.
CONJOINED_DEPS = frozenset({"amod", "nmod", "compound"})
MEMBER_POS = frozenset({"ADJ", "NOUN", "PROPN"})

Found = tuple[Identity, tuple[int, int], Token]


class PhraseResolver:
    """Resolves noun-phrase heads of one Doc, remembering people by name."""

    def __init__(
        self,
        *,
        doc: Doc,
        entities: dict[int, EntityMatch],
        dictionary: ActorDictionary,
        discourse: Discourse,
        on: date | None,
    ) -> None:
        self.doc = doc
        self.entities = entities
        self.dictionary = dictionary
        self.discourse = discourse
        self.on = on
        self.people: dict[str, tuple[Identity, TextSpan]] = {}
        self.entity_texts = {
            i: entity.text
            for entity in doc.ents
            for i in range(entity.start, entity.end)
        }
        self.sectors: dict[str, str | None] = {}
        self.resolved_matches: set[tuple[int, int]] = set()

    def _agent_sector(self, phrase: str) -> str | None:
        # Phrases repeat within an article; normalising each time is the cost.
        if phrase not in self.sectors:
            self.sectors[phrase] = self.dictionary.agent_sector(phrase)
        return self.sectors[phrase]

    def _entity_text(self, token: Token) -> str:
        """The text of the named entity holding ``token``, else the token's."""
        return self.entity_texts.get(token.i, token.text)

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
        return token.pos_ in HEAD_POS and self._agent_sector(token.lower_) is not None

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
        sector = self._head_sector(head, rest)
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
                owner = _identity_of(match.entry, method="modifier")
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
            identity = _identity_of(match.entry, method="dictionary")
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
            sector = self._agent_sector(words)
            if sector is None and words.endswith("s"):
                sector = self._agent_sector(words[:-1])
            if sector is not None:
                return end, sector
        return start, None

    def remember(self, head: Token, identity: Identity, span: TextSpan) -> None:
        """Remember a coded person by full name and surname, for later mentions."""
        if identity.code is None or head.ent_type_ != "PERSON":
            return
        self.people[self._entity_text(head).lower()] = (identity, span)
        self.people[head.lower_] = (identity, span)

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
            identity = _identity_of(match.entry, method="modifier")
            found.append((identity, (match.start, match.end), self.doc[match.end - 1]))
        return sorted(found, key=lambda item: item[1])

    def _from_entity(
        self, head: Token, match: EntityMatch, tokens: list[Token]
    ) -> Identity:
        entry = match.entry
        if entry.kind == "person" and entry.code is None:
            titled = self._titled(head, tokens, name=entry.name)
            if titled is not None:
                return titled
        if entry.kind in COUNTRY_KINDS:
            sector = self._sector(head, tokens)
            code = entry.country + sector if entry.country and sector else entry.code
            return Identity(
                code=code,
                country=entry.country,
                sector=sector,
                name=entry.name,
                method="dictionary",
                entry_id=entry.id,
            )
        return _identity_of(entry, method="dictionary")

    def _from_phrase(self, head: Token, tokens: list[Token]) -> Identity | None:
        organisation = self._organisation_reference(head, tokens)
        if organisation is not None:
            return organisation
        head_sector = self._head_sector(head, tokens)
        if head_sector is None and head.lower_ in GROUP_HEADS:
            head_sector = self._sector(head, [t for t in tokens if t.i != head.i])
        if head_sector is not None:
            return self._agent(head, tokens, head_sector)
        reference = self._country_reference(head, tokens)
        if reference is not None:
            return reference
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
            return self._unknown(head)
        return None

    def _head_sector(self, head: Token, tokens: list[Token]) -> str | None:
        """The sector the head names: "troops", "foreign secretary", "secretary of
        state" (titles whose head word alone is no agent)."""
        before = [t for t in tokens if t.i == head.i - 1 and t.i not in self.entities]
        if before:
            # The longer phrase first: "security forces" is COP, "forces" MIL.
            sector = self._agent_sector(f"{before[0].lower_} {head.lower_}")
            if sector is not None:
                return sector
        sector = self._agent_sector(head.lower_) or (
            self._agent_sector(head.lemma_.lower())
        )
        if sector is None and of_state(head):
            sector = self._agent_sector(f"{head.lower_} of state")
        if sector in STATE_SECTORS and before:
            # "rebel commanders", "opposition lawmakers": the non-state side.
            modifier = self._agent_sector(before[0].lower_)
            if modifier in NON_STATE_SECTORS:
                return modifier
        return sector

    def _agent(self, head: Token, tokens: list[Token], sector: str) -> Identity | None:
        """A sector noun or title: "Syrian troops", "the French president"."""
        owner = self._owner(head, tokens)
        if is_title_phrase(head, tokens):
            person = self._title(head, tokens, owner)
            if person is not None:
                return person
        if owner is not None:
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
                    name=self._entity_text(token),
                    method="unknown",
                    entry_id=None,
                    label=token.ent_type_,
                )
        return self._bare_sector(head, tokens, sector)

    def _bare_sector(
        self, head: Token, tokens: list[Token], sector: str
    ) -> Identity | None:
        """ "Protesters", "security forces", "the lawmakers": a group of people
        of no named country belongs to the country in focus, if one is clear
        (:meth:`Discourse.focus_country`); else it keeps its sector alone."""
        if head.tag_ not in {"NNS", "NNPS"} and head.lower_ not in GROUP_AGENTS:
            return None  # "a pilot", "the president": one person, not a group
        definite = any(token.lower_ == "the" for token in tokens)
        if of_objects(head) or any(
            token.i != head.i
            and (
                token.dep_ == "poss"
                or token.i in self.entities
                or (
                    definite
                    and token.dep_ == "compound"
                    and not self._agent_word(token, head)
                )
            )
            for token in tokens
        ):
            # "the morality police" names a body of its own, not the police of
            # whichever country was named last ("the riot police" are police).
            return None
        if definite:
            earlier = self.discourse.same_noun(head)
            if earlier is not None:
                # "the soldiers" are the ones just mentioned, coded or not.
                return replace(
                    _following(earlier, method="reference"),
                    label=earlier.actor.label,
                )
        if sector in ARMED_NON_STATE_SECTORS:
            group = self.discourse.focus_group(head, sector=sector)
            if group is not None:
                return replace(_following(group, method="focus"), label=None)
        country = self._located_in(head)
        if (
            country is None
            and not (definite and head.lower_ in ORGANISATION_NOUNS)
            and not self._object_of_a_state(head)
        ):
            # "the militants" with no armed group named is no new group of
            # the country in focus.
            country = self.discourse.focus_country(head)
        if country is None:
            return Identity(
                code=None,
                country=None,
                sector=sector,
                name=None,
                method="sector",
                entry_id=None,
            )
        return Identity(
            code=country + sector,
            country=country,
            sector=sector,
            name=self.dictionary.country_name(country),
            method="focus",
            entry_id=f"country:{country}",
        )

    def _title(
        self, head: Token, tokens: list[Token], owner: Identity | None
    ) -> Identity | None:
        """The person a title names: named earlier in the article, else by date."""
        words = [
            token.lower_
            for token in tokens
            if token.i not in self.entities and token.dep_ not in {"det", "case"}
        ]
        words.extend(of_state(head))
        found = title_office(words)
        if found is None or self._sector(head, tokens) != "GOV":
            return None  # "opposition leader", "former president"
        title, office = found
        if owner is None and (office == "leader" or of_objects(head)):
            # "the leader of the coalition" names no office of the tables.
            return None
        key = None if owner is None else _owner_key(owner)
        earlier = self.discourse.office_holder(head.i, office=office, owner=key)
        if earlier is not None:
            return _following(earlier, method="title")
        if key is None:
            key = TITLE_COUNTRIES.get(title)
        if key is None:
            country = self.discourse.country(head)
            key = None if country is None else country.nation
        if key is None or self.on is None:
            return None
        holders = self.dictionary.office_holders(key, office, on=self.on)
        if len(holders) != 1:
            return None  # several leaders: the tables cannot say which
        (entry,) = holders
        return _identity_of(entry, method="office")

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
        sector = None if word in COUNTRY_NOUNS else self._agent_sector(word)
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

    def _object_of_a_state(self, head: Token) -> bool:
        """ "Hungary expelled two diplomats", "Israel killed three militants":
        what a state named as a whole does to a group is as often done to
        another country's. ("The Syrian government killed civilians", "the
        prime minister urged lawmakers": its agents mostly act at home.)"""
        if head.dep_ != "dobj":
            return False
        for child in head.head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                mention = self.discourse.at(child.i)
                if (
                    mention is not None
                    and mention.nation is not None
                    and mention.actor.sector is None
                ):
                    return True
        return False

    def _agent_word(self, modifier: Token, head: Token) -> bool:
        """Whether a compound is part of an agent: "riot police", "rebel
        commanders"."""
        return (
            self._agent_sector(f"{modifier.lower_} {head.lower_}") is not None
            or self._agent_sector(modifier.lower_) is not None
        )

    def _located_in(self, head: Token) -> str | None:
        """The country of a place the phrase itself is in: "police in Minsk"."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != "in":
                continue
            for place in child.children:
                match = self.entities.get(place.i)
                if (
                    place.dep_ == "pobj"
                    and match is not None
                    and match.entry.kind in PLACE_KINDS
                    and match.entry.country not in INTERNATIONAL
                ):
                    return match.entry.country
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
        return _following(mention, method="reference")

    def _unknown(self, head: Token) -> Identity:
        """A named entity the tables lack: coded from an apposition when it says
        who it is ("Jaish al-Islam, a Syrian rebel group"), else kept uncoded."""
        label = head.ent_type_
        name = self._entity_text(head)
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

    def _person(self, head: Token, tokens: list[Token]) -> Identity | None:
        name = self._entity_text(head)
        titled = self._titled(head, tokens, name=name)
        if titled is not None:
            return titled
        remembered = self.people.get(name.lower()) or self.people.get(head.lower_)
        if remembered is None:
            return None
        identity, span = remembered
        return replace(identity, method="surname", antecedent=span)

    def _known(self, head: Token) -> bool:
        return (
            head.lower_ in self.people or self._entity_text(head).lower() in self.people
        )

    def _titled(
        self, head: Token, tokens: list[Token], *, name: str
    ) -> Identity | None:
        """A person with a title: "Russian President X", "X, the French president"."""
        candidates = list(tokens)
        for appos in (child for child in head.children if child.dep_ == "appos"):
            candidates.extend(phrase_tokens(appos))
        sector = self._sector(head, candidates)
        owner = self._owner(head, candidates)
        if sector is None or owner is None:
            return None
        words = [t.lower_ for t in candidates if t.i not in self.entities]
        found = title_office(words)
        return replace(
            agent_of(owner, sector, "title"),
            name=name,
            office=None if found is None else found[1],
            leader=False,
        )

    def _sector(self, head: Token, tokens: list[Token]) -> str | None:
        """The sector named by a title or sector noun among ``tokens``."""
        words = [token for token in tokens if token.i not in self.entities]
        for first, second in zip(words, words[1:], strict=False):
            if second.i == first.i + 1:
                pair = f"{first.lower_} {second.lower_}"
                sector = self._agent_sector(pair)
                if sector is not None:
                    return sector
        for token in words:
            sector = self._agent_sector(token.lower_)
            if sector is not None:
                return sector
        return None

    def _owner(self, head: Token, tokens: list[Token]) -> Identity | None:
        """Whom a phrase's modifiers name: "Syrian", "Britain's", "of France"."""
        head_match = self.entities.get(head.i)
        for token in with_of_objects(head, tokens):
            match = self.entities.get(token.i)
            if (
                match is not None
                and match is not head_match
                and match.entry.country
                and not negated_modifier(self.doc, match.start)
            ):
                return _identity_of(match.entry, method="owner")
        for token in tokens:
            if token.dep_ == "poss" and token.i != head.i:
                remembered = self.people.get(token.lower_)
                if remembered is not None and remembered[0].country:
                    return remembered[0]
        return None

    def _named_modifier(self, head: Token, tokens: list[Token]) -> Identity | None:
        """A named organisation or person owning the head: "ISIL targets"."""
        for token in tokens:
            if token.i == head.i:
                continue
            match = self.entities.get(token.i)
            if (
                match is not None
                and match.entry.kind in OWNER_KINDS
                and not negated_modifier(self.doc, match.start)
            ):
                return _identity_of(match.entry, method="owner")
        return None


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


def agent_of(owner: Identity, sector: str, method: str) -> Identity:
    """The ``sector`` of ``owner``: SYR + MIL. An organisation acts as itself
    ("NATO troops" is NATO); a person's sector gives way to the noun's."""
    if owner.country is None or owner.code is None:
        return owner
    if owner.code != owner.country + (owner.sector or ""):
        return replace(owner, method=method)
    return replace(owner, code=owner.country + sector, sector=sector, method=method)


def _identity_of(entry: ActorEntry, *, method: str) -> Identity:
    return Identity(
        code=entry.code,
        country=entry.country,
        sector=entry.sector,
        name=entry.name,
        method=method,
        entry_id=entry.id,
        office=entry.office,
        leader=entry.leader,
    )


def _owner_key(owner: Identity) -> str | None:
    """What office holders are looked up by: a country, or an organisation's code."""
    if owner.country is not None and owner.country not in INTERNATIONAL:
        return owner.country
    return owner.code


def _following(mention: Mention, *, method: str) -> Identity:
    """The identity of an earlier mention, reached by ``method``."""
    actor = mention.actor
    return Identity(
        code=actor.code,
        country=actor.country,
        sector=actor.sector,
        name=actor.name,
        method=method,
        entry_id=actor.entry_id,
        antecedent=mention.named,
        office=mention.office,
        leader=mention.leader,
    )
