"""Load the event patterns that map predicates to CAMEO codes.

A pattern row is plain TSV (columns documented in ``data/cameo/README.md``)::

    id  kind  lemma  particle  object  complement  subject  target  mutual  cameo  note

``kind`` is ``verb`` (a verbal or adjectival predicate: "attacked", "is
willing to") or ``noun`` (a nominal event: "the downing of a jet by Turkey").
``lemma`` is the predicate's lemma; ``particle`` a particle or preposition
that must hang from the predicate or its object ("shoot *down*", "call *on*");
``object`` the words that must occur in the object phrase, as groups joined
by ``+`` that must all match, each a ``|``-list of alternatives
("sign *agreement|treaty*", "*car+bomb|bombing*"); ``complement`` a
``|``-list of lemmas of the embedded verb ("threatened *to strike*"), or
``*`` for any; ``subject`` a ``|``-list of words one of which must be in
the source phrase ("*warplanes* struck X" is an air strike); ``target`` the
``|``-list of slots tried in order for the target (``dobj``, ``dative``, a
preposition, or ``none`` when the event stands without one); ``mutual`` is
``yes`` for acts two parties do together.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.coding.ontology import Ontology
from eventwire.errors import DataFileError

PATTERN_COLUMNS = (
    "id",
    "kind",
    "lemma",
    "particle",
    "object",
    "complement",
    "subject",
    "target",
    "mutual",
    "cameo",
    "note",
)
KINDS = frozenset({"verb", "noun"})
MUTUAL_VALUES = {"yes": True, "": False}
ROLE_SLOTS = frozenset({"dobj", "dative"})
NO_TARGET = "none"
ANY_COMPLEMENT = "*"
WORD = re.compile(r"^[a-z][a-z'-]*$")
PATTERN_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")
PACKAGED = "eventwire/data/cameo/verb_patterns.tsv"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPattern:
    """One row of the pattern table.

    ``objects`` holds groups of alternatives: every group must share a word
    with the object phrase. ``complements`` is ``None`` when the pattern
    takes no embedded verb, empty when any embedded verb will do.
    """

    id: str
    kind: str
    lemma: str
    particle: str | None
    objects: tuple[frozenset[str], ...]
    complements: frozenset[str] | None
    subjects: frozenset[str]
    targets: tuple[str, ...]
    target_optional: bool
    mutual: bool
    cameo: str
    line: int

    @property
    def specificity(self) -> int:
        """Patterns with more conditions are tried first."""
        complement = 0
        if self.complements is not None:
            complement = 2 if self.complements else 1
        return int(self.particle is not None) + 2 * len(self.objects) + complement


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternTable:
    """Patterns indexed by predicate lemma, most specific first."""

    path: str
    by_verb: Mapping[str, tuple[EventPattern, ...]]
    by_noun: Mapping[str, tuple[EventPattern, ...]]

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.by_verb.values()) + sum(
            len(rows) for rows in self.by_noun.values()
        )

    def all(self) -> tuple[EventPattern, ...]:
        """Every pattern, in file order."""
        rows = [row for group in self.by_verb.values() for row in group]
        rows += [row for group in self.by_noun.values() for row in group]
        return tuple(sorted(rows, key=lambda row: row.line))


def load_patterns(*, ontology: Ontology, path: Path | None = None) -> PatternTable:
    """Read and validate the pattern table (the packaged one by default).

    Raises ``DataFileError`` naming the file, the line and what is wrong.
    """
    if path is None:
        source = resources.files("eventwire") / "data" / "cameo" / "verb_patterns.tsv"
        text = source.read_text(encoding="utf-8")
        name = PACKAGED
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise DataFileError(
                f"cannot read the pattern file ({error})", path=str(path)
            ) from error
        name = str(path)
    patterns = _parse(text, name=name, ontology=ontology)
    return PatternTable(
        path=name,
        by_verb=_index(row for row in patterns if row.kind == "verb"),
        by_noun=_index(row for row in patterns if row.kind == "noun"),
    )


def _index(rows: Iterable[EventPattern]) -> dict[str, tuple[EventPattern, ...]]:
    grouped: dict[str, list[EventPattern]] = {}
    for row in rows:
        grouped.setdefault(row.lemma, []).append(row)
    return {
        lemma: tuple(sorted(group, key=lambda row: (-row.specificity, row.line)))
        for lemma, group in grouped.items()
    }


def _parse(text: str, *, name: str, ontology: Ontology) -> list[EventPattern]:
    rows = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if header is None or tuple(header) != PATTERN_COLUMNS:
        raise DataFileError(
            f"the header must be {' '.join(PATTERN_COLUMNS)!r} (tab-separated), "
            f"found {header!r}",
            path=name,
            line=1,
        )
    patterns: list[EventPattern] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        pattern = _pattern(row, line=line, name=name, ontology=ontology)
        if pattern.id in seen:
            raise DataFileError(
                f"pattern id {pattern.id!r} is used twice (first on line "
                f"{seen[pattern.id]}); ids must be unique",
                path=name,
                line=line,
            )
        seen[pattern.id] = line
        patterns.append(pattern)
    return patterns


def _pattern(
    row: list[str], *, line: int, name: str, ontology: Ontology
) -> EventPattern:
    def fail(message: str) -> DataFileError:
        return DataFileError(message, path=name, line=line)

    if len(row) != len(PATTERN_COLUMNS):
        raise fail(
            f"expected {len(PATTERN_COLUMNS)} tab-separated columns "
            f"({' '.join(PATTERN_COLUMNS)}), found {len(row)}"
        )
    (pattern_id, kind, lemma, particle, objects, complement, subject, targets) = (
        cell.strip() for cell in row[:8]
    )
    mutual, cameo = row[8].strip(), row[9].strip()
    if not PATTERN_ID.match(pattern_id):
        raise fail(f"bad pattern id {pattern_id!r}: use lower-case words joined by '.'")
    if kind not in KINDS:
        raise fail(f"kind must be 'verb' or 'noun', not {kind!r}")
    for word in (lemma, *(part for part in (particle,) if part)):
        if not WORD.match(word):
            raise fail(f"{word!r} is not a lower-case lemma")
    object_groups = _object_groups(objects, fail)
    complements = _complements(complement, fail)
    subjects = frozenset(word for word in subject.split("|") if word)
    for word in subjects:
        if not WORD.match(word):
            raise fail(f"subject {subject!r}: {word!r} is not a lower-case lemma")
    if kind == "noun" and complements is not None:
        raise fail("a noun pattern takes no complement; leave the column empty")
    target_slots = tuple(part for part in targets.split("|") if part)
    if not target_slots:
        raise fail("no target slot: give dobj, dative, a preposition or 'none'")
    for slot in target_slots:
        if slot not in ROLE_SLOTS and slot != NO_TARGET and not WORD.match(slot):
            raise fail(
                f"{slot!r} is not a target slot (dobj, dative, none) or a preposition"
            )
    if mutual not in MUTUAL_VALUES:
        raise fail(f"mutual must be 'yes' or empty, not {mutual!r}")
    if cameo not in ontology.codes:
        raise fail(f"CAMEO code {cameo!r} is not in the ontology's event code table")
    return EventPattern(
        id=pattern_id,
        kind=kind,
        lemma=lemma,
        particle=particle or None,
        objects=object_groups,
        complements=complements,
        subjects=subjects,
        targets=tuple(slot for slot in target_slots if slot != NO_TARGET),
        target_optional=NO_TARGET in target_slots,
        mutual=MUTUAL_VALUES[mutual],
        cameo=cameo,
        line=line,
    )


def _object_groups(
    cell: str, fail: Callable[[str], DataFileError]
) -> tuple[frozenset[str], ...]:
    if not cell:
        return ()
    groups: list[frozenset[str]] = []
    for group in cell.split("+"):
        words = group.split("|")
        for word in words:
            if not WORD.match(word):
                raise fail(
                    f"object {cell!r}: {word!r} is not a lower-case lemma "
                    "(groups join with '+', alternatives with '|')"
                )
        groups.append(frozenset(words))
    return tuple(groups)


def _complements(
    cell: str, fail: Callable[[str], DataFileError]
) -> frozenset[str] | None:
    if not cell:
        return None
    if cell == ANY_COMPLEMENT:
        return frozenset()
    words = cell.split("|")
    for word in words:
        if not WORD.match(word):
            raise fail(
                f"complement {cell!r}: {word!r} is not a lower-case lemma or '*'"
            )
    return frozenset(words)
