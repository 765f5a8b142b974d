"""The store's queries, one function per :class:`~eventwire.store.Store` read.

Every value is a bound parameter; the only SQL assembled from pieces is the
filter conditions of :mod:`eventwire.store.queries` and the dialect's period
expression. Numbers are converted to ``int``/``float`` here because
PostgreSQL returns ``SUM`` of integers as ``Decimal``; Goldstein sums and
means are rounded to :data:`DECIMALS` places so both backends agree.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from eventwire.model import Failure
from eventwire.store.connection import PERIODS, Period, StoreConnection, limit_clause
from eventwire.store.groups import GROUP_COLUMNS
from eventwire.store.queries import event_conditions, where_clause
from eventwire.store.schema import DyadCount, StoreCounts

FETCH_BATCH_SIZE = 500
DECIMALS = 6
EVENT_ORDER = "(date IS NULL), date, article_id, sentence, evidence_start, event_id"
QUAD_SUMS = ", ".join(
    f"SUM(CASE WHEN quad_class = {quad} THEN 1 ELSE 0 END)" for quad in (1, 2, 3, 4)
)
COOPERATION = "SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END)"
CONFLICT = "SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END)"
Filters = Mapping[str, Any]


def _number(value: Any) -> float:
    return round(float(value), DECIMALS)


def _where(
    db: StoreConnection, filters: Filters, *extra: str, table: str = ""
) -> tuple[str, list[Any]]:
    conditions, parameters = event_conditions(db, filters, table=table)
    return where_clause([*extra, *conditions]), parameters


def events(
    db: StoreConnection, filters: Filters, *, limit: int | None, offset: int
) -> Iterator[dict[str, Any]]:
    where, parameters = _where(db, filters)
    limit_sql, limit_parameters = limit_clause(limit, offset)
    sql = (
        f"SELECT record, group_id FROM events{where} ORDER BY {EVENT_ORDER}{limit_sql}"
    )
    return _records(db, sql, parameters + limit_parameters)


def _records(
    db: StoreConnection, sql: str, parameters: list[Any]
) -> Iterator[dict[str, Any]]:
    with db.reporting_errors("read events"):
        for record, group in db.stream(sql, parameters, batch_size=FETCH_BATCH_SIZE):
            yield {**json.loads(record), "group_id": group}


def count_events(db: StoreConnection, filters: Filters) -> int:
    where, parameters = _where(db, filters)
    with db.reporting_errors("count events"):
        (count,) = db.execute(
            f"SELECT COUNT(*) FROM events{where}", parameters
        ).fetchone()
    return int(count)


EVENT_DETAIL = """
SELECT e.record, e.group_id, a.id, a.title, a.published, a.url, a.source,
       s.text, s.start, s."end", g.mentions, g.sources, g.articles
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sentence = e.sentence
LEFT JOIN event_groups g ON g.group_id = e.group_id
WHERE e.event_id = ?"""


def event(db: StoreConnection, event_id: str) -> dict[str, Any] | None:
    with db.reporting_errors(f"read event {event_id!r}"):
        row = db.execute(EVENT_DETAIL, (event_id,)).fetchone()
    if row is None:
        return None
    (record, group, article_id, title, published, url, source) = row[:7]
    sentence_text, start, end, mentions, sources, articles = row[7:]
    detail: dict[str, Any] = json.loads(record)
    if sentence_text is None:
        evidence = detail["evidence"]
        sentence = {k: evidence[k] for k in ("text", "start", "end")}
    else:
        sentence = {"text": sentence_text, "start": start, "end": end}
    detail["group_id"] = group
    # The contract puts the sentence itself under "sentence"; its index moves in.
    detail["sentence"] = {**sentence, "index": detail["sentence"]}
    detail["article"] = {
        "id": article_id,
        "title": title,
        "published": published,
        "url": url,
        "source": source,
    }
    detail["quotes"] = _event_quotes(db, event_id)
    detail["group"] = {
        "group_id": group,
        "mentions": int(mentions or 0),
        "sources": int(sources or 0),
        "articles": int(articles or 0),
    }
    return detail


QUOTE_SELECT = """
SELECT q.article_id, q.start, q."end", q.text, q.kind, q.cue_text, q.cue_start,
       q.cue_end, q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_code,
       q.speaker_name
FROM quotes q"""
EVENT_QUOTES = (
    QUOTE_SELECT
    + """
JOIN quote_events l ON q.article_id = l.article_id AND q.start = l.quote_start
    AND q."end" = l.quote_end
