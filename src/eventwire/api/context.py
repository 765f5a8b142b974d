"""What every request of one app shares: where the store is, the token, the
limits, and the pipeline resources (loaded once, on first use or up front).

Store work runs on the app's :class:`~eventwire.api.workers.StoreWorkers`,
threads that each keep one store open (a store belongs to its thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.api.workers import StoreWorkers

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

MAX_BODY_BYTES = 2_000_000
MAX_BATCH = 25


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Bounds on what one request may ask for; over them is a 413."""

    max_body_bytes: int = MAX_BODY_BYTES
    max_batch: int = MAX_BATCH


def _load_default_resources() -> Resources:
    from eventwire.pipeline import load_resources

    return load_resources()


@dataclass(slots=True, kw_only=True, eq=False)
class ApiContext:
    """The state of one app. ``resources`` may be given, else it is loaded once."""

    stores: StoreWorkers
    token: str | None
    limits: Limits
    resources: Resources | None = None
    load_resources: Callable[[], Resources] = _load_default_resources
    # spaCy's Language and the coding tables are not meant for concurrent use,
    # and one writer at a time keeps SQLite's write lock short.
    coding_lock: threading.Lock = field(default_factory=threading.Lock)
    loading_lock: threading.Lock = field(default_factory=threading.Lock)

    def pipeline_resources(self) -> Resources:
        """The pipeline resources, loaded on first use.

        Raises:
            ModelError: the spaCy model cannot be loaded.
        """
        if self.resources is None:
            with self.loading_lock:
                if self.resources is None:
                    self.resources = self.load_resources()
        return self.resources
