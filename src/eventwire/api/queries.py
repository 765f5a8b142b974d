"""Query parameters of the read endpoints, validated before the store sees them.

Each endpoint takes one query model (FastAPI's query parameter models), and
every model forbids extra fields: a misspelt filter (``?contry=RUS``) is an
error, never a silently ignored one that returns the unfiltered table. The
filters are those of the store contract (``Store.events`` and friends);
:meth:`EventFilters.store_filters` passes on only the ones the client gave.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

MAX_PAGE = 500
MAX_OFFSET = 1_000_000
DEFAULT_PAGE = 50

# Patterns take either case: pydantic checks them before upper-casing.
ActorCode = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z0-9]{1,40}$"
    ),
]
CountryCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$"),
]
CameoPrefix = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")]
CameoRoot = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$")]
SearchText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]


class EventFilters(BaseModel):
    """The event filters shared by events, dyads, time series and the network."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    actor: ActorCode | None = Field(
        None, description="Actor code or prefix, as source or target (RUSGOV, RUS)."
    )
    source: ActorCode | None = Field(None, description="Source actor code prefix.")
    target: ActorCode | None = Field(None, description="Target actor code prefix.")
    country: CountryCode | None = Field(
        None, description="ISO-3 country of the source or target (RUS)."
    )
    cameo: CameoPrefix | None = Field(
        None, description="CAMEO event code or code prefix (19, 190)."
    )
    root: CameoRoot | None = Field(
        None, description="CAMEO root code, two digits (11 = disapprove)."
    )
    quad_class: int | None = Field(
        None,
        ge=1,
        le=4,
        description="1 verbal cooperation, 2 material cooperation, "
        "3 verbal conflict, 4 material conflict.",
    )
    since: date | None = Field(None, description="First event date, inclusive.")
    until: date | None = Field(None, description="Last event date, inclusive.")
    place: SearchText | None = Field(
        None, description="Place name or country of the event."
    )
    text: SearchText | None = Field(
        None, description="Case-insensitive text of the evidence sentence."
    )
    article_id: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        None, description="Only the events of this article."
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.since and self.until and self.since > self.until:
            raise ValueError(
                f"since ({self.since}) is after until ({self.until}); swap them"
            )
        return self

    def store_filters(self) -> dict[str, Any]:
        """The filters the client gave, as keyword arguments for the store."""
        given = self.model_dump(include=set(EventFilters.model_fields))
        return {name: value for name, value in given.items() if value is not None}


class EventPage(EventFilters):
    """Filters plus the page: ``limit`` events from ``offset``."""

    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description="Page size.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Events to skip.")
    sentences: bool = Field(
        False,
        description="Also give each event its whole evidence sentence, as "
        "evidence_sentence {text, start, end} (offsets in the article).",
    )


class QuotePage(BaseModel):
    """Quote filters plus the page."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    speaker: ActorCode | None = Field(
        None, description="Speaker actor code or prefix (RUSGOV, RUS)."
    )
    article_id: str | None = Field(
        None, max_length=200, description="Only the quotes of this article."
    )
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description="Page size.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Quotes to skip.")


class DyadQuery(EventFilters):
    limit: int = Field(20, ge=1, le=200, description="How many dyads, most first.")


class TimeseriesQuery(EventFilters):
    by: Literal["day", "week", "month"] = Field(
        "day", description="Period length; each row starts on the period's first day."
    )


class NetworkQuery(EventFilters):
    limit: int = Field(
        100, ge=1, le=MAX_PAGE, description="How many edges, heaviest first."
    )


class ActorQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: int = Field(100, ge=1, le=1000, description="How many actors.")
    unknown: bool = Field(
        False,
        description="List actors without a code (by text and NER label) instead.",
    )


class NoQuery(BaseModel):
    """An endpoint that takes no query parameters rejects any it is given."""

    model_config = ConfigDict(extra="forbid", frozen=True)
