"""Score the places stage against a hand-coded place gold file.

The gold (``samples/gold/places.jsonl``) lists every named place of short
wire-style texts, resolved to the place meant, and event anchors: a trigger
word and the place mention where that event happened (or null). Each text
goes through :func:`eventwire.pipeline.code_articles`, so the toponyms scored
are exactly those the pipeline stores. Then:

- **detection**: system toponyms paired with gold mentions by character
  overlap, one to one, largest overlap first; precision, recall and F1;
- on the pairs: **country** accuracy, **feature** accuracy, and for gold
  places with coordinates the share within :data:`NEAR_KM` km (161 km, 100
  miles, the usual geoparsing threshold) with the mean and median error (a
  system place without coordinates counts as missed);
- **event anchors**: :func:`place_of_predicate` on the trigger token,
  right when it returns the gold mention's place (overlapping it) or ``None``
  for a null anchor.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.clean import clean_article
from eventwire.errors import InputError
from eventwire.gold import (
    code_gold,
    gold_identity,
    gold_line,
    locate_phrase,
    read_gold_file,
    word_starts,
)
from eventwire.model import Article, ParsedArticle, Place, Toponym
from eventwire.nlp import parse_articles
from eventwire.places.anchor import place_of_predicate

if TYPE_CHECKING:
    from eventwire.pipeline import Resources

NEAR_KM = 161.0
EARTH_RADIUS_KM = 6371.0088
FEATURES = ("country", "admin", "city", "landmark", "region", "water")
TEXT_FIELDS = frozenset({"id", "published", "text", "places", "events"})
PLACE_FIELDS = frozenset(
    {
        "text",
        "occurrence",
        "name",
        "country",
        "admin1",
        "lat",
        "lon",
        "geonameid",
        "feature",
        "metonym",
    }
)
EVENT_FIELDS = frozenset({"trigger", "occurrence", "place", "place_occurrence"})


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPlace:
    """One hand-coded place mention at ``[start, end)`` of its text."""

    text: str
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str
    dateline: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldAnchor:
    """An event trigger at ``[start, end)`` and where it happened (or ``None``)."""

    trigger: str
    start: int
    end: int
    place: GoldPlace | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPlaceText:
    id: str
    text: str
    published: date
    places: tuple[GoldPlace, ...]
    anchors: tuple[GoldAnchor, ...]
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceScore:
    """The places stage's figures on a gold file; see the module docstring."""

    texts: int
    gold: int
    found: int
    matched: int
    country_correct: int
    feature_correct: int
    located: int
    near: int
    errors_km: tuple[float, ...]
    anchors: int
    anchors_correct: int
    anchors_gold_null: int
    anchors_null_correct: int
    anchors_system_null: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_correct / self.matched if self.matched else 0.0

    @property
    def feature_accuracy(self) -> float:
        return self.feature_correct / self.matched if self.matched else 0.0

    @property
    def near_accuracy(self) -> float:
        return self.near / self.located if self.located else 0.0

    @property
    def anchor_accuracy(self) -> float:
        return self.anchors_correct / self.anchors if self.anchors else 0.0

    def as_record(self) -> dict[str, Any]:
        """The figures as one JSON-ready dict."""
        errors = self.errors_km
        return {
            "texts": self.texts,
            "detection": {
                "gold": self.gold,
                "found": self.found,
                "matched": self.matched,
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
            },
            "country_accuracy": round(self.country_accuracy, 4),
            "feature_accuracy": round(self.feature_accuracy, 4),
            "distance": {
                "located": self.located,
                "within_161_km": self.near,
                "accuracy": round(self.near_accuracy, 4),
                "mean_km": round(statistics.fmean(errors), 1) if errors else None,
                "median_km": round(statistics.median(errors), 1) if errors else None,
            },
            "anchors": {
                "total": self.anchors,
                "correct": self.anchors_correct,
                "accuracy": round(self.anchor_accuracy, 4),
                "gold_null": self.anchors_gold_null,
                "null_correct": self.anchors_null_correct,
                "system_null": self.anchors_system_null,
            },
        }


