"""Find the places an article names and resolve each against the gazetteer.

Candidates come from spaCy's GPE/LOC/FAC entities and from runs of
capitalised tokens that the gazetteer knows. Demonyms ("Russian", "the
Syrian border") and the names of people and organisations are actors, not
places. A name with several entries (Paris, France or Paris, Texas) is
resolved by a score: population, the article's country focus, countries and
states named nearby, and the "City, State" / "City, Country" pattern, which
decides alone when it fits.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.model import Actor, ParsedArticle, Place, Toponym
from eventwire.places.gazetteer import (
    MAX_NAME_WORDS,
    Gazetteer,
    GazetteerEntry,
    NameMatch,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# NER labels kept as a place with no entry when the gazetteer lacks them.
UNKNOWN_PLACE_LABELS = frozenset({"GPE", "LOC"})
# Entities that are not places, unless the whole entity is a place name the
# tagger mislabelled ("Turkey" as ORG, "the Kremlin" as PERSON).
OTHER_LABELS = frozenset(
    {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"}
)
NAMED_FEATURES = frozenset({"country", "admin", "landmark", "region", "water"})
# Actor dictionary entries that name a place ("country:SYR", "capital:RUS").
PLACE_ENTRY_PREFIXES = ("country:", "capital:")
# A seat of power ("metonym:kremlin") is a place when the gazetteer has it as
# a landmark; a collective ("the West") is not.
METONYM_PREFIX = "metonym:"
# Lower-case words allowed inside a capitalised name ("Sea of Azov").
NAME_JOINERS = frozenset({"of", "the", "de", "del", "da", "al", "el", "la", "du"})
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "to", "into", "from", "outside", "across", "over", "around"}
)
# Words a name carries that the gazetteer leaves out ("Aleppo province").
DESIGNATORS = {
    "province": "admin",
    "governorate": "admin",
    "region": "admin",
    "state": "admin",
    "district": "admin",
    "county": "admin",
    "oblast": "admin",
    "city": "city",
}
DATELINE_MARKS = frozenset({"(", "-", "--", "—", "–"})
DATELINE_REACH = 5
# Score weights, in powers of ten of population (see _score).
DEFAULT_POPULATION = {
    "landmark": 10**9,
    "region": 10**8,
    "water": 10**8,
    "country": 10**5,
    "admin": 10**5,
    "city": 10**4,
}
COUNTRY_PRIOR = 1.0
ADMIN_PENALTY = 1.5
ALIAS_PENALTY = 0.5
FOCUS_WEIGHT = 1.5
NEARBY_COUNTRY_BONUS = 0.75
NEARBY_ADMIN_BONUS = 2.0
PATTERN_BONUS = 10.0
FEATURE_BONUS = 3.0
NEARBY_SENTENCES = 1


@dataclass(slots=True)
class _Candidate:
    span: Span
    matches: tuple[NameMatch, ...]
    label: str | None
    sentence: int
    dateline: bool = False
    prefer: str | None = None
    container: _Candidate | None = None
    chosen: GazetteerEntry | None = field(default=None)


def find_toponyms(
    parsed: ParsedArticle, *, gazetteer: Gazetteer, actors: Sequence[Actor]
) -> tuple[Toponym, ...]:
    """Every place named in ``parsed``, in text order, geocoded where possible.

    ``actors`` are the article's resolved actors: people, organisations and
    demonyms among them are never places, and their countries set the
    article's focus.
    """
    doc = parsed.doc
    if len(doc) == 0:
        return ()
    starts = [sentence.start for sentence in doc.sents]
    blocked = _actor_tokens(actors, gazetteer)
    candidates = _entity_candidates(doc, gazetteer, blocked, starts)
    taken = {i for c in candidates for i in range(c.span.start, c.span.end)}
    candidates += _run_candidates(doc, gazetteer, taken | set(blocked), starts)
    candidates.sort(key=lambda c: c.span.start)
    _link_patterns(candidates)
    _resolve(candidates, actors, gazetteer)
    return tuple(_toponym(parsed, candidate) for candidate in candidates)


def _actor_tokens(
    actors: Sequence[Actor], gazetteer: Gazetteer
) -> dict[int, tuple[int, int]]:
    """Tokens of actors that are not places (people, organisations,
    demonyms), each with its actor's token span."""
    blocked: dict[int, tuple[int, int]] = {}
    for actor in actors:
        entry = actor.entry_id or ""
        if entry.startswith(PLACE_ENTRY_PREFIXES) or actor.method == "place":
            continue
        if entry.startswith(METONYM_PREFIX) and any(
            match.entry.feature == "landmark" for match in gazetteer.lookup(actor.text)
        ):
            continue
        if actor.method == "unknown" and actor.label in PLACE_LABELS:
            continue
        if actor.label == "PRON":
            continue
        # "Syrian President Bashar Assad's forces": the demonym, the title and
        # the person all belong to the actor; a place inside it is not named.
        for index in range(actor.token_start, actor.token_end):
            blocked[index] = (actor.token_start, actor.token_end)
    return blocked


