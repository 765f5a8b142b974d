"""Build the ASGI app: the JSON API, the page at ``/`` and its assets.

Everything the page needs is served by this app from installed packages:
its HTML/JS/CSS from ``eventwire/web``, plotly.js from the ``plotly`` package,
country outlines from ``countryinfo``. Nothing is fetched from elsewhere, and
FastAPI's interactive docs (which load scripts from a CDN) are off; the
OpenAPI schema is at ``/openapi.json``.
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.api.basemap import country_outlines
from eventwire.api.context import ApiContext, Limits
from eventwire.api.guard import WriteGuard
from eventwire.api.problems import ApiError, install_error_handlers
from eventwire.api.routes import router
from eventwire.api.workers import StoreWorkers

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

ASSET_CACHE = "public, max-age=86400"
DESCRIPTION = """\
Coded political events (who did what to whom, CAMEO and PLOVER) from an
eventwire store. Every error has the body
`{"error": {"code": ..., "message": ..., "details": ...}}`.
Writes need `Authorization: Bearer <token>` when the server has EVENTWIRE_TOKEN.
"""


def create_app(
    *,
    db: str | os.PathLike[str],
    token: str | None = None,
    resources: Resources | None = None,
    load_resources: Callable[[], Resources] | None = None,
    limits: Limits | None = None,
) -> FastAPI:
    """Return the app serving the store at ``db`` (a path or a database URL).

    ``token``: when set, ``POST`` needs ``Authorization: Bearer <token>``.
    ``resources``: pipeline resources to code posted articles with; when
    ``None`` they are loaded (by ``load_resources``) on the first post.

    Example:
        >>> app = create_app(db="eventwire.db", token=os.environ.get("EVENTWIRE_TOKEN"))
        >>> uvicorn.run(app, host="127.0.0.1", port=8000)
    """
    bounds = limits or Limits()
    context = ApiContext(
        stores=StoreWorkers(os.fspath(db)),
        token=token or None,
        limits=bounds,
        resources=resources,
    )
    if load_resources is not None:
        context.load_resources = load_resources
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=_closing_stores(context),
    )
    app.state.context = context
    install_error_handlers(app)
    app.add_middleware(
        WriteGuard, token=context.token, max_body_bytes=bounds.max_body_bytes
    )
    app.include_router(router)
    _add_page(app)
    return app


def _closing_stores(
    context: ApiContext,
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        context.stores.close()

    return lifespan


def _add_page(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def page() -> HTMLResponse:
        return HTMLResponse(_page_html())

    @app.get("/assets/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            _plotly_js(),
            media_type="text/javascript",
            headers={"Cache-Control": ASSET_CACHE},
        )

    @app.get("/assets/countries.geojson", include_in_schema=False)
    def countries() -> Response:
        return Response(
            country_outlines(),
            media_type="application/geo+json",
            headers={"Cache-Control": ASSET_CACHE},
        )

    app.mount("/assets", StaticFiles(packages=[("eventwire", "web")]), name="assets")


@functools.cache
def _page_html() -> str:
    page = importlib.resources.files("eventwire").joinpath("web", "index.html")
    return page.read_text(encoding="utf-8")


@functools.cache
def _plotly_js() -> Path:
    spec = importlib.util.find_spec("plotly")
    origin = spec.origin if spec else None
    script = Path(origin).parent / "package_data" / "plotly.min.js" if origin else None
    if script is None or not script.is_file():
        raise ApiError(
            503,
            "plotly_missing",
            "plotly.min.js is not installed; install the plotly package "
            "(pip install plotly) to draw the page's charts",
        )
    return script
