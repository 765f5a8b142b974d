"""Stage 4: every actor mention of an article, with references followed back.

Noun phrases are resolved first, in text order (:mod:`eventwire.actors.phrases`),
each one remembered in a :class:`~eventwire.actors.references.Discourse`. Then
pronouns: third-person ones to the mention they refer to, and "we"/"I" inside
a quotation to its speaker (:mod:`eventwire.actors.speakers`), which may itself
be a pronoun resolved in the step before ("...," he said), and "you" inside a
quotation to whom the speaker talks to ("told Hollande").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.actors._syntax import all_caps, phrase_heads
from eventwire.actors.dictionary import ActorDictionary
from eventwire.actors.focus import dateline_country
from eventwire.actors.identities import (
    Identity,
    Mention,
    agent_of,
    identity_from_mention,
)
from eventwire.actors.match import ActorMatcher, EntityMatch, find_entities
from eventwire.actors.phrases import PERSON_PREFIXES, Found, PhraseResolver
from eventwire.actors.pronouns import (
    ADDRESSEE_PRONOUNS,
    IT_PRONOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SPEAKER_PRONOUNS,
    SPEAKER_SIDE_PRONOUNS,
)
from eventwire.actors.references import INSTITUTION_HEADS, Discourse
from eventwire.actors.speakers import (
    Quotation,
    find_quotations,
    paragraph_of,
    paragraph_starts,
    text_layout,
)
from eventwire.model import Actor, OffsetMap, ParsedArticle, TextSpan
from eventwire.nlp import sentences_of

PRONOUN_LABEL = "PRON"
ADDRESSEE_METHOD = "addressee"
# A quote's "you" may take the addressee of its speaker's speech this many
# paragraphs back.
MAX_ADDRESSEE_PARAGRAPHS_BACK = 1


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
    sentences = list(sentences_of(doc))
    layout = text_layout(doc)
    paragraphs = paragraph_starts(doc, layout=layout)
    discourse = Discourse(
        doc=doc,
        sentence_starts=[sentence.start for sentence in sentences],
        paragraph_of_sentence=[
            paragraph_of(paragraphs, sentence.start) for sentence in sentences
        ],
        dateline_country=dateline_country(doc, entities),
    )
    placer = _Placer(
        doc=doc, offsets=parsed.clean.offsets, original=parsed.article.text
    )
    resolver = PhraseResolver(
        doc=doc, entities=entities, dictionary=dictionary, discourse=discourse, on=on
    )
    actors: list[Actor] = []
    for sentence_index, sentence in enumerate(sentences):
        # Lazily: each phrase is resolved after the ones before it are
        # remembered, which it may refer to.
        phrases: Iterator[list[Found]] = (
            iter([resolver.resolve_headline(sentence)])
            if all_caps(sentence)
            else (resolver.resolve(token) for token in phrase_heads(sentence))
        )
        for found in phrases:
            for identity, bounds, head in found:
                actor = placer.actor(identity, bounds, head, sentence_index)
                actors.append(actor)
                resolver.remember(head, identity, placer.span(actor))
                discourse.remember(
                    actor,
                    identity,
                    head,
                    person=_is_person(head, identity, dictionary),
                )
    quotations = find_quotations(doc, paragraphs=paragraphs, layout=layout)
    taken = {i for actor in actors for i in range(actor.token_start, actor.token_end)}
    actors.extend(
        _struck_places(doc, entities, taken=taken, placer=placer, discourse=discourse)
    )
    taken = {i for actor in actors for i in range(actor.token_start, actor.token_end)}
    actors.extend(
        _pronouns(
            doc,
            discourse=discourse,
            placer=placer,
            quotations=quotations,
            owned=_OwnedAgents(dictionary=dictionary, taken=taken),
        )
    )
    actors.sort(key=lambda actor: (actor.token_start, actor.token_end))
    return tuple(actors)


# Nouns of violence that a place name modifies as where it happened ("the
# Paris attacks", "the Mumbai bombings"), not as who did it.
VIOLENCE_NOUNS = frozenset(
    {
        "attack",
        "bombing",
        "shooting",
        "massacre",
        "killing",
        "siege",
        "raid",
        "assault",
        "blast",
        "explosion",
    }
)
PLACE_KINDS = frozenset({"capital", "country"})
PLACE_METHOD = "place"


def _struck_places(
    doc: Doc,
    entities: dict[int, EntityMatch],
    *,
    taken: set[int],
    placer: _Placer,
    discourse: Discourse,
) -> list[Actor]:
    """A country or capital naming where violence happened: "the Paris
    attacks" is an actor (France, the place) the coder can take as the target."""
    found: list[Actor] = []
    for match in {id(m): m for m in entities.values()}.values():
        last = doc[match.end - 1]
        if (
            match.entry.kind not in PLACE_KINDS
            or any(i in taken for i in range(match.start, match.end))
            or last.dep_ not in {"compound", "nmod"}
            or last.head.lemma_.lower() not in VIOLENCE_NOUNS
        ):
            continue
        country = match.entry.country
        identity = Identity(
            code=country,
            country=country,
            sector=None,
            name=match.entry.name,
            method=PLACE_METHOD,
            entry_id=match.entry.id,
        )
        found.append(
            placer.actor(
                identity, (match.start, match.end), last, discourse.sentence_of(last)
            )
        )
    return found


