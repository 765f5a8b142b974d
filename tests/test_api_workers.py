"""The store workers: a few threads that keep their stores open between requests."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from eventwire.api.workers import StoreWorkers
from eventwire.errors import StoreError
from eventwire.store import Store


def test_api_workers_reuse_one_store_per_thread(tmp_path: Path) -> None:
    workers = StoreWorkers(str(tmp_path / "s.db"), size=2)

    def who(store: Store) -> tuple[str, int]:
        return threading.current_thread().name, id(store)

    with ThreadPoolExecutor(max_workers=6) as callers:
        seen = list(callers.map(lambda _: workers.run(who), range(60)))
    workers.close()

    threads = {name for name, _ in seen}
    assert threads <= {"eventwire-store-0", "eventwire-store-1"}
    stores_by_thread = {
        name: {store for n, store in seen if n == name} for name in threads
    }
    assert all(len(stores) == 1 for stores in stores_by_thread.values())


def test_api_workers_raise_the_work_error_and_go_on(tmp_path: Path) -> None:
    workers = StoreWorkers(str(tmp_path / "s.db"), size=1)

    def broken(store: Store) -> None:
        raise ValueError("bad work")

    with pytest.raises(ValueError, match="bad work"):
        workers.run(broken)
    assert workers.run(lambda store: store.counts().events) == 0
    workers.close()


def test_api_workers_reopen_after_a_store_error(tmp_path: Path) -> None:
    location = tmp_path / "later" / "s.db"
    workers = StoreWorkers(str(location), size=1)

    with pytest.raises(StoreError, match="does not exist"):
        workers.run(lambda store: store.counts())
    location.parent.mkdir()
    assert workers.run(lambda store: store.counts().articles) == 0
    workers.close()


def test_api_workers_close_their_stores_and_refuse_new_work(tmp_path: Path) -> None:
    workers = StoreWorkers(str(tmp_path / "s.db"), size=3)
    used = [
        workers.run(lambda store: (store, threading.current_thread())) for _ in range(6)
    ]

    workers.close()

    assert all("closed" in repr(store) for store, _ in used)
    assert not any(thread.is_alive() for _, thread in used)
    with pytest.raises(StoreError, match="shutting down"):
        workers.run(lambda store: store.counts())
