"""Build eventwire's CAMEO and PLOVER tables from the reference notes.

Run once from the repository root; the generated files are committed:

    python scripts/build_ontology.py ../shared/reference

Reads ``ONTOLOGY.md`` (GDELT CAMEO codes and Goldstein values, root table,
PLOVER manual 0.8 types, modes and scores) and ``CAMEO2PLOVER-2021.txt`` from
the given directory and writes, under ``src/eventwire/data`` (or ``--output``):

    cameo/event_codes.tsv       code name goldstein quad_class root
    plover/cameo_to_plover.tsv  cameo plover_type mode context
    plover/event_types.tsv      type quad_class score definition
    plover/modes.tsv            type mode score
    VERSION                     the ontology version string

Every quirk of the reference resolved here has a named constant below and is
listed in ``src/eventwire/data/README.md``; an input line of an unknown shape
stops the script instead of being guessed at.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

DESCRIPTION = "Build eventwire's CAMEO and PLOVER tables from the reference notes."
VERSION = "cameo-1.1b3+gdelt-goldstein;plover-0.8"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data"

CODE_LIST_HEADING = "## 2. Full CAMEO event code list"
ROOT_TABLE_HEADING = "### 6.1 CAMEO root codes"
PLOVER_TYPES_HEADING = "### 6.2 PLOVER event types"
PLOVER_SCORES_MARKER = "**PLOVER scores**"
PLOVER_CONTEXTS_MARKER = "**PLOVER contexts (37):**"

# The manual is inconsistent or evidently wrong in two places; each correction
# records the value the reference prints so a changed reference stops the build.
QUAD_CORRECTIONS = {
    # Quad table says 3; the SANCTION section and the summary table say
    # "MATERIAL CONFLICT", which also matches CAMEO 16 (GDELT QuadClass 4).
    "SANCTION": (3, 4),
}
SCORE_CORRECTIONS = {
    # Printed as 3; every ACCUSE mode is negative and ACCUSE is verbal conflict.
    "ACCUSE": (3.0, -3.0),
}
# CAMEO2PLOVER-2021 lists root 08 twice (CONCEDE for 081-083, RETREAT for
# 084-087); the root itself follows 080, which the table maps to CONCEDE.
ROOT_CHOICES = {"08": "CONCEDE"}
# Roots the CAMEO->PLOVER table leaves out entirely: PLOVER drops them.
DROPPED_ROOTS = ("01", "02")
END_MARKER = "~~~~~"

EVENT_CODES_HEADER = ("code", "name", "goldstein", "quad_class", "root")
CAMEO_TO_PLOVER_HEADER = ("cameo", "plover_type", "mode", "context")
EVENT_TYPES_HEADER = ("type", "quad_class", "score", "definition")
MODES_HEADER = ("type", "mode", "score")

C2P_LINE = re.compile(
    r"^(?P<code>[0-9]{2,4}):(?P<body>[^#]*?)\s*(?:#\s*(?P<comment>.*))?$"
)
MODE_SCORE = re.compile(r"([a-z][a-z-]*) (-?[0-9]+(?:\.[0-9]+)?)")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class TableLine:
    """One CAMEO->PLOVER line after cleaning, with where it came from."""

    cameo: str
    type: str | None
    mode: str | None
    contexts: tuple[str, ...]
    line: int


class ReferenceFormatError(Exception):
    """The reference has a shape this script does not know how to read."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("reference", type=Path, help="the shared reference directory")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="the package data directory"
    )
    args = parser.parse_args(argv)
    try:
        notes = build(args.reference, args.output)
    except (ReferenceFormatError, OSError) as error:
        print(f"build_ontology: {error}", file=sys.stderr)
        return 1
    for note in notes:
        print(note, file=sys.stderr)
    return 0