def read_place_gold(path: Path) -> tuple[GoldPlaceText, ...]:
    """Read and check a place gold file (JSON lines).

    Raises:
        InputError: the file cannot be read or a line is malformed; the
            message names the file and the line.
    """
    return read_gold_file(
        path,
        what="the place gold",
        parse=lambda line, origin, number: _gold_text(
            line, origin=origin, number=number
        ),
    )


def score_places(texts: Sequence[GoldPlaceText], *, resources: Resources) -> PlaceScore:
    """Code every gold text with ``resources`` and score its places and anchors.

    Raises:
        InputError: the pipeline could not code a text.
    """

    articles = [
        Article(id=t.id, text=t.text, published=t.published, line=t.line) for t in texts
    ]
    found = {
        text_id: result.places
        for text_id, result in code_gold(articles, resources=resources).items()
    }
    # The trigger tokens: the same cleaned text parsed by the same model
    # gives the same tokens the toponyms index.
    parsed = {
        p.article.id: p
        for p in parse_articles(
            (clean_article(article) for article in articles), nlp=resources.nlp
        )
    }
    tally = _Tally()
    for text in texts:
        tally.add_places(text.places, found[text.id])
        tally.add_anchors(text.anchors, found[text.id], parsed[text.id])
    return tally.score(len(texts))


class _Tally:
    def __init__(self) -> None:
        self.counts = dict.fromkeys(
            (
                "gold",
                "found",
                "matched",
                "country_correct",
                "feature_correct",
                "located",
                "near",
                "anchors",
                "anchors_correct",
                "anchors_gold_null",
                "anchors_null_correct",
                "anchors_system_null",
            ),
            0,
        )
        self.errors: list[float] = []

    def add_places(self, gold: Sequence[GoldPlace], system: Sequence[Toponym]) -> None:
        counts = self.counts
        counts["gold"] += len(gold)
        counts["found"] += len(system)
        for g, s in align(gold, system).items():
            place = system[s].place
            mention = gold[g]
            counts["matched"] += 1
            counts["country_correct"] += (place.country if place else None) == (
                mention.country
            )
            counts["feature_correct"] += bool(
                place and place.feature == mention.feature
            )
            if mention.lat is None or mention.lon is None:
                continue
            counts["located"] += 1
            if place is None or place.lat is None or place.lon is None:
                continue
            error = distance_km(mention.lat, mention.lon, place.lat, place.lon)
            self.errors.append(error)
            counts["near"] += error <= NEAR_KM

    def add_anchors(
        self,
        anchors: Sequence[GoldAnchor],
        toponyms: Sequence[Toponym],
        parsed: ParsedArticle,
    ) -> None:
        counts = self.counts
        for anchor in anchors:
            counts["anchors"] += 1
            token = _trigger_token(parsed, anchor)
            place = (
                place_of_predicate(token, toponyms=toponyms)
                if token is not None
                else None
            )
            counts["anchors_system_null"] += place is None
            if anchor.place is None:
                counts["anchors_gold_null"] += 1
                counts["anchors_null_correct"] += place is None
                counts["anchors_correct"] += place is None
            else:
                counts["anchors_correct"] += place is not None and _overlaps(
                    place, anchor.place
                )

    def score(self, texts: int) -> PlaceScore:
        return PlaceScore(texts=texts, errors_km=tuple(self.errors), **self.counts)