def _index_entities(matches: Sequence[EntityMatch]) -> dict[int, EntityMatch]:
    return {i: match for match in matches for i in range(match.start, match.end)}


def _is_person(head: Token, identity: Identity, dictionary: ActorDictionary) -> bool:
    """Whether "he"/"she" may refer to the mention."""
    if identity.entry_id is not None and identity.entry_id.startswith(PERSON_PREFIXES):
        return True
    if identity.label is not None:
        # NER often tags a foreign name GPE or ORG; "Khashoggi, a columnist"
        # says it is a person.
        return identity.label == "PERSON" or any(
            child.dep_ == "appos"
            and child.tag_ == "NN"
            and child.lower_ not in INSTITUTION_HEADS
            for child in head.children
        )
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
    owned: _OwnedAgents,
) -> list[Actor]:
    quoted: dict[int, Quotation] = {
        index: quotation
        for quotation in quotations
        for start, end in quotation.quoted
        for index in range(start, end)
    }
    found: list[Actor] = []
    first_person: list[Token] = []
    second_person: list[Token] = []
    for token in _pronoun_tokens(doc):
        word = token.lower_
        if word in PERSON_PRONOUNS or word in PLURAL_PRONOUNS or word in IT_PRONOUNS:
            person = word in PERSON_PRONOUNS
            mention = (
                discourse.body(token)
                if word in IT_PRONOUNS
                else discourse.antecedent(token, person=person)
            )
            if mention is None:
                continue
            identity = _pronoun_identity(
                discourse, mention, plural=not person, original=placer.original
            )
            sentence = discourse.sentence_of(token)
            agent = owned.actor(token, identity, placer, sentence=sentence)
            if agent is not None:
                found.append(agent)
                continue
            actor = placer.pronoun(identity, token, sentence)
            discourse.remember(actor, identity, token, person=person)
            found.append(actor)
        elif token.i in quoted and (
            word in SPEAKER_SIDE_PRONOUNS or word in SPEAKER_PRONOUNS
        ):
            first_person.append(token)
        elif token.i in quoted and word in ADDRESSEE_PRONOUNS:
            second_person.append(token)
    for token in first_person:
        speaker = quoted[token.i].speaker
        mention = None if speaker is None else discourse.at(speaker)
        if mention is None or mention.actor.code is None:
            continue
        identity = _pronoun_identity(
            discourse, mention, plural=False, original=placer.original
        )
        # A speaker's words carry no office of theirs to later titles.
        identity = replace(identity, method="speaker", office=None, leader=False)
        if token.lower_ in SPEAKER_SIDE_PRONOUNS:
            # "we" is the speaker's side, not the speaker.
            identity = replace(identity, name=None, entry_id=None)
        sentence = discourse.sentence_of(token)
        found.append(
            owned.actor(token, identity, placer, sentence=sentence)
            or placer.pronoun(identity, token, sentence)
        )
    for token in second_person:
        mention = _addressee(quoted[token.i], quotations, discourse)
        if mention is None:
            continue
        # "you" is the addressee's side, as "we" is the speaker's.
        identity = replace(
            _pronoun_identity(
                discourse, mention, plural=False, original=placer.original
            ),
            method=ADDRESSEE_METHOD,
            name=None,
            entry_id=None,
            office=None,
            leader=False,
        )
        sentence = discourse.sentence_of(token)
        found.append(
            owned.actor(token, identity, placer, sentence=sentence)
            or placer.pronoun(identity, token, sentence)
        )
    return found


