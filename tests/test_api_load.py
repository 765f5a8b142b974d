"""The API load benchmark runs end to end (real `eventwire serve`) and reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "load_api.py"


@pytest.mark.model
def test_api_load_script_reports_rate_and_latency() -> None:
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--requests", "24", "--posts", "3"]
        + ["--concurrency", "2", "--max-seconds", "60"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    phases = {
        record["phase"]: record
        for record in map(json.loads, completed.stdout.splitlines())
    }
    assert set(phases) == {"GET /api/events", "POST /api/articles"}
    for record, planned in zip(phases.values(), (24, 3), strict=True):
        assert record["requests"] == record["planned"] == planned
        assert record["errors"] == 0, record["error_statuses"]
        assert record["requests_per_s"] > 0
        assert 0 < record["p50_ms"] <= record["p95_ms"] <= record["max_ms"]
