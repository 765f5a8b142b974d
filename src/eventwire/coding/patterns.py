"""Load the verb patterns that map predicates to CAMEO codes.

A pattern row is plain TSV (see ``data/README.md``)::

    id  verb  particle  object  target  mutual  cameo  note

``verb`` is a lemma; ``particle`` a required particle or preposition
("shoot *down*", "call *on*"); ``object`` a ``|``-list of direct-object lemmas
that must be present (light verbs: "impose *sanctions*"); ``target`` the
``|``-list of slots tried in order for the target (``dobj``, ``dative``, or a
preposition whose object is the target, attached to the verb or to its
object: "imposed sanctions *on* Russia"); ``mutual`` is ``yes`` for acts two
parties do together, so "Russia and France met" codes each toward the other;
``cameo`` the event code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.coding.ontology import Ontology
from eventwire.errors import DataFileError

PATTERN_COLUMNS = (
    "id",
    "verb",
    "particle",
    "object",
    "target",
    "mutual",
    "cameo",
    "note",
)
MUTUAL_VALUES = {"yes": True, "": False}
ROLE_SLOTS = frozenset({"dobj", "dative"})
WORD = re.compile(r"^[a-z][a-z'-]*$")
PATTERN_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class VerbPattern:
    """One row of the pattern table."""

    id: str
    verb: str
    particle: str | None
    objects: frozenset[str]
    targets: tuple[str, ...]
    mutual: bool
    cameo: str
    line: int

    @property
    def specificity(self) -> int:
        """Patterns with more conditions are tried first."""
        return int(self.particle is not None) + int(bool(self.objects))


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternTable:
    """Verb patterns indexed by lemma, most specific first."""

    path: str
    by_verb: Mapping[str, tuple[VerbPattern, ...]]

    def __len__(self) -> int:
        return sum(len(patterns) for patterns in self.by_verb.values())


def load_patterns(*, ontology: Ontology, path: Path | None = None) -> PatternTable:
    """Read and validate the verb pattern table (the packaged one by default)."""
    if path is None:
        source = resources.files("eventwire") / "data" / "cameo" / "verb_patterns.tsv"
        text = source.read_text(encoding="utf-8")
        name = "eventwire/data/cameo/verb_patterns.tsv"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise DataFileError(
                f"cannot read the pattern file ({error})", path=str(path)
            ) from error
        name = str(path)
    patterns = _parse(text, name=name, ontology=ontology)
    by_verb: dict[str, list[VerbPattern]] = {}
    for pattern in patterns:
        by_verb.setdefault(pattern.verb, []).append(pattern)
    ordered = {
        verb: tuple(sorted(rows, key=lambda row: (-row.specificity, row.line)))
        for verb, rows in by_verb.items()
    }
    return PatternTable(path=name, by_verb=ordered)


def _parse(text: str, *, name: str, ontology: Ontology) -> list[VerbPattern]:
    rows = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if header is None or tuple(header) != PATTERN_COLUMNS:
        raise DataFileError(
            f"the header must be {' '.join(PATTERN_COLUMNS)!r} (tab-separated), "
            f"found {header!r}",
            path=name,
            line=1,
        )
    patterns: list[VerbPattern] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        pattern = _pattern(row, line=line, name=name, ontology=ontology)
        if pattern.id in seen:
            raise DataFileError(
                f"pattern id {pattern.id!r} is used twice; ids must be unique",
                path=name,
                line=line,
            )
        seen.add(pattern.id)
        patterns.append(pattern)
    return patterns


def _pattern(
    row: list[str], *, line: int, name: str, ontology: Ontology
) -> VerbPattern:
    def fail(message: str) -> DataFileError:
        return DataFileError(message, path=name, line=line)

    if len(row) != len(PATTERN_COLUMNS):
        raise fail(
            f"expected {len(PATTERN_COLUMNS)} tab-separated columns, found {len(row)}"
        )
    pattern_id, verb, particle, objects, targets, mutual, cameo, _note = (
        cell.strip() for cell in row
    )
    if not PATTERN_ID.match(pattern_id):
        raise fail(f"bad pattern id {pattern_id!r}: use lower-case words joined by '.'")
    for word in (verb, *(part for part in (particle,) if part)):
        if not WORD.match(word):
            raise fail(f"{word!r} is not a lower-case lemma")
    object_lemmas = frozenset(part for part in objects.split("|") if part)
    target_slots = tuple(part for part in targets.split("|") if part)
    if not target_slots:
        raise fail("no target slot: give dobj, dative or a preposition such as 'with'")
    for slot in (*object_lemmas, *target_slots):
        if slot not in ROLE_SLOTS and not WORD.match(slot):
            raise fail(f"{slot!r} is not a slot (dobj, dative) or a lower-case word")
    if mutual not in MUTUAL_VALUES:
        raise fail(f"mutual must be 'yes' or empty, not {mutual!r}")
    if cameo not in ontology.codes:
        raise fail(f"CAMEO code {cameo!r} is not in the ontology's event code table")
    return VerbPattern(
        id=pattern_id,
        verb=verb,
        particle=particle or None,
        objects=object_lemmas,
        targets=target_slots,
        mutual=MUTUAL_VALUES[mutual],
        cameo=cameo,
        line=line,
    )
