"""The one exception tree eventwire raises.

    EventwireError
    ├── InputError        an input (file, line, stdin) cannot be read or is malformed
    ├── DataFileError     a bundled or user data table is malformed (file, line, reason)
    ├── ModelError        the spaCy model is missing or unusable
    └── StoreError        the event store cannot be opened, migrated or written

Every message says what failed, for which input, and what to do next. The
library raises; only the CLI (and later the HTTP API) turns errors into output.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class for every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input article or file cannot be read.

    ``origin`` names the file (or ``<stdin>``) and ``line`` the 1-based line or
    record number when there is one, so that failures can be stored and reported.
    """

    def __init__(
        self, message: str, *, origin: str | None = None, line: int | None = None
    ):
        where = origin or "input"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")
        self.origin = origin
        self.line = line
        self.reason = message


class DataFileError(EventwireError):
    """A data table (actors, patterns, ontology) is malformed."""

    def __init__(self, message: str, *, path: str, line: int | None = None):
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class ModelError(EventwireError):
    """The spaCy model cannot be loaded."""


class StoreError(EventwireError):
    """The event store cannot be opened, migrated or written."""
