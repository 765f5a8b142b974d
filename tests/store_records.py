"""Hand-built records for the store, export and aggregate tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventwire.model import Actor, Article, CodedArticle, Event, PloverCode, TextSpan
from eventwire.store import Store

CODER = "eventwire.plover.v1"
ONTOLOGY = "plover-1.0"

# --- a small factory of hand-built records ------------------------------------


def make_actor(code: str | None, *, start: int = 0, sentence: int = 0) -> Actor:
    return Actor(
        text=f"<{code}>",
        start=start,
        end=start + 5,
        sentence=sentence,
        token_start=0,
        token_end=1,
        head=0,
        code=code,
        country=code[:3] if code else None,
        sector=(code[3:] or None) if code else None,
        name=f"name of {code}",
        method="dictionary",
        entry_id=f"actors.tsv:{code}",
    )


def make_event(
    article_id: str,
    number: int,
    *,
    source: str | None = "RUSGOV",
    target: str | None = "UKRGOV",
    cameo: str = "042",
    quad_class: int = 1,
    goldstein: float = 1.9,
    day: date | None = date(2024, 3, 1),
    sentence: int = 0,
    start: int = 0,
) -> Event:
    return Event(
        article_id=article_id,
        event_id=f"{article_id}-e{number}",
        sentence=sentence,
        source=make_actor(source, start=start, sentence=sentence),
        target=make_actor(target, start=start + 20, sentence=sentence)
        if target
        else None,
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name=f"name of {cameo}",
        goldstein=goldstein,
        quad_class=quad_class,
        plover=PloverCode(type="CONSULT", mode="visit"),
        negated=False,
        modality="asserted",
        evidence=TextSpan(text="met", start=start + 10, end=start + 13),
        rule="cameo:042:visit",
        coder=CODER,
        ontology=ONTOLOGY,
        date=day,
        date_text=day.isoformat() if day else None,
    )


def make_coded(
    article_id: str,
    events: tuple[Event, ...] = (),
    *,
    metadata: dict[str, Any] | None = None,
    source: str | None = "example",
) -> CodedArticle:
    article = Article(
        id=article_id,
        text=f"Text of {article_id}: Lavrov met Kuleba in Kyiv.",
        title=f"Title {article_id}",
        published=date(2024, 3, 1),
        url=f"https://example.org/{article_id}",
        source=source,
        origin="articles.jsonl",
        line=7,
        metadata=metadata or {},
    )
    actors = tuple(
        actor for event in events for actor in (event.source, event.target) if actor
    )
    return CodedArticle(
        article=article, actors=actors, events=events, sentences=2, tokens=12
    )


def save(store: Store, *coded: CodedArticle, coder: str = CODER) -> int:
    return store.save_articles(coded, coder=coder, ontology=ONTOLOGY)
