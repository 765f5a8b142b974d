"""Code events: a predicate matching a pattern, with a resolved source actor.

Precision first: no event without a pattern match and a source whose actor
code is known; one event per predicate and actor pair; a complement consumed
by its governing verb's pattern ("threatened to strike", "refused to meet",
"urged X to stop") is not coded a second time as an event of its own. Nominal
events ("the downing of a jet by Turkey") need both a source and a target.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.coding.matching import Match, match_noun, match_predicate
from eventwire.coding.modality import is_negated, modality_of, plover_auxiliary_modes
from eventwire.coding.nouns import noun_source_heads, noun_target_heads
from eventwire.coding.ontology import Ontology
from eventwire.coding.patterns import EventPattern, PatternTable
from eventwire.coding.roles import (
    PLACE_TARGET_ROOTS,
    is_passive,
    source_heads,
    target_candidates,
)
from eventwire.model import Actor, Event, ParsedArticle, TextSpan

CODER = "eventwire.patterns.v2"
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
VERB_POS = frozenset({"VERB"})
# Adjectives that carry an intention: "is willing to work with X".
ADJECTIVE_POS = frozenset({"ADJ"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# A complement of these belongs to the governing verb's event even where no
# complement pattern names it.
OWNING_VERBS = frozenset(
    {
        "threaten",
        "refuse",
        "decline",
        "urge",
        "ask",
        "call",
        "agree",
        "offer",
        "pledge",
        "promise",
        "deny",
        "fail",
        "warn",
        "demand",
        "vow",
        "willing",
        "prepared",
        "ready",
    }
)
# Roots whose acts the codebook lets stand without an addressee: statements
# ("declined to comment"), appeals and intentions voiced to no one in
# particular ("called for restraint"), rejections, threats ("vowed
# revenge"), protests and shows of force ("put troops on alert"). Every other
# act is dyadic: cooperation, aid, demands, criticism, sanctions, coercion and
# violence are done *to* someone, and one whose target the coder cannot code
# is left out rather than coded half-known.
STANDALONE_ROOTS = frozenset({"01", "02", "03", "12", "13", "14", "15"})
# Physical violence, whose targets are places and the people in them.
VIOLENCE_ROOTS = PLACE_TARGET_ROOTS - {"14"}
# Dictionary entries that name a place: a capital stands for its government
# when it speaks ("Moscow said"), for its country when it is struck.
PLACE_ENTRIES = ("capital:", "country:")
CONSULT_CODE = "040"
THIRD_PLACE_CODE = "044"
MEETING_PLACE_PREPOSITIONS = frozenset({"in", "at"})
# Unnamed victims, coded as the civilians of the place they were struck in.
CIVILIAN_NOUNS = frozenset(
    {
        "civilian",
        "people",
        "person",
        "resident",
        "villager",
        "inhabitant",
        "man",
        "woman",
        "child",
        "children",
        "worshipper",
        "passenger",
        "student",
        "schoolgirl",
        "family",
        "protester",
        "demonstrator",
        "pilgrim",
        "shopper",
        "citizen",
        "population",
    }
)
CIVILIAN_SECTOR = "CVL"
# Unnamed fighters, coded as the rebels of the place they come from.
ARMED_NOUNS = frozenset(
    {"militant", "gunman", "insurgent", "rebel", "jihadist", "fighter", "guerrilla"}
)
REBEL_SECTOR = "REB"
# How an actor derived from a place was resolved (the record's ``method``).
PLACE_METHOD = "place"
# Military objects whose location names whom a strike is aimed at.
PLACE_NOUNS = frozenset(
    {"target", "position", "base", "site", "facility", "camp", "stronghold"}
)
GROUNDS_PREPOSITIONS = frozenset({"of", "for"})
# Words of a pattern that belong to the trigger when next to the predicate:
# the particle ("shot *down*") and object nouns of light verbs ("opened *fire*").
TRIGGER_DEPS = frozenset({"prt", "prep", "dobj", "advmod"})
# Modifiers of a nominal trigger ("*suicide* bombing", "*air* strikes").
NOUN_TRIGGER_DEPS = frozenset({"compound", "amod"})

Pair = tuple[Actor, Actor | None]
Dyad = tuple[str | None, str | None, str]


def code_events(
    parsed: ParsedArticle,
    *,
    actors: Sequence[Actor],
    patterns: PatternTable,
    ontology: Ontology,
) -> tuple[Event, ...]:
    """Return the events coded from one parsed article, in text order."""
    doc = parsed.doc
    by_token = _actors_by_token(actors)
    events: list[Event] = []
    # Dyads coded so far: a nominal event repeating one ("Hollande traveled to
    # Moscow ... the French president's trip to Moscow") refers back to it.
    seen: set[Dyad] = set()
    for index, sentence in enumerate(doc.sents):
        events.extend(
            _sentence_events(
                parsed,
                sentence.start,
                sentence.end,
                index,
                by_token,
                patterns,
                ontology,
                seen,
            )
        )
    return tuple(events)


def _sentence_events(
    parsed: ParsedArticle,
    start: int,
    end: int,
    sentence: int,
    by_token: dict[int, Actor],
    patterns: PatternTable,
    ontology: Ontology,
    seen: set[Dyad],
) -> list[Event]:
    doc = parsed.doc
    matches: dict[int, Match] = {}
    for token in doc[start:end]:
        if _is_predicate(token, patterns):
            match = match_predicate(token, patterns)
            if match is not None:
                matches[token.i] = match
    owned = _owned_complements(doc, matches, patterns)
    events: list[Event] = []
    coded: dict[int, set[tuple[str | None, str]]] = {}
    for position, match in matches.items():
        if position in owned:
            continue
        verb = doc[position]
        pairs = _role_pairs(verb, match.pattern, by_token)
        coded[position] = {
            (source.code, match.pattern.cameo[:2]) for source, _ in pairs
        }
        if _consequence_of(verb, coded):
            continue
        for source, target in pairs:
            seen.add(_dyad(source, target, match.pattern.cameo))
            events.append(
                _event(
                    parsed,
                    predicate=verb,
                    pattern=match.pattern,
                    source=source,
                    target=target,
                    sentence=sentence,
                    ontology=ontology,
                    nominal=False,
                    cameo=_meeting_place_code(
                        verb, match.pattern, source, target, by_token
                    ),
                )
            )
    for token in doc[start:end]:
        pattern = _noun_pattern(token, matches, by_token, patterns)
        if pattern is None:
            continue
        for source, target in _noun_pairs(token, pattern, by_token):
            key = _dyad(source, target, pattern.cameo)
            if key in seen:
                continue
            seen.add(key)
            events.append(
                _event(
                    parsed,
                    predicate=token,
                    pattern=pattern,
                    source=source,
                    target=target,
                    sentence=sentence,
                    ontology=ontology,
                    nominal=True,
                )
            )
    events.sort(key=lambda event: event.evidence.start)
    return events


def _is_predicate(token: Token, patterns: PatternTable) -> bool:
    if token.pos_ in VERB_POS:
        return True
    return token.pos_ in ADJECTIVE_POS and token.lemma_.lower() in patterns.by_verb


def _owned_complements(
    doc: Doc, matches: dict[int, Match], patterns: PatternTable
) -> set[int]:
    """Positions of verbs whose act their governing verb's event already codes."""
    owned: set[int] = set()
    for match in matches.values():
        if match.complement is not None:
            owned.add(match.complement.i)
            owned.update(
                child.i for child in match.complement.children if child.dep_ == "conj"
            )
    for position in matches:
        verb = doc[position]
        if _grounds_of(verb, matches):
            owned.add(position)
            continue
        if verb.dep_ != "xcomp":
            continue
        governor = verb.head.lemma_.lower()
        if governor in OWNING_VERBS or verb.head.i in matches:
            owned.add(position)
    return owned