def align(gold: Sequence[GoldPlace], system: Sequence[Toponym]) -> dict[int, int]:
    """Pair gold mentions with toponyms by character overlap, one to one.

    Returns ``{gold index: toponym index}``, the largest overlaps first.
    """
    overlaps = sorted(
        (-overlap, g, s)
        for g, mention in enumerate(gold)
        for s, toponym in enumerate(system)
        if (
            overlap := min(mention.end, toponym.end) - max(mention.start, toponym.start)
        )
        > 0
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, s in overlaps:
        if g not in pairs and s not in used:
            pairs[g] = s
            used.add(s)
    return pairs


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _trigger_token(parsed: ParsedArticle, anchor: GoldAnchor) -> Any:
    offsets = parsed.clean.offsets
    for token in parsed.doc:
        start, end = offsets.to_original(token.idx, token.idx + len(token.text))
        if start < anchor.end and anchor.start < end:
            return token
    return None


def _overlaps(place: Place, gold: GoldPlace) -> bool:
    return place.start < gold.end and gold.start < place.end


def _gold_text(line: str, *, origin: str, number: int) -> GoldPlaceText:
    record, fail = gold_line(line, origin=origin, number=number)
    if set(record) != TEXT_FIELDS:
        raise fail(
            f"a text must be an object with exactly {sorted(TEXT_FIELDS)!r}; "
            f"found {sorted(record)!r}"
        )
    text_id, text, published = gold_identity(record, fail)
    if not isinstance(record["places"], list) or not isinstance(record["events"], list):
        raise fail("places and events must be lists")
    places = [_gold_place(item, text, fail) for item in record["places"]]
    by_mention = {(p.text, _occurrence_of(text, p)): p for p in places}
    anchors = [_gold_anchor(item, text, by_mention, fail) for item in record["events"]]
    return GoldPlaceText(
        id=text_id,
        text=text,
        published=published,
        places=tuple(sorted(places, key=lambda p: p.start)),
        anchors=tuple(anchors),
        line=number,
    )


def _gold_place(item: Any, text: str, fail: Callable[[str], InputError]) -> GoldPlace:
    if not isinstance(item, dict) or not set(item) >= PLACE_FIELDS:
        raise fail(f"place {item!r} must be an object with {sorted(PLACE_FIELDS)!r}")
    unknown = set(item) - PLACE_FIELDS - {"dateline"}
    if unknown:
        raise fail(f"place {item['text']!r} has unknown fields {sorted(unknown)!r}")
    if item["feature"] not in FEATURES:
        raise fail(
            f"feature {item['feature']!r} of {item['text']!r} is not one of "
            f"{', '.join(FEATURES)}"
        )
    lat, lon = item["lat"], item["lon"]
    for value in (lat, lon):
        if value is not None and not isinstance(value, int | float):
            raise fail(f"coordinates of {item['text']!r} must be numbers or null")
    if (lat is None) != (lon is None):
        raise fail(f"{item['text']!r} has one coordinate; give both or neither")
    start = locate_phrase(text, item["text"], item["occurrence"], fail)
    return GoldPlace(
        text=item["text"],
        start=start,
        end=start + len(item["text"]),
        name=str(item["name"]),
        country=item["country"],
        lat=None if lat is None else float(lat),
        lon=None if lon is None else float(lon),
        feature=item["feature"],
        dateline=bool(item.get("dateline", False)),
    )


def _gold_anchor(
    item: Any,
    text: str,
    places: dict[tuple[str, int], GoldPlace],
    fail: Callable[[str], InputError],
) -> GoldAnchor:
    if not isinstance(item, dict) or set(item) != EVENT_FIELDS:
        raise fail(f"event {item!r} must be an object with {sorted(EVENT_FIELDS)!r}")
    start = locate_phrase(text, item["trigger"], item["occurrence"], fail)
    place = None
    if item["place"] is not None:
        key = (item["place"], item["place_occurrence"])
        if key not in places:
            raise fail(
                f"event place {item['place']!r} occurrence {item['place_occurrence']!r}"
                " is not one of the text's places; list it under places"
            )
        place = places[key]
    return GoldAnchor(
        trigger=item["trigger"],
        start=start,
        end=start + len(item["trigger"]),
        place=place,
    )


def _occurrence_of(text: str, place: GoldPlace) -> int:
    return word_starts(text, place.text).index(place.start) + 1
