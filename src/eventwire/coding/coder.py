"""Code events: a predicate matching a verb pattern, with a resolved source actor.

Precision first: no event without a pattern match and a source whose actor
code is known; one event per predicate and actor pair; a complement owned by
its governing verb ("threatened to strike", "refused to meet", "urged X to
stop") is not coded a second time as an event of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire.coding.ontology import Ontology
from eventwire.coding.patterns import PatternTable, VerbPattern
from eventwire.coding.roles import (
    is_passive,
    source_heads,
    target_heads,
    through_quantity,
)
from eventwire.model import Actor, Event, ParsedArticle, TextSpan

CODER = "eventwire.verbs.v1"
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
PREDICATE_POS = frozenset({"VERB"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "want",
        "seek",
        "hope",
        "aim",
        "prepare",
        "vow",
        "expect",
        "decide",
        "try",
        "attempt",
        "wish",
        "mean",
        "prepared",
        "ready",
        "willing",
    }
)
# Verbs whose complement is an act asked of someone else.
DIRECTIVE_VERBS = frozenset(
    {"demand", "urge", "ask", "call", "insist", "press", "appeal", "request", "order"}
)
# A complement of these belongs to the governing verb's event.
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
    }
)
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "claim",
        "allege",
        "report",
        "state",
        "announce",
        "insist",
        "note",
        "argue",
        "suggest",
        "acknowledge",
        "confirm",
        "believe",
        "accuse",
        "warn",
        "write",
        "declare",
    }
)
# Directed verbal events (statements, appeals, consultations, criticism,
# threats) say nothing without their addressee; physical acts stand alone.
TARGET_REQUIRED_ROOTS = frozenset(
    {"01", "02", "03", "04", "05", "06", "07", "09", "10", "11", "12", "13", "16", "17"}
)


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
    sentence_of = {sentence.start: index for index, sentence in enumerate(doc.sents)}
    events: list[Event] = []
    seen: set[tuple[int, int, int | None]] = set()
    for token in doc:
        if token.pos_ not in PREDICATE_POS:
            continue
        pattern = match_pattern(token, patterns)
        if pattern is None or _owned_complement(token, patterns):
            continue
        for source, target in _role_pairs(token, pattern, by_token):
            key = (token.i, source.head, target.head if target else None)
            if key in seen:
                continue
            seen.add(key)
            events.append(
                _event(
                    parsed,
                    verb=token,
                    pattern=pattern,
                    source=source,
                    target=target,
                    sentence=sentence_of[token.sent.start],
                    ontology=ontology,
                )
            )
    return tuple(events)


def _role_pairs(
    verb: Token, pattern: VerbPattern, by_token: dict[int, Actor]
) -> list[tuple[Actor, Actor | None]]:
    """(source, target) pairs for one predicate; target None when it has none.

    A directed verbal event needs something it is directed at: a resolved
    actor, or at least an object phrase ("denounced the agreement"). A
    mutual act between conjoined subjects with no object ("Trump and Kim
    met") is coded from each toward the other.
    """
    sources = [
        actor
        for actor in (by_token.get(head.i) for head in source_heads(verb))
        if actor is not None and actor.code is not None
    ]
    target_tokens = target_heads(verb, pattern)
    targets = [
        actor
        for actor in (_actor_of(head, by_token) for head in target_tokens)
        if actor is not None
    ]
    if not target_tokens and pattern.mutual and len(sources) > 1:
        return [
            (one, other) for one in sources for other in sources if one is not other
        ]
    if not target_tokens and pattern.cameo[:2] in TARGET_REQUIRED_ROOTS:
        return []
    directed: list[Actor | None] = list(targets) if targets else [None]
    return [
        (source, target)
        for source in sources
        for target in directed
        if target is None or target.head != source.head
    ]


def match_pattern(verb: Token, patterns: PatternTable) -> VerbPattern | None:
    """The most specific pattern whose conditions the verb meets, if any."""
    candidates = patterns.by_verb.get(verb.lemma_.lower())
    if not candidates:
        return None
    children = list(verb.children)
    particles = {child.lower_ for child in children if child.dep_ in {"prt", "prep"}}
    objects = {
        through_quantity(child).lemma_.lower()
        for child in children
        if child.dep_ == "dobj"
    }
    for pattern in candidates:
        if pattern.particle is not None and pattern.particle not in particles:
            continue
        if pattern.objects and not (pattern.objects & objects):
            continue
        return pattern
    return None


def _owned_complement(verb: Token, patterns: PatternTable) -> bool:
    if verb.dep_ != "xcomp":
        return False
    governor = verb.head.lemma_.lower()
    return governor in OWNING_VERBS or governor in patterns.by_verb


def modality_of(verb: Token) -> str:
    """``hypothetical``, ``future``, ``intended``, ``reported`` or ``asserted``."""
    if _in_condition(verb) or _demanded(verb):
        return "hypothetical"
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    if auxiliaries & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxiliaries & FUTURE_AUX or _going_to(verb):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_VERBS:
        return "intended"
    if _under_speech(verb):
        return "reported"
    return "asserted"


def is_negated(verb: Token) -> bool:
    """True for "did not attack", "never met" and negated intentions."""
    if any(child.dep_ == "neg" for child in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(
        child.dep_ == "neg" for child in verb.head.children
    )


def _in_condition(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS
        for child in verb.children
    )


def _demanded(verb: Token) -> bool:
    """ "NATO demanded that Russia withdraw": an act asked for, not done."""
    return (
        verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_.lower() in DIRECTIVE_VERBS
    )


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def _under_speech(verb: Token) -> bool:
    current = verb
    while current.dep_ in {"ccomp", "conj"} and current.head is not current:
        current = current.head
        if current.dep_ != "conj" and current.lemma_.lower() in SPEECH_VERBS:
            return True
    return False


def _actor_of(head: Token, by_token: dict[int, Actor]) -> Actor | None:
    """The actor a target phrase is, or names: "Russia's move" is aimed at Russia."""
    actor = by_token.get(head.i)
    if actor is not None:
        return actor
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
    verb: Token,
    pattern: VerbPattern,
    source: Actor,
    target: Actor | None,
    sentence: int,
    ontology: Ontology,
) -> Event:
    evidence = _evidence(parsed, verb, source, target)
    code = ontology.code(pattern.cameo)
    article = parsed.article
    rule = f"verb:{pattern.id}" + (":passive" if is_passive(verb) else "")
    return Event(
        article_id=article.id,
        event_id=_event_id(article.id, evidence, source, target, pattern.cameo),
        sentence=sentence,
        source=source,
        target=target,
        cameo=code.code,
        cameo_root=code.root,
        cameo_name=code.name,
        goldstein=code.goldstein,
        quad_class=code.quad_class,
        plover=ontology.plover_for(code.code),
        negated=is_negated(verb),
        modality=modality_of(verb),
        evidence=evidence,
        rule=rule,
        coder=CODER,
        ontology=ontology.version,
        date=article.published,
        date_text=None,
    )


def _evidence(
    parsed: ParsedArticle, verb: Token, source: Actor, target: Actor | None
) -> TextSpan:
    """The smallest stretch of the sentence that holds source, predicate and target."""
    doc: Doc = parsed.doc
    first = min(verb.i, source.token_start, target.token_start if target else verb.i)
    last = max(verb.i + 1, source.token_end, target.token_end if target else verb.i + 1)
    for child in verb.children:
        if child.dep_ == "prt":
            last = max(last, child.i + 1)
    clean_start = doc[first].idx
    clean_end = doc[last - 1].idx + len(doc[last - 1].text)
    start, end = parsed.clean.offsets.to_original(clean_start, clean_end)
    return TextSpan(text=parsed.article.text[start:end], start=start, end=end)


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
