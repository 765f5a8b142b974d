"""Scoring coded events against gold, on tiny synthetic inputs (no model needed)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.cli import evaluate as evaluate_command
from eventwire.cli.evaluate import report_lines
from eventwire.errors import InputError
from eventwire.evaluate import (
    GoldEvent,
    evaluate_events,
    gold_events_of,
    read_gold_texts,
    score_events,
)
from eventwire.pipeline import Resources

TEXT = "Russia and France agreed to share intelligence."
OTHER = "Turkey shot down a Russian jet."


def gold(
    source: str,
    target: str | None,
    cameo: str,
    *,
    text_id: str = "t1",
    text: str = TEXT,
    negated: bool = False,
    modality: str = "asserted",
) -> GoldEvent:
    return GoldEvent(
        article_id=text_id,
        sentence=text,
        source=source,
        target=target,
        cameo=cameo,
        negated=negated,
        modality=modality,
    )


def coded(
    source: str,
    target: str | None,
    cameo: str,
    *,
    text_id: str = "t1",
    evidence: str = TEXT,
    negated: bool = False,
    modality: str = "asserted",
) -> dict[str, Any]:
    """A predicted event record with only the keys scoring reads."""
    return {
        "article_id": text_id,
        "sentence": 0,
        "source": {"code": source},
        "target": {"code": target} if target else None,
        "cameo": cameo,
        "negated": negated,
        "modality": modality,
        "evidence": {"text": evidence},
    }


def write_lines(path: Path, *records: object) -> Path:
    path.write_text(
        "".join(
            (record if isinstance(record, str) else json.dumps(record)) + "\n"
            for record in records
        ),
        encoding="utf-8",
    )
    return path


GOOD_LINE = {
    "id": "t1",
    "text": TEXT,
    "published": "2015-11-26",
    "events": [
        {"source": "RUSGOV", "target": "FRAGOV", "cameo": "0314"},
        {"source": "FRAGOV", "target": None, "cameo": "190", "negated": True},
        {"source": "FRA", "target": "RUS", "cameo": "036", "modality": "future"},
    ],
}


def test_evaluate_reads_gold_texts(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "gold.jsonl",
        GOOD_LINE,
        "",
        {"id": "t2", "text": OTHER, "published": "2015-11-24", "events": []},
    )
    texts = read_gold_texts(path)

    assert [text.id for text in texts] == ["t1", "t2"]
    assert texts[0].published == date(2015, 11, 26)
    assert texts[0].line == 1 and texts[1].line == 3
    first, second, third = texts[0].events
    assert (first.source, first.target, first.cameo) == ("RUSGOV", "FRAGOV", "0314")
    assert second.negated and second.target is None
    assert third.modality == "future" and not third.negated
    assert len(gold_events_of(texts)) == 3
    article = texts[1].as_article()
    assert (article.id, article.text, article.line) == ("t2", OTHER, 3)


def _with_event(**changes: object) -> dict[str, Any]:
    event = {"source": "RUSGOV", "target": "FRAGOV", "cameo": "0314", **changes}
    return {**GOOD_LINE, "events": [event]}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ({"id": "t1", "text": TEXT, "events": []}, "lacks published"),
        ({**GOOD_LINE, "id": 7}, "'id' must be a non-empty string"),
        ({**GOOD_LINE, "text": "  "}, "'text' must be a non-empty string"),
        ({**GOOD_LINE, "published": "26/11/2015"}, "'published' must be a date"),
        ({**GOOD_LINE, "events": {}}, "'events' must be a list"),
        ({**GOOD_LINE, "events": ["RUSGOV"]}, "must be a JSON object"),
        (_with_event(cameo="31"), "is not a 3- or 4-digit CAMEO code"),
        (_with_event(cameo=314), "is not a 3- or 4-digit CAMEO code"),
        (_with_event(source="Russia"), "source 'Russia' is not an actor code"),
        (_with_event(source=None), "source None is not an actor code"),
        (_with_event(target="FRAGO"), "target 'FRAGO' is not an actor code"),
        (_with_event(negated="yes"), "'negated' must be true or false"),
        (_with_event(modality="likely"), "modality 'likely' is not one of"),
        (_with_event(trigger="agreed"), "unknown event field(s) trigger"),
        ({**GOOD_LINE, "events": [{"source": "RUS", "cameo": "036"}]}, "lacks target"),
    ],
)
def test_evaluate_bad_gold_line_names_file_and_line(
    tmp_path: Path, line: object, reason: str
) -> None:
    path = write_lines(tmp_path / "gold.jsonl", {**GOOD_LINE, "id": "t0"}, line)

    with pytest.raises(InputError) as caught:
        read_gold_texts(path)

    assert caught.value.line == 2
    assert str(caught.value).startswith(f"{path}:2: ")
    assert reason in str(caught.value)


def test_evaluate_duplicate_gold_id_is_an_error(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "gold.jsonl", GOOD_LINE, GOOD_LINE)

    with pytest.raises(
        InputError, match=r"gold.jsonl:2: id 't1' is used by an earlier line"
    ):
        read_gold_texts(path)


def test_evaluate_levels_relax_actors_and_codes() -> None:
    golds = [gold("RUSGOV", "FRAGOV", "0314")]
    # Right countries and 3-digit code, wrong sectors and 4th digit.
    scores = score_events([coded("RUS", "FRAMIL", "0312")], golds)

    assert scores["exact"].true_positives == 0
    assert scores["cameo3"].true_positives == 1
    assert scores["root"].true_positives == 1
    # A different 3-digit code of the same root only matches at the root level.
    scores = score_events([coded("RUSGOV", "FRAGOV", "036")], golds)
    assert [scores[level].true_positives for level in scores] == [0, 0, 1]
    # A wrong country matches at no level.
    scores = score_events([coded("GBRGOV", "FRAGOV", "0314")], golds)
    assert all(score.false_positives == 1 for score in scores.values())


def test_evaluate_mutual_pair_needs_both_directions() -> None:
    golds = [gold("RUSGOV", "FRAGOV", "0314"), gold("FRAGOV", "RUSGOV", "0314")]

    one_way = score_events([coded("RUSGOV", "FRAGOV", "0314")], golds)["exact"]
    both = score_events(
        [coded("RUSGOV", "FRAGOV", "0314"), coded("FRAGOV", "RUSGOV", "0314")], golds
    )["exact"]

    assert (one_way.precision, one_way.recall) == (1.0, 0.5)
    assert (both.precision, both.recall, both.f1) == (1.0, 1.0, 1.0)


def test_evaluate_events_outside_gold_texts_are_false_positives() -> None:
    golds = [gold("TURMIL", "RUSMIL", "195", text_id="t2", text=OTHER)]
    predicted = [
        coded("TURMIL", "RUSMIL", "195", text_id="t2", evidence="Turkey shot down"),
        coded("RUS", "FRA", "036", text_id="t1"),  # t1 has no gold event
    ]

    score = score_events(predicted, golds)["exact"]

    assert (score.true_positives, score.false_positives, score.false_negatives) == (
        1,
        1,
        0,
    )


def test_evaluate_scores_negated_events_apart() -> None:
    golds = [
        gold("RUSGOV", "FRAGOV", "0314"),
        gold("FRAGOV", None, "190", negated=True),
    ]
    predicted = [
        coded("RUSGOV", "FRAGOV", "0314"),
        coded("FRAGOV", None, "190"),  # asserted where the gold says "did not"
        coded("GBRMIL", None, "190", negated=True),
    ]

    evaluation = evaluate_events(predicted, golds)

    affirmed = evaluation.scores["exact"]
    assert (affirmed.true_positives, affirmed.false_positives) == (1, 1)
    assert affirmed.false_negatives == 0
    negated = evaluation.negated["exact"]
    assert (negated.true_positives, negated.false_positives) == (0, 1)
    assert negated.false_negatives == 1
    assert evaluation.negated["root"].true_positives == 0
    assert (evaluation.gold_events, evaluation.system_events) == (2, 3)


def test_evaluate_negated_match_counts_only_when_both_negated() -> None:
    golds = [gold("FRAGOV", None, "190", negated=True)]

    evaluation = evaluate_events([coded("FRAGOV", None, "190", negated=True)], golds)

    assert evaluation.negated["exact"].f1 == 1.0
    assert evaluation.scores["exact"].true_positives == 0
    assert evaluation.scores["exact"].false_positives == 0


def test_evaluate_modality_agreement_on_exact_matches() -> None:
    golds = [
        gold("FRA", "RUS", "036", modality="future"),
        gold("RUS", "FRA", "036", modality="future"),
        gold("RUS", "FRA", "0314"),
    ]
    predicted = [
        coded("FRA", "RUS", "036", modality="future"),
        coded("RUS", "FRA", "036"),
        coded("GBR", "FRA", "0314"),
    ]

    evaluation = evaluate_events(predicted, golds)

    assert (evaluation.modality_matched, evaluation.modality_agreeing) == (2, 1)


def test_evaluate_confusions_pair_codes_actors_and_leftovers() -> None:
    golds = [
        gold("RUSGOV", "FRAGOV", "0314"),  # matched exactly
        gold("FRAGOV", "RUSGOV", "0314"),  # system gives 030: a code confusion
        gold("TURMIL", "RUSMIL", "195", text_id="t2", text=OTHER),  # actor error
        gold("RUS", "TUR", "111", text_id="t2", text=OTHER),  # missed
    ]
    predicted = [
        coded("RUSGOV", "FRAGOV", "0314"),
        coded("FRAGOV", "RUSGOV", "030"),
        coded("TUR", "RUSMIL", "195", text_id="t2", evidence="Turkey shot down"),
        coded("USA", None, "190", text_id="t2", evidence="shot down"),  # extra
    ]

    confusions = evaluate_events(predicted, golds).confusions

    assert confusions.codes == {("0314", "030"): 1}
    assert confusions.actors == {("source", "TURMIL", "TUR"): 1}
    assert confusions.missed == {"11": 1}
    assert confusions.extra == {"19": 1}


def test_evaluate_confusion_prefers_the_same_code_first() -> None:
    golds = [gold("RUSGOV", "FRAGOV", "036"), gold("RUSGOV", "FRAGOV", "0314")]
    predicted = [coded("RUSGOV", "FRAGOV", "040"), coded("RUS", "FRAGOV", "036")]

    confusions = evaluate_events(predicted, golds).confusions

    assert confusions.actors == {("source", "RUSGOV", "RUS"): 1}
    assert confusions.codes == {("0314", "040"): 1}


def test_evaluate_record_has_a_stable_json_shape() -> None:
    golds = [gold("RUSGOV", "FRAGOV", "0314"), gold("FRAGOV", "RUSGOV", "0314")]
    predicted = [coded("RUSGOV", "FRAGOV", "0314"), coded("FRAGOV", "RUSGOV", "030")]

    record = evaluate_events(predicted, golds, texts=5).as_record()

    assert json.loads(json.dumps(record)) == record
    assert sorted(record) == [
        "confusions",
        "gold_events",
        "levels",
        "modality",
        "negated",
        "roots",
        "system_events",
        "texts",
    ]
    assert record["texts"] == 5
    assert sorted(record["levels"]) == ["cameo3", "exact", "root"]
    assert record["levels"]["exact"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "true_positives": 1,
        "false_positives": 1,
        "false_negatives": 1,
    }
    assert record["roots"] == {
        "03": {"gold": 2, "system": 2, "matched": 2, "precision": 1.0, "recall": 1.0}
    }
    assert record["confusions"]["codes"] == [
        {"gold": "0314", "system": "030", "count": 1}
    ]
    assert record["confusions"]["missed"] == {}


def test_evaluate_report_lines_show_levels_roots_and_confusions() -> None:
    golds = [gold("RUSGOV", "FRAGOV", "0314"), gold("FRAGOV", "RUSGOV", "0314")]
    predicted = [coded("RUSGOV", "FRAGOV", "0314"), coded("FRAGOV", "RUSGOV", "030")]

    lines = report_lines(evaluate_events(predicted, golds, texts=1))

    assert lines[0] == "1 gold texts, 2 gold events, 2 coded events"
    assert any(line.startswith("exact") and "0.500" in line for line in lines)
    assert any(line.startswith("negated root") for line in lines)
    assert any(line.split() == ["03", "2", "2", "2", "1.00", "1.00"] for line in lines)
    assert "    1  0314 -> 030" in lines


def test_evaluate_cli_reports_a_bad_gold_line(tmp_path: Path) -> None:
    bad = {**_with_event(cameo="1"), "id": "t2"}
    path = write_lines(tmp_path / "gold.jsonl", GOOD_LINE, bad)

    result = CliRunner().invoke(cli, ["evaluate", str(path)])

    assert result.exit_code == 1
    assert f"Error: {path}:2: cameo '1' is not a 3- or 4-digit CAMEO code" in (
        result.output
    )


@pytest.mark.model
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "table"])
def test_evaluate_cli_codes_and_scores_a_gold_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    resources: Resources,
    as_json: bool,
) -> None:
    # The session's resources stand in for a second model load.
    monkeypatch.setattr(evaluate_command, "load_resources", lambda _files: resources)
    path = write_lines(
        tmp_path / "gold.jsonl",
        {
            "id": "t1",
            "text": "Turkish jets shot down a Russian bomber near the Syrian border.",
            "published": "2015-11-24",
            "events": [{"source": "TURMIL", "target": "RUSMIL", "cameo": "195"}],
        },
        {
            "id": "t2",
            "text": "The bomber first flew in 1967.",
            "published": "2015-11-24",
            "events": [],
        },
    )

    result = CliRunner().invoke(
        cli, ["evaluate", str(path), *(["--json"] if as_json else [])]
    )

    assert result.exit_code == 0, result.output
    if as_json:
        record = json.loads(result.output)
        assert (record["texts"], record["gold_events"]) == (2, 1)
        assert record["system_events"] >= 0
        assert set(record["levels"]) == {"exact", "cameo3", "root"}
    else:
        assert result.output.startswith("2 gold texts, 1 gold events, ")
        assert "\nexact " in result.output and "\nroot " in result.output
