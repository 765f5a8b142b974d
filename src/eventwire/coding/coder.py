"""Code events: a predicate matching a pattern, with a resolved source actor.

Precision first: no event without a pattern match and a source whose actor
code is known; one event per predicate and actor pair; a complement consumed
by its governing verb's pattern ("threatened to strike", "refused to meet",
"urged X to stop") is not coded a second time as an event of its own. Nominal
events ("the downing of a jet by Turkey") need both a source and a target.
Who violence in a place is aimed at is decided in :mod:`eventwire.coding.places`;
the records are built in :mod:`eventwire.coding.events`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire.coding.events import Setting, build_event
from eventwire.coding.matching import Match, match_noun, match_predicate
from eventwire.coding.nouns import noun_source_heads, noun_target_heads
from eventwire.coding.ontology import Ontology
from eventwire.coding.patterns import EventPattern, PatternTable
from eventwire.coding.places import (
    PLACE_METHOD,
    armed_group_in_place,
    meeting_place_code,
    own_civilians,
    struck_place,
    unconventional_code,
)
from eventwire.coding.roles import (
    PLACE_TARGET_ROOTS,
    source_heads,
    target_candidates,
)
from eventwire.model import Actor, Event, ParsedArticle, TimeExpression, Toponym
from eventwire.nlp import sentences_of

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
# Military objects whose location names whom a strike is aimed at.
PLACE_NOUNS = frozenset(
    {"target", "position", "base", "site", "facility", "camp", "stronghold"}
)
GROUNDS_PREPOSITIONS = frozenset({"of", "for"})

Pair = tuple[Actor, Actor | None]
Dyad = tuple[str | None, str | None, str]


def code_events(
    parsed: ParsedArticle,
    *,
    actors: Sequence[Actor],
    patterns: PatternTable,
    ontology: Ontology,
    times: Sequence[TimeExpression] = (),
    toponyms: Sequence[Toponym] = (),
) -> tuple[Event, ...]:
    """Return the events coded from one parsed article, in text order.

    ``times`` and ``toponyms`` (the dates and places stages' records) date
    and place each event from the expressions attached to its predicate.
    """
    doc = parsed.doc
    setting = Setting(times=times, toponyms=toponyms)
    by_token = _actors_by_token(actors)
    events: list[Event] = []
    # Dyads coded so far: a nominal event repeating one ("Hollande traveled to
    # Moscow ... the French president's trip to Moscow") refers back to it.
    seen: set[Dyad] = set()
    candidates = _Candidates(doc)
    for index, sentence in enumerate(sentences_of(doc)):
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
                setting,
                candidates,
            )
        )
    return tuple(events)


class _Candidates:
    """The words of a Doc that may be a predicate or an event noun, by their
    part of speech, read once for the whole Doc: the sentence loops then make
    a ``Token`` only for these, not (twice) for every word to read its tag."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        strings = doc.vocab.strings
        predicate_pos = {strings[name] for name in VERB_POS | ADJECTIVE_POS}
        noun_pos = {strings[name] for name in NOUN_POS}
        tags = doc.to_array("POS").tolist()
        self._predicates = [i for i, pos in enumerate(tags) if pos in predicate_pos]
        self._nouns = [i for i, pos in enumerate(tags) if pos in noun_pos]

    def predicates(self, start: int, end: int) -> list[Token]:
        """Verbs and adjectives of ``doc[start:end]``, in text order."""
        return self._tokens(self._predicates, start, end)

    def nouns(self, start: int, end: int) -> list[Token]:
        """Nouns and proper nouns of ``doc[start:end]``, in text order."""
        return self._tokens(self._nouns, start, end)

    def _tokens(self, positions: list[int], start: int, end: int) -> list[Token]:
        first = bisect_left(positions, start)
        last = bisect_left(positions, end)
        return [self.doc[i] for i in positions[first:last]]


def _sentence_events(
    parsed: ParsedArticle,
    start: int,
    end: int,
    sentence: int,
    by_token: dict[int, Actor],
    patterns: PatternTable,
    ontology: Ontology,
    seen: set[Dyad],
    setting: Setting,
    candidates: _Candidates,
) -> list[Event]:
    doc = parsed.doc
    matches: dict[int, Match] = {}
    for token in candidates.predicates(start, end):
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
                build_event(
                    parsed,
                    predicate=verb,
                    pattern=match.pattern,
                    source=source,
                    target=target,
                    sentence=sentence,
                    ontology=ontology,
                    nominal=False,
                    setting=setting,
                    cameo=unconventional_code(
                        meeting_place_code(
                            verb, match.pattern, source, target, by_token
                        ),
                        match.pattern,
                        source,
                        target,
                    ),
                )
            )
    for token in candidates.nouns(start, end):
        pattern = _noun_pattern(token, matches, by_token, patterns)
        if pattern is None:
            continue
        for source, target in _noun_pairs(token, pattern, by_token):
            key = _dyad(source, target, pattern.cameo)
            if key in seen:
                continue
            seen.add(key)
            events.append(
                build_event(
                    parsed,
                    predicate=token,
                    pattern=pattern,
                    source=source,
                    target=target,
                    sentence=sentence,
                    ontology=ontology,
                    nominal=True,
                    setting=setting,
                    cameo=unconventional_code(pattern.cameo, pattern, source, target),
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
            if (own := own_civilians(source, candidates, by_token)) is not None
        ]
    return [
        (source, struck_place(target, victims, by_token)) for source, target in pairs
    ]


def _noun_pairs(
    noun: Token, pattern: EventPattern, by_token: dict[int, Actor]
) -> list[Pair]:
    heads = noun_source_heads(noun)
    targets = noun_target_heads(noun, pattern)
    if pattern.cameo[:2] in VIOLENCE_ROOTS:
        # "the Paris attacks": the place names where it happened, not who
        # did it; it is the target when no preposition names one.
        places = [head for head in heads if _is_place_modifier(head, by_token)]
        heads = [head for head in heads if head not in places]
        targets = targets or places
    sources = _resolved(heads, by_token)
    return _pairs(sources, [targets], pattern, by_token)


def _is_place_modifier(head: Token, by_token: dict[int, Actor]) -> bool:
    actor = by_token.get(head.i)
    return actor is not None and actor.method == PLACE_METHOD


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
            actor = armed_group_in_place(head, by_token) or actor
        if actor is None:
            continue
        members = [actor] if actor.code is not None else _members(actor, by_token)
        found.extend(member for member in members if member not in found)
    return found


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