def _consequence_of(verb: Token, coded: dict[int, set[tuple[str | None, str]]]) -> bool:
    """ "opened fire on X, killing one": a participle telling the outcome of
    an act its head verb coded, by the same actor with the same root."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    head_codes = coded.get(verb.head.i, set())
    return bool(head_codes & coded.get(verb.i, set()))


def _grounds_of(verb: Token, matches: dict[int, Match]) -> bool:
    """ "accused X *of violating* its airspace", "praised Y *for helping*": the
    act named as grounds belongs to the accusation, and its doer is X, not
    the accuser; so do acts conjoined to it ("... and ignoring warnings")."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    preposition = verb.head
    return (
        verb.dep_ == "pcomp"
        and preposition.dep_ == "prep"
        and preposition.lower_ in GROUNDS_PREPOSITIONS
        and preposition.head.i in matches
    )


def _noun_pattern(
    token: Token,
    matches: dict[int, Match],
    by_token: dict[int, Actor],
    patterns: PatternTable,
) -> EventPattern | None:
    if token.pos_ not in NOUN_POS or token.i in by_token:
        return None
    # "launched airstrikes against X": the light verb's event already says it.
    if token.dep_ in {"dobj", "nsubjpass"} and token.head.i in matches:
        return None
    return match_noun(token, patterns)


