"""Every record that passes between eventwire's stages.

Records are frozen, slotted, keyword-only dataclasses: stages return new records
and never edit their input. Unknown values are ``None``, never ``""`` or ``0``.
All ``start``/``end`` offsets that leave the pipeline point into the ORIGINAL
input text of the article (``Article.text``), not into the cleaned text.

Read this module first: the stage order lives in :mod:`eventwire.pipeline`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

JSONDict = dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as read from the input, text untouched.

    ``id`` is the input's own id, else a content hash; ``origin`` and ``line``
    say where it was read from, so failures can name the input. Fields of the
    input that eventwire has no slot for are kept in ``metadata``.
    """

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None
    line: int | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that could not be read or coded, kept so nothing is lost silently."""

    stage: str
    message: str
    origin: str | None = None
    line: int | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OffsetMap:
    """Maps offsets in cleaned text back to offsets in the original text.

    ``segments`` are ``(clean_start, original_start, length)`` runs that cleaning
    copied verbatim, sorted by ``clean_start``. Characters between runs were
    inserted by cleaning (a paragraph break standing in for a removed caption)
    and map to the nearest original character outside them.
    """

    segments: tuple[tuple[int, int, int], ...]
    original_length: int
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(seg[0] for seg in self.segments))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original ``(start, end)`` of the cleaned span ``[start, end)``."""
        if end <= start:
            position = self._start_of(start)
            return position, position
        original_start = self._start_of(start)
        # A span of inserted characters only has no original text: empty span.
        return original_start, max(original_start, self._end_of(end))

    def _start_of(self, position: int) -> int:
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0:
            clean_start, original_start, length = self.segments[index]
            if position < clean_start + length:
                return original_start + position - clean_start
        if index + 1 < len(self.segments):
            return self.segments[index + 1][1]
        return self.original_length

    def _end_of(self, position: int) -> int:
        last = position - 1
        index = bisect.bisect_right(self._starts, last) - 1
        if index < 0:
            return self.segments[0][1] if self.segments else 0
        clean_start, original_start, length = self.segments[index]
        return original_start + min(last - clean_start, length - 1) + 1


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanArticle:
    """An article whose text has been cleaned for parsing, with its offset map."""

    article: Article
    text: str
    offsets: OffsetMap
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ParsedArticle:
    """A cleaned article and its spaCy ``Doc`` (compared by identity, never hashed
    by content). Only stages 4-6 read the ``Doc``."""

    clean: CleanArticle
    doc: Doc

    @property
    def article(self) -> Article:
        return self.clean.article


