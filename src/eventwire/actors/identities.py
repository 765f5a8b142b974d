"""Who a phrase names, and how later references see a resolved mention.

:class:`Identity` is who a phrase names before it becomes an actor at a
position; :class:`Mention` is a resolved actor as later references see it.
Also the ways an identity is built: from a dictionary entry, as the sector of
an owner ("Syrian" + "troops"), and from an earlier mention a reference
follows back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventwire.actors.entry import INTERNATIONAL, ActorEntry
from eventwire.model import Actor, TextSpan


@dataclass(frozen=True, slots=True, kw_only=True)
class Identity:
    """Who a phrase names, before it becomes an :class:`Actor` at a position."""

    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    method: str
    entry_id: str | None
    label: str | None = None
    antecedent: TextSpan | None = None
    office: str | None = None
    leader: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A resolved actor as later references see it."""

    actor: Actor
    paragraph: int
    subject: bool
    person: bool
    plural: bool
    office: str | None
    leader: bool
    governor: int
    coordinated: bool
    body: bool = False
    """One country or organisation, which "it" may refer to."""

    @property
    def nation(self) -> str | None:
        """The ISO-3 country the mention belongs to, if it is a state actor."""
        country = self.actor.country
        if country is None or country in INTERNATIONAL:
            return None
        return country

    @property
    def named(self) -> TextSpan:
        """The mention a reference to this one is followed back to.

        A pronoun's own antecedent, so chains end at a name: "Putin ... he ...
        he" points both pronouns at "Putin".
        """
        actor = self.actor
        if actor.antecedent is not None and actor.label == "PRON":
            return actor.antecedent
        return TextSpan(text=actor.text, start=actor.start, end=actor.end)


def agent_of(owner: Identity, sector: str, method: str) -> Identity:
    """The ``sector`` of ``owner``: SYR + MIL. An organisation acts as itself
    ("NATO troops" is NATO); a person's sector gives way to the noun's."""
    if owner.country is None or owner.code is None:
        return owner
    if owner.code != owner.country + (owner.sector or ""):
        return replace(owner, method=method)
    return replace(owner, code=owner.country + sector, sector=sector, method=method)


def identity_from_entry(entry: ActorEntry, *, method: str) -> Identity:
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


def identity_from_mention(mention: Mention, *, method: str) -> Identity:
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
