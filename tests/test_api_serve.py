"""`eventwire serve`: checks the store, builds the app, says where to open it."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.cli import cli
from eventwire.pipeline import Resources

# the package re-exports the command under the module's name
serve_module = importlib.import_module("eventwire.cli.serve")


@pytest.fixture
def started(
    monkeypatch: pytest.MonkeyPatch, resources: Resources
) -> list[dict[str, Any]]:
    """Record uvicorn.run calls instead of serving; reuse the loaded resources."""
    calls: list[dict[str, Any]] = []

    def fake_run(app: Any, **options: Any) -> None:
        calls.append({"app": app, **options})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setattr(serve_module, "load_resources", lambda files: resources)
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    return calls


def test_api_serve_starts_the_app_and_says_where_to_open_it(
    runner: CliRunner, started: list[dict[str, Any]], tmp_path: Path
) -> None:
    db = tmp_path / "new.db"

    result = runner.invoke(
        cli,
        ["serve", "--db", str(db), "--port", "8123"],
        env={"EVENTWIRE_TOKEN": "s3cret"},
    )

    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.stderr
    assert "0 articles" in result.stderr
    (call,) = started
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    with TestClient(call["app"]) as client:
        health = client.get("/api/health").json()
        posted = client.post("/api/articles", json={"text": "x"})
    assert health["writes_need_token"] is True and health["model_loaded"] is True
    assert posted.status_code == 401


def test_api_serve_reads_the_store_from_eventwire_db(
    runner: CliRunner, started: list[dict[str, Any]], tmp_path: Path
) -> None:
    db = tmp_path / "env.db"

    result = runner.invoke(cli, ["serve"], env={"EVENTWIRE_DB": str(db)})

    assert result.exit_code == 0, result.output
    assert str(db) in result.stderr
    assert db.exists()


def test_api_serve_refuses_an_unusable_store(
    runner: CliRunner, started: list[dict[str, Any]], tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path)])

    assert result.exit_code == 1
    assert "Error:" in result.output and "is a directory" in result.output
    assert started == []


@pytest.mark.parametrize(
    ("host", "warned"),
    [("127.0.0.1", False), ("::1", False), ("localhost", False), ("0.0.0.0", True)],
)
def test_api_serve_warns_when_open_writes_are_reachable(
    runner: CliRunner,
    started: list[dict[str, Any]],
    tmp_path: Path,
    host: str,
    warned: bool,
) -> None:
    result = runner.invoke(
        cli, ["serve", "--db", str(tmp_path / "s.db"), "--host", host]
    )

    assert result.exit_code == 0, result.output
    assert ("warning" in result.stderr) is warned