def _dyad(source: Actor, target: Actor | None, cameo: str) -> Dyad:
    """Who did what to whom, by country: "the French president's trip" and
    "Hollande traveled" are one dyad."""

    def country(actor: Actor) -> str | None:
        return actor.country or actor.code

    return (country(source), country(target) if target else None, cameo)


def _role_pairs(
    verb: Token, pattern: EventPattern, by_token: dict[int, Actor]
) -> list[Pair]:
    """(source, target) pairs for one predicate; target None when it has none.

    An event needs a coded target unless its root and its pattern both let it
    stand alone ("declined to comment"). A mutual act between conjoined
    subjects with no object ("Trump and Kim met") is coded from each toward
    the other.
    """
    sources = _resolved(source_heads(verb), by_token)
    # "Russia and France agreed to share intelligence on ISIL": a joint act
    # is between its doers; only the pattern's own slot ("met with X") names
    # a third party.
    joint = pattern.mutual and len(sources) > 1
    candidates = target_candidates(verb, pattern, complement_too=not joint)
    pairs = _pairs(sources, candidates, pattern, by_token)
    if pattern.cameo[:2] not in VIOLENCE_ROOTS:
        return pairs
    victims = candidates[0][0] if candidates and candidates[0] else None
    if not pairs:
        return [
            (source, own)
            for source in sources
            if (own := _own_civilians(source, candidates, by_token)) is not None
        ]
    return [
        (source, _struck_place(target, victims, by_token)) for source, target in pairs
    ]


def _own_civilians(
    source: Actor, candidates: list[list[Token]], by_token: dict[int, Actor]
) -> Actor | None:
    """ "Assad used chemical weapons against his own people": unnamed
    civilians owned by the source's side are its country's civilians."""
    if source.country is None:
        return None
    for group in candidates:
        for head in group:
            if head.lemma_.lower() not in CIVILIAN_NOUNS or head.i in by_token:
                continue
            for child in head.children:
                owner = by_token.get(child.i) if child.dep_ == "poss" else None
                if owner is not None and owner.country == source.country:
                    return _people_of_place(source, head, CIVILIAN_SECTOR)
    return None


def _meeting_place_code(
    verb: Token,
    pattern: EventPattern,
    source: Actor,
    target: Actor | None,
    by_token: dict[int, Actor],
) -> str:
    """ "Putin met Biden in Geneva": a meeting in a country that is neither
    party's is CAMEO's meeting at a third location (044)."""
    if pattern.cameo != CONSULT_CODE or target is None:
        return pattern.cameo
    parties = {source.country, target.country}
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in MEETING_PLACE_PREPOSITIONS:
            continue
        for inner in child.children:
            place = by_token.get(inner.i) if inner.dep_ == "pobj" else None
            if (
                place is not None
                and (place.entry_id or "").startswith(PLACE_ENTRIES)
                and place.country not in parties
            ):
                return THIRD_PLACE_CODE
    return pattern.cameo


def _struck_place(
    target: Actor | None, victims: Token | None, by_token: dict[int, Actor]
) -> Actor | None:
    """Violence done in a place is done to the place, not its government:
    "struck Kabul" is aimed at Afghanistan, and "killed 20 civilians in
    Kabul" at Afghan civilians."""
    if target is None or target.country is None:
        return target
    if not (target.entry_id or "").startswith(PLACE_ENTRIES):
        return target
    if (
        victims is not None
        and victims.lemma_.lower() in CIVILIAN_NOUNS
        and by_token.get(victims.i) is None
    ):
        return _people_of_place(target, victims, CIVILIAN_SECTOR)
    if target.code == target.country:
        return target
    return replace(target, code=target.country, sector=None)


def _noun_pairs(
    noun: Token, pattern: EventPattern, by_token: dict[int, Actor]
) -> list[Pair]:
    sources = _resolved(noun_source_heads(noun), by_token)
    return _pairs(sources, [noun_target_heads(noun, pattern)], pattern, by_token)


