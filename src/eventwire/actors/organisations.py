"""Organisations that "the alliance", "the bloc" or "the group" refer back to.

Each reference noun names a kind of organisation, and an actor code says
whether an earlier mention is one of that kind: NATO is "the alliance", the EU
"the bloc", the ICC "the court", a named armed group "the group".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Nouns that, with "the", refer back to the most recent organisation of their
# kind: "the alliance" is NATO, "the bloc" the EU or the AU, "the group" an
# armed group or an NGO, "the charity" an NGO. Each maps to the kind of actor
# it may refer to.
ORGANISATION_NOUNS: Mapping[str, str] = MappingProxyType(
    {
        "alliance": "alliance",
        "bloc": "bloc",
        "organisation": "organisation",
        "organization": "organisation",
        "court": "court",
        "tribunal": "court",
        "group": "group",
        "movement": "group",
        "charity": "charity",
        "aid group": "charity",
        "militants": "militants",
        "insurgents": "militants",
        "jihadists": "militants",
        "extremists": "militants",
        "rebels": "militants",
    }
)
# Military alliances: "the alliance" is one of these.
ALLIANCE_CODES = frozenset({"IGOWSTNAT"})
COURT_CODES = frozenset({"IGOICC", "IGOUNOICJ"})
# International bodies that are no "bloc": the UN family, courts, lenders.
NOT_BLOC_CODES = (
    frozenset({"IGO", "IGOIMF", "IGOWBK", "IGOWTO", "IGOITP"}) | COURT_CODES
)
ARMED_GROUP_SECTORS = frozenset({"REB", "SEP", "INS"})
# A named group block after country and sector: SYRUAFSDF, AFGREBTAL.
NAMED_GROUP_LENGTH = 9


def organisation_of_kind(code: str, kind: str) -> bool:
    """Whether an actor coded ``code`` is an organisation of ``kind``."""
    international = code[:3]
    sector = code[3:6]
    if kind == "alliance":
        return code in ALLIANCE_CODES
    if kind == "bloc":
        return (
            international == "IGO"
            and not code.startswith("IGOUNO")
            and code not in NOT_BLOC_CODES
        )
    if kind == "organisation":
        return international in {"IGO", "NGO"} and code != "IGO"
    if kind == "charity":
        return international == "NGO"
    if kind == "court":
        return code in COURT_CODES or sector == "JUD"
    armed = international == "IMG" or sector in ARMED_GROUP_SECTORS
    if kind == "militants":
        return armed
    # "the group": a named group, armed or a militia, not "Syrian rebels",
    # or a named NGO ("MSF said ... the group said").
    return international in {"IMG", "NGO"} or (
        (armed or sector == "UAF") and len(code) >= NAMED_GROUP_LENGTH
    )
