"""``eventwire serve``: the HTTP API and the web page over a store."""

from __future__ import annotations

import ipaddress
import os

import click

from eventwire.cli.options import errors_as_click, load_resources
from eventwire.cli.store import store_option

TOKEN_VARIABLE = "EVENTWIRE_TOKEN"


@click.command()
@store_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default only accepts this machine.",
)
@click.option(
    "--port",
    type=click.IntRange(min=1, max=65535),
    default=8000,
    show_default=True,
    help="TCP port to listen on.",
)
def serve(db: str, host: str, port: int) -> None:
    """Serve the HTTP API (/api/...) and the events page (/) over a store.

    POST /api/articles codes and stores articles; when EVENTWIRE_TOKEN is set
    it needs the header 'Authorization: Bearer <token>'. The OpenAPI schema is
    at /openapi.json. Ctrl+C stops the server.

    \b
    Example:
        eventwire serve --db eventwire.db
        EVENTWIRE_TOKEN=secret eventwire serve --db eventwire.db --port 8080
    """
    import uvicorn

    from eventwire.api import create_app
    from eventwire.store import open_store

    token = os.environ.get(TOKEN_VARIABLE) or None
    with errors_as_click(), open_store(db) as store:
        counts = store.counts()
    resources = load_resources(())
    app = create_app(db=db, token=token, resources=resources)
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(
        f"eventwire: serving {db} ({counts.articles} articles, {counts.events} "
        f"events). Open http://{shown_host}:{port}/ in a browser; the API is under "
        f"/api/, its schema at /openapi.json. Ctrl+C stops.",
        err=True,
    )
    if token is None and not _is_loopback(host):
        click.echo(
            f"eventwire: warning: {host} is reachable from other machines and "
            f"{TOKEN_VARIABLE} is not set, so anyone who can reach it can add "
            "articles.",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning", ws="none")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
