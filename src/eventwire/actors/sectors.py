"""Which part of an actor a phrase's words name: sector nouns, titles, owners.

:class:`SectorReader` holds what every phrase rule of one Doc shares (the
entity matches, the dictionary, the :class:`~eventwire.actors.references.Discourse`)
and reads a phrase's words: the sector its head or title names ("troops" MIL,
"security forces" COP, "rebel commanders" REB), whom its modifiers name as
owner ("Syrian", "Britain's", "of France"), and the country a group of people
with no country named belongs to ("police in Minsk", "protesters").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from eventwire.actors._syntax import (
    INDEFINITE_DETERMINERS,
    negated_modifier,
    of_objects,
    of_state,
    with_of_objects,
)
from eventwire.actors.dictionary import ActorDictionary
from eventwire.actors.entry import INTERNATIONAL
from eventwire.actors.identities import (
    Identity,
    identity_from_entry,
    identity_from_mention,
)
from eventwire.actors.match import EntityMatch
from eventwire.actors.organisations import ORGANISATION_NOUNS
from eventwire.actors.references import INSTITUTION_HEADS, Discourse
from eventwire.actors.titles import title_office
from eventwire.model import TextSpan

# Named modifiers that make a thing theirs: "ISIL targets", "Assad's palace".
# A capital as a modifier names a place ("the Paris attacks"), not an owner.
OWNER_KINDS = frozenset({"organisation", "person", "metonym"})
# A modifier of a non-state sector overrides a head of a state one.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "COP"})
NON_STATE_SECTORS = frozenset({"REB", "SEP", "INS", "UAF", "OPP"})
# Entries that name a place a group of people may be in.
PLACE_KINDS = frozenset({"country", "capital"})
# Sectors of armed groups, whose unnamed fighters belong to a named group.
ARMED_NON_STATE_SECTORS = frozenset({"REB", "SEP", "INS", "UAF"})
# Singular agent nouns that name a group of people: "police fired".
GROUP_AGENTS = frozenset({"police", "military", "army", "navy", "militia"})
# People who speak for a body: the body's sector, named before them, is theirs
# ("a military spokesman" MIL, "police spokesman" COP).
ROLE_HEADS = frozenset(
    {
        "spokesman",
        "spokesmen",
        "spokeswoman",
        "spokeswomen",
        "spokesperson",
        "spokespeople",
    }
)
# Local governments, which belong to the place the story is about.
LOCAL_BODIES = frozenset({"city council", "town council", "municipality"})
# Words that put a title or role in the past: its holder acts for no one now.
PAST_TITLE_WORDS = frozenset({"former", "ex", "late", "retired"})
# Singular agent nouns that name a thing or a body, never one unnamed person:
# "a drone", "a hospital" take no country in focus.
SINGULAR_THINGS = frozenset(
    {
        "jet",
        "fighter jet",
        "warplane",
        "aircraft",
        "bomber",
        "helicopter",
        "drone",
        "destroyer",
        "frigate",
        "submarine",
        "warship",
        "embassy",
        "hospital",
        "university",
        "company",
        "firm",
        "business",
        "corporation",
        "newspaper",
        "broadcaster",
        "gang",
        "cartel",
        "crowd",
        "mob",
        "tribunal",
        "presidency",
        "judiciary",
        "junta",
        "assembly",
    }
)


class SectorReader:
    """Reads the sector and owner a phrase of one Doc names."""

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
        # Each entity's text joined once, not once per token it covers.
        self.entity_texts = {
            i: text
            for entity, text in ((entity, entity.text) for entity in doc.ents)
            for i in range(entity.start, entity.end)
        }
        self.sectors: dict[str, str | None] = {}
        self.resolved_matches: set[tuple[int, int]] = set()

    def agent_sector(self, phrase: str) -> str | None:
        """The sector agents.tsv gives ``phrase`` ("troops" -> MIL), if any."""
        # Phrases repeat within an article; normalising each time is the cost.
        if phrase not in self.sectors:
            self.sectors[phrase] = self.dictionary.agent_sector(phrase)
        return self.sectors[phrase]

    def entity_text(self, token: Token) -> str:
        """The text of the named entity holding ``token``, else the token's."""
        return self.entity_texts.get(token.i, token.text)

    def head_sector(self, head: Token, tokens: list[Token]) -> str | None:
        """The sector the head names: "troops", "foreign secretary", "secretary of
        state" (titles whose head word alone is no agent)."""
        before = [t for t in tokens if t.i == head.i - 1 and t.i not in self.entities]
        if before:
            # The longer phrase first: "security forces" is COP, "forces" MIL.
            sector = self.agent_sector(f"{before[0].lower_} {head.lower_}")
            if sector is not None:
                return sector
        sector = self.agent_sector(head.lower_) or (
            self.agent_sector(head.lemma_.lower())
        )
        if sector is None and of_state(head):
            sector = self.agent_sector(f"{head.lower_} of state")
        if sector in STATE_SECTORS and before:
            # "rebel commanders", "opposition lawmakers": the non-state side;
            # "a military spokesman": whom a spokesman speaks for.
            modifier = self.agent_sector(before[0].lower_)
            if modifier in NON_STATE_SECTORS or (
                modifier is not None and head.lower_ in ROLE_HEADS
            ):
                return modifier
        return sector

    def sector_of(self, head: Token, tokens: list[Token]) -> str | None:
        """The sector named by a title or sector noun among ``tokens``."""
        words = [token for token in tokens if token.i not in self.entities]
        for first, second in zip(words, words[1:], strict=False):
            if second.i == first.i + 1:
                pair = f"{first.lower_} {second.lower_}"
                sector = self.agent_sector(pair)
                if sector is not None:
                    return sector
        for token in words:
            sector = self.agent_sector(token.lower_)
            if sector is not None:
                return sector
        return None

    def owner_of(self, head: Token, tokens: list[Token]) -> Identity | None:
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
                return identity_from_entry(match.entry, method="owner")
        for token in tokens:
            if token.dep_ == "poss" and token.i != head.i:
                remembered = self.people.get(token.lower_)
                if remembered is not None and remembered[0].country:
                    return remembered[0]
        return None

    def named_modifier(self, head: Token, tokens: list[Token]) -> Identity | None:
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
                return identity_from_entry(match.entry, method="owner")
        return None

    def _agent_word(self, modifier: Token, head: Token) -> bool:
        """Whether a compound is part of an agent: "riot police", "rebel
        commanders"."""
        return (
            self.agent_sector(f"{modifier.lower_} {head.lower_}") is not None
            or self.agent_sector(modifier.lower_) is not None
        )

    def _located_in(self, head: Token) -> str | None:
        """The country of a place the phrase itself is in: "police in Minsk",
        "a resident of Kabul", "students from Paris"."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in {"in", "of", "from"}:
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

    def _unnamed_person(self, head: Token, tokens: list[Token]) -> bool:
        """ "a resident", "an activist", "one officer": one person the text
        does not name, as opposed to a title ("the president") or a thing."""
        if head.lower_ in SINGULAR_THINGS or head.lower_ in INSTITUTION_HEADS:
            return False
        words = [token.lower_ for token in tokens]
        if title_office(words[-2:]) is not None or head.lower_ == "minister":
            return False  # "a new leader", "a minister": an office, not a person
        if any(word in PAST_TITLE_WORDS for word in words):
            return False  # "a former spy" acts for no one now
        return any(
            token.lower_ in INDEFINITE_DETERMINERS
            or (token.lower_ == "one" and token.dep_ == "nummod")
            for token in tokens
        )

    def _local_body(self, head: Token, tokens: list[Token]) -> bool:
        """ "the city council", "the municipality": the local government of
        the place the story is about."""
        words = [token.lower_ for token in tokens if token.dep_ != "det"]
        return (
            head.lower_ in LOCAL_BODIES or " ".join(words[-2:]) in LOCAL_BODIES
        ) and not any(token.i in self.entities for token in tokens)

    def bare_sector(
        self, head: Token, tokens: list[Token], sector: str
    ) -> Identity | None:
        """ "Protesters", "security forces", "the lawmakers": a group of people
        of no named country belongs to the country in focus, if one is clear
        (:meth:`Discourse.focus_country`); else it keeps its sector alone.
        One unnamed person ("a resident", "a military spokesman"), a local
        council, and a group with no country named near it are of the country
        the article names most, else of its dateline
        (:meth:`Discourse.person_country`).
        """
        local = self._local_body(head, tokens)
        single = (
            head.tag_ not in {"NNS", "NNPS"}
            and head.lower_ not in GROUP_AGENTS
            and not local
        )
        if single and not self._unnamed_person(head, tokens):
            return None  # "the president": a title; "a drone": a thing
        definite = any(token.lower_ == "the" for token in tokens)
        if (of_objects(head) and not single) or any(
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
                    identity_from_mention(earlier, method="reference"),
                    label=earlier.actor.label,
                )
        if sector in ARMED_NON_STATE_SECTORS:
            group = self.discourse.focus_group(head, sector=sector)
            if group is not None:
                return replace(identity_from_mention(group, method="focus"), label=None)
        country = self._located_in(head)
        if country is None and (single or local):
            country = self.discourse.person_country(head)
        elif (
            country is None
            and not (definite and head.lower_ in ORGANISATION_NOUNS)
            and not self._object_of_a_state(head)
        ):
            # "the militants" with no armed group named is no new group of
            # the country in focus.
            country = self.discourse.group_country(head)
        if country is None and single:
            return None  # "a witness" of no known country: no actor to code
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
            entry_id=None,
        )
