"""Request and response bodies of the HTTP API (pydantic: validation at the edge).

The core passes frozen dataclasses; only here, where JSON from the outside
comes in, is it validated and turned into an :class:`~eventwire.model.Article`.
Response models describe the JSON for the OpenAPI schema; events inside them
are the README's event record (``Event.as_record()``), kept as plain objects so
new record keys reach clients without a change here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from eventwire.ingest import content_hash
from eventwire.model import Article

MAX_TEXT_CHARS = 200_000
API_ORIGIN = "api"

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


class ArticleIn(BaseModel):
    """One article to code. Only ``text`` is required."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "id": "reuters-2015-11-24-jet",
                    "title": "Turkey shoots down Russian jet",
                    "published": "2015-11-24",
                    "text": "Turkish F-16 fighter jets shot down a Russian warplane "
                    "near the Syrian border on Tuesday.",
                }
            ]
        },
    )

    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT_CHARS,
        description="The article text; the first line is not treated as a title.",
    )
    id: Annotated[str, StringConstraints(max_length=200)] | int | None = Field(
        None, description="The article's id; a hash of the text when absent."
    )
    title: ShortText | None = None
    published: date | None = Field(
        None,
        description="Publication date (ISO date or datetime); event dates derive "
        "from it, and stay unknown without it.",
    )
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    source: ShortText | None = Field(None, description="The outlet, e.g. Reuters.")
    metadata: dict[str, Any] | None = Field(
        None, description="Any other JSON fields, stored with the article."
    )

    @field_validator("text")
    @classmethod
    def _has_words(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the text is blank; send the article's text")
        return text

    @field_validator("published", mode="before")
    @classmethod
    def _date_of_datetime(cls, value: Any) -> Any:
        # A timestamp keeps the date as written in its own offset, as ingest does.
        if isinstance(value, str) and len(value) > len("2015-11-27"):
            try:
                return datetime.fromisoformat(value.strip()).date()
            except ValueError:
                return value
        return value

    def to_article(self) -> Article:
        given_id = None if self.id is None or self.id == "" else str(self.id)
        return Article(
            id=given_id or content_hash(self.text),
            text=self.text,
            title=self.title or None,
            published=self.published,
            url=self.url or None,
            source=self.source or None,
            origin=API_ORIGIN,
            metadata=self.metadata or {},
        )


ArticlePayload = ArticleIn | list[ArticleIn]


class ArticleResult(BaseModel):
    id: str
    coded: bool = Field(description="False when the article failed (see error).")
    events: list[dict[str, Any]] = Field(
        description="The article's stored events (event records)."
    )
    error: dict[str, str] | None = Field(
        None, description="{stage, message} of a failed article."
    )


class ArticlesOut(BaseModel):
    articles: list[ArticleResult]
    coded: int
    failed: int
    events: int


class EventsOut(BaseModel):
    total: int = Field(description="Events matching the filters, on all pages.")
    limit: int
    offset: int
    events: list[dict[str, Any]] = Field(description="Event records, stable order.")


class EventOut(BaseModel):
    """An event record plus sentence, article, quotes and dedup group."""

    model_config = ConfigDict(extra="allow")

    event_id: str
    sentence: dict[str, Any] | int | None
    article: dict[str, Any] | None
    quotes: list[dict[str, Any]]
    group: dict[str, Any] | None


class DyadOut(BaseModel):
    source: str | None
    target: str | None
    events: int
    goldstein_total: float
    goldstein_mean: float
    conflict: int
    cooperation: int


class DyadsOut(BaseModel):
    dyads: list[DyadOut]


class TimeseriesOut(BaseModel):
    by: str
    rows: list[dict[str, Any]] = Field(
        description="{period, source, target, events, goldstein_sum, "
        "goldstein_mean, quad1..quad4} per period and dyad."
    )


class NetworkOut(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class QuotesOut(BaseModel):
    total: int = Field(description="Quotes matching the filters, on all pages.")
    limit: int
    offset: int
    quotes: list[dict[str, Any]] = Field(
        description="Quote records ({article_id, start, end, text, kind, cue, "
        "speaker, event_id, event_ids}), by article and position."
    )


class ActorsOut(BaseModel):
    actors: list[dict[str, Any]]


class HealthOut(BaseModel):
    status: str
    version: str
    articles: int
    events: int
    failures: int
    writes_need_token: bool
    model_loaded: bool


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorOut(BaseModel):
    """The one error shape of every 4xx/5xx response."""

    error: ErrorDetail
