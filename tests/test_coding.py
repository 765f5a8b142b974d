"""Stage 5: verb patterns, roles, modality and negation over hand-built parses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.coding import code_events, load_ontology, load_patterns
from eventwire.coding.ontology import Ontology
from eventwire.coding.patterns import PatternTable
from eventwire.errors import DataFileError
from eventwire.model import Actor, Article, CleanArticle, OffsetMap, ParsedArticle


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="module")
def patterns(ontology: Ontology) -> PatternTable:
    return load_patterns(ontology=ontology)


def _parse(
    make_doc: Callable[..., Doc], rows: list[tuple[str, int, str, str, str]]
) -> ParsedArticle:
    """Rows of (word, head, dep, pos, lemma); heads are absolute token indices."""
    words = [row[0] for row in rows]
    doc = make_doc(
        words=words,
        heads=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        lemmas=[row[4] for row in rows],
        sent_starts=[True] + [False] * (len(rows) - 1),
    )
    text = doc.text
    article = Article(id="t1", text=text, published=date(2015, 11, 27))
    offsets = OffsetMap(segments=((0, 0, len(text)),), original_length=len(text))
    clean = CleanArticle(article=article, text=text, offsets=offsets)
    return ParsedArticle(clean=clean, doc=doc)


def _actor(parsed: ParsedArticle, start: int, end: int, code: str | None) -> Actor:
    span = parsed.doc[start:end]
    return Actor(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sentence=0,
        token_start=start,
        token_end=end,
        head=end - 1,
        code=code,
        country=code[:3] if code else None,
        sector=(code[3:] or None) if code else None,
        name=None,
    )


ACTIVE = [
    ("Turkey", 1, "nsubj", "PROPN", "Turkey"),
    ("shot", 1, "ROOT", "VERB", "shoot"),
    ("down", 1, "prt", "ADP", "down"),
    ("a", 5, "det", "DET", "a"),
    ("Russian", 5, "amod", "ADJ", "russian"),
    ("jet", 1, "dobj", "NOUN", "jet"),
    (".", 1, "punct", "PUNCT", "."),
]
PASSIVE = [
    ("A", 2, "det", "DET", "a"),
    ("Russian", 2, "amod", "ADJ", "russian"),
    ("jet", 4, "nsubjpass", "NOUN", "jet"),
    ("was", 4, "auxpass", "AUX", "be"),
    ("shot", 4, "ROOT", "VERB", "shoot"),
    ("down", 4, "prt", "ADP", "down"),
    ("by", 4, "agent", "ADP", "by"),
    ("Turkey", 6, "pobj", "PROPN", "Turkey"),
    (".", 4, "punct", "PUNCT", "."),
]


def test_coding_active_voice_subject_is_source(make_doc, patterns, ontology) -> None:
    parsed = _parse(make_doc, ACTIVE)
    actors = [_actor(parsed, 0, 1, "TUR"), _actor(parsed, 4, 6, "RUSMIL")]
    (event,) = code_events(parsed, actors=actors, patterns=patterns, ontology=ontology)
    assert (event.source.code, event.cameo, event.target and event.target.code) == (
        "TUR",
        "195",
        "RUSMIL",
    )
    assert event.rule == "verb:shoot.down"
    assert event.evidence.text == "Turkey shot down a Russian jet"
    assert (
        parsed.article.text[event.evidence.start : event.evidence.end]
        == event.evidence.text
    )
    assert event.quad_class == 4
    assert event.goldstein == -10.0
    assert event.plover is not None and event.plover.type == "ASSAULT"
    assert event.modality == "asserted"
    assert not event.negated
    assert event.date == date(2015, 11, 27)


def test_coding_passive_voice_agent_is_source(make_doc, patterns, ontology) -> None:
    parsed = _parse(make_doc, PASSIVE)
    actors = [_actor(parsed, 1, 3, "RUSMIL"), _actor(parsed, 7, 8, "TUR")]
    (event,) = code_events(parsed, actors=actors, patterns=patterns, ontology=ontology)
    assert (event.source.code, event.target and event.target.code) == ("TUR", "RUSMIL")
    assert event.rule == "verb:shoot.down:passive"


def test_coding_no_event_without_a_resolved_source(
    make_doc, patterns, ontology
) -> None:
    parsed = _parse(make_doc, ACTIVE)
    actors = [_actor(parsed, 0, 1, None), _actor(parsed, 4, 6, "RUSMIL")]
    assert (
        code_events(parsed, actors=actors, patterns=patterns, ontology=ontology) == ()
    )


@pytest.mark.parametrize(
    ("rows", "negated", "modality"),
    [
        pytest.param(
            [
                ("Russia", 3, "nsubj", "PROPN", "Russia"),
                ("did", 3, "aux", "AUX", "do"),
                ("not", 3, "neg", "PART", "not"),
                ("attack", 3, "ROOT", "VERB", "attack"),
                ("Turkey", 3, "dobj", "PROPN", "Turkey"),
            ],
            True,
            "asserted",
            id="did-not",
        ),
        pytest.param(
            [
                ("Russia", 2, "nsubj", "PROPN", "Russia"),
                ("will", 2, "aux", "AUX", "will"),
                ("attack", 2, "ROOT", "VERB", "attack"),
                ("Turkey", 2, "dobj", "PROPN", "Turkey"),
            ],
            False,
            "future",
            id="will",
        ),
        pytest.param(
            [
                ("Russia", 1, "nsubj", "PROPN", "Russia"),
                ("plans", 1, "ROOT", "VERB", "plan"),
                ("to", 3, "aux", "PART", "to"),
                ("attack", 1, "xcomp", "VERB", "attack"),
                ("Turkey", 3, "dobj", "PROPN", "Turkey"),
            ],
            False,
            "intended",
            id="plans-to",
        ),
        pytest.param(
            [
                ("Russia", 2, "nsubj", "PROPN", "Russia"),
                ("would", 2, "aux", "AUX", "would"),
                ("attack", 2, "ROOT", "VERB", "attack"),
                ("Turkey", 2, "dobj", "PROPN", "Turkey"),
            ],
            False,
            "hypothetical",
            id="would",
        ),
        pytest.param(
            [
                ("Moscow", 1, "nsubj", "PROPN", "Moscow"),
                ("said", 1, "ROOT", "VERB", "say"),
                ("Russia", 3, "nsubj", "PROPN", "Russia"),
                ("attacked", 1, "ccomp", "VERB", "attack"),
                ("Turkey", 3, "dobj", "PROPN", "Turkey"),
            ],
            False,
            "reported",
            id="reported-speech",
        ),
        pytest.param(
            [
                ("NATO", 1, "nsubj", "PROPN", "NATO"),
                ("demanded", 1, "ROOT", "VERB", "demand"),
                ("Russia", 3, "nsubj", "PROPN", "Russia"),
                ("attack", 1, "ccomp", "VERB", "attack"),
                ("Turkey", 3, "dobj", "PROPN", "Turkey"),
            ],
            False,
            "hypothetical",
            id="demanded-of-another",
        ),
    ],
)
def test_coding_negation_and_modality(
    make_doc, patterns, ontology, rows, negated: bool, modality: str
) -> None:
    parsed = _parse(make_doc, rows)
    russia = next(i for i, row in enumerate(rows) if row[0] == "Russia")
    turkey = next(i for i, row in enumerate(rows) if row[0] == "Turkey")
    actors = [
        _actor(parsed, russia, russia + 1, "RUS"),
        _actor(parsed, turkey, turkey + 1, "TUR"),
    ]
    if rows[0][0] == "Moscow":
        actors.append(_actor(parsed, 0, 1, "RUSGOV"))
    (event,) = code_events(parsed, actors=actors, patterns=patterns, ontology=ontology)
    assert (event.source.code, event.cameo, event.target and event.target.code) == (
        "RUS",
        "190",
        "TUR",
    )
    assert event.negated is negated
    assert event.modality == modality


def test_coding_compound_subject_gives_one_event_per_actor(
    make_doc, patterns, ontology
) -> None:
    rows = [
        ("Russia", 3, "nsubj", "PROPN", "Russia"),
        ("and", 0, "cc", "CCONJ", "and"),
        ("France", 0, "conj", "PROPN", "France"),
        ("condemned", 3, "ROOT", "VERB", "condemn"),
        ("Turkey", 3, "dobj", "PROPN", "Turkey"),
    ]
    parsed = _parse(make_doc, rows)
    actors = [
        _actor(parsed, 0, 1, "RUS"),
        _actor(parsed, 2, 3, "FRA"),
        _actor(parsed, 4, 5, "TUR"),
    ]
    events = code_events(parsed, actors=actors, patterns=patterns, ontology=ontology)
    assert [(e.source.code, e.cameo, e.target and e.target.code) for e in events] == [
        ("RUS", "111", "TUR"),
        ("FRA", "111", "TUR"),
    ]


def test_coding_complement_of_a_threat_is_the_threat(
    make_doc, patterns, ontology
) -> None:
    rows = [
        ("Russia", 1, "nsubj", "PROPN", "Russia"),
        ("threatened", 1, "ROOT", "VERB", "threaten"),
        ("to", 3, "aux", "PART", "to"),
        ("attack", 1, "xcomp", "VERB", "attack"),
        ("Turkey", 3, "dobj", "PROPN", "Turkey"),
    ]
    parsed = _parse(make_doc, rows)
    actors = [_actor(parsed, 0, 1, "RUS"), _actor(parsed, 4, 5, "TUR")]
    events = code_events(parsed, actors=actors, patterns=patterns, ontology=ontology)
    assert [
        (e.source.code, e.cameo[:2], e.target and e.target.code) for e in events
    ] == [("RUS", "13", "TUR")]


def test_coding_light_verb_needs_its_object(make_doc, patterns, ontology) -> None:
    rows = [
        ("The", 1, "det", "DET", "the"),
        ("EU", 2, "nsubj", "PROPN", "EU"),
        ("imposed", 2, "ROOT", "VERB", "impose"),
        ("sanctions", 2, "dobj", "NOUN", "sanction"),
        ("on", 3, "prep", "ADP", "on"),
        ("Russia", 4, "pobj", "PROPN", "Russia"),
    ]
    parsed = _parse(make_doc, rows)
    actors = [_actor(parsed, 1, 2, "IGOEUREEC"), _actor(parsed, 5, 6, "RUS")]
    (event,) = code_events(parsed, actors=actors, patterns=patterns, ontology=ontology)
    assert (event.cameo, event.target and event.target.code) == ("163", "RUS")
    assert event.rule == "verb:impose.sanctions"


def test_coding_patterns_cover_the_frequent_news_verbs(patterns: PatternTable) -> None:
    verbs = set(patterns.by_verb)
    for verb in (
        "meet",
        "visit",
        "criticize",
        "accuse",
        "attack",
        "bomb",
        "shoot",
        "agree",
        "urge",
        "warn",
        "threaten",
        "sign",
    ):
        assert verb in verbs
    assert len(patterns) >= 50


PATTERN_HEADER = (
    "id\tkind\tlemma\tparticle\tobject\tcomplement\tsubject\ttarget\tmutual"
    "\tcameo\tnote"
)


def _row(**cells: str) -> str:
    row = {
        "id": "x",
        "kind": "verb",
        "lemma": "meet",
        "particle": "",
        "object": "",
        "complement": "",
        "subject": "",
        "target": "dobj",
        "mutual": "",
        "cameo": "040",
        "note": "",
    }
    row.update(cells)
    return "\t".join(row.values())


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param(_row(cameo="999"), "not in the ontology", id="unknown-code"),
        pytest.param(_row(target=""), "no target slot", id="no-target"),
        pytest.param(_row(lemma="Meet"), "lower-case lemma", id="bad-lemma"),
        pytest.param(_row(mutual="no"), "mutual", id="bad-mutual"),
        pytest.param(_row(kind="adverb"), "kind must be", id="bad-kind"),
        pytest.param(_row(object="talk||"), "object", id="empty-alternative"),
        pytest.param(_row(object="talk+"), "object", id="empty-group"),
        pytest.param(_row(complement="to meet"), "complement", id="bad-complement"),
        pytest.param(
            _row(kind="noun", complement="*"), "takes no complement", id="noun-comp"
        ),
        pytest.param(_row(subject="Jets"), "subject", id="bad-subject"),
        pytest.param(_row(target="dobj|With"), "target slot", id="bad-slot"),
        pytest.param(_row(id="ok"), "used twice (first on line 2)", id="duplicate"),
        pytest.param(_row()[: -len("\t")], "columns", id="short-row"),
    ],
)
def test_coding_bad_pattern_file_names_file_and_line(
    tmp_path: Path, ontology: Ontology, line: str, problem: str
) -> None:
    path = tmp_path / "patterns.tsv"
    good = _row(id="ok", lemma="visit", cameo="042")
    path.write_text(f"{PATTERN_HEADER}\n{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_patterns(ontology=ontology, path=path)
    assert f"{path}:3" in str(caught.value)
    assert problem in str(caught.value)


def test_coding_pattern_file_with_old_header_is_refused(
    tmp_path: Path, ontology: Ontology
) -> None:
    path = tmp_path / "patterns.tsv"
    path.write_text("id\tverb\tparticle\tobject\ttarget\tmutual\tcameo\tnote\n")
    with pytest.raises(DataFileError, match=r"patterns.tsv:1: the header must be"):
        load_patterns(ontology=ontology, path=path)
