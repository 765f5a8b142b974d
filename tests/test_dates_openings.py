"""Each date rule's leading lookahead (the characters a match can begin with,
there only for speed) must never drop a match of the rule's own pattern."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventwire.dates.rules import RULES, Rule

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# Texts holding every kind of expression, in headline capitals too.
EXTRA = (
    "EARLIER THIS WEEK, on Thursday morning, more than two years ago; the 1990s "
    "and the '90s, mid-2015, late March 2014, Nov. 27, 27 November 2015, "
    "11/27/2015, 2015-11-27, 9:30 a.m. GMT, noon, every Monday, Mondays, daily, "
    "the day before, the previous day, the end of the month, the first quarter "
    "of 2015, the second half of 2014, last spring, the fall, Christmas Day, "
    "New Year's Eve, the weekend, right now, these days, the 21st century, "
    "several months, a couple of days, 1.5 hours, ſome days, KELVIN 2 \u212aelvin."
)


def _texts() -> list[str]:
    texts = [EXTRA, EXTRA.lower()]
    for path in [
        SAMPLES / "articles.jsonl",
        *sorted((SAMPLES / "gold").glob("*.jsonl")),
    ]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def _without_opening(rule: Rule) -> re.Pattern[str]:
    pattern = rule.pattern.pattern
    assert pattern.startswith("(?=")
    depth = 0
    for position, char in enumerate(pattern):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return re.compile(pattern[position + 1 :])
    raise AssertionError(f"unbalanced lookahead in rule {rule.name}")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_opening_keeps_every_match(rule: Rule) -> None:
    bare = _without_opening(rule)
    found = 0
    for text in _texts():
        expected = [match.span() for match in bare.finditer(text)]
        assert [match.span() for match in rule.pattern.finditer(text)] == expected
        found += len(expected)
    assert found > 0, f"no text exercises rule {rule.name}"
