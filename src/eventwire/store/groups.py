"""Deduplicated events: grouping mentions and keeping the group counts right.

Every stored event is a *mention*; mentions that share source, target, code,
negation, day and place (:func:`~eventwire.store.schema.group_id`) form one
row of ``event_groups`` with GDELT-style counts: ``mentions`` (NumMentions),
``sources`` (NumSources: distinct ``articles.source`` outlets, unknown ones
not counted) and ``articles`` (NumArticles). A group is recounted from its
mentions whenever one is added, recoded or removed, inside the same
transaction, so re-runs and re-codes never leave counts behind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from eventwire.store.connection import StoreConnection
from eventwire.store.schema import (
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    event_row,
    insert_sql,
)

GROUP_COLUMNS = (
    "group_id",
    "source_code",
    "source_country",
    "target_code",
    "target_country",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "negated",
    "date",
    "place_name",
    "place_country",
    "mentions",
    "sources",
    "articles",
    "first_sentence",
    "first_event_id",
)
_COUNT_GROUPS = f"""
INSERT INTO event_groups ({", ".join(GROUP_COLUMNS)})
SELECT e.group_id, MIN(e.source_code), MIN(e.source_country), MIN(e.target_code),
       MIN(e.target_country), MIN(e.cameo), MIN(e.cameo_root), MIN(e.quad_class),
       MIN(e.goldstein), MIN(e.negated), MIN(e.date), MIN(e.place_name),
       MIN(e.place_country), COUNT(*), COUNT(DISTINCT a.source),
       COUNT(DISTINCT e.article_id), MIN(e.sentence), MIN(e.event_id)
FROM events e JOIN articles a ON a.id = e.article_id
WHERE {{where}}
GROUP BY e.group_id"""
RECOUNT_GROUP = _COUNT_GROUPS.format(where="e.group_id = ?")
COUNT_ALL_GROUPS = _COUNT_GROUPS.format(where="e.group_id IS NOT NULL")
# The event columns migration 0002 added, filled from each stored record.
BACKFILLED_COLUMNS = (
    "group_id",
    "plover_type",
    "place_name",
    "place_country",
    "place_start",
    "place_end",
    "sentence_text",
)
SET_EVENT_GROUP = (
    "UPDATE events SET "
    + ", ".join(f"{column} = ?" for column in BACKFILLED_COLUMNS)
    + " WHERE event_id = ?"
)
INSERT_PLACE = (
    insert_sql("places", PLACE_COLUMNS)
    + ' ON CONFLICT (article_id, start, "end") DO NOTHING'
)


def recount_groups(connection: StoreConnection, group_ids: Iterable[str]) -> None:
    """Rebuild the rows of these groups from their mentions; drop empty ones."""
    for group in sorted(set(group_ids)):
        connection.execute("DELETE FROM event_groups WHERE group_id = ?", (group,))
        connection.execute(RECOUNT_GROUP, (group,))


def backfill_events(connection: StoreConnection) -> None:
    """Fill migration 0002's event columns, places and groups from stored records."""
    rows = connection.execute("SELECT record FROM events").fetchall()
    for (text,) in rows:
        record = json.loads(text)
        values = dict(zip(EVENT_COLUMNS, event_row(record), strict=True))
        connection.execute(
            SET_EVENT_GROUP,
            (*(values[column] for column in BACKFILLED_COLUMNS), record["event_id"]),
        )
        place = record.get("place")
        if place:
            connection.execute(
                INSERT_PLACE,
                (record["article_id"], *(place[c] for c in PLACE_COLUMNS[1:])),
            )
    connection.execute("DELETE FROM event_groups")
    connection.execute(COUNT_ALL_GROUPS)
