"""Build :class:`~eventwire.model.Event` records from a coded predicate.

The trigger span (the predicate with the particle and object words its
pattern names), the evidence span holding source, trigger and target, both
mapped back to the original text, and a stable event id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.coding.modality import is_negated, modality_of, plover_auxiliary_modes
from eventwire.coding.ontology import Ontology
from eventwire.coding.patterns import EventPattern
from eventwire.coding.roles import is_passive
from eventwire.dates import event_time
from eventwire.model import (
    Actor,
    Event,
    ParsedArticle,
    TextSpan,
    TimeExpression,
    Toponym,
)
from eventwire.places import place_of_predicate

# v3: events dated from the expression on their predicate, placed where it happened.
CODER = "eventwire.patterns.v3"
# Words of a pattern that belong to the trigger when next to the predicate:
# the particle ("shot *down*") and object nouns of light verbs ("opened *fire*").
TRIGGER_DEPS = frozenset({"prt", "prep", "dobj", "advmod"})
# Modifiers of a nominal trigger ("*suicide* bombing", "*air* strikes").
NOUN_TRIGGER_DEPS = frozenset({"compound", "amod"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Setting:
    """When and where an article's events can happen: its time expressions
    (the dates stage) and its toponyms (the places stage)."""

    times: Sequence[TimeExpression] = ()
    toponyms: Sequence[Toponym] = ()


NO_SETTING = Setting()


def build_event(
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
    setting: Setting = NO_SETTING,
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
    when = event_time(predicate, times=setting.times, published=article.published)
    dateline = next(
        (toponym.place for toponym in setting.toponyms if toponym.dateline),
        None,
    )
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
        date=when.date,
        date_text=when.text,
        date_value=when.value,
        date_source=when.source,
        place=place_of_predicate(predicate, toponyms=setting.toponyms),
        dateline=dateline,
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
