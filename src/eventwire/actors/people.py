"""People a phrase names: by title ("the French president"), with a title
("Russian President X"), or by a surname seen earlier in the article.

A title is the person named earlier in the article holding that office, else
the one office holder on the article's date (:meth:`ActorDictionary.office_holders`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventwire.actors._syntax import of_objects, of_state, phrase_tokens
from eventwire.actors.entry import INTERNATIONAL
from eventwire.actors.identities import (
    Identity,
    agent_of,
    identity_from_entry,
    identity_from_mention,
)
from eventwire.actors.pronouns import SUBJECT_DEPS
from eventwire.actors.sectors import PAST_TITLE_WORDS, SectorReader
from eventwire.actors.titles import TITLE_COUNTRIES, title_office
from eventwire.model import TextSpan

TITLE_METHOD = "title"


class PersonReader(SectorReader):
    """Resolves people by title and by name, remembering them by name."""

    def remember(self, head: Token, identity: Identity, span: TextSpan) -> None:
        """Remember a coded person by full name and surname, for later mentions."""
        if identity.code is None:
            return
        if head.ent_type_ != "PERSON" and not (
            identity.method == TITLE_METHOD and head.pos_ == "PROPN"
        ):
            return
        name = self.entity_text(head)
        self.people[name.lower()] = (identity, span)
        self.people[head.lower_] = (identity, span)
        words = name.split()
        if len(words) > 2 and words[0][:1].isupper():
            # "Kim Jong Un ... Kim said": a family name written first.
            self.people.setdefault(words[0].lower(), (identity, span))

    def person(self, head: Token, tokens: list[Token]) -> Identity | None:
        """A named person: with a title, else as remembered by name or surname."""
        name = self.entity_text(head)
        titled = self.titled_person(head, tokens, name=name)
        if titled is not None:
            return titled
        return self.remembered(head, name)

    def is_known_person(self, head: Token) -> bool:
        """Whether ``head`` (or the name holding it) is a person seen earlier."""
        return (
            head.lower_ in self.people or self.entity_text(head).lower() in self.people
        )

    def titled_person(
        self, head: Token, tokens: list[Token], *, name: str
    ) -> Identity | None:
        """A person with a title: "Russian President X", "X, the French president"."""
        candidates = list(tokens)
        for appos in (child for child in head.children if child.dep_ == "appos"):
            candidates.extend(phrase_tokens(appos))
        sector = self.sector_of(head, candidates)
        if sector is None:
            return None
        owner = self.owner_of(head, candidates)
        if owner is None and _in_office(candidates) and head.dep_ in SUBJECT_DEPS:
            # Only a subject: a titled person a story reports on as the object
            # ("the strike that killed General Qassem Soleimani") is as often
            # a foreigner as one of the country in focus.
            owner = self._country_in_focus(head)
        if owner is None:
            return None
        words = [t.lower_ for t in candidates if t.i not in self.entities]
        found = title_office(words)
        return replace(
            agent_of(owner, sector, TITLE_METHOD),
            name=name,
            office=None if found is None else found[1],
            leader=False,
        )

    def untagged_person(self, head: Token, tokens: list[Token]) -> Identity | None:
        """A name the tagger missed, told by the title right before it:
        "opposition leader Maria Corina Machado", "Army chief General
        Waker-Uz-Zaman"."""
        if head.pos_ != "PROPN" or head.i in self.entities:
            return None
        first = head.i
        while first > 0 and self._name_part(self.doc[first - 1]):
            first -= 1
        while first < head.i and self.doc[first].is_punct:
            first += 1
        if first == 0 or first - 1 not in {t.i for t in tokens}:
            return None
        title = self.doc[first - 1]
        if title.i in self.entities or self.agent_sector(title.lower_) is None:
            return None
        return self.titled_person(head, tokens, name=self.doc[first : head.i + 1].text)

    def _name_part(self, token: Token) -> bool:
        """A word of a name: a proper noun, or a hyphen inside one, that is
        neither a title nor a dictionary name."""
        if token.i in self.entities:
            return False
        if token.is_punct:
            return token.text == "-"
        return token.pos_ == "PROPN" and self.agent_sector(token.lower_) is None

    def _country_in_focus(self, head: Token) -> Identity | None:
        """The country of a titled person the text gives none: "Interior
        Minister Sadeq Mahsouli" in a story from Tehran is Iran's."""
        country = self.discourse.person_country(head)
        if country is None:
            return None
        return Identity(
            code=country,
            country=country,
            sector=None,
            name=self.dictionary.country_name(country),
            method="focus",
            entry_id=f"country:{country}",
        )

    def remembered(self, head: Token, name: str) -> Identity | None:
        """The person named earlier by this full name or surname, if any."""
        found = self.people.get(name.lower()) or self.people.get(head.lower_)
        if found is None:
            return None
        identity, span = found
        return replace(identity, method="surname", antecedent=span)

    def title_holder(
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
        if found is None or self.sector_of(head, tokens) != "GOV":
            return None  # "opposition leader", "former president"
        title, office = found
        if owner is None and (office == "leader" or of_objects(head)):
            # "the leader of the coalition" names no office of the tables.
            return None
        key = None if owner is None else _owner_key(owner)
        earlier = self.discourse.office_holder(head.i, office=office, owner=key)
        if earlier is not None:
            return identity_from_mention(earlier, method="title")
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
        return identity_from_entry(entry, method="office")


def _in_office(tokens: list[Token]) -> bool:
    """False for a title that says its holder has left it: "Former chancellor"."""
    return not any(token.lower_ in PAST_TITLE_WORDS for token in tokens)


def _owner_key(owner: Identity) -> str | None:
    """What office holders are looked up by: a country, or an organisation's code."""
    if owner.country is not None and owner.country not in INTERNATIONAL:
        return owner.country
    return owner.code