@dataclass(frozen=True, slots=True, kw_only=True)
class TextSpan:
    """A piece of the original text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An actor mention resolved to a CAMEO-style code.

    ``code`` is the full actor code (``RUSGOV``); ``country`` the ISO-3 code or
    an international type (``IGO``, ``IMG``, ``NGO``); ``sector`` the role block
    (``GOV``, ``MIL``, ``LEG``...). ``token_start``/``token_end`` index the
    ``Doc`` (half-open) and ``head`` is the token that heads the mention.
    ``method`` says how it was resolved (``dictionary``, ``title``,
    ``reference``...) and ``entry_id`` which data row did it. ``label`` is the
    NER type of an unknown named actor (``PERSON``, ``ORG``...) or ``PRON`` for
    a pronoun; ``antecedent`` is the earlier mention a reference was followed
    back to ("he" -> "Francois Hollande").
    """

    text: str
    start: int
    end: int
    sentence: int
    token_start: int
    token_end: int
    head: int
    code: str | None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    method: str = "dictionary"
    entry_id: str | None = None
    label: str | None = None
    antecedent: TextSpan | None = None

    def as_record(self) -> JSONDict:
        """The actor as it appears in the event contract."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "method": self.method,
            "label": self.label,
            "antecedent": (
                {
                    "text": self.antecedent.text,
                    "start": self.antecedent.start,
                    "end": self.antecedent.end,
                }
                if self.antecedent
                else None
            ),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class PloverCode:
    """A PLOVER event type with its mode (``None`` when the mode is unspecified)."""

    type: str
    mode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A resolved location of an event (filled by the places stage)."""

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Toponym:
    """A place named in an article, geocoded against the offline gazetteer.

    ``place`` is the resolved location (``None`` when no gazetteer entry fits:
    the mention is kept, its fields unknown). ``sentence`` and
    ``token_start``/``token_end`` index the ``Doc`` so later stages can tell
    which predicate the place hangs from. ``dateline`` marks the place of a
    dateline ("MOSCOW (AP) --"), which says where the story was filed, not
    where its events happened.
    """

    article_id: str
    text: str
    start: int
    end: int
    sentence: int
    token_start: int
    token_end: int
    place: Place | None
    dateline: bool = False

    def as_record(self) -> JSONDict:
        """The toponym as ``eventwire places`` prints it."""
        place = self.place
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": place.name if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "geonameid": place.geonameid if place else None,
            "feature": place.feature if place else None,
            "dateline": self.dateline,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """A date or time expression, normalised TimeML-style.

    ``value`` is the TimeML value (``2015-11-26``, ``2015-11``, ``2015``,
    ``2015-W48``, ``PRESENT_REF``, ``P3D``, ``XXXX-WXX-1``...) or ``None``
    when it cannot be resolved (no publication date for "Thursday", "31
    February"); ``type`` is ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
    ``date`` is the calendar day the value names when it names exactly one
    (``None`` for a month, a year, a week or a duration).
    """

    article_id: str
    text: str
    start: int
    end: int
    sentence: int
    token_start: int
    token_end: int
    value: str | None
    type: str
    date: date | None = None
    dateline: bool = False

    def as_record(self) -> JSONDict:
        """The expression as ``eventwire dates`` prints it."""
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "type": self.type,
            "date": self.date.isoformat() if self.date else None,
            "dateline": self.dateline,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class EventTime:
    """When one event happened, as the dates stage reads it off the parse.

    ``value`` is the TimeML value of the expression that dates the event
    ("2015-11-13", "2013"); ``date`` the day when the value names exactly one
    (``None`` for a month, a year or a week); ``text`` the expression's words
    (``None`` for the publication date). ``source`` says where it came from:
    ``"predicate"`` (an expression attached to the predicate or its clause),
    ``"sentence"`` (an unattached date elsewhere in the sentence),
    ``"publication"`` (the story date), or ``None`` when nothing dates the
    event (a past perfect "had voted" with no expression: never the story date).
    """

    date: date | None
    value: str | None
    text: str | None
    source: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Quoted or reported speech and who said it.

    ``text``/``start``/``end`` are the quoted content (without the quotation
    marks; for indirect speech the reported clause). ``kind`` is ``direct``,
    ``indirect`` or ``mixed`` (a reported clause holding a quoted fragment).
    ``cue`` is the speech verb or phrase ("said", "according to"); ``speaker``
    the resolved actor who speaks ("he" resolved to Putin, code ``RUSGOV``), or
    an actor with no code when nobody knows them ("a witness"), or ``None`` when
    no speaker is in reach. ``event_ids`` are the coded events the quote holds.
    """

    article_id: str
    text: str
    start: int
    end: int
    sentence: int
    kind: str
    cue: TextSpan | None
    speaker: Actor | None
    event_ids: tuple[str, ...] = ()

    def as_record(self) -> JSONDict:
        """The quote as ``eventwire quotes`` prints it."""
        speaker = self.speaker
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": (
                {"text": self.cue.text, "start": self.cue.start, "end": self.cue.end}
                if self.cue
                else None
            ),
            "speaker": (
                {
                    "text": speaker.text,
                    "start": speaker.start,
                    "end": speaker.end,
                    "code": speaker.code,
                    "name": speaker.name,
                }
                if speaker
                else None
            ),
            "event_id": self.event_ids[0] if self.event_ids else None,
            "event_ids": list(self.event_ids),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One coded event: who did what to whom, with the evidence that says so.

    ``as_record()`` gives the stable JSON contract documented in the README.
    """

    article_id: str
    event_id: str
    sentence: int
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: PloverCode | None
    negated: bool
    modality: str
    evidence: TextSpan
    rule: str
    coder: str
    ontology: str
    # When it happened: ``date`` is the day (None when only a week, month or
    # year is known), ``date_value`` the TimeML value of the expression
    # ("2015-11-13", "2013"), ``date_text`` its words ("Nov. 13"; None for
    # the publication date) and ``date_source`` where it came from:
    # "predicate", "sentence" or "publication".
    date: date | None = None
    date_text: str | None = None
    date_value: str | None = None
    date_source: str | None = None
    place: Place | None = None
    # Where the story was filed ("MOSCOW (Reuters) -"), apart from ``place``:
    # a dateline says where the reporter was, not where the event happened.
    dateline: Place | None = None
    # The trigger words in original offsets ("shot down" in "Turkish jets shot
    # down a Russian warplane"); None for records made before the coder kept it.
    predicate: TextSpan | None = None
    # PLOVER auxiliary modes of the negation and modality ("future", "negation").
    auxiliary: tuple[str, ...] = ()

    def as_record(self) -> JSONDict:
        """The event as one JSON-ready dict (the documented event contract)."""
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "sentence": self.sentence,
            "source": self.source.as_record(),
            "target": self.target.as_record() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_name": self.cameo_name,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": (
                {
                    "type": self.plover.type,
                    "mode": self.plover.mode,
                    "auxiliary": list(self.auxiliary),
                }
                if self.plover
                else None
            ),
            "negated": self.negated,
            "modality": self.modality,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "date_value": self.date_value,
            "date_source": self.date_source,
            "place": _place_record(self.place),
            "dateline": _place_record(self.dateline),
            "evidence": {
                "text": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
            "predicate": (
                {
                    "text": self.predicate.text,
                    "start": self.predicate.start,
                    "end": self.predicate.end,
                }
                if self.predicate
                else None
            ),
            "rule": self.rule,
            "coder": self.coder,
            "ontology": self.ontology,
        }


def _place_record(place: Place | None) -> JSONDict | None:
    if place is None:
        return None
    return {
        "text": place.text,
        "start": place.start,
        "end": place.end,
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "feature": place.feature,
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class CodedArticle:
    """An article after every stage: its actors and events, ready to store."""

    article: Article
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    sentences: int
    tokens: int
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[Toponym, ...] = ()
