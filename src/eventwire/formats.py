"""Write event records as JSON lines, CSV rows or a terminal table.

Records are the dicts of the event contract (``Event.as_record()``); CSV and
the table flatten the nested actors and evidence into columns.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Iterator
from typing import IO, Any

CSV_COLUMNS = (
    "article_id",
    "event_id",
    "sentence",
    "date",
    "source_code",
    "source_text",
    "source_country",
    "source_sector",
    "source_name",
    "cameo",
    "cameo_root",
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "target_code",
    "target_text",
    "target_country",
    "target_sector",
    "target_name",
    "negated",
    "modality",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "rule",
    "coder",
)
TABLE_COLUMNS = (
    ("date", 10),
    ("source", 10),
    ("cameo", 5),
    ("action", 24),
    ("target", 10),
)
MIN_EVIDENCE_WIDTH = 30


def flatten_event(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row per event: nested actors and evidence become prefixed columns."""
    row: dict[str, Any] = {
        key: record.get(key)
        for key in CSV_COLUMNS
        if not key.startswith(("source_", "target_", "evidence_", "plover_"))
    }
    for role in ("source", "target"):
        actor = record.get(role) or {}
        for field in ("code", "text", "country", "sector", "name"):
            row[f"{role}_{field}"] = actor.get(field)
    plover = record.get("plover") or {}
    row["plover_type"] = plover.get("type")
    row["plover_mode"] = plover.get("mode")
    evidence = record["evidence"]
    row["evidence_text"] = evidence["text"]
    row["evidence_start"] = evidence["start"]
    row["evidence_end"] = evidence["end"]
    return {key: row[key] for key in CSV_COLUMNS}


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Write one JSON object per line; return how many were written."""
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Write a header and one flattened row per event; return the row count."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(flatten_event(record))
        count += 1
    return count


def table_lines(
    records: Iterable[dict[str, Any]], *, width: int | None = None
) -> Iterator[str]:
    """Yield a fixed-width table (header first) that fits the terminal."""
    total = width or shutil.get_terminal_size((120, 24)).columns
    fixed = sum(size + 2 for _, size in TABLE_COLUMNS)
    evidence_width = max(MIN_EVIDENCE_WIDTH, total - fixed)
    header = [name.ljust(size) for name, size in TABLE_COLUMNS] + ["evidence"]
    yield "  ".join(header)
    for record in records:
        source = record["source"]["code"] or "?"
        target = (record.get("target") or {}).get("code") or "-"
        action = record["cameo_name"]
        if record.get("negated"):
            action = "NOT " + action
        if record.get("modality") not in (None, "asserted"):
            action = f"{action} ({record['modality']})"
        cells = [
            record.get("date") or "?",
            source,
            record["cameo"],
            action,
            target,
        ]
        line = "  ".join(
            _fit(str(cell), size)
            for cell, (_, size) in zip(cells, TABLE_COLUMNS, strict=True)
        )
        evidence = " ".join(record["evidence"]["text"].split())
        yield f"{line}  {_fit(evidence, evidence_width).rstrip()}"


def _fit(text: str, size: int) -> str:
    if len(text) > size:
        return text[: size - 1] + "…"
    return text.ljust(size)