WHERE l.event_id = ?
ORDER BY q.start"""
)
QUOTE_EVENT_IDS = """
SELECT event_id FROM quote_events
WHERE article_id = ? AND quote_start = ? AND quote_end = ? ORDER BY event_id"""
QUOTE_ORDER = 'q.article_id, q.start, q."end"'


def _event_quotes(db: StoreConnection, event_id: str) -> list[dict[str, Any]]:
    """The quotes holding an event, as ``Quote.as_record()`` dicts."""
    with db.reporting_errors(f"read the quotes of event {event_id!r}"):
        rows = db.execute(EVENT_QUOTES, (event_id,)).fetchall()
        return [_quote_record(db, row) for row in rows]


def _quote_conditions(
    speaker: str | None, article_id: str | None
) -> tuple[str, list[Any]]:
    conditions, parameters = [], []
    if speaker is not None:
        # A code prefix: "RUS" finds RUSGOV and RUSMIL speakers.
        conditions.append("q.speaker_code LIKE ?")
        parameters.append(speaker.replace("%", "").replace("_", "") + "%")
    if article_id is not None:
        conditions.append("q.article_id = ?")
        parameters.append(article_id)
    return where_clause(conditions), parameters


def quotes(
    db: StoreConnection,
    *,
    speaker: str | None,
    article_id: str | None,
    limit: int | None,
    offset: int,
) -> list[dict[str, Any]]:
    where, parameters = _quote_conditions(speaker, article_id)
    limit_sql, limit_parameters = limit_clause(limit, offset)
    sql = f"{QUOTE_SELECT}{where} ORDER BY {QUOTE_ORDER}{limit_sql}"
    with db.reporting_errors("read quotes"):
        rows = db.execute(sql, parameters + limit_parameters).fetchall()
        return [_quote_record(db, row) for row in rows]


def count_quotes(
    db: StoreConnection, *, speaker: str | None, article_id: str | None
) -> int:
    where, parameters = _quote_conditions(speaker, article_id)
    with db.reporting_errors("count quotes"):
        (count,) = db.execute(
            f"SELECT COUNT(*) FROM quotes q{where}", parameters
        ).fetchone()
    return int(count)


def _quote_record(db: StoreConnection, row: Any) -> dict[str, Any]:
    article_id, start, end, text, kind = row[:5]
    cue_text, cue_start, cue_end = row[5:8]
    speaker_text, speaker_start, speaker_end, code, name = row[8:]
    event_ids = [
        linked
        for (linked,) in db.execute(
            QUOTE_EVENT_IDS, (article_id, start, end)
        ).fetchall()
    ]
    return {
        "article_id": article_id,
        "start": start,
        "end": end,
        "text": text,
        "kind": kind,
        "cue": (
            None
            if cue_text is None
            else {"text": cue_text, "start": cue_start, "end": cue_end}
        ),
        "speaker": (
            None
            if speaker_text is None
            else {
                "text": speaker_text,
                "start": speaker_start,
                "end": speaker_end,
                "code": code,
                "name": name,
            }
        ),
        "event_id": event_ids[0] if event_ids else None,
        "event_ids": event_ids,
    }


def dyads(db: StoreConnection, filters: Filters, *, limit: int) -> list[DyadCount]:
    where, parameters = _where(
        db, filters, "source_code IS NOT NULL", "target_code IS NOT NULL"
    )
    sql = (
        f"SELECT source_code, target_code, COUNT(*), SUM(goldstein), AVG(goldstein),"
        f" {CONFLICT}, {COOPERATION} FROM events{where}"
        " GROUP BY source_code, target_code"
        " ORDER BY COUNT(*) DESC, source_code, target_code LIMIT ?"
    )
    with db.reporting_errors("count dyads"):
        rows = db.execute(sql, [*parameters, limit]).fetchall()
    return [
        DyadCount(
            source=source,
            target=target,
            events=int(count),
            goldstein_total=_number(total),
            goldstein_mean=_number(mean),
            conflict=int(conflict),
            cooperation=int(cooperation),
        )
        for source, target, count, total, mean, conflict, cooperation in rows
    ]


def timeseries(
    db: StoreConnection, filters: Filters, *, by: Period
) -> list[dict[str, Any]]:
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    where, parameters = _where(db, filters, "date IS NOT NULL")
    period = db.period_start("date", by)
    sql = (
        f"SELECT {period}, source_code, target_code, COUNT(*), SUM(goldstein),"
        f" AVG(goldstein), {QUAD_SUMS} FROM events{where}"
        " GROUP BY 1, source_code, target_code"
        " ORDER BY 1, COUNT(*) DESC, COALESCE(source_code, ''),"
        " COALESCE(target_code, '')"
    )
    with db.reporting_errors("count events per period"):
        rows = db.execute(sql, parameters).fetchall()
    return [
        {
            "period": period_start,
            "source": source,
            "target": target,
            "events": int(count),
            "goldstein_sum": _number(total),
            "goldstein_mean": _number(mean),
            **{f"quad{quad}": int(n) for quad, n in enumerate(quads, start=1)},
        }
        for period_start, source, target, count, total, mean, *quads in rows
    ]


def network(
    db: StoreConnection, filters: Filters, *, limit: int
) -> dict[str, list[dict[str, Any]]]:
    where, parameters = _where(
        db, filters, "source_code IS NOT NULL", "target_code IS NOT NULL"
    )
    edge_sql = (
        f"SELECT source_code, target_code, COUNT(*), SUM(goldstein), {COOPERATION},"
        f" {CONFLICT} FROM events{where} GROUP BY source_code, target_code"
        " ORDER BY COUNT(*) DESC, source_code, target_code LIMIT ?"
    )
    node_where, node_parameters = _where(db, filters)
    # UNION (not UNION ALL) counts an event between an actor and itself once.
    node_sql = (
        "SELECT code, COUNT(*) FROM ("
        f"SELECT event_id, source_code AS code FROM events{node_where}"
        f" UNION SELECT event_id, target_code AS code FROM events{node_where}"
        ") AS involved WHERE code IS NOT NULL GROUP BY code"
    )
    with db.reporting_errors("build the actor network"):
        edge_rows = db.execute(edge_sql, [*parameters, limit]).fetchall()
        node_counts = dict(
            db.execute(node_sql, node_parameters + node_parameters).fetchall()
        )
    edges = []
    for source, target, count, total, cooperation, conflict in edge_rows:
        events_count, coop, confl = int(count), int(cooperation), int(conflict)
        edges.append(
            {
                "source": source,
                "target": target,
                "events": events_count,
                "goldstein_sum": _number(total),
                "cooperation": coop,
                "conflict": confl,
                "balance": _number((coop - confl) / events_count),
            }
        )
    ends = {edge["source"] for edge in edges} | {edge["target"] for edge in edges}
    nodes = sorted(
        ({"id": code, "events": int(node_counts[code])} for code in ends),
        key=lambda node: (-node["events"], node["id"]),
    )
    return {"nodes": nodes, "edges": edges}


def actors(db: StoreConnection, *, limit: int, unknown: bool) -> list[dict[str, Any]]:
    if unknown:
        sql = (
            "SELECT text, label, COUNT(*), COUNT(DISTINCT article_id) FROM actors"
            " WHERE code IS NULL AND (label IS NULL OR label <> 'PRON')"
            " GROUP BY text, label"
            " ORDER BY COUNT(*) DESC, text, COALESCE(label, '') LIMIT ?"
        )
        with db.reporting_errors("list unknown actors"):
            rows = db.execute(sql, (limit,)).fetchall()
        return [
            {
                "code": None,
                "name": None,
                "text": text,
                "label": label,
                "mentions": int(mentions),
                "articles": int(articles),
            }
            for text, label, mentions, articles in rows
        ]
    with db.reporting_errors("list actors"):
        totals = db.execute(
            "SELECT code, COUNT(*), COUNT(DISTINCT article_id) FROM actors"
            " WHERE code IS NOT NULL GROUP BY code"
            " ORDER BY COUNT(*) DESC, code LIMIT ?",
            (limit,),
        ).fetchall()
        codes = [code for code, *_ in totals]
        texts: dict[str, Counter[str]] = defaultdict(Counter)
        names: dict[str, Counter[str]] = defaultdict(Counter)
        if codes:
            marks = ", ".join("?" for _ in codes)
            for code, text, name, count in db.execute(
                f"SELECT code, text, name, COUNT(*) FROM actors WHERE code IN ({marks})"
                " GROUP BY code, text, name",
                codes,
            ).fetchall():
                texts[code][text] += int(count)
                if name is not None:
                    names[code][name] += int(count)
    return [
        {
            "code": code,
            "name": _most_frequent(names[code]),
            "text": _most_frequent(texts[code]),
            "label": None,
            "mentions": int(mentions),
            "articles": int(articles),
        }
        for code, mentions, articles in totals
    ]


def _most_frequent(counts: Counter[str]) -> str | None:
    """The most frequent value; ties go to the alphabetically first."""
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def event_groups(db: StoreConnection, filters: Filters) -> Iterator[dict[str, Any]]:
    where, parameters = _where(db, filters)
    columns = ", ".join(f"g.{column}" for column in GROUP_COLUMNS)
    sql = (
        f"SELECT {columns}, e.record, a.url, a.coded_at FROM event_groups g"
        " JOIN events e ON e.event_id = g.first_event_id"
        " JOIN articles a ON a.id = e.article_id"
        f" WHERE g.group_id IN (SELECT group_id FROM events{where})"
        " ORDER BY (g.date IS NULL), g.date, g.group_id"
    )
    with db.reporting_errors("read deduplicated events"):
        for row in db.stream(sql, parameters, batch_size=FETCH_BATCH_SIZE):
            group = dict(zip(GROUP_COLUMNS, row, strict=False))
            record, url, added = row[len(GROUP_COLUMNS) :]
            group["record"] = json.loads(record)
            group["url"] = url
            group["added"] = added
            yield group


def counts(db: StoreConnection) -> StoreCounts:
    with db.reporting_errors("count rows"):
        articles, events_count, failures_count = (
            int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "events", "failures")
        )
    return StoreCounts(articles=articles, events=events_count, failures=failures_count)


def failures(db: StoreConnection, *, limit: int | None) -> list[Failure]:
    limit_sql, limit_parameters = limit_clause(limit, 0)
    with db.reporting_errors("read failures"):
        rows = db.execute(
            "SELECT origin, line, article_id, stage, message FROM failures"
            f" ORDER BY id{limit_sql}",
            limit_parameters,
        ).fetchall()
    return [
        Failure(
            origin=origin,
            line=line,
            article_id=article_id,
            stage=stage,
            message=message,
        )
        for origin, line, article_id, stage, message in rows
    ]
