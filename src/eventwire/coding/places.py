"""Where violence and meetings happen: the place rules of the event coder.

A place the dictionary names stands for its country when it is struck
("struck Kabul" is aimed at Afghanistan); unnamed victims or fighters of a
named place are its civilians or rebels ("20 civilians in Kabul" as AFGCVL,
"militants in Gaza" as PSEREB); and a meeting in a country that is neither
party's is CAMEO's meeting at a third location; an armed group's
unspecified attack on a place or on people who are not fighters is
unconventional violence ("the Paris attacks" as 180).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventwire.coding.patterns import EventPattern
from eventwire.model import Actor

# Dictionary entries that name a place: a capital stands for its government
# when it speaks ("Moscow said"), for its country when it is struck.
PLACE_ENTRIES = ("capital:", "country:")
CONSULT_CODE = "040"
THIRD_PLACE_CODE = "044"
MEETING_PLACE_PREPOSITIONS = frozenset({"in", "at"})
# Unnamed victims, coded as the civilians of the place they were struck in.
CIVILIAN_NOUNS = frozenset(
    {
        "civilian",
        "people",
        "person",
        "resident",
        "villager",
        "inhabitant",
        "man",
        "woman",
        "child",
        "children",
        "worshipper",
        "passenger",
        "student",
        "schoolgirl",
        "family",
        "protester",
        "demonstrator",
        "pilgrim",
        "shopper",
        "citizen",
        "population",
    }
)
CIVILIAN_SECTOR = "CVL"
# Unnamed fighters, coded as the rebels of the place they come from.
ARMED_NOUNS = frozenset(
    {"militant", "gunman", "insurgent", "rebel", "jihadist", "fighter", "guerrilla"}
)
REBEL_SECTOR = "REB"
# How an actor derived from a place was resolved (the record's ``method``).
PLACE_METHOD = "place"


def own_civilians(
    source: Actor, candidates: list[list[Token]], by_token: dict[int, Actor]
) -> Actor | None:
    """ "Assad used chemical weapons against his own people": unnamed
    civilians owned by the source's side are its country's civilians."""
    if source.country is None:
        return None
    for group in candidates:
        for head in group:
            if head.lemma_.lower() not in CIVILIAN_NOUNS or head.i in by_token:
                continue
            for child in head.children:
                owner = by_token.get(child.i) if child.dep_ == "poss" else None
                if owner is not None and owner.country == source.country:
                    return _people_of_place(source, head, CIVILIAN_SECTOR)
    return None


def meeting_place_code(
    verb: Token,
    pattern: EventPattern,
    source: Actor,
    target: Actor | None,
    by_token: dict[int, Actor],
) -> str:
    """ "Putin met Biden in Geneva": a meeting in a country that is neither
    party's is CAMEO's meeting at a third location (044)."""
    if pattern.cameo != CONSULT_CODE or target is None:
        return pattern.cameo
    parties = {source.country, target.country}
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in MEETING_PLACE_PREPOSITIONS:
            continue
        for inner in child.children:
            place = by_token.get(inner.i) if inner.dep_ == "pobj" else None
            if (
                place is not None
                and (place.entry_id or "").startswith(PLACE_ENTRIES)
                and place.country not in parties
            ):
                return THIRD_PLACE_CODE
    return pattern.cameo


def struck_place(
    target: Actor | None, victims: Token | None, by_token: dict[int, Actor]
) -> Actor | None:
    """Violence done in a place is done to the place, not its government:
    "struck Kabul" is aimed at Afghanistan, and "killed 20 civilians in
    Kabul" at Afghan civilians."""
    if target is None or target.country is None:
        return target
    if not (target.entry_id or "").startswith(PLACE_ENTRIES):
        return target
    if (
        victims is not None
        and victims.lemma_.lower() in CIVILIAN_NOUNS
        and by_token.get(victims.i) is None
    ):
        return _people_of_place(target, victims, CIVILIAN_SECTOR)
    if target.code == target.country:
        return target
    return replace(target, code=target.country, sector=None)


def armed_group_in_place(head: Token, by_token: dict[int, Actor]) -> Actor | None:
    """ "Militants in Gaza fired rockets": unnamed fighters of a named place
    are its rebels."""
    if head.lemma_.lower() not in ARMED_NOUNS:
        return None
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in {"in", "from"}:
            continue
        for inner in child.children:
            place = by_token.get(inner.i) if inner.dep_ == "pobj" else None
            if (
                place is not None
                and place.country is not None
                and (place.entry_id or "").startswith(PLACE_ENTRIES)
            ):
                return _people_of_place(place, head, REBEL_SECTOR)
    return None


def _people_of_place(place: Actor, noun: Token, sector: str) -> Actor:
    """An actor for unnamed people of a named place: "129 people (in Paris)"
    as FRACVL, "militants in Gaza" as PSEREB. The phrase runs from the noun's
    first word to the noun itself."""
    phrase = noun.doc[noun.left_edge.i : noun.i + 1]
    return replace(
        place,
        text=phrase.text,
        start=phrase.start_char,
        end=phrase.end_char,
        token_start=phrase.start,
        token_end=phrase.end,
        head=noun.i,
        code=f"{place.country}{sector}",
        sector=sector,
        name=None,
        method=PLACE_METHOD,
        entry_id=None,
        antecedent=None,
    )


UNSPECIFIED_FORCE = "190"
UNSPECIFIED_VIOLENCE = "180"
CAPITAL_ENTRY = "capital:"
# Armed groups that are not a state's forces, and the forces they fight.
NON_STATE_SECTORS = frozenset({"REB", "INS", "SEP", "UAF"})
FIGHTING_SECTORS = NON_STATE_SECTORS | {"MIL", "COP"}


def unconventional_code(
    cameo: str, pattern: EventPattern, source: Actor, target: Actor | None
) -> str:
    """An unspecified attack by an armed group on a place or on people who
    are not fighters (a city, civilians, officials) is CAMEO's unconventional
    violence (180), not conventional military force (190): "the Paris
    attacks"."""
    # Fighting between two sides ("fought battles in Khartoum") is force
    # between them wherever it happens.
    if cameo != UNSPECIFIED_FORCE or pattern.mutual or not _non_state_armed(source):
        return cameo
    if target is None or _is_struck_place(target):
        return UNSPECIFIED_VIOLENCE
    # A state named as a whole ("fought Sudan") may well be its army.
    sector = target.sector
    if sector is None or sector[:3] in FIGHTING_SECTORS or _non_state_armed(target):
        return cameo
    return UNSPECIFIED_VIOLENCE


def _is_struck_place(actor: Actor) -> bool:
    """A place struck ("the Paris attacks", "a mall in Nairobi"), not a state."""
    return actor.method == PLACE_METHOD or (actor.entry_id or "").startswith(
        CAPITAL_ENTRY
    )


def _non_state_armed(actor: Actor) -> bool:
    code = actor.code or ""
    return code.startswith("IMG") or code[3:6] in NON_STATE_SECTORS