def _addressee(
    quotation: Quotation, quotations: Sequence[Quotation], discourse: Discourse
) -> Mention | None:
    """Whom a quote's "you" stands for: the quote's own addressee ("told
    Hollande"), else that of the same speaker's speech earlier in the
    paragraph or in the one before ("Putin told Hollande that ... ¶ "We are
    prepared to work with you," Putin said")."""
    speaker = _coded_mention(discourse, quotation.speaker)
    if speaker is None:
        return None
    candidates = [quotation] + [
        earlier
        for earlier in reversed(quotations)
        if earlier.start < quotation.start
        and quotation.paragraph - earlier.paragraph <= MAX_ADDRESSEE_PARAGRAPHS_BACK
    ]
    for candidate in candidates:
        said_by = _coded_mention(discourse, candidate.speaker)
        if said_by is None or (said_by.actor.code, said_by.actor.name) != (
            speaker.actor.code,
            speaker.actor.name,
        ):
            continue
        addressee = _coded_mention(discourse, candidate.addressee)
        if addressee is not None and addressee.actor.code != speaker.actor.code:
            return addressee
    return None


def _coded_mention(discourse: Discourse, token: int | None) -> Mention | None:
    mention = None if token is None else discourse.at(token)
    return mention if mention is not None and mention.actor.code else None


def _pronoun_tokens(doc: Doc) -> list[Token]:
    """The pronouns of ``doc``, found by one array read instead of token by token."""
    wanted = {
        doc.vocab.strings.add(word)
        for word in (
            *PERSON_PRONOUNS,
            *PLURAL_PRONOUNS,
            *IT_PRONOUNS,
            *SPEAKER_SIDE_PRONOUNS,
            *SPEAKER_PRONOUNS,
            *ADDRESSEE_PRONOUNS,
        )
    }
    lowered = doc.to_array("LOWER")
    return [
        doc[index]
        for index, word in enumerate(lowered)
        if int(word) in wanted and doc[index].pos_ == "PRON"
    ]


class _OwnedAgents:
    """ "his government", "our forces": a sector noun owned by a pronoun is an
    agent of whom the pronoun stands for."""

    def __init__(self, *, dictionary: ActorDictionary, taken: set[int]) -> None:
        self.dictionary = dictionary
        self.taken = taken

    def actor(
        self, pronoun: Token, identity: Identity, placer: _Placer, *, sentence: int
    ) -> Actor | None:
        head = pronoun.head
        if pronoun.dep_ != "poss" or head.i in self.taken or head.i < pronoun.i:
            return None
        sector = self.dictionary.agent_sector(head.lower_) or (
            self.dictionary.agent_sector(head.lemma_.lower())
        )
        if sector is None or identity.country is None or identity.code is None:
            return None
        owner = Identity(
            code=identity.code,
            country=identity.country,
            sector=identity.sector,
            name=None,
            method="pronoun",
            entry_id=None,
        )
        agent = agent_of(owner, sector, "pronoun")
        agent = Identity(
            code=agent.code,
            country=agent.country,
            sector=agent.sector,
            name=None,
            method="pronoun",
            entry_id=None,
            antecedent=identity.antecedent,
        )
        self.taken.update(range(pronoun.i, head.i + 1))
        return placer.actor(agent, (pronoun.i, head.i + 1), head, sentence)


def _pronoun_identity(
    discourse: Discourse, mention: Mention, *, plural: bool, original: str
) -> Identity:
    """What a pronoun referring to ``mention`` stands for.

    "Putin and Hollande said they...": a plural pronoun refers to the whole
    coordination, which keeps a code only when every member shares it.
    """
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
    return replace(
        identity_from_mention(mention, method="pronoun"), label=PRONOUN_LABEL
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
