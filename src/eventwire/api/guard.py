"""The checks a write passes before its body is parsed: token, type and size.

A pure ASGI middleware, so a request without the token is refused before any
of its body is read (FastAPI parses the body before dependencies run). The size
bound is checked twice: a declared ``Content-Length`` over it is refused at
once, and the bytes actually received are counted, so a chunked body cannot
slip past; both answer 413 in the one error shape.
"""

from __future__ import annotations

import hmac
import json

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.problems import ApiError, error_body

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
JSON_TYPES = ("application/json",)


class WriteGuard:
    """Refuse writes under ``/api/`` without the bearer token, not in JSON, or
    with a body over ``max_body_bytes``."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_body_bytes: int) -> None:
        self.app = app
        self.token = token
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in READ_METHODS
            or not scope["path"].startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        problem = (
            self._token_problem(headers)
            or _content_type_problem(headers)
            or self._declared_size_problem(headers)
        )
        if problem is None:
            await self.app(scope, self._counting(receive), send)
            return
        body = json.dumps(
            error_body(problem.code, problem.message, problem.details)
        ).encode("utf-8")
        response_headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode("ascii")),
        ]
        response_headers += [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in (problem.headers or {}).items()
        ]
        await send(
            {
                "type": "http.response.start",
                "status": problem.status,
                "headers": response_headers,
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _counting(self, receive: Receive) -> Receive:
        received = 0

        async def receive_within_bound() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # FastAPI passes an HTTPException raised while reading the
                    # body on to the error handlers, which give it the one shape.
                    raise HTTPException(413)
            return message

        return receive_within_bound

    def _declared_size_problem(self, headers: Headers) -> ApiError | None:
        declared = headers.get("content-length", "")
        if not declared.isdigit() or int(declared) <= self.max_body_bytes:
            return None
        return ApiError(
            413,
            "body_too_large",
            f"the body has {int(declared):,} bytes, more than the "
            f"{self.max_body_bytes:,} a request may send; split the articles "
            "over several requests",
            details={"bytes": int(declared), "max_body_bytes": self.max_body_bytes},
        )

    def _token_problem(self, headers: Headers) -> ApiError | None:
        if self.token is None:
            return None
        scheme, _, given = headers.get("authorization", "").partition(" ")
        challenge = {"WWW-Authenticate": 'Bearer realm="eventwire"'}
        if scheme.lower() != "bearer" or not given.strip():
            return ApiError(
                401,
                "token_required",
                "writes need the header 'Authorization: Bearer <token>' with the "
                "token the server was started with (EVENTWIRE_TOKEN)",
                headers=challenge,
            )
        if not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            return ApiError(
                401,
                "token_invalid",
                "the bearer token is not the server's token (EVENTWIRE_TOKEN)",
                headers=challenge,
            )
        return None


def _content_type_problem(headers: Headers) -> ApiError | None:
    has_body = (
        "transfer-encoding" in headers or headers.get("content-length", "0") != "0"
    )
    if not has_body:
        return None
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in JSON_TYPES:
        return None
    shown = content_type or "none"
    return ApiError(
        415,
        "unsupported_media_type",
        f"send the body as JSON with 'Content-Type: application/json' (got {shown})",
    )
