"""Choose the place a name means when the gazetteer has several.

Each entry gets a score in powers of ten of population (a country, a state
and a seaside town compare on one scale), raised by the article's country
focus (the countries its actors and unambiguous places belong to), by a
country or state named in the sentences around, and decisively by the
"City, State" / "City, Country" pattern ("Paris, Texas").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.model import Actor
from eventwire.places.gazetteer import Gazetteer, GazetteerEntry, NameMatch

# A population where the gazetteer has none: landmarks and regions name one
# thing only, and first-level areas outside the US are big.
DEFAULT_POPULATION = {
    "landmark": 10**9,
    "region": 10**8,
    "water": 10**8,
    "country": 10**5,
    "admin": 10**6,
    "city": 10**4,
}
# Added to log10(population).
COUNTRY_PRIOR = 1.0
ADMIN_PENALTY = 1.5
ALIAS_PENALTY = 1.0
FOCUS_WEIGHT = 1.5
NEARBY_COUNTRY_BONUS = 0.75
NEARBY_ADMIN_BONUS = 2.0
PATTERN_BONUS = 10.0
# "Karachi and Hyderabad", "New South Wales and Victoria": coordinated
# places are usually of one country and one kind.
SIBLING_COUNTRY_BONUS = 2.0
SIBLING_FEATURE_BONUS = 1.0
FEATURE_BONUS = 3.0
# An area that shares its name with a country ("Georgia") is the area when
# its own country holds this share of the article's focus and the other none.
AREA_FOCUS_SHARE = 0.5
AREA_FOCUS_BONUS = 3.0
NEARBY_SENTENCES = 1
CONTAINERS = frozenset({"country", "admin"})
# Landmarks the gazetteer lacks are placed at the city they are said to be in.
LANDMARK_PREPOSITIONS = frozenset({"in", "near", "outside", "at"})
SITE_NAME_DEPS = frozenset({"compound", "amod", "nmod"})


@dataclass(slots=True)
class Candidate:
    """A place name found in the text, before and after resolution.

    ``prefer`` is the feature a designator asks for ("Aleppo province");
    ``country_hint`` the country a demonym gives ("the Lebanese city of");
    ``siblings`` the places coordinated with it ("Karachi and Hyderabad");
    ``container`` the place of a "City, State" pattern; ``chosen`` the entry
    picked, or a fixed entry set by the finder (a landmark placed at its city).
    """

    span: Span
    matches: tuple[NameMatch, ...]
    label: str | None
    sentence: int
    dateline: bool = False
    prefer: str | None = None
    country_hint: str | None = None
    container: Candidate | None = None
    siblings: list[Candidate] = field(default_factory=list)
    chosen: GazetteerEntry | None = None


def resolve_candidates(
    candidates: list[Candidate], *, actors: Sequence[Actor], gazetteer: Gazetteer
) -> None:
    """Set ``chosen`` on every candidate that has gazetteer entries."""
    _link_patterns(candidates)
    _link_siblings(candidates)
    shares = _focus(candidates, actors, gazetteer)
    for candidate in candidates:
        if candidate.container is not None and candidate.chosen is None:
            _resolve_pair(candidate, candidate.container, shares, candidates)
    for candidate in candidates:
        if candidate.chosen is None and candidate.matches:
            nearby = _nearby(candidate, candidates)
            candidate.chosen = max(
                candidate.matches,
                key=lambda m: _score(m, candidate, shares, nearby),
            ).entry
        if candidate.prefer == "admin" and candidate.chosen is not None:
            candidate.chosen = _area_of(candidate)


def _area_of(candidate: Candidate) -> GazetteerEntry | None:
    """ "the Kharkiv region": a province the gazetteer lacks, named after its
    city, is an area of the city's country with no point of its own."""
    chosen = candidate.chosen
    if chosen is None or chosen.feature != "city":
        return chosen
    return GazetteerEntry(
        name=candidate.span.text, feature="admin", country=chosen.country
    )


def _link_patterns(candidates: list[Candidate]) -> None:
    """ "Paris, Texas": a place followed by ", <state or country>" sits in it."""
    for first, second in zip(candidates, candidates[1:], strict=False):
        gap = first.span.doc[first.span.end : second.span.start]
        if (
            len(gap) == 1
            and gap[0].text == ","
            and any(m.entry.feature in CONTAINERS for m in second.matches)
        ):
            first.container = second


