"""The pipeline benchmark script runs and prints its documented JSON lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "bench_pipeline.py"


@pytest.mark.model
def test_benchmarks_pipeline_script_prints_phases_and_ratio() -> None:
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--articles", "5", "--repeats", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    records = [json.loads(line) for line in completed.stdout.splitlines()]
    phases = {record["phase"]: record for record in records}
    assert {"spacy.pipe", "pipeline"} <= set(phases)
    stages = ("clean", "parse", "dates", "actors", "quotes", "places", "code")
    assert {f"stage.{s}" for s in stages} <= set(phases)
    assert phases["load_resources"]["peak_rss_mb"] > 0
    assert all(record["articles"] == 5 for record in records)
    pipeline = phases["pipeline"]
    ratio = pipeline["throughput_ratio_vs_spacy"]
    assert isinstance(ratio, int | float) and not isinstance(ratio, bool)
    assert ratio > 0
    for record in (phases["spacy.pipe"], pipeline):
        assert record["articles_per_s"] > 0
        assert record["tokens_per_s"] > 0
        low, high = record["tokens_per_s_ci95"]
        assert low <= record["tokens_per_s"] <= high