def _entity_candidates(
    doc: Doc,
    gazetteer: Gazetteer,
    blocked: dict[int, tuple[int, int]],
    starts: list[int],
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for entity in doc.ents:
        if entity.label_ not in PLACE_LABELS and entity.label_ not in OTHER_LABELS:
            continue
        for part in _parts(entity):
            if entity.label_ in OTHER_LABELS:
                matches = _lookup(gazetteer, part.text)[0]
                # A mislabelled country or landmark, named whole.
                if not any(m.entry.feature in NAMED_FEATURES for m in matches):
                    continue
            elif any(i in blocked for i in range(part.start, part.end)):
                # A place inside an actor's name ("Georgia's president", "the
                # U.S.-led coalition") is named; an actor the tagger calls a
                # place (an armed group as GPE) is not, unless it is known.
                if blocked.get(part.start) == (part.start, part.end):
                    continue
                if not _lookup(gazetteer, part.text)[0]:
                    continue
            candidate = _candidate(part, gazetteer, entity.label_, starts)
            if candidate is not None:
                found.append(candidate)
    return found


def _parts(entity: Span) -> list[Span]:
    """The entity without "the" and "'s", split at commas ("Paris, Texas")."""
    doc = entity.doc
    parts: list[Span] = []
    start = entity.start
    for i in range(entity.start, entity.end + 1):
        if i == entity.end or doc[i].text == ",":
            part = _trimmed(doc[start:i])
            if part is not None:
                parts.append(part)
            start = i + 1
    return parts


def _trimmed(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    # "U.S." ends in a period that is part of the name.
    if end < span.end and doc[end].text == "." and doc[end - 1 : end].text.count("."):
        end += 1
    return doc[start:end] if end > start else None


def _candidate(
    span: Span, gazetteer: Gazetteer, label: str | None, starts: list[int]
) -> _Candidate | None:
    text = span.text
    if gazetteer.is_demonym(text) or gazetteer.is_demonym(span[-1].text):
        return None
    matches, prefer = _lookup(gazetteer, text)
    if not matches and label not in UNKNOWN_PLACE_LABELS:
        return None
    if not any(char.isalpha() for char in text):
        return None
    return _Candidate(
        span=span,
        matches=matches,
        label=label,
        sentence=bisect.bisect_right(starts, span.start) - 1,
        dateline=_is_dateline(span),
        prefer=prefer,
    )


def _lookup(
    gazetteer: Gazetteer, text: str
) -> tuple[tuple[NameMatch, ...], str | None]:
    """Entries for ``text``, trying it without a designator ("Aleppo province")."""
    matches = gazetteer.lookup(text)
    if matches:
        return matches, None
    words = text.split()
    if len(words) > 1 and words[-1].lower() in DESIGNATORS:
        prefer = DESIGNATORS[words[-1].lower()]
        return gazetteer.lookup(" ".join(words[:-1])), prefer
    return (), None


def _run_candidates(
    doc: Doc, gazetteer: Gazetteer, blocked: set[int], starts: list[int]
) -> list[_Candidate]:
    """Gazetteer names in capitalised token runs the tagger did not label."""
    found: list[_Candidate] = []
    i = 0
    while i < len(doc):
        if i in blocked or not _capitalised(doc[i]) or doc[i].ent_type_ in OTHER_LABELS:
            i += 1
            continue
        end = _longest_name(doc, i, gazetteer, blocked)
        if end is None:
            i += 1
            continue
        candidate = _candidate(doc[i:end], gazetteer, None, starts)
        if candidate is not None and _plausible(candidate):
            found.append(candidate)
            i = end
        else:
            i += 1
    return found


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(char.isalpha() for char in token.text)


def _longest_name(
    doc: Doc, start: int, gazetteer: Gazetteer, blocked: set[int]
) -> int | None:
    best = None
    end = start
    while end < len(doc) and end - start < MAX_NAME_WORDS:
        token = doc[end]
        if end in blocked or doc[end].ent_type_ in OTHER_LABELS:
            break
        if not (_capitalised(token) or token.lower_ in NAME_JOINERS):
            break
        end += 1
        if _capitalised(doc[end - 1]) and gazetteer.lookup(doc[start:end].text):
            best = end
    return best


def _plausible(candidate: _Candidate) -> bool:
    """A name no tagger labelled is a place if it is a country, state,
    landmark, region or sea, or a city named where a place is expected."""
    span = candidate.span
    main = [m for m in candidate.matches if not m.alias]
    if any(m.entry.feature in NAMED_FEATURES for m in main):
        return True
    if not main:
        return False
    if candidate.dateline:
        return True
    if span[0].pos_ != "PROPN" and not span.text.isupper():
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (before is not None and before.lower_ in LOCATIVE_PREPOSITIONS) or (
        after is not None and after.text == ","
    )


def _is_dateline(span: Span) -> bool:
    """ "KABUL (AP) --", "PARIS, Texas (AP) --": a place in the capitalised
    words opening a paragraph, followed closely by a bracket or a dash."""
    doc = span.doc
    first = span.start
    while not _opens_paragraph(doc, first) and span.start - first < DATELINE_REACH:
        first -= 1
    opening = doc[first]
    if not _opens_paragraph(doc, first) or not opening.text.isupper():
        return False
    if any(t.text != "," and not _capitalised(t) for t in doc[first : span.start]):
        return False
    window = doc[span.end : span.end + DATELINE_REACH]
    return any(token.text in DATELINE_MARKS for token in window)


def _opens_paragraph(doc: Doc, index: int) -> bool:
    if index <= 0:
        return index == 0
    previous = doc[index - 1]
    return "\n" in previous.text_with_ws


def _link_patterns(candidates: list[_Candidate]) -> None:
    """ "Paris, Texas": a place followed by ", <state or country>" sits in it."""
    for first, second in zip(candidates, candidates[1:], strict=False):
        gap = first.span.doc[first.span.end : second.span.start]
        if (
            len(gap) == 1
            and gap[0].text == ","
            and any(m.entry.feature in ("country", "admin") for m in second.matches)
        ):
            first.container = second


def _resolve(
    candidates: list[_Candidate], actors: Sequence[Actor], gazetteer: Gazetteer
) -> None:
    focus: Counter[str] = Counter()
    for actor in actors:
        country = gazetteer.country(actor.country or "")
        if country is not None and country.country:
            focus[country.country] += 1
    for candidate in candidates:
        countries = {m.entry.country for m in candidate.matches}
        if len(countries) == 1:
            only = countries.pop()
            if only is not None:
                focus[only] += 1
    total = sum(focus.values()) or 1
    shares = {country: count / total for country, count in focus.items()}
    for candidate in candidates:
        if candidate.container is not None:
            _resolve_pair(candidate, candidate.container, shares, candidates)
    for candidate in candidates:
        if candidate.chosen is None and candidate.matches:
            nearby = _nearby(candidate, candidates)
            candidate.chosen = max(
                candidate.matches,
                key=lambda m: _score(m, candidate, shares, nearby),
            ).entry


def _resolve_pair(
    inner: _Candidate,
    outer: _Candidate,
    shares: dict[str, float],
    candidates: list[_Candidate],
) -> None:
    best: tuple[float, GazetteerEntry, GazetteerEntry] | None = None
    nearby = _nearby(inner, candidates)
    for a in inner.matches:
        for b in outer.matches:
            if not _contains(b.entry, a.entry):
                continue
            score = _score(a, inner, shares, nearby) + _score(b, outer, shares, nearby)
            if best is None or score > best[0]:
                best = (score, a.entry, b.entry)
    if best is not None:
        inner.chosen, outer.chosen = best[1], best[2]


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country and inner is not outer
    if outer.feature == "admin":
        return inner.country == outer.country and inner.admin1 == outer.name
    return False


def _nearby(
    candidate: _Candidate, candidates: list[_Candidate]
) -> tuple[set[str], set[str]]:
    """Countries and states named (without doubt) in the sentences around."""
    countries: set[str] = set()
    admins: set[str] = set()
    for other in candidates:
        if other is candidate or len(other.matches) != 1:
            continue
        if abs(other.sentence - candidate.sentence) > NEARBY_SENTENCES:
            continue
        entry = other.matches[0].entry
        if entry.country:
            countries.add(entry.country)
        if entry.admin1:
            admins.add(entry.admin1)
    return countries, admins


def _score(
    match: NameMatch,
    candidate: _Candidate,
    shares: dict[str, float],
    nearby: tuple[set[str], set[str]],
) -> float:
    entry = match.entry
    population = entry.population or DEFAULT_POPULATION[entry.feature]
    score = math.log10(max(population, 1))
    if entry.feature == "country":
        score += COUNTRY_PRIOR
    elif entry.feature == "admin":
        score -= ADMIN_PENALTY
    if match.alias:
        score -= ALIAS_PENALTY
    if candidate.prefer == entry.feature:
        score += FEATURE_BONUS
    country = entry.country or ""
    score += FOCUS_WEIGHT * shares.get(country, 0.0)
    countries, admins = nearby
    if entry.feature != "country" and country in countries:
        score += NEARBY_COUNTRY_BONUS
    if entry.feature not in ("country", "admin") and entry.admin1 in admins:
        score += NEARBY_ADMIN_BONUS
    if candidate.container is not None:
        score += PATTERN_BONUS
    return score


def _toponym(parsed: ParsedArticle, candidate: _Candidate) -> Toponym:
    span = candidate.span
    start, end = parsed.clean.offsets.to_original(span.start_char, span.end_char)
    text = parsed.article.text[start:end]
    entry = candidate.chosen
    place = (
        Place(
            text=text,
            start=start,
            end=end,
            name=entry.name,
            country=entry.country,
            admin1=entry.admin1,
            lat=entry.lat,
            lon=entry.lon,
            geonameid=entry.geonameid,
            feature=entry.feature,
        )
        if entry is not None
        else None
    )
    return Toponym(
        article_id=parsed.article.id,
        text=text,
        start=start,
        end=end,
        sentence=candidate.sentence,
        token_start=span.start,
        token_end=span.end,
        place=place,
        dateline=candidate.dateline,
    )
