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
from eventwire.coding.roles import is_passive, source_heads, target_heads
from eventwire.model import Actor, Event, ParsedArticle, TextSpan

CODER = "eventwire.verbs.v1"
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
        targets = [by_token.get(head.i) for head in target_heads(token, pattern)]
        resolved_targets = [target for target in targets if target is not None]
        if not resolved_targets and pattern.cameo[:2] in TARGET_REQUIRED_ROOTS:
            continue
        for source_head in source_heads(token):
            source = by_token.get(source_head.i)
            if source is None or source.code is None:
                continue
            for target in _or_none(resolved_targets):
                if target is not None and target.head == source.head:
                    continue
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


def _or_none(targets: list[Actor]) -> list[Actor | None]:
    """The targets, or a single missing target when there are none."""
    return list(targets) if targets else [None]


def match_pattern(verb: Token, patterns: PatternTable) -> VerbPattern | None:
    """The most specific pattern whose conditions the verb meets, if any."""
    candidates = patterns.by_verb.get(verb.lemma_.lower())
    if not candidates:
        return None
    children = list(verb.children)
    particles = {child.lower_ for child in children if child.dep_ in {"prt", "prep"}}
    objects = {child.lemma_.lower() for child in children if child.dep_ == "dobj"}
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
    if _in_condition(verb):
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
