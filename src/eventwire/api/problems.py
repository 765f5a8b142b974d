"""The API's one error shape, and the handlers that turn every error into it.

Every error response, whatever raised it, has the body::

    {"error": {"code": "unknown_parameter", "message": "...", "details": ...}}

``code`` is a stable snake_case name a client can branch on, ``message`` a
sentence for a person that says what to do, ``details`` extra structured data
or ``null``. FastAPI's validation errors, Starlette's 404/405/413 and library
errors (:class:`~eventwire.errors.EventwireError`) are all converted here, so a
bad request never gets a different shape (datasette's ``error_body`` idea).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from eventwire.errors import (
    DataFileError,
    EventwireError,
    InputError,
    ModelError,
    StoreError,
)

logger = logging.getLogger(__name__)

# Starlette raises these with its own short detail; a client gets a code and a
# sentence that says what to do instead.
HTTP_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "the request is malformed"),
    401: ("unauthorized", "this request needs a valid bearer token"),
    404: ("not_found", "no such page or endpoint; the API lives under /api/"),
    405: ("method_not_allowed", "this endpoint does not accept that method"),
    413: (
        "body_too_large",
        "the request body is too large; split the articles over several requests",
    ),
}
LIBRARY_ERRORS: tuple[tuple[type[EventwireError], int, str], ...] = (
    (InputError, 422, "invalid_article"),
    (StoreError, 503, "store_unavailable"),
    (ModelError, 503, "model_unavailable"),
    (DataFileError, 500, "data_file_error"),
)


class ApiError(Exception):
    """An error the API answers with: HTTP status, stable code, message, details."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The one JSON error body."""
    return {"error": {"code": code, "message": message, "details": details}}


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(
        error_body(error.code, error.message, error.details),
        status_code=error.status,
        headers=error.headers,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(EventwireError, _library_error)
    app.add_exception_handler(Exception, _unexpected_error)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _without_union_branches(list(exc.errors()), exc.body)
    problems = [_problem(error) for error in errors]
    if any(error.get("type") == "json_invalid" for error in errors):
        return error_response(
            ApiError(
                400,
                "malformed_json",
                "the request body is not valid JSON; send one article object "
                'like {"text": "..."} or a JSON array of them',
                details=problems,
            )
        )
    unknown = [
        str(error["loc"][-1])
        for error in errors
        if error.get("type") == "extra_forbidden" and error["loc"][0] == "query"
    ]
    if unknown:
        return error_response(
            ApiError(
                400,
                "unknown_parameter",
                f"unknown query parameter {', '.join(map(repr, unknown))}; the "
                f"accepted ones are listed in /openapi.json",
                details={"unknown": unknown},
            )
        )
    where = ", ".join(problem["location"] for problem in problems)
    return error_response(
        ApiError(
            422,
            "invalid_request",
            f"invalid value in {where}; see details for what each must be",
            details=problems,
        )
    )


def _without_union_branches(errors: list[Any], body: Any) -> list[Any]:
    """Keep only the errors of the union branch the body's JSON type chose.

    A body that may be one object or a list of objects fails both branches;
    pydantic reports both, tagged ``ArticleIn`` and ``list[ArticleIn]``. The
    client sent one of the two, so only that branch's errors help it.
    """
    chosen: list[Any] = []
    for error in errors:
        location = tuple(error.get("loc", ()))
        if (
            len(location) < 2
            or location[0] != "body"
            or not isinstance(location[1], str)
        ):
            chosen.append(error)
            continue
        is_list_branch = location[1].startswith("list[")
        if isinstance(body, list) == is_list_branch:
            chosen.append({**error, "loc": (location[0], *location[2:])})
    return chosen or errors


def _problem(error: Any) -> dict[str, Any]:
    location = ".".join(str(part) for part in error.get("loc", ()))
    return {
        "location": location,
        "message": str(error.get("msg", "")),
        "type": str(error.get("type", "")),
    }


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code, message = HTTP_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
    return error_response(
        ApiError(
            exc.status_code, code, message, headers=dict(exc.headers or {}) or None
        )
    )


async def _library_error(request: Request, exc: Exception) -> JSONResponse:
    for error_type, status, code in LIBRARY_ERRORS:
        if isinstance(exc, error_type):
            if status >= 500:
                logger.error("%s %s: %s", request.method, request.url.path, exc)
            return error_response(ApiError(status, code, str(exc)))
    return await _unexpected_error(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # ServerErrorMiddleware re-raises after this response, so the server logs
    # the traceback; the client only learns that it was not its fault.
    return error_response(
        ApiError(
            500,
            "internal_error",
            "the server failed on this request; it is logged, and the request "
            "may be retried",
        )
    )
