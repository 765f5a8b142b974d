"""A few threads that each keep one store open and run the requests' store work.

A :class:`~eventwire.store.Store` belongs to the thread that opened it, and
opening one costs a connection and a migration check (about 1.5 ms on SQLite,
12 ms on PostgreSQL with password authentication), too much to pay on every
request. So the app keeps ``size`` worker threads, each with its own store,
opened on its first job; a request hands its store work to whichever worker is
free and waits for the result. A worker whose store failed opens a fresh one
for its next job, so a database restart heals without a server restart.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from eventwire.errors import StoreError
from eventwire.store import Store, open_store

T = TypeVar("T")
Job = tuple[Callable[[Store], Any], "Future[Any]"]

DEFAULT_WORKERS = 4
JOIN_SECONDS = 10


class StoreWorkers:
    """Run ``work(store)`` on one of ``size`` threads that each hold a store."""

    def __init__(self, location: str, *, size: int = DEFAULT_WORKERS) -> None:
        if size < 1:
            raise ValueError(f"size must be >= 1, not {size!r}")
        self.location = location
        self.size = size
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def run(self, work: Callable[[Store], T]) -> T:
        """Run ``work`` with an open store on a worker thread; return its result.

        ``work`` must finish with the store inside the call (consume iterators
        there). Its exceptions are raised here.

        Raises:
            StoreError: the store cannot be opened, or the workers are closed.
        """
        self._start()
        future: Future[T] = Future()
        self._jobs.put((work, future))
        return future.result()

    def close(self) -> None:
        """Stop the workers after the jobs already queued; close their stores."""
        with self._lock:
            self._closed = True
            threads, self._threads = self._threads, []
        for _ in threads:
            self._jobs.put(None)
        for thread in threads:
            thread.join(timeout=JOIN_SECONDS)

    def _start(self) -> None:
        with self._lock:
            if self._closed:
                raise StoreError(
                    f"{self.location}: the server is shutting down; retry the "
                    "request when it is back"
                )
            if self._threads:
                return
            for number in range(self.size):
                thread = threading.Thread(
                    target=self._serve, name=f"eventwire-store-{number}", daemon=True
                )
                thread.start()
                self._threads.append(thread)

    def _serve(self) -> None:
        store: Store | None = None
        try:
            while (job := self._jobs.get()) is not None:
                work, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if store is None:
                        store = open_store(self.location)
                    future.set_result(work(store))
                except BaseException as exc:
                    future.set_exception(exc)
                    if isinstance(exc, StoreError) and store is not None:
                        store.close()
                        store = None
        finally:
            if store is not None:
                store.close()
