"""The JSON endpoints under ``/api``: thin wrappers over the store and pipeline.

Endpoints are plain (sync) functions, so FastAPI runs each in a thread; their
store work runs on the app's store workers (:mod:`eventwire.api.workers`).
Responses are built with ``json.dumps`` directly: the records are already
JSON-ready dicts, and the response models only document them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer

from eventwire import __version__
from eventwire.api.context import ApiContext
from eventwire.api.problems import ApiError
from eventwire.api.queries import (
    ActorQuery,
    DyadQuery,
    EventPage,
    NetworkQuery,
    NoQuery,
    QuotePage,
    TimeseriesQuery,
)
from eventwire.api.schemas import (
    ActorsOut,
    ArticleIn,
    ArticlesOut,
    DyadsOut,
    ErrorOut,
    EventOut,
    EventsOut,
    HealthOut,
    NetworkOut,
    QuotesOut,
    TimeseriesOut,
)
from eventwire.model import Article, CodedArticle, Failure
from eventwire.store import Store

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut} for status in (400, 401, 404, 413, 415, 422, 500, 503)
}
# Enforcement happens in the request guard, before the body is read; this only
# declares the scheme in the OpenAPI schema.
bearer_scheme = HTTPBearer(
    auto_error=False,
    description="Needed on writes when the server was started with EVENTWIRE_TOKEN.",
)

router = APIRouter(prefix="/api", responses=ERRORS)


def api_context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.context
    return context


Context = Annotated[ApiContext, Depends(api_context)]


@router.get("/health", response_model=HealthOut, tags=["meta"])
def health(query: Annotated[NoQuery, Query()], context: Context) -> JSONResponse:
    """Whether the store answers, what it holds, and whether writes need a token."""
    counts = context.stores.run(lambda store: store.counts())
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "articles": counts.articles,
            "events": counts.events,
            "failures": counts.failures,
            "writes_need_token": context.token is not None,
            "model_loaded": context.resources is not None,
        }
    )


@router.get("/events", response_model=EventsOut, tags=["events"])
def list_events(query: Annotated[EventPage, Query()], context: Context) -> JSONResponse:
    """Stored events matching every filter given, one page at a time."""
    filters = query.store_filters()

    def page(store: Store) -> dict[str, Any]:
        events = store.events(**filters, limit=query.limit, offset=query.offset)
        return {
            "total": store.count_events(**filters),
            "limit": query.limit,
            "offset": query.offset,
            "events": [
                _with_sentence(event, store.event) if query.sentences else event
                for event in events
            ],
        }

    return JSONResponse(context.stores.run(page))


def _with_sentence(event: dict[str, Any], detail_of: Any) -> dict[str, Any]:
    detail = detail_of(event["event_id"]) or {}
    sentence = detail.get("sentence")
    if not isinstance(sentence, dict):
        sentence = event["evidence"]
    span = {key: sentence[key] for key in ("text", "start", "end")}
    return {**event, "evidence_sentence": span}


@router.get("/events/{event_id}", response_model=EventOut, tags=["events"])
def get_event(
    event_id: Annotated[str, Path(max_length=100)],
    query: Annotated[NoQuery, Query()],
    context: Context,
) -> JSONResponse:
    """One event with its evidence sentence, article, quotes and dedup group."""
    record = context.stores.run(lambda store: store.event(event_id))
    if record is None:
        raise ApiError(
            404,
            "event_not_found",
            f"no event with id {event_id!r}; list ids with GET /api/events",
        )
    return JSONResponse(record)


@router.get("/quotes", response_model=QuotesOut, tags=["quotes"])
def list_quotes(query: Annotated[QuotePage, Query()], context: Context) -> JSONResponse:
    """Stored quotes with their cue, resolved speaker and the events they hold."""

    def page(store: Store) -> dict[str, Any]:
        return {
            "total": store.count_quotes(
                speaker=query.speaker, article_id=query.article_id
            ),
            "limit": query.limit,
            "offset": query.offset,
            "quotes": store.quotes(
                speaker=query.speaker,
                article_id=query.article_id,
                limit=query.limit,
                offset=query.offset,
            ),
        }

    return JSONResponse(context.stores.run(page))


@router.get("/dyads", response_model=DyadsOut, tags=["aggregates"])
def list_dyads(query: Annotated[DyadQuery, Query()], context: Context) -> JSONResponse:
    """The source -> target pairs with most events, with cooperation/conflict."""
    dyads = context.stores.run(
        lambda store: store.dyads(limit=query.limit, **query.store_filters())
    )
    return JSONResponse({"dyads": [asdict(dyad) for dyad in dyads]})


@router.get("/timeseries", response_model=TimeseriesOut, tags=["aggregates"])
def timeseries(
    query: Annotated[TimeseriesQuery, Query()], context: Context
) -> JSONResponse:
    """Counts, Goldstein sum and mean, QuadClass counts per period and dyad."""
    rows = context.stores.run(
        lambda store: store.timeseries(by=query.by, **query.store_filters())
    )
    return JSONResponse({"by": query.by, "rows": rows})


@router.get("/network", response_model=NetworkOut, tags=["aggregates"])
def network(query: Annotated[NetworkQuery, Query()], context: Context) -> JSONResponse:
    """Actors as nodes, dyads as weighted edges with their cooperation balance."""
    graph = context.stores.run(
        lambda store: store.network(limit=query.limit, **query.store_filters())
    )
    return JSONResponse(graph)


@router.get("/actors", response_model=ActorsOut, tags=["aggregates"])
def list_actors(
    query: Annotated[ActorQuery, Query()], context: Context
) -> JSONResponse:
    """The most mentioned actors (or, with unknown=true, uncoded actor names)."""
    actors = context.stores.run(
        lambda store: store.actors(limit=query.limit, unknown=query.unknown)
    )
    return JSONResponse({"actors": actors})


@router.post(
    "/articles",
    status_code=201,
    response_model=ArticlesOut,
    tags=["articles"],
    dependencies=[Security(bearer_scheme)],
)
def post_articles(
    payload: Annotated[
        ArticleIn | list[ArticleIn],
        Body(description="One article object, or a JSON array of them."),
    ],
    query: Annotated[NoQuery, Query()],
    context: Context,
) -> JSONResponse:
    """Code articles with the pipeline, store them, and return their events.

    An article already stored under the same id is coded again and replaced.
    One article that cannot be coded does not stop the others: it comes back
    with ``coded: false`` and its error, and is recorded in the store's failures.
    """
    from eventwire.pipeline import code_and_save

    items = payload if isinstance(payload, list) else [payload]
    articles = _batch_articles(items, context)
    resources = context.pipeline_resources()

    def code_and_store(store: Store) -> list[dict[str, Any]]:
        results = code_and_save(articles, resources=resources, store=store)
        coded = {r.article.id: r for r in results if isinstance(r, CodedArticle)}
        failed = {r.article_id: r for r in results if isinstance(r, Failure)}
        return [
            _outcome(article.id, coded, failed, store.events) for article in articles
        ]

    # One article batch codes at a time, so coding holds at most one store
    # worker and reads go on beside it.
    with context.coding_lock:
        outcomes = context.stores.run(code_and_store)
    if not any(outcome["coded"] for outcome in outcomes):
        raise ApiError(
            422,
            "articles_not_coded",
            "no article could be coded; see details for why each failed",
            details=outcomes,
        )
    return JSONResponse(
        {
            "articles": outcomes,
            "coded": sum(outcome["coded"] for outcome in outcomes),
            "failed": sum(not outcome["coded"] for outcome in outcomes),
            "events": sum(len(outcome["events"]) for outcome in outcomes),
        },
        status_code=201,
    )


def _batch_articles(items: list[ArticleIn], context: ApiContext) -> list[Article]:
    limit = context.limits.max_batch
    if len(items) > limit:
        raise ApiError(
            413,
            "batch_too_large",
            f"{len(items)} articles in one request; send at most {limit} per "
            "request and split larger batches",
            details={"articles": len(items), "max_batch": limit},
        )
    if not items:
        raise ApiError(
            422, "empty_batch", 'the array holds no article; send [{"text": ...}]'
        )
    articles = [item.to_article() for item in items]
    ids = [article.id for article in articles]
    repeated = sorted({article_id for article_id in ids if ids.count(article_id) > 1})
    if repeated:
        raise ApiError(
            422,
            "duplicate_article_id",
            f"article ids {', '.join(map(repr, repeated))} appear more than once in "
            "the batch; one would overwrite the other, so give each its own id",
            details={"ids": repeated},
        )
    return articles


def _outcome(
    article_id: str,
    coded: dict[str, CodedArticle],
    failed: dict[str | None, Failure],
    stored_events: Any,
) -> dict[str, Any]:
    if article_id in coded:
        events = list(stored_events(article_id=article_id))
        return {"id": article_id, "coded": True, "events": events, "error": None}
    failure = failed.get(article_id)
    error = (
        {"stage": failure.stage, "message": failure.message}
        if failure
        else {"stage": "code", "message": "the article was not coded"}
    )
    return {"id": article_id, "coded": False, "events": [], "error": error}
