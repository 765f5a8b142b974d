"""Stage 4: every actor mention of an article, with references followed back.

Noun phrases are resolved first, in text order (:mod:`eventwire.actors.phrases`),
each one remembered in a :class:`~eventwire.actors.references.Discourse`. Then
pronouns: third-person ones to the mention they refer to, and "we"/"I" inside
a quotation to its speaker (:mod:`eventwire.actors.speakers`), which may itself
be a pronoun resolved in the step before ("...," he said).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire.actors.dictionary import ActorDictionary
from eventwire.actors.match import ActorMatcher, EntityMatch, find_entities
from eventwire.actors.phrases import (
    HEAD_POS,
    MODIFIER_DEPS,
    PERSON_PREFIXES,
    PhraseResolver,
)
from eventwire.actors.references import (
    INSTITUTION_HEADS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SPEAKER_PRONOUNS,
    SPEAKER_SIDE_PRONOUNS,
    Discourse,
    Identity,
    Mention,
)
from eventwire.actors.speakers import (
    Quotation,
    find_quotations,
    paragraph_of,
    paragraph_starts,
)
from eventwire.model import Actor, OffsetMap, ParsedArticle, TextSpan

PRONOUN_LABEL = "PRON"


def resolve_actors(
    parsed: ParsedArticle, *, dictionary: ActorDictionary, matcher: ActorMatcher
) -> tuple[Actor, ...]:
    """Return every actor mention in the article, in text order.

    Named entities whose code cannot be told are kept with ``code=None`` and
    their NER ``label``, so users can see what the dictionary lacks; pronouns
    and references carry the ``antecedent`` they were followed back to.
    """
    doc = parsed.doc
    on = parsed.article.published
    entities = _index_entities(find_entities(doc, matcher=matcher, on=on))
    sentences = list(doc.sents)
    paragraphs = paragraph_starts(doc)
    discourse = Discourse(
        doc=doc,
        sentence_starts=[sentence.start for sentence in sentences],
        paragraph_of_sentence=[
            paragraph_of(paragraphs, sentence.start) for sentence in sentences
        ],
    )
    placer = _Placer(
        doc=doc, offsets=parsed.clean.offsets, original=parsed.article.text
    )
    resolver = PhraseResolver(
        doc=doc, entities=entities, dictionary=dictionary, discourse=discourse, on=on
    )
    actors: list[Actor] = []
    for sentence_index, sentence in enumerate(sentences):
        for token in sentence:
            if token.pos_ not in HEAD_POS or token.dep_ in MODIFIER_DEPS:
                continue
            for identity, bounds, head in resolver.resolve(token):
                actor = placer.actor(identity, bounds, head, sentence_index)
                actors.append(actor)
                resolver.remember(head, identity, placer.span(actor))
                discourse.remember(
                    actor,
                    identity,
                    head,
                    person=_is_person(head, identity, dictionary),
                )
    quotations = find_quotations(doc, paragraphs=paragraphs)
    actors.extend(
        _pronouns(
            doc,
            discourse=discourse,
            placer=placer,
            quotations=quotations,
        )
    )
    actors.sort(key=lambda actor: (actor.token_start, actor.token_end))
    return tuple(actors)


def _index_entities(matches: Sequence[EntityMatch]) -> dict[int, EntityMatch]:
    return {i: match for match in matches for i in range(match.start, match.end)}


def _is_person(head: Token, identity: Identity, dictionary: ActorDictionary) -> bool:
    """Whether "he"/"she" may refer to the mention."""
    if identity.entry_id is not None:
        return identity.entry_id.startswith(PERSON_PREFIXES)
    if identity.label is not None:
        return identity.label == "PERSON"
    if identity.method in {"title", "office", "surname"}:
        return True
    # "a Turkish official", "the Syrian president": one person, named or not.
    return (
        head.tag_ == "NN"
        and head.lower_ not in INSTITUTION_HEADS
        and dictionary.agent_sector(head.lower_) is not None
    )


def _pronouns(
    doc: Doc,
    *,
    discourse: Discourse,
    placer: _Placer,
    quotations: Sequence[Quotation],
) -> list[Actor]:
    quoted: dict[int, Quotation] = {
        index: quotation
        for quotation in quotations
        for index in range(quotation.start, quotation.end)
    }
    found: list[Actor] = []
    first_person: list[Token] = []
    for token in doc:
        if token.pos_ != "PRON":
            continue
        word = token.lower_
        if word in PERSON_PRONOUNS or word in PLURAL_PRONOUNS:
            person = word in PERSON_PRONOUNS
            mention = discourse.antecedent(token, person=person)
            if mention is None:
                continue
            identity = _pronoun_identity(
                discourse, mention, plural=not person, original=placer.original
            )
            actor = placer.pronoun(identity, token, discourse.sentence_of(token))
            discourse.remember(actor, identity, token, person=person)
            found.append(actor)
        elif token.i in quoted and (
            word in SPEAKER_SIDE_PRONOUNS or word in SPEAKER_PRONOUNS
        ):
            first_person.append(token)
    for token in first_person:
        speaker = quoted[token.i].speaker
        mention = None if speaker is None else discourse.at(speaker)
        if mention is None or mention.actor.code is None:
            continue
        identity = _pronoun_identity(
            discourse, mention, plural=False, original=placer.original
        )
        if token.lower_ in SPEAKER_SIDE_PRONOUNS:
            # "we" is the speaker's side, not the speaker.
            identity = Identity(
                code=identity.code,
                country=identity.country,
                sector=identity.sector,
                name=None,
                method="speaker",
                entry_id=None,
                label=PRONOUN_LABEL,
                antecedent=identity.antecedent,
            )
        else:
            identity = Identity(
                code=identity.code,
                country=identity.country,
                sector=identity.sector,
                name=identity.name,
                method="speaker",
                entry_id=identity.entry_id,
                label=PRONOUN_LABEL,
                antecedent=identity.antecedent,
            )
        found.append(placer.pronoun(identity, token, discourse.sentence_of(token)))
    return found


def _pronoun_identity(
    discourse: Discourse, mention: Mention, *, plural: bool, original: str
) -> Identity:
    """What a pronoun referring to ``mention`` stands for.

    "Putin and Hollande said they...": a plural pronoun refers to the whole
    coordination, which keeps a code only when every member shares it.
    """
    actor = mention.actor
    members = discourse.coordination(mention) if plural else [mention]
    if len(members) > 1:
        codes = {member.actor.code for member in members}
        countries = {member.actor.country for member in members}
        first, last = members[0].actor, members[-1].actor
        text = original[first.start : last.end]
        return Identity(
            code=codes.pop() if len(codes) == 1 else None,
            country=countries.pop() if len(countries) == 1 else None,
            sector=None,
            name=None,
            method="pronoun",
            entry_id=None,
            label=PRONOUN_LABEL,
            antecedent=TextSpan(text=text, start=first.start, end=last.end),
        )
    return Identity(
        code=actor.code,
        country=actor.country,
        sector=actor.sector,
        name=actor.name,
        method="pronoun",
        entry_id=actor.entry_id,
        label=PRONOUN_LABEL,
        antecedent=mention.named,
        office=mention.office,
        leader=mention.leader,
    )


class _Placer:
    """Turns an identity at Doc tokens into an :class:`Actor` over the original text."""

    def __init__(self, *, doc: Doc, offsets: OffsetMap, original: str) -> None:
        self.doc = doc
        self.offsets = offsets
        self.original = original

    def actor(
        self,
        identity: Identity,
        bounds: tuple[int, int],
        head: Token,
        sentence: int,
    ) -> Actor:
        start, end = bounds
        clean_start = self.doc[start].idx
        clean_end = self.doc[end - 1].idx + len(self.doc[end - 1].text)
        original_start, original_end = self.offsets.to_original(clean_start, clean_end)
        return Actor(
            text=self.original[original_start:original_end],
            start=original_start,
            end=original_end,
            sentence=sentence,
            token_start=start,
            token_end=end,
            head=head.i,
            code=identity.code,
            country=identity.country,
            sector=identity.sector,
            name=identity.name,
            method=identity.method,
            entry_id=identity.entry_id,
            label=identity.label,
            antecedent=identity.antecedent,
        )

    def pronoun(self, identity: Identity, token: Token, sentence: int) -> Actor:
        return self.actor(identity, (token.i, token.i + 1), token, sentence)

    @staticmethod
    def span(actor: Actor) -> TextSpan:
        return TextSpan(text=actor.text, start=actor.start, end=actor.end)
