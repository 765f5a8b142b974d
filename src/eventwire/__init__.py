"""eventwire: English news in, political event data out."""

from eventwire.errors import (
    DataFileError,
    EventwireError,
    InputError,
    ModelError,
    StoreError,
)
from eventwire.model import (
    Actor,
    Article,
    CleanArticle,
    CodedArticle,
    Event,
    Failure,
    OffsetMap,
    ParsedArticle,
    Place,
    PloverCode,
    TextSpan,
)

__version__ = "0.3.0"

__all__ = [
    "Actor",
    "Article",
    "CleanArticle",
    "CodedArticle",
    "DataFileError",
    "Event",
    "EventwireError",
    "Failure",
    "InputError",
    "ModelError",
    "OffsetMap",
    "ParsedArticle",
    "Place",
    "PloverCode",
    "StoreError",
    "TextSpan",
    "__version__",
]
