"""Stage 8: aggregates of the stored events, for analysts and the page.

Three views, all computed in the database by the :class:`~eventwire.store.Store`
and taking its event filters:

* ``timeseries``: per period (day, week starting Monday, or month) and dyad,
  the event count, Goldstein sum and mean, and the count of each QuadClass;
* ``dyads``: the busiest source -> target pairs with their cooperation and
  conflict counts;
* ``network``: actors as nodes and dyads as weighted edges with their
  cooperation/conflict balance.

:func:`aggregate` returns any of them as plain rows (JSON-ready dicts);
:func:`parse_dyad` reads the ``SOURCE,TARGET`` form the CLI takes.
"""

from __future__ import annotations

from typing import Any, Literal, Unpack

from eventwire.store import EventFilters, Period, Store

AggregateKind = Literal["timeseries", "dyads", "network"]
AGGREGATE_KINDS: tuple[AggregateKind, ...] = ("timeseries", "dyads", "network")
DEFAULT_LIMIT = {"dyads": 20, "network": 100}


def parse_dyad(text: str) -> tuple[str, str]:
    """Split ``"RUS,UKR"`` into source and target code prefixes.

    Raises:
        ValueError: not two non-empty codes separated by one comma.
    """
    parts = [part.strip().upper() for part in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(
            f"{text!r} is not a dyad; write SOURCE,TARGET with actor codes or "
            "prefixes, e.g. RUS,UKR"
        )
    return parts[0], parts[1]


def aggregate(
    store: Store,
    *,
    kind: AggregateKind = "timeseries",
    by: Period = "month",
    limit: int | None = None,
    **filters: Unpack[EventFilters],
) -> list[dict[str, Any]]:
    """Return one aggregate view of the filtered events as rows.

    ``timeseries`` rows are :meth:`Store.timeseries` rows (``by`` sets the
    period). ``dyads`` rows are ``{source, target, events, goldstein_sum,
    goldstein_mean, cooperation, conflict}``, busiest first. ``network``
    returns the edges of :meth:`Store.network`, each with its ends' event
    counts as ``source_events`` and ``target_events``. ``limit`` caps dyads
    and edges (default :data:`DEFAULT_LIMIT`) and timeseries rows.

    Raises:
        ValueError: an unknown kind or period, or a negative limit.
        TypeError: an unknown filter.
    """
    if kind == "timeseries":
        rows = store.timeseries(by=by, **filters)
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit!r}")
        return rows if limit is None else rows[:limit]
    if kind == "dyads":
        pairs = store.dyads(
            limit=DEFAULT_LIMIT["dyads"] if limit is None else limit, **filters
        )
        return [
            {
                "source": pair.source,
                "target": pair.target,
                "events": pair.events,
                "goldstein_sum": pair.goldstein_total,
                "goldstein_mean": pair.goldstein_mean,
                "cooperation": pair.cooperation,
                "conflict": pair.conflict,
            }
            for pair in pairs
        ]
    if kind == "network":
        network = store.network(
            limit=DEFAULT_LIMIT["network"] if limit is None else limit, **filters
        )
        node_events = {node["id"]: node["events"] for node in network["nodes"]}
        return [
            {
                **edge,
                "source_events": node_events[edge["source"]],
                "target_events": node_events[edge["target"]],
            }
            for edge in network["edges"]
        ]
    raise ValueError(
        f"unknown aggregate {kind!r}; use one of {', '.join(AGGREGATE_KINDS)}"
    )
