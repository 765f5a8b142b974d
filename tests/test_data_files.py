"""The packaged ontology tables: they parse, agree with the reference, and bad
copies of them fail with the file and line named."""

from __future__ import annotations

import csv
import re
from importlib.resources import files
from pathlib import Path

import pytest

from eventwire.coding.ontology import Ontology, load_ontology
from eventwire.coding.patterns import PatternTable, load_patterns
from eventwire.errors import DataFileError
from eventwire.model import PloverCode

DATA = files("eventwire") / "data"
EVENT_CODES = "cameo/event_codes.tsv"
CAMEO_TO_PLOVER = "plover/cameo_to_plover.tsv"
EVENT_TYPES = "plover/event_types.tsv"
MODES = "plover/modes.tsv"
VERSION = "VERSION"
GENERATED = (EVENT_CODES, CAMEO_TO_PLOVER, EVENT_TYPES, MODES, VERSION)
ROOTS = [f"{number:02d}" for number in range(1, 21)]
GDELT_QUAD = {
    root: 1 if root <= "05" else 2 if root <= "09" else 3 if root <= "14" else 4
    for root in ROOTS
}


def _read(relative: str) -> str:
    resource = DATA
    for part in relative.split("/"):
        resource = resource / part
    return resource.read_text(encoding="utf-8")


