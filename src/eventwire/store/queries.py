"""The event filters every read shares, turned into parameterised SQL.

:class:`EventFilters` names them once: the store's query methods take them as
keyword arguments, the CLI and the HTTP API pass them through. Values are only
ever bound as parameters; column names come from this module alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypedDict

from eventwire.store.connection import StoreConnection


class EventFilters(TypedDict, total=False):
    """Filters on stored events, all optional and combined with AND.

    ``actor`` is a code or code prefix of the source or the target (``"RUS"``
    matches ``"RUSGOV"``); ``source``/``target`` the same on one side;
    ``country`` the ISO-3 country of the source or target; ``cameo`` a CAMEO
    code prefix; ``root`` the two-digit root; ``quad_class`` 1-4;
    ``since``/``until`` bound the event date inclusively (undated events never
    match them); ``place`` a place name (any case) or country; ``text`` a
    substring of the evidence sentence, any case; ``article_id`` one article.
    """

    actor: str | None
    source: str | None
    target: str | None
    country: str | None
    cameo: str | None
    root: str | None
    quad_class: int | None
    since: date | None
    until: date | None
    place: str | None
    text: str | None
    article_id: str | None


FILTER_NAMES: frozenset[str] = EventFilters.__optional_keys__


def check_filters(filters: Mapping[str, Any], *, method: str) -> None:
    """Raise ``TypeError`` for a keyword that is not a filter, as Python would.

    Raises:
        TypeError: an unknown filter name, listing the known ones.
    """
    unknown = sorted(set(filters) - FILTER_NAMES)
    if unknown:
        raise TypeError(
            f"{method}() got unexpected filter(s) {', '.join(unknown)}; "
            f"the filters are {', '.join(sorted(FILTER_NAMES))}"
        )


def as_day(value: date) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def event_conditions(
    connection: StoreConnection, filters: Mapping[str, Any], *, table: str = ""
) -> tuple[list[str], list[Any]]:
    """Return the SQL conditions and parameters selecting the filtered events.

    ``table`` qualifies the ``events`` columns (``"e"`` for ``e.source_code``).
    ``None`` values filter nothing.
    """
    column = (lambda name: f"{table}.{name}") if table else (lambda name: name)
    conditions: list[str] = []
    parameters: list[Any] = []

    def add(sql: str, values: list[Any]) -> None:
        conditions.append(sql)
        parameters.extend(values)

    def get(name: str) -> Any:
        return filters.get(name)

    if (actor := get("actor")) is not None:
        source_sql, source_values = connection.prefix_condition(
            column("source_code"), actor
        )
        target_sql, target_values = connection.prefix_condition(
            column("target_code"), actor
        )
        add(f"({source_sql} OR {target_sql})", source_values + target_values)
    for side in ("source", "target"):
        if (code := get(side)) is not None:
            add(*connection.prefix_condition(column(f"{side}_code"), code))
    if (country := get("country")) is not None:
        add(
            f"({column('source_country')} = ? OR {column('target_country')} = ?)",
            [country, country],
        )
    if (cameo := get("cameo")) is not None:
        add(*connection.prefix_condition(column("cameo"), cameo))
    if (root := get("root")) is not None:
        add(f"{column('cameo_root')} = ?", [root])
    if (quad_class := get("quad_class")) is not None:
        add(f"{column('quad_class')} = ?", [int(quad_class)])
    if (since := get("since")) is not None:
        add(f"{column('date')} >= ?", [as_day(since)])
    if (until := get("until")) is not None:
        add(f"{column('date')} <= ?", [as_day(until)])
    if (place := get("place")) is not None:
        name_sql, name_values = connection.contains_condition(
            column("place_name"), place
        )
        add(
            f"(({name_sql} AND length({column('place_name')}) = ?)"
            f" OR {column('place_country')} = ?)",
            [*name_values, len(place), place],
        )
    if (text := get("text")) is not None:
        add(*connection.contains_condition(column("sentence_text"), text))
    if (article_id := get("article_id")) is not None:
        add(f"{column('article_id')} = ?", [article_id])
    return conditions, parameters


def where_clause(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""
