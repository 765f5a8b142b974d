"""The HTTP API and web page over an event store (``eventwire serve``).

:func:`create_app` builds the ASGI app (FastAPI): JSON endpoints under
``/api`` with an OpenAPI schema at ``/openapi.json``, one JSON error shape,
and the page at ``/`` that reads the same endpoints.

Example:
    >>> from eventwire.api import create_app
    >>> app = create_app(db="eventwire.db")
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from eventwire.api.app import create_app
from eventwire.api.context import Limits

__all__ = ["Limits", "create_app"]