def build(reference: Path, output: Path) -> list[str]:
    """Write every table under ``output``; return notes on what was resolved."""
    notes: list[str] = []
    ontology_lines = (reference / "ONTOLOGY.md").read_text("utf-8").splitlines()
    table_lines = (reference / "CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines()

    codes = read_cameo_codes(ontology_lines)
    types, modes = read_plover_types(ontology_lines, notes)
    contexts = read_contexts(ontology_lines)
    table = read_cameo_to_plover(table_lines, notes)
    rows = plover_rows(table, codes, modes, contexts, notes)

    write_tsv(output / "cameo" / "event_codes.tsv", EVENT_CODES_HEADER, codes)
    write_tsv(output / "plover" / "cameo_to_plover.tsv", CAMEO_TO_PLOVER_HEADER, rows)
    write_tsv(output / "plover" / "event_types.tsv", EVENT_TYPES_HEADER, types)
    write_tsv(output / "plover" / "modes.tsv", MODES_HEADER, modes)
    (output / "VERSION").write_text(VERSION + "\n", encoding="utf-8")
    notes.append(
        f"wrote {len(codes)} CAMEO codes, {len(rows)} CAMEO->PLOVER rows, "
        f"{len(types)} PLOVER types, {len(modes)} modes; version {VERSION}"
    )
    return notes


def read_cameo_codes(lines: list[str]) -> list[tuple[str, ...]]:
    """The GDELT code list (section 2) with QuadClass from the root table."""
    roots: dict[str, tuple[str, int, float]] = {}
    for cells in table_after(lines, ROOT_TABLE_HEADING):
        quad = int(cells[2].strip("*"))
        roots[cells[0]] = (cells[1], quad, number(cells[-1]))

    rows: dict[str, tuple[str, ...]] = {}
    for cells in table_after(lines, CODE_LIST_HEADING):
        code, name, goldstein = cells[0], cells[1].strip("*").strip(), number(cells[2])
        if not re.fullmatch(r"[0-9]{2,4}", code):
            raise ReferenceFormatError(f"CAMEO code list: bad code {code!r}")
        if code in rows:
            raise ReferenceFormatError(f"CAMEO code list: duplicate code {code!r}")
        root = code[:2]
        if root not in roots:
            raise ReferenceFormatError(f"CAMEO code list: {code!r} has no root in 6.1")
        root_name, quad, root_goldstein = roots[root]
        if code == root and (name != root_name or goldstein != root_goldstein):
            raise ReferenceFormatError(f"root {root}: section 2 and table 6.1 disagree")
        rows[code] = (code, name, f"{goldstein:.1f}", str(quad), root)
    missing = sorted(set(roots) - set(rows))
    if missing:
        raise ReferenceFormatError(f"CAMEO code list lacks root entries {missing}")
    return [rows[code] for code in sorted(rows)]


def read_plover_types(
    lines: list[str], notes: list[str]
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """PLOVER types (table 6.2) and mode scores (the manual's score table)."""
    scores: dict[str, tuple[float, dict[str, float]]] = {}
    for cells in table_after(lines, PLOVER_SCORES_MARKER):
        for name, text in zip(cells[0::2], cells[1::2], strict=True):
            if name:
                base = float(NUMBER.findall(minus(text))[0])
                found = {m: float(s) for m, s in MODE_SCORE.findall(minus(text))}
                scores[name] = (corrected(SCORE_CORRECTIONS, name, base, notes), found)

    types: list[tuple[str, ...]] = []
    modes: list[tuple[str, ...]] = []
    for cells in table_after(lines, PLOVER_TYPES_HEADING):
        name, quad_text, mode_text, definition = cells[0], cells[1], cells[3], cells[4]
        quad = int(NUMBER.findall(quad_text.strip("*"))[0])
        quad = corrected(QUAD_CORRECTIONS, name, quad, notes)
        base, mode_scores = scores.pop(name)
        types.append((name, str(quad), f"{base:.1f}", definition))
        listed = (
            [] if mode_text == "—" else re.sub(r"\(.*?\)", "", mode_text).split(",")
        )
        for mode in (item.strip() for item in listed):
            score = mode_scores.pop(mode, None)
            if score is None:
                notes.append(
                    f"mode {name}-{mode}: the manual gives no score; left empty"
                )
            modes.append((name, mode, "" if score is None else f"{score:.1f}"))
        if mode_scores:
            raise ReferenceFormatError(
                f"{name}: scored modes not in 6.2: {sorted(mode_scores)}"
            )
    if scores:
        raise ReferenceFormatError(f"scored types not in table 6.2: {sorted(scores)}")
    return sorted(types), sorted(modes)


def read_contexts(lines: list[str]) -> frozenset[str]:
    """The manual's 37 context names."""
    for line in lines:
        if line.startswith(PLOVER_CONTEXTS_MARKER):
            listed = line.removeprefix(PLOVER_CONTEXTS_MARKER).split(".")[0]
            return frozenset(item.strip() for item in listed.split(","))
    raise ReferenceFormatError(
        f"ONTOLOGY.md has no line starting {PLOVER_CONTEXTS_MARKER!r}"
    )


def read_cameo_to_plover(lines: list[str], notes: list[str]) -> list[TableLine]:
    """Every ``code: TYPE, mode, context # comment`` line, cleaned, in file order."""
    parsed: list[TableLine] = []
    for number_, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#") or text == END_MARKER:
            continue
        match = C2P_LINE.match(text)
        if match is None:
            raise ReferenceFormatError(
                f"CAMEO2PLOVER-2021.txt:{number_}: unreadable {line!r}"
            )
        parts = [part.strip() for part in match["body"].split(",")]
        if len(parts) == 1:  # a root heading such as "03: AGREE"
            parts += ["", ""]
        if len(parts) != 3 or not parts[0]:
            raise ReferenceFormatError(f"CAMEO2PLOVER-2021.txt:{number_}: not 3 fields")
        if "no longer" in (match["comment"] or ""):
            notes.append(f"CAMEO2PLOVER-2021.txt:{number_}: note {match['comment']!r}")
        contexts = tuple(item.strip() for item in parts[2].split(";") if item.strip())
        parsed.append(
            TableLine(
                cameo=match["code"],
                type=parts[0],
                mode=parts[1] or None,
                contexts=contexts,
                line=number_,
            )
        )
    return parsed


def plover_rows(
    lines: list[TableLine],
    codes: list[tuple[str, ...]],
    modes: list[tuple[str, ...]],
    contexts: frozenset[str],
    notes: list[str],
) -> list[tuple[str, ...]]:
    """One row per mapped CAMEO code, plus empty rows for the dropped roots."""
    known_codes = {row[0] for row in codes}
    known_modes = {(row[0], row[1]) for row in modes}
    chosen: dict[str, TableLine] = {}
    for line in lines:
        cleaned = clean_mode(line, known_modes, contexts, notes)
        previous = chosen.get(cleaned.cameo)
        if cleaned.cameo not in known_codes:
            notes.append(
                f"line {line.line}: {line.cameo} is not a GDELT CAMEO code; skipped"
            )
        elif previous is None:
            chosen[cleaned.cameo] = cleaned
        elif same_mapping(previous, cleaned):
            notes.append(f"line {line.line}: repeats line {previous.line}; dropped")
        elif cleaned.cameo in ROOT_CHOICES:
            keep = ROOT_CHOICES[cleaned.cameo]
            if keep not in (previous.type, cleaned.type):
                raise ReferenceFormatError(
                    f"line {line.line}: root choice {keep} not listed"
                )
            chosen[cleaned.cameo] = previous if previous.type == keep else cleaned
            notes.append(
                f"line {line.line}: root {line.cameo} listed twice; kept {keep}"
            )
        else:
            raise ReferenceFormatError(
                f"line {line.line}: conflicts with line {previous.line}"
            )
    for code in sorted(known_codes):
        if code[:2] in DROPPED_ROOTS:
            if code in chosen:
                raise ReferenceFormatError(
                    f"{code} is mapped but root {code[:2]} is dropped"
                )
            chosen[code] = TableLine(
                cameo=code, type=None, mode=None, contexts=(), line=0
            )
    unlisted = sorted(known_codes - set(chosen))
    if unlisted:
        notes.append(f"not in the table, resolved through a parent code: {unlisted}")
    return [
        (line.cameo, line.type or "", line.mode or "", ";".join(line.contexts))
        for line in (chosen[code] for code in sorted(chosen))
    ]


def clean_mode(
    line: TableLine,
    known_modes: set[tuple[str, str]],
    contexts: frozenset[str],
    notes: list[str],
) -> TableLine:
    """Keep only modes the manual defines for the type (see data/README.md).

    A context name in the mode column moves to the contexts; any other unknown
    mode (an older draft's ``ease``, ``ban``, ``massacre``...) is dropped.
    """
    if line.mode is None or (line.type or "", line.mode) in known_modes:
        return line
    where = f"line {line.line}: {line.cameo} {line.type}"
    if line.mode in contexts:
        notes.append(f"{where}: context {line.mode!r} in the mode column; moved")
        return replace(line, mode=None, contexts=(line.mode, *line.contexts))
    notes.append(f"{where}: mode {line.mode!r} is not a manual 0.8 mode; dropped")
    return replace(line, mode=None)


def same_mapping(first: TableLine, second: TableLine) -> bool:
    """Whether two table lines say the same thing (comments aside)."""
    return (first.type, first.mode, first.contexts) == (
        second.type,
        second.mode,
        second.contexts,
    )


def table_after(lines: list[str], marker: str) -> Iterator[list[str]]:
    """Cells of the first Markdown table after the line starting with ``marker``."""
    start = next((i for i, line in enumerate(lines) if line.startswith(marker)), None)
    if start is None:
        raise ReferenceFormatError(f"ONTOLOGY.md has no line starting {marker!r}")
    rows = 0
    for line in lines[start + 1 :]:
        if not line.startswith("|"):
            if rows:
                return
            continue
        rows += 1
        if rows > 2:  # skip the header and the |---| separator
            yield [cell.strip() for cell in line.strip().strip("|").split("|")]


def corrected(
    table: dict[str, tuple[T, T]], name: str, value: T, notes: list[str]
) -> T:
    """Apply a documented correction, insisting the reference still prints ``value``."""
    if name not in table:
        return value
    printed, fixed = table[name]
    if value != printed:
        raise ReferenceFormatError(
            f"{name}: expected {printed!r} in the reference, got {value!r}"
        )
    notes.append(f"{name}: reference prints {printed!r}; stored {fixed!r}")
    return fixed


def minus(text: str) -> str:
    return text.replace("\u2212", "-")


def number(text: str) -> float:
    return float(minus(text).lstrip("+"))


def write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write a tab-separated table; refuses cells that would need quoting."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(
            handle,
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
            quotechar=None,
            lineterminator="\n",
        )
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    sys.exit(main())