def _pairs(
    sources: list[Actor],
    candidates: list[list[Token]],
    pattern: EventPattern,
    by_token: dict[int, Actor],
) -> list[Pair]:
    # "Israel bombed civilians in their homes": a source is not its own target.
    codes = {source.code for source in sources if source.code is not None}
    groups = [
        [
            actor
            for actor in (_actor_of(head, by_token) for head in group)
            if actor is not None and actor not in sources and actor.code not in codes
        ]
        for group in candidates
    ]
    # A coded actor in a later slot beats an unknown one in an earlier:
    # "executed civilians in Bucha" is aimed at whom the coder can name.
    targets = next(
        (group for group in groups if any(a.code is not None for a in group)), []
    )
    if not targets and pattern.mutual and len(sources) > 1:
        return [
            (one, other) for one in sources for other in sources if one is not other
        ]
    if not targets:
        # Standing alone takes both a root that allows it and a pattern that
        # says so: "urged lawmakers to ..." names an addressee the coder
        # cannot code, "called for restraint" names none.
        if pattern.cameo[:2] not in STANDALONE_ROOTS or not pattern.target_optional:
            return []
        targets = next((group for group in groups if group), [])
    directed: list[Actor | None] = list(targets) if targets else [None]
    return [
        (source, target)
        for source in sources
        for target in directed
        if target is None or target.head != source.head
    ]


def _resolved(heads: list[Token], by_token: dict[int, Actor]) -> list[Actor]:
    """The actors the source phrases are; "a U.S. drone strike killed X" is
    the owner's act."""
    found: list[Actor] = []
    for head in heads:
        actor = by_token.get(head.i) or _owner_of(head, by_token)
        if actor is None or actor.code is None:
            actor = _armed_group_in_place(head, by_token) or actor
        if actor is None:
            continue
        members = [actor] if actor.code is not None else _members(actor, by_token)
        found.extend(member for member in members if member not in found)
    return found


def _people_of_place(place: Actor, noun: Token, sector: str) -> Actor:
    """An actor for unnamed people of a named place: "129 people (in Paris)"
    as FRACVL, "militants in Gaza" as PSEREB. The phrase runs from the noun's
    first word to the noun itself."""
    phrase = noun.doc[noun.left_edge.i : noun.i + 1]
    return replace(
        place,
        text=phrase.text,
        start=phrase.start_char,
        end=phrase.end_char,
        token_start=phrase.start,
        token_end=phrase.end,
        head=noun.i,
        code=f"{place.country}{sector}",
        sector=sector,
        name=None,
        method=PLACE_METHOD,
        entry_id=None,
        antecedent=None,
    )


def _armed_group_in_place(head: Token, by_token: dict[int, Actor]) -> Actor | None:
    """ "Militants in Gaza fired rockets": unnamed fighters of a named place
    are its rebels."""
    if head.lemma_.lower() not in ARMED_NOUNS:
        return None
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in {"in", "from"}:
            continue
        for inner in child.children:
            place = by_token.get(inner.i) if inner.dep_ == "pobj" else None
            if (
                place is not None
                and place.country is not None
                and (place.entry_id or "").startswith(PLACE_ENTRIES)
            ):
                return _people_of_place(place, head, REBEL_SECTOR)
    return None


def _members(actor: Actor, by_token: dict[int, Actor]) -> list[Actor]:
    """The coded actors a reference to a group stands for: "they" after
    "Putin and Hollande" is both of them."""
    group = actor.antecedent
    if group is None:
        return []
    members = {
        member.start: member
        for member in by_token.values()
        if member.code is not None
        and member is not actor
        and group.start <= member.start
        and member.end <= group.end
    }
    return [members[start] for start in sorted(members)] if len(members) > 1 else []


def _actor_of(head: Token, by_token: dict[int, Actor]) -> Actor | None:
    """The actor a target phrase is, or names: "Russia's move" is aimed at Russia."""
    actor = by_token.get(head.i)
    if actor is not None:
        return actor
    for child in head.children:
        if child.dep_ in OWNER_DEPS and child.i in by_token:
            return by_token[child.i]
    # "bases of the Rapid Support Forces", "targets in Gaza", "war crimes by
    # Russian troops": an act by X is aimed at X when it is investigated,
    # condemned or avenged.
    prepositions = {"of", "by"}
    if head.lemma_.lower() in PLACE_NOUNS:
        prepositions.add("in")
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for inner in child.children:
                if inner.dep_ == "pobj" and inner.i in by_token:
                    return by_token[inner.i]
    return None


