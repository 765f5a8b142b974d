"""A run killed with SIGKILL in the middle of a write, then started again,
stores exactly what one uninterrupted run stores: nothing lost, nothing twice.

The killed run is a real subprocess: ``eventwire run`` for SQLite, the same
``pipeline.run`` through the library for PostgreSQL. It stops itself half-way
through writing its third batch (inside the open transaction) and the test
kills it there, so the moment is the worst one and the same on every run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from eventwire import pipeline
from eventwire.ingest import read_articles
from eventwire.pipeline import Resources
from eventwire.store import Store, open_store

pytest_plugins = ["store_backends"]

ARTICLES = 12
BATCH_SIZE = 2
# The fifth article saved is the first of the third batch: two batches are
# committed, the third is half-written when the run is killed.
STOP_AT_ARTICLE = 5
START_TIMEOUT_S = 120

KILLED_RUN = """
import sys, time
from pathlib import Path
import eventwire.pipeline
from eventwire.store.database import Store

input_path, location, marker = sys.argv[1:4]
eventwire.pipeline.STORE_BATCH_SIZE = {batch_size}
save_article = Store._save_article
saved = 0

def save_then_stop(self, coded, **options):
    global saved
    groups = save_article(self, coded, **options)
    saved += 1
    if saved == {stop_at}:
        Path(marker).write_text("inside the transaction")
        time.sleep(600)
    return groups

Store._save_article = save_then_stop
if location.startswith("postgresql://"):
    from eventwire.ingest import read_articles
    from eventwire.store import open_store
    with open_store(location) as store:
        eventwire.pipeline.run(
            read_articles([input_path]),
            resources=eventwire.pipeline.load_resources(),
            store=store,
        )
else:
    from eventwire.cli import cli
    cli(["run", input_path, "--db", location], prog_name="eventwire")
"""


def write_input(path: Path) -> None:
    countries = ["Turkey", "France", "Chile", "Japan"]
    with path.open("w") as stream:
        for number in range(ARTICLES):
            text = (
                f"Russia condemned {countries[number % 4]} on Monday. "
                f"Germany praised {countries[(number + 1) % 4]}."
            )
            record = {
                "id": f"k{number:02}",
                "text": text,
                "published": "2015-11-27",
                "source": f"outlet{number % 3}",
            }
            stream.write(json.dumps(record) + "\n")


def snapshot(store: Store) -> dict[str, Any]:
    return {
        "counts": store.counts(),
        "events": sorted(
            (e["event_id"], e["article_id"], e["group_id"]) for e in store.events()
        ),
        "groups": sorted(
            (g["group_id"], g["mentions"], g["sources"], g["articles"])
            for g in store.event_groups()
        ),
    }


def kill_mid_write(input_path: Path, location: str, marker: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILLED_RUN.format(batch_size=BATCH_SIZE, stop_at=STOP_AT_ARTICLE),
            str(input_path),
            location,
            str(marker),
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not marker.exists():
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"the run ended before it was killed:\n{error}")
            if time.monotonic() > deadline:
                pytest.fail("the run never reached its third batch")
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.mark.model
def test_resume_after_sigkill_mid_write_loses_and_duplicates_nothing(
    resources: Resources, store_at: str, tmp_path: Path
) -> None:
    input_path = tmp_path / "articles.jsonl"
    write_input(input_path)
    with open_store(tmp_path / "reference.db") as reference:
        pipeline.run(read_articles([input_path]), resources=resources, store=reference)
        expected = snapshot(reference)
    assert expected["counts"].articles == ARTICLES
    assert expected["counts"].events >= ARTICLES

    kill_mid_write(input_path, store_at, tmp_path / "stopped")

    with open_store(store_at) as store:
        committed = store.counts().articles
        # Two whole batches, not a row of the half-written third.
        assert committed == 2 * BATCH_SIZE
        summary = pipeline.run(
            read_articles([input_path]), resources=resources, store=store
        )
        assert (summary.read, summary.skipped, summary.coded) == (
            ARTICLES,
            committed,
            ARTICLES - committed,
        )
        assert snapshot(store) == expected