def _rows(relative: str) -> list[list[str]]:
    return list(
        csv.reader(_read(relative).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    )


ALL_CODES = [row[0] for row in _rows(EVENT_CODES)[1:]]


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged tables, laid out like ``eventwire/data``."""
    for relative in GENERATED:
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_read(relative), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("relative", "key_columns"),
    [(EVENT_CODES, 1), (CAMEO_TO_PLOVER, 1), (EVENT_TYPES, 1), (MODES, 2)],
)
def test_data_files_tables_sorted_unique_and_clean(
    relative: str, key_columns: int
) -> None:
    rows = _rows(relative)[1:]
    keys = [tuple(row[:key_columns]) for row in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert all(cell == cell.strip() for row in rows for cell in row)
    assert (DATA / relative.split("/")[0] / relative.split("/")[1]).is_file()


def test_data_files_row_counts(ontology: Ontology) -> None:
    assert len(ontology.codes) == 311
    assert len(ontology.plover) == 311
    assert len(ontology.event_types) == 16
    assert len(ontology.modes) == 67


def test_data_files_version(ontology: Ontology) -> None:
    assert ontology.version == _read(VERSION).strip()
    assert ontology.version == "cameo-1.1b3+gdelt-goldstein;plover-0.8"


@pytest.mark.parametrize("root", ROOTS)
def test_data_files_root_present_with_gdelt_quad(ontology: Ontology, root: str) -> None:
    entry = ontology.code(root)
    assert entry.root == root
    assert entry.name == entry.name.upper()
    assert entry.quad_class == GDELT_QUAD[root]
    children = [code for code in ontology.codes.values() if code.root == root]
    assert {code.quad_class for code in children} == {GDELT_QUAD[root]}


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "quad_class"),
    [
        ("111", "Criticize or denounce", -2.0, 3),
        ("042", "Make a visit", 1.9, 1),
        ("195", "Employ aerial weapons", -10.0, 4),
        ("044", 'Meet at a "third" location', 2.5, 1),
        ("016", "Deny responsibility", -2.0, 1),
        ("09", "INVESTIGATE", -2.0, 2),
        ("14", "PROTEST", -6.5, 3),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, 4),
        ("1056", "Demand de-escalation of military engagement", -5.0, 3),
        ("106", "Demand withdrawal", -5.0, 3),
        ("0874", "Retreat or surrender militarily", 10.0, 2),
        ("2042", "Detonate nuclear weapons", -10.0, 4),
    ],
)
def test_data_files_cameo_values(
    ontology: Ontology, code: str, name: str, goldstein: float, quad_class: int
) -> None:
    entry = ontology.code(code)
    assert (entry.name, entry.goldstein, entry.quad_class, entry.root) == (
        name,
        goldstein,
        quad_class,
        code[:2],
    )


@pytest.mark.parametrize(
    ("code", "plover", "context"),
    [
        ("0314", PloverCode(type="AGREE"), "intelligence"),
        ("042", PloverCode(type="CONSULT", mode="visit"), None),
        ("044", PloverCode(type="CONSULT", mode="third-party"), None),
        ("08", PloverCode(type="CONCEDE"), None),
        ("0813", PloverCode(type="RETREAT"), "legal"),
        ("0871", PloverCode(type="RETREAT", mode="ceasefire"), "military"),
        ("091", PloverCode(type="ACCUSE", mode="investigate"), "crime;corruption"),
        ("1121", PloverCode(type="ACCUSE", mode="allege"), "crime;corruption"),
        ("163", PloverCode(type="COERCE", mode="restrict"), "diplomatic"),
        ("175", PloverCode(type="ASSAULT"), "pro_autocracy;military"),
        ("186", PloverCode(type="ASSAULT"), None),
        ("195", PloverCode(type="ASSAULT", mode="heavy-weapons"), "military"),
        ("20", PloverCode(type="ASSAULT"), None),
        ("2041", PloverCode(type="ASSAULT", mode="unconventional"), "cbrn"),
        ("010", None, None),
        ("0214", None, None),
    ],
)
def test_data_files_plover_values(
    ontology: Ontology, code: str, plover: PloverCode | None, context: str | None
) -> None:
    assert ontology.plover_for(code) == plover
    assert ontology.plover[code].context == context


@pytest.mark.parametrize("code", ALL_CODES)
def test_data_files_every_code_maps(ontology: Ontology, code: str) -> None:
    plover = ontology.plover_for(code)
    if code[:2] in ("01", "02"):
        assert plover is None
    else:
        assert plover is not None
        assert plover.type in ontology.event_types
        assert plover.mode is None or (plover.type, plover.mode) in ontology.modes
        assert -10.0 <= ontology.plover_score(plover) <= 10.0


@pytest.mark.parametrize(
    ("plover", "score"),
    [
        (PloverCode(type="CONSULT", mode="visit"), 4.0),
        (PloverCode(type="CONSULT"), 2.5),
        (PloverCode(type="ACCUSE"), -3.0),
        (PloverCode(type="SANCTION", mode="expel"), -5.5),
        (PloverCode(type="PROTEST", mode="vandalize"), -5.0),
        (PloverCode(type="ASSAULT", mode="unconventional"), -10.0),
    ],
)
def test_data_files_plover_scores(
    ontology: Ontology, plover: PloverCode, score: float
) -> None:
    assert ontology.plover_score(plover) == score


@pytest.mark.parametrize(
    ("name", "quad_class"), [("SANCTION", 4), ("CONCEDE", 1), ("AID", 2), ("ACCUSE", 3)]
)
def test_data_files_plover_type_quad(
    ontology: Ontology, name: str, quad_class: int
) -> None:
    assert ontology.event_types[name].quad_class == quad_class


@pytest.mark.parametrize("code", ["999", "42", "0420", "", "abc"])
def test_data_files_unknown_code_raises(ontology: Ontology, code: str) -> None:
    with pytest.raises(DataFileError, match="event_codes.tsv") as excinfo:
        ontology.code(code)
    assert repr(code) in str(excinfo.value)
    with pytest.raises(DataFileError, match="unknown CAMEO code"):
        ontology.plover_for(code)


def test_data_files_unknown_plover_type_raises(ontology: Ontology) -> None:
    with pytest.raises(
        DataFileError, match="'FIGHT'.*event_types.tsv|event_types.tsv.*'FIGHT'"
    ):
        ontology.plover_score(PloverCode(type="FIGHT"))


def test_data_files_directory_override(data_copy: Path, ontology: Ontology) -> None:
    copied = load_ontology(directory=data_copy)
    assert copied == ontology
    assert copied.directory == str(data_copy)


def test_data_files_plover_falls_back_to_parent_then_root(data_copy: Path) -> None:
    path = data_copy / CAMEO_TO_PLOVER
    kept = [
        line
        for line in path.read_text("utf-8").splitlines()
        if not line.startswith(("0841\t", "084\t", "0314\t"))
    ]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    ontology = load_ontology(directory=data_copy)
    assert ontology.plover_for("0314") == PloverCode(type="AGREE")
    assert ontology.plover_for("0841") == PloverCode(type="CONCEDE")
    assert ontology.plover_for("0842") == PloverCode(type="RETREAT")


def _replace(path: Path, key: str, new: str | None) -> int:
    """Replace (``None``: delete) the row starting with ``key``; return its line."""
    lines = path.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(key + "\t"))
    lines[index : index + 1] = [] if new is None else [new]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


@pytest.mark.parametrize(
    ("relative", "key", "new", "message"),
    [
        pytest.param(
            EVENT_CODES,
            "code",
            "code\tname\tgoldstein\tquad\troot",
            "header",
            id="codes-header",
        ),
        pytest.param(
            EVENT_CODES,
            "042",
            "042\tMake a visit\t1.9\t1",
            "columns",
            id="codes-columns",
        ),
        pytest.param(
            EVENT_CODES,
            "042",
            "042\tMake a visit\tlots\t1\t04",
            "goldstein",
            id="codes-goldstein-text",
        ),
        pytest.param(
            EVENT_CODES,
            "042",
            "042\tMake a visit\t11.0\t1\t04",
            "goldstein",
            id="codes-goldstein-range",
        ),
        pytest.param(
            EVENT_CODES,
            "042",
            "042\tMake a visit\tnan\t1\t04",
            "goldstein",
            id="codes-goldstein-nan",
        ),
        pytest.param(
            EVENT_CODES,
            "042",
            "042\tMake a visit\t1.9\t5\t04",
            "quad_class",
            id="codes-quad",
        ),
        pytest.param(
            EVENT_CODES,
            "042",
            "04x\tMake a visit\t1.9\t1\t04",
            "2-4 digits",
            id="codes-code",
        ),
        pytest.param(
            EVENT_CODES,
            "042",
            "04211\tMake a visit\t1.9\t1\t04",
            "2-4 digits",
            id="codes-long",
        ),
        pytest.param(
            EVENT_CODES, "042", "042\tMake a visit\t1.9\t1\t05", "root", id="codes-root"
        ),
        pytest.param(
            EVENT_CODES, "042", "042\t\t1.9\t1\t04", "no name", id="codes-name"
        ),
        pytest.param(
            EVENT_CODES,
            "043",
            "042\tMake a visit\t1.9\t1\t04",
            "duplicate",
            id="codes-duplicate",
        ),
        pytest.param(EVENT_CODES, "20", None, "root '20'", id="codes-missing-root"),
        pytest.param(
            CAMEO_TO_PLOVER,
            "0314",
            "0315\tAGREE\t\t",
            "not in event_codes.tsv",
            id="plover-cameo",
        ),
        pytest.param(
            CAMEO_TO_PLOVER,
            "0314",
            "0313\tAGREE\t\t",
            "duplicate",
            id="plover-duplicate",
        ),
        pytest.param(
            CAMEO_TO_PLOVER, "0314", "0314\tFIGHT\t\t", "plover_type", id="plover-type"
        ),
        pytest.param(
            CAMEO_TO_PLOVER,
            "0314",
            "0314\tAGREE\tvisit\t",
            "modes.tsv",
            id="plover-mode",
        ),
        pytest.param(
            CAMEO_TO_PLOVER,
            "011",
            "011\t\t\tdiplomatic",
            "needs a plover_type",
            id="plover-orphan",
        ),
        pytest.param(CAMEO_TO_PLOVER, "011", "011\t\t", "columns", id="plover-columns"),
        pytest.param(
            EVENT_TYPES, "AGREE", "AGREE\t0\t2.5\tagree", "quad_class", id="types-quad"
        ),
        pytest.param(
            EVENT_TYPES, "AGREE", "Agree\t1\t2.5\tagree", "upper-case", id="types-name"
        ),
        pytest.param(
            EVENT_TYPES, "AGREE", "AGREE\t1\t\tagree", "score", id="types-score"
        ),
        pytest.param(
            MODES, "CONSULT\tvisit", "CONSULT\tvisit\t40", "score", id="modes-score"
        ),
        pytest.param(
            MODES,
            "CONSULT\tvisit",
            "FIGHT\tvisit\t4.0",
            "event_types.tsv",
            id="modes-type",
        ),
        pytest.param(
            MODES,
            "CONSULT\tvisit",
            "CONSULT\tVisit\t4.0",
            "lower-case",
            id="modes-name",
        ),
        pytest.param(
            MODES,
            "CONSULT\tvisit",
            "CONSULT\tphone\t4.0",
            "duplicate",
            id="modes-duplicate",
        ),
    ],
)
def test_data_files_malformed_row_names_file_and_line(
    data_copy: Path, relative: str, key: str, new: str | None, message: str
) -> None:
    path = data_copy / relative
    line = _replace(path, key, new)
    with pytest.raises(DataFileError) as excinfo:
        load_ontology(directory=data_copy)
    error = excinfo.value
    assert (error.path, error.line) == (str(path), line)
    assert str(error).startswith(f"{path}:{line}: ")
    assert message in str(error)


@pytest.mark.parametrize(
    ("relative", "content", "message"),
    [
        pytest.param(
            EVENT_TYPES, b"type\tquad_class\tscore\tdefinition\n", "no rows", id="empty"
        ),
        pytest.param(
            EVENT_CODES,
            b"code\tname\tgoldstein\tquad_class\troot\n01\tSTAT\xe9\t0.0\t1\t01\n",
            "UTF-8",
            id="encoding",
        ),
        pytest.param(
            VERSION, b"plover-0.8\nplover-0.9\n", "one line", id="version-lines"
        ),
        pytest.param(VERSION, b"\n", "one line", id="version-empty"),
    ],
)
def test_data_files_malformed_file_named(
    data_copy: Path, relative: str, content: bytes, message: str
) -> None:
    path = data_copy / relative
    path.write_bytes(content)
    with pytest.raises(DataFileError, match=message) as excinfo:
        load_ontology(directory=data_copy)
    assert excinfo.value.path == str(path)


def test_data_files_blank_line_names_line(data_copy: Path) -> None:
    path = data_copy / MODES
    path.write_text(path.read_text("utf-8") + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="found 0") as excinfo:
        load_ontology(directory=data_copy)
    assert excinfo.value.line == 69


@pytest.mark.parametrize("relative", GENERATED)
def test_data_files_missing_file_named(data_copy: Path, relative: str) -> None:
    (data_copy / relative).unlink()
    with pytest.raises(DataFileError, match="missing.*build_ontology.py") as excinfo:
        load_ontology(directory=data_copy)
    assert excinfo.value.path == str(data_copy / relative)


def test_data_files_version_matches_pattern(ontology: Ontology) -> None:
    assert re.fullmatch(r"cameo-[^;\s]+;plover-[0-9.]+", ontology.version)


# --- the pattern table (cameo/verb_patterns.tsv) --------------------------------

# The news codes seen most in wire copy get several phrasings each.
FREQUENT_NEWS_CODES = (
    "020", "030", "036", "040", "042", "046", "051", "057", "111", "112",
    "130", "163", "173", "190", "195",
)  # fmt: skip
MIN_PATTERNS_FREQUENT = 3


@pytest.fixture(scope="module")
def pattern_table(ontology: Ontology) -> PatternTable:
    return load_patterns(ontology=ontology)


def test_data_files_every_cameo_code_has_a_pattern(
    ontology: Ontology, pattern_table: PatternTable
) -> None:
    coded = {pattern.cameo for pattern in pattern_table.all()}
    # A two-digit root is a heading: coders emit its "not specified" code
    # (19 -> 190), so the root is covered through that code.
    missing = [
        code
        for code in ontology.codes
        if (code if len(code) > 2 else code + "0") not in coded
    ]
    assert missing == []
    assert len(coded) == len([code for code in ontology.codes if len(code) > 2])


@pytest.mark.parametrize("code", FREQUENT_NEWS_CODES)
def test_data_files_frequent_codes_have_many_patterns(
    pattern_table: PatternTable, code: str
) -> None:
    count = sum(pattern.cameo == code for pattern in pattern_table.all())
    assert count >= MIN_PATTERNS_FREQUENT


def test_data_files_patterns_have_nouns_complements_and_subjects(
    pattern_table: PatternTable,
) -> None:
    rows = pattern_table.all()
    assert {"downing", "visit", "attack", "sanction"} <= set(pattern_table.by_noun)
    assert any(row.complements == frozenset() for row in rows)
    assert any(row.complements for row in rows)
    assert any(row.subjects for row in rows)
    assert any(len(row.objects) > 1 for row in rows)


def _reference_file(name: str) -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "reference" / name
        if candidate.is_file():
            return candidate
    return None


def test_data_files_event_codes_match_the_reference(ontology: Ontology) -> None:
    reference = _reference_file("ONTOLOGY.md")
    if reference is None:
        pytest.skip("shared/reference/ONTOLOGY.md is not beside the checkout")
    rows = re.findall(
        r"^\| (\d{2,4}) \| \**(.*?)\** \| ([+-]?[\d.]+) \|",
        reference.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    expected = {code: (name, float(value)) for code, name, value in rows}
    assert len(expected) == len(ontology.codes)
    actual = {
        code: (entry.name, entry.goldstein) for code, entry in ontology.codes.items()
    }
    assert actual == expected