def _link_siblings(candidates: list[Candidate]) -> None:
    by_token = {c.span.root.i: c for c in candidates}
    for candidate in candidates:
        root = candidate.span.root
        linked = [child for child in root.children if child.dep_ == "conj"]
        if root.dep_ == "conj":
            linked.append(root.head)
        for token in linked:
            other = by_token.get(token.i)
            if other is not None and other is not candidate:
                candidate.siblings.append(other)


def _focus(
    candidates: list[Candidate], actors: Sequence[Actor], gazetteer: Gazetteer
) -> dict[str, float]:
    """Each country's share of the article's actors and unambiguous places."""
    focus: Counter[str] = Counter()
    # An actor on a place name ("Georgia" coded GEO by the actor table)
    # would vote for one reading of the very name being resolved.
    named = {i for c in candidates for i in range(c.span.start, c.span.end)}
    for actor in actors:
        if any(i in named for i in range(actor.token_start, actor.token_end)):
            continue
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
    return {country: count / total for country, count in focus.items()}


def _resolve_pair(
    inner: Candidate,
    outer: Candidate,
    shares: dict[str, float],
    candidates: list[Candidate],
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
        inner.chosen = best[1]
        if outer.chosen is None:
            outer.chosen = best[2]


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    if inner is outer or inner.country != outer.country:
        return False
    if outer.feature == "country":
        return True
    # Outside the US the gazetteer does not know a city's province: the
    # country must do.
    return outer.feature == "admin" and inner.admin1 in (None, outer.name)


def _nearby(
    candidate: Candidate, candidates: list[Candidate]
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
    candidate: Candidate,
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
    if entry.feature not in CONTAINERS and entry.admin1 in admins:
        score += NEARBY_ADMIN_BONUS
    if entry.feature == "admin" and entry.name in admins:
        # "ice storms expected in Atlanta": a city of the state is named.
        score += NEARBY_ADMIN_BONUS
    if candidate.country_hint is not None and candidate.country_hint == country:
        score += PATTERN_BONUS
    for sibling in candidate.siblings:
        kinds = {(m.entry.country, m.entry.feature) for m in sibling.matches}
        if len(kinds) == 1:
            sibling_country, sibling_feature = kinds.pop()
            if sibling_country == country:
                score += SIBLING_COUNTRY_BONUS
                if sibling_feature == entry.feature:
                    score += SIBLING_FEATURE_BONUS
    if candidate.container is not None:
        score += PATTERN_BONUS
    if (
        entry.feature == "admin"
        and shares.get(country, 0.0) >= AREA_FOCUS_SHARE
        and any(
            m.entry.feature == "country" and not shares.get(m.entry.country or "")
            for m in candidate.matches
        )
    ):
        score += AREA_FOCUS_BONUS
    return score


def place_landmarks(candidates: list[Candidate]) -> None:
    """An unknown building or site "in London" is a landmark at that city."""
    by_token = {
        i: c for c in candidates if c.chosen for i in range(c.span.start, c.span.end)
    }
    for candidate in candidates:
        if candidate.chosen is not None or candidate.label != "FAC":
            continue
        city = _city_of(candidate.span, by_token)
        if city is not None:
            candidate.chosen = GazetteerEntry(
                name=candidate.span.text,
                feature="landmark",
                country=city.country,
                admin1=city.admin1,
                lat=city.lat,
                lon=city.lon,
                geonameid=city.geonameid,
            )


def _city_of(span: Span, by_token: dict[int, Candidate]) -> GazetteerEntry | None:
    head = span.root
    if head.dep_ in SITE_NAME_DEPS and head.head.i >= span.end:
        # "the Westgate shopping mall in Nairobi", "Barcelona's El Prat
        # airport": the name's noun is where the city hangs.
        head = head.head
    places: list[Token] = [
        child
        for child in head.children
        if child.dep_ in ("poss", "compound") and child.i < span.start
    ]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in LANDMARK_PREPOSITIONS:
            places += [t for t in child.children if t.dep_ == "pobj"]
    for token in places:
        found = by_token.get(token.i)
        if found is not None and found.chosen and found.chosen.feature == "city":
            return found.chosen
    return None
