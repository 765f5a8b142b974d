"""Actor-table vocabulary: the entry record, codes, sectors, offices and phrase folding.

Every table row becomes one :class:`ActorEntry` per surface form; phrases are
compared in the form :func:`normalise` gives them.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

SECTORS: Mapping[str, str] = MappingProxyType(
    {
        "GOV": "government: executives, ministers, officials, diplomats",
        "MIL": "military: armed forces and defence ministries",
        "REB": "rebels: armed non-state groups fighting a state",
        "INS": "insurgents (CAMEO; eventwire's own tables use REB)",
        "SEP": "separatist rebels",
        "UAF": "unaligned armed forces: militias, gunmen, private military companies",
        "OPP": "political opposition: opposition parties and leaders, dissidents",
        "PTY": "political parties",
        "COP": "police and internal security forces",
        "JUD": "judiciary: courts, judges, prosecutors",
        "SPY": "intelligence services",
        "MED": "media (CAMEO's meaning; PLOVER uses MED for health)",
        "EDU": "education: students, teachers, universities",
        "BUS": "business",
        "CRM": "criminals",
        "CVL": "civilians, including protesters and activists",
        "ELI": "elites: former officials, oligarchs, celebrities",
        "LEG": "legislature",
        "REF": "refugees, asylum seekers and migrants",
        "HLH": "health: doctors, nurses, hospitals",
        "LAB": "labour: workers and trade unions",
        "AGR": "agriculture: farmers",
        "HRI": "human rights groups and activists",
        "ENV": "environmental groups",
        "DEV": "development organisations",
        "SET": "settlers",
    }
)
"""Role blocks allowed after the country block, with their meaning."""

REGIONS = frozenset({"WST", "EUR", "AFR", "MEA", "ASA", "LAM"})
"""CAMEO region blocks that may stand first for a collective of states: WST
(the West), EUR (Europe), AFR (Africa), MEA (the Middle East), ASA (Asia) and
LAM (Latin America)."""

INTERNATIONAL = frozenset({"IGO", "IMG", "NGO", "MNC"}) | REGIONS
"""First blocks that stand for international actors or regions instead of a
country."""

KINDS = (
    "country",
    "capital",
    "adjective",
    "metonym",
    "agent",
    "organisation",
    "person",
)

# When one phrase is in several tables, the most specific reading wins:
# "Congress" is the US legislature (metonym) before it is any legislature (agent).

COUNTRY_HEADER = ("iso3", "name", "aliases", "adjectives", "capitals")
METONYM_HEADER = ("phrase", "code", "note")
AGENT_HEADER = ("phrase", "sector", "note")
ORGANISATION_HEADER = ("id", "name", "aliases", "code", "country", "sector")
PEOPLE_HEADER = (
    "id",
    "name",
    "aliases",
    "code",
    "start",
    "end",
    "role",
    "office",
    "leader",
)

#: The offices a people row may name; titles in text ("foreign secretary",
#: "emir") are mapped onto these by the resolver.
OFFICES = frozenset(
    {
        "president",
        "vice president",
        "prime minister",
        "deputy prime minister",
        "chancellor",
        "monarch",
        "crown prince",
        "supreme leader",
        "foreign minister",
        "defence minister",
        "interior minister",
        "finance minister",
        "secretary-general",
        "leader",
    }
)

_SHORT_ACRONYM = 3
# Letters NFKD does not decompose, typographic quotes, and dashes (as spaces).
_FOLD = str.maketrans(
    "ıİłŁøØđĐ‘’‛ʼʻ`´“”„-‐‑‒–—−",
    "iIlLoOdD'''''''\"\"\"       ",
) | str.maketrans({"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


# Every article asks for the same few thousand words and phrases ("troops",
# "president", names); folding each anew was a tenth of the actors stage.
@functools.lru_cache(maxsize=1 << 16)
def normalise(phrase: str) -> str:
    """Return the form in which phrases are compared.

    Example:
        >>> normalise("the  Élysée")
        'elysee'
        >>> normalise("Kim Jong-un") == normalise("kim jong un")
        True
    """
    folded = unicodedata.normalize("NFKD", phrase.translate(_FOLD))
    bare = "".join(char for char in folded if not unicodedata.combining(char))
    text = " ".join(bare.casefold().split())
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    """One surface form of one actor-table row.

    ``id`` names the row (``country:RUS``, ``capital:RUS``, ``metonym:kremlin``,
    ``agent:president``, ``org:nato``, ``person:vladimir-putin#2`` for the
    person's second role) and ``phrase`` the form as written in the table.
    ``code`` is the full actor code (``None`` for agents, which only carry a
    sector); ``start``/``end``/``role`` are set for people only, ``end`` being
    the last day in office (``None`` while in office).
    """

    id: str
    kind: str
    phrase: str
    code: str | None
    country: str | None
    sector: str | None
    name: str
    start: date | None = None
    end: date | None = None
    role: str | None = None
    office: str | None = None
    leader: bool = False

    @property
    def case_sensitive(self) -> bool:
        """True for short all-capital acronyms (US, UK, IS, WHO, EU...).

        They collide with common words once case-folded ("us", "is", "who"), so
        :meth:`ActorDictionary.lookup` only matches them as written.
        """
        letters = self.phrase.replace(".", "").replace(" ", "")
        return (
            len(letters) <= _SHORT_ACRONYM and letters.isalpha() and letters.isupper()
        )

    def valid_on(self, day: date) -> bool:
        """Whether the role holds on ``day`` (always true for non-people)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end
