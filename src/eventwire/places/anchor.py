"""Where an event happened: the place attached to its predicate.

The predicate's own clause is searched first, nearest first: its locative
prepositional objects ("bombing ISIL targets in Iraq", "traveled to Moscow",
"on Independence Square"), the places they contain ("a raid on a compound in
Abbottabad", "80 percent of New Orleans", "the town of Amatrice", "towns
including Sderot"), the place a strike or a visit is aimed at ("struck
Kabul", "opened fire on Lekki"), the places hung on its other prepositions'
objects ("clashed with police in Alexandria"), and for an event noun its own
modifiers ("the Paris attacks", "a news conference at the Kremlin"). Only
when that clause names no place are places borrowed: where its subject was
("a tribunal in The Hague ruled", never "Moscow said"), a clause of the same
moment about a participant ("as she left a rally in Rawalpindi"), the verb it
is coordinated with ("pumped gas into a Moscow theatre and stormed the
building"). Other subordinate and relative clauses are other events'. A
dateline says where the story was filed, so it is never an event's place. A
toponym with no gazetteer entry is a place known by its text alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from eventwire.model import Place, Toponym
from eventwire.places._predicate_words import (
    ATTACK_LEMMAS,
    CIRCUMSTANCE_PREPOSITIONS,
    DESTINATION_PREPOSITIONS,
    FEATURE_DETAIL,
    FROM_LEMMAS,
    MAX_ALTERNATIVES,
    MAX_DEPTH,
    MOTION_NOUNS,
    NON_DESTINATION_LEMMAS,
    NOUN_HOST_DEPS,
    NOUN_MODIFIER_DEPS,
    OBJECT_DEPS,
    PHRASE_DEPS,
    PLACE_OBJECT_LEMMAS,
    POSSESSED_PLACES,
    PREPOSITION_RANKS,
    REPORTING_LEMMAS,
    ROLE_PREPOSITIONS,
    SAME_MOMENT_MARKS,
    SHALLOW_PREPOSITIONS,
    SUBJECT_DEPS,
    SURFACE_NOUNS,
    TARGET_PREPOSITIONS,
)
from eventwire.places._spans import PLACE_NOUNS


def place_of_predicate(
    predicate: Token, *, toponyms: Sequence[Toponym]
) -> Place | None:
    """The place where the event of ``predicate`` happened, else ``None``.

    ``toponyms`` are the article's (from :func:`find_toponyms` on the same
    ``Doc``); datelines are skipped. A toponym with no gazetteer entry ("the
    town of Dujail") still names where the event happened: it is returned as
    a place known only by its text (no country, no point).
    """
    by_token: dict[int, Toponym] = {}
    for mention in toponyms:
        if mention.dateline:
            continue
        for index in range(mention.token_start, mention.token_end):
            by_token[index] = mention
    if not by_token:
        return None
    # The predicate's own clause first; only when it names no place, the
    # places of its participants and of the clauses it shares a moment with.
    for tokens in (_place_tokens(predicate), _borrowed_tokens(predicate)):
        found: dict[Place, Token] = {}
        for token in tokens:
            toponym = by_token.get(token.i)
            if toponym is None:
                continue
            found.setdefault(toponym.place or _unresolved(toponym), token)
            if len(found) == MAX_ALTERNATIVES:
                break
        if found:
            return _finest(found)
    return None


def _unresolved(toponym: Toponym) -> Place:
    return Place(
        text=toponym.text, start=toponym.start, end=toponym.end, name=toponym.text
    )


def _finest(found: dict[Place, Token]) -> Place:
    """The first place found, or a finer one inside the same country; not
    one coordinated with it ("rolled into Jenin and Bethlehem" went to both,
    the first named first)."""
    places = list(found)
    best = places[0]
    coordinated = {t.i for t in found[best].conjuncts}
    for place in places[1:]:
        if (
            place.country is not None
            and place.country == best.country
            and _detail(place) > _detail(best)
            and found[place].i not in coordinated
        ):
            # The first named of the finer place's coordination.
            group = {found[place].i} | {t.i for t in found[place].conjuncts}
            best = next(p for p in places if found[p].i in group)
            coordinated = group
    return best


def _detail(place: Place) -> int:
    return FEATURE_DETAIL.get(place.feature or "", 0)


def _place_tokens(predicate: Token) -> Iterator[Token]:
    """Tokens that may name the predicate's place, best first."""
    lemma = predicate.lemma_.lower()
    if predicate.pos_ in ("NOUN", "PROPN"):
        yield from _within(predicate, _noun_arcs(predicate))
        for child in predicate.children:
            if child.dep_ in NOUN_MODIFIER_DEPS:
                yield from _phrase(child)
        for child in predicate.children:
            # "ice storms expected in Atlanta", "a crush during festivities
            # in Itaewon": a participle's places, and those hung on the
            # objects of the noun's other prepositions.
            if child.dep_ == "acl" and child.tag_ in ("VBN", "VBG"):
                yield from _place_tokens(child)
            elif child.dep_ == "prep" and _hangs_places(child):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield from _within(pobj, _located(pobj))
        host = _host_verb(predicate)
        if host is not None:
            yield from _place_tokens(host)
        return
    attack = lemma in ATTACK_LEMMAS or any(
        c.dep_ in OBJECT_DEPS and c.lemma_.lower() in ATTACK_LEMMAS
        for c in predicate.children
    )
    objects = [c for c in predicate.children if c.dep_ in OBJECT_DEPS]
    if lemma in PLACE_OBJECT_LEMMAS:
        for child in objects:
            yield from _phrase(child)
    arcs = _verb_arcs(predicate, attack=attack, lemma=lemma)
    for child in predicate.children:
        # "shot down over Syria": a particle's or adverb's own phrase, judged
        # by the verb ("handed Hong Kong back to China" is a recipient).
        if child.dep_ in ("prt", "advmod", "agent"):
            arcs += _verb_arcs(child, attack=attack, lemma=lemma)
    arcs.sort(key=lambda arc: (arc[0], arc[1].i))
    yield from _within(predicate, [(rank, pobj) for rank, pobj in arcs])
    for child in objects:
        yield from _within(child, _noun_arcs(child))
    # "clashed with police in Alexandria", "fired tear gas at protesters on
    # the Champs-Elysees": the parser hangs the verb's place on the object
    # of a preposition that is not itself locative.
    for prep in predicate.children:
        if prep.dep_ == "prep" and _hangs_places(prep):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield from _within(pobj, _located(pobj))


def _borrowed_tokens(predicate: Token) -> Iterator[Token]:
    """Tokens that may name the predicate's place when its own clause names
    none, best first."""
    lemma = predicate.lemma_.lower()
    if predicate.pos_ in ("NOUN", "PROPN"):
        host = _host_verb(predicate)
        if host is not None:
            yield from _borrowed_tokens(host)
        return
    objects = [c for c in predicate.children if c.dep_ in OBJECT_DEPS]
    # Where a participant was: "a tribunal in The Hague ruled", "protesters
    # in Cairo clashed"; only "in"/"at" (a subject "from Syria" came from
    # there), never the subject itself ("Moscow said"), and not when the
    # clause says where without a name ("stormed the residence in the
    # capital").
    if not any(_located(head) for head in (predicate, *objects)):
        for child in predicate.children:
            if child.dep_ in SUBJECT_DEPS:
                yield from _within(child, _located(child))
    # "was assassinated as she left a rally in Rawalpindi": a clause of the
    # same moment whose subject is a pronoun for a participant.
    for clause in predicate.children:
        if clause.dep_ == "advcl" and _same_moment(clause):
            yield from _place_tokens(clause)
    head = predicate.head
    if (
        predicate.dep_ == "conj"
        and head.pos_ == "VERB"
        and lemma not in REPORTING_LEMMAS
        and not any(c.dep_ in SUBJECT_DEPS for c in predicate.children)
    ):
        yield from _place_tokens(head)


def _host_verb(noun: Token) -> Token | None:
    """The verb an event noun happens with: its object or subject ("wrap up
    a news conference", "fire engulfed"), or the circumstance of it ("killed
    in a stampede", "died during the siege")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in CIRCUMSTANCE_PREPOSITIONS:
        noun, head = head, head.head
    if noun.dep_ in NOUN_HOST_DEPS and head.pos_ in ("VERB", "AUX"):
        return head
    return None


def _hangs_places(prep: Token) -> bool:
    """A preposition not itself locative whose object may carry the place
    ("with police in Alexandria"); not a role or a moment ("as", "than")."""
    return prep.lower_ not in PREPOSITION_RANKS and prep.lower_ not in ROLE_PREPOSITIONS


def _located(noun: Token) -> list[tuple[int, Token]]:
    """The noun's "in"/"at" objects: where the thing or the people are."""
    return [(rank, pobj) for rank, pobj in _noun_arcs(noun) if rank == 0]


def _same_moment(clause: Token) -> bool:
    marked = any(
        c.dep_ == "mark" and c.lower_ in SAME_MOMENT_MARKS for c in clause.children
    )
    return marked and any(
        c.dep_ in SUBJECT_DEPS and c.pos_ == "PRON" for c in clause.children
    )


def _verb_arcs(head: Token, *, attack: bool, lemma: str) -> list[tuple[int, Token]]:
    """``(rank, object)`` of the head's prepositions that may give a place
    (``lemma`` is the predicate's)."""
    arcs: list[tuple[int, Token]] = []
    destination = lemma not in NON_DESTINATION_LEMMAS
    for prep in head.children:
        if prep.dep_ not in ("prep", "dative"):
            continue
        word = prep.lower_
        if (word in TARGET_PREPOSITIONS and attack) or _on_surface(prep):
            rank = 0
        elif _excluded(word, lemma, destination=destination):
            continue
        elif word in PREPOSITION_RANKS and word != "of":
            rank = PREPOSITION_RANKS[word]
        else:
            continue
        arcs += [(rank, pobj) for pobj in prep.children if pobj.dep_ == "pobj"]
    return arcs


def _on_surface(prep: Token) -> bool:
    """ "on Independence Square", "on Mount Everest", "on a beach": "on" a
    surface is where; "sanctions on Russia" and "talks on Syria" are not."""
    if prep.lower_ != "on":
        return False
    return any(
        word.lemma_.lower() in SURFACE_NOUNS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for word in (pobj, *(c for c in pobj.children if c.dep_ == "compound"))
    )


def _examples(prep: Token) -> bool:
    """ "towns including Sderot", "villages such as Tafeghaghte": a noun's
    examples are where the noun is."""
    word = prep.lower_
    if word == "as":
        return any(c.lower_ == "such" for c in prep.children) or (
            prep.head.lower_ == "such"
        )
    return word in ("including", "like")


def _excluded(word: str, lemma: str, *, destination: bool) -> bool:
    if word in DESTINATION_PREPOSITIONS:
        return not destination
    return word == "from" and lemma not in FROM_LEMMAS


def _noun_arcs(noun: Token) -> list[tuple[int, Token]]:
    arcs: list[tuple[int, Token]] = []
    lemma = noun.lemma_.lower()
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if (
            (word in TARGET_PREPOSITIONS and lemma in ATTACK_LEMMAS)
            or _on_surface(prep)
            or _examples(prep)
        ):
            rank = 0
        elif _excluded(word, lemma, destination=lemma in MOTION_NOUNS):
            continue
        elif word in PREPOSITION_RANKS:
            rank = PREPOSITION_RANKS[word]
        else:
            continue
        arcs += [(rank, pobj) for pobj in prep.children if pobj.dep_ == "pobj"]
    return sorted(arcs, key=lambda arc: (arc[0], arc[1].i))


def _within(start: Token, arcs: list[tuple[int, Token]]) -> Iterator[Token]:
    """Breadth first down the prepositional objects: "a raid on a compound in
    Abbottabad" reaches Abbottabad two steps down."""
    level = [pobj for _, pobj in arcs]
    seen = {start.i}
    for _ in range(MAX_DEPTH):
        following: list[Token] = []
        for token in level:
            if token.i in seen:
                continue
            seen.add(token.i)
            yield from _phrase(token)
            if token.head.lower_ in SHALLOW_PREPOSITIONS:
                continue
            following += [pobj for _, pobj in _noun_arcs(token)]
            following += [
                child for child in token.children if child.dep_ in ("conj", "appos")
            ]
        if not following:
            return
        level = following


def _phrase(token: Token) -> Iterator[Token]:
    """The token and the names inside its phrase ("the Westgate mall",
    "Beirut's airport": a place owning a place is where it is; "Spain's
    King" and "Brazil's Congress" are not there). The thing's own name comes
    before its owner's ("Barcelona's El Prat airport" is El Prat)."""
    yield token
    if token.lemma_.lower() in PLACE_NOUNS:
        # "the town of Amatrice", "the port of Aden": the name the noun has.
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for name in prep.children:
                    if name.dep_ == "pobj":
                        yield name
                        yield from (g for g in name.children if g.dep_ == "compound")
    owners: list[Token] = []
    for child in token.children:
        if child.dep_ == "poss" and token.lemma_.lower() in POSSESSED_PLACES:
            owners.append(child)
        elif child.dep_ in PHRASE_DEPS or (
            child.dep_ == "amod" and child.pos_ == "PROPN"
        ):
            yield child
            yield from (g for g in child.children if g.dep_ == "compound")
    for owner in owners:
        yield owner
        yield from (g for g in owner.children if g.dep_ == "compound")
