"""Titles of office ("prime minister", "the emir") and the office of the
people tables each names, shared by the title and reference rules."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Title words -> the office of the people tables they name.
TITLE_OFFICES: Mapping[str, str] = MappingProxyType(
    {
        "president": "president",
        "vice president": "vice president",
        "vice-president": "vice president",
        "prime minister": "prime minister",
        "premier": "prime minister",
        "deputy prime minister": "deputy prime minister",
        "chancellor": "chancellor",
        "king": "monarch",
        "queen": "monarch",
        "emir": "monarch",
        "sultan": "monarch",
        "monarch": "monarch",
        "crown prince": "crown prince",
        "supreme leader": "supreme leader",
        "foreign minister": "foreign minister",
        "foreign secretary": "foreign minister",
        "secretary of state": "foreign minister",
        "defence minister": "defence minister",
        "defense minister": "defence minister",
        "defence secretary": "defence minister",
        "defense secretary": "defence minister",
        "interior minister": "interior minister",
        "finance minister": "finance minister",
        "secretary-general": "secretary-general",
        "secretary general": "secretary-general",
        "leader": "leader",
    }
)
# Titles only one country uses, for "the foreign secretary" with no country named.
TITLE_COUNTRIES: Mapping[str, str] = MappingProxyType(
    {
        "foreign secretary": "GBR",
        "defence secretary": "GBR",
        "secretary of state": "USA",
        "defense secretary": "USA",
    }
)


def title_office(words: list[str]) -> tuple[str, str] | None:
    """The longest title at the end of ``words`` and its office.

    Example:
        >>> title_office(["british", "prime", "minister"])
        ('prime minister', 'prime minister')
    """
    for size in range(min(4, len(words)), 0, -1):
        title = " ".join(words[-size:])
        office = TITLE_OFFICES.get(title)
        if office is not None:
            return title, office
    return None