def _owner_of(head: Token, by_token: dict[int, Actor]) -> Actor | None:
    if head.pos_ != "NOUN":
        return None
    for child in head.children:
        if child.dep_ in OWNER_DEPS and child.i in by_token:
            return by_token[child.i]
    return None


def _actors_by_token(actors: Sequence[Actor]) -> dict[int, Actor]:
    index: dict[int, Actor] = {}
    for actor in actors:
        for position in range(actor.token_start, actor.token_end):
            index.setdefault(position, actor)
        index[actor.head] = actor
    return index


def _event(
    parsed: ParsedArticle,
    *,
    predicate: Token,
    pattern: EventPattern,
    source: Actor,
    target: Actor | None,
    sentence: int,
    ontology: Ontology,
    nominal: bool,
    cameo: str | None = None,
) -> Event:
    trigger = _trigger(predicate, pattern)
    evidence = _evidence(parsed, trigger, source, target)
    code = ontology.code(cameo or pattern.cameo)
    article = parsed.article
    if nominal:
        rule = f"noun:{pattern.id}"
        negated, modality = False, "asserted"
    else:
        rule = f"verb:{pattern.id}" + (":passive" if is_passive(predicate) else "")
        negated, modality = is_negated(predicate), modality_of(predicate)
    return Event(
        article_id=article.id,
        event_id=_event_id(article.id, evidence, source, target, code.code),
        sentence=sentence,
        source=source,
        target=target,
        cameo=code.code,
        cameo_root=code.root,
        cameo_name=code.name,
        goldstein=code.goldstein,
        quad_class=code.quad_class,
        plover=ontology.plover_for(code.code),
        negated=negated,
        modality=modality,
        evidence=evidence,
        rule=rule,
        coder=CODER,
        ontology=ontology.version,
        date=article.published,
        date_text=None,
        predicate=_original_span(parsed, *trigger),
        auxiliary=plover_auxiliary_modes(negated=negated, modality=modality),
    )


def _trigger(predicate: Token, pattern: EventPattern) -> tuple[int, int]:
    """Token range of the trigger words: the predicate with the particle and
    object words of its pattern where they stand next to it ("shot down",
    "opened fire", "suicide bombing"); words set apart ("shot the jet down")
    stay out, so the span never swallows an actor."""
    wanted = {pattern.particle} if pattern.particle else set()
    for group in pattern.objects:
        wanted |= group
    around = {
        token.i
        for token in predicate.children
        if token.dep_ in TRIGGER_DEPS | NOUN_TRIGGER_DEPS
        and (token.lower_ in wanted or token.lemma_.lower() in wanted)
    }
    around |= {child.i for child in predicate.children if child.dep_ == "prt"}
    first = last = predicate.i
    while first - 1 in around:
        first -= 1
    while last + 1 in around:
        last += 1
    return first, last + 1


def _original_span(parsed: ParsedArticle, first: int, end: int) -> TextSpan:
    """Tokens ``first`` to ``end`` (exclusive) as a span of the original text."""
    doc: Doc = parsed.doc
    clean_start = doc[first].idx
    clean_end = doc[end - 1].idx + len(doc[end - 1].text)
    start, stop = parsed.clean.offsets.to_original(clean_start, clean_end)
    return TextSpan(text=parsed.article.text[start:stop], start=start, end=stop)


def _evidence(
    parsed: ParsedArticle, trigger: tuple[int, int], source: Actor, target: Actor | None
) -> TextSpan:
    """The smallest stretch of the sentence that holds source, trigger and target."""
    first = min(trigger[0], source.token_start)
    last = max(trigger[1], source.token_end)
    if target is not None:
        first = min(first, target.token_start)
        last = max(last, target.token_end)
    return _original_span(parsed, first, last)


def _event_id(
    article_id: str, evidence: TextSpan, source: Actor, target: Actor | None, cameo: str
) -> str:
    target_start = "-" if target is None else str(target.start)
    parts = (
        article_id,
        evidence.start,
        evidence.end,
        source.start,
        target_start,
        cameo,
    )
    key = "|".join(str(part) for part in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
