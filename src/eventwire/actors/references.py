"""Follow references back through the article: titles, pronouns, "the country".

:class:`Discourse` remembers every actor mention resolved so far, with what a
later reference needs to know about it: its sentence and paragraph, whether it
is a subject, a person or a group, and the office a person holds. The rules,
written for wire copy and measured on hand-written passages (no coreference
library installs offline with spaCy 3.8 and works without a downloaded model):

* a title ("the French president", "the emir") is the person named earlier in
  the article holding that office, else the office holder on the article's
  date (:meth:`ActorDictionary.office_holders`);
* "he"/"she" is the most recent person, "they" the most recent plural, group or
  country actor, looking back through the sentence and the ones before it in
  the paragraph and the previous one, subjects first and never a co-argument
  ("Lavrov praised him"); "their" belongs to its clause's plural subject;
* "we"/"I" inside a quotation is the speaker's side / the speaker;
* "the country", "the government", "the army"... with no country named is the
  country of a recent mention, one naming the country before a person of it
  and subjects first, else of the most recent mention with a country;
* "the alliance", "the bloc", "the organisation", "the court", "the group",
  "the movement", "the militants" is the most recent organisation of that
  kind anywhere earlier in the article (NATO; an IGO other than the UN family,
  courts and lenders; an IGO or NGO; a court; a named armed group or militia;
  an armed group), of the country the phrase names if it names one; an
  uncoded organisation that was a subject stops the search and the reference
  stays uncoded;
* a group of people with no country ("protesters", "police", "rebel
  commanders") is of the place it is said to be in ("police in Minsk"), else
  of the one country named before it in its sentence or, if none is, in the
  previous sentence of the paragraph; with two countries there, or none, it
  keeps its sector and no code. "the soldiers" is the earlier "soldiers";
  unnamed fighters or rebels are of the one named armed group of their sector
  in those sentences ("The Houthis said five fighters were killed").

Gender is not known (the people tables do not record it), so "she" may follow
a man back.

"it", "its" and "itself" are one country or organisation (named, referred
to, or an unknown ORG): the subject of the pronoun's clause or of a clause
above it ("Paris said it would ..."), else the most recent one looking back as
"they" does, subjects first. An "it" that stands for no one ("it is unclear
whether", "it is believed that", "it rained") and "it" as an object (mostly a
thing: "Russia rejected it") are left alone.

The clause climbs a pronoun is bound by are in :mod:`eventwire.actors.pronouns`,
the kinds of organisation a reference noun names in
:mod:`eventwire.actors.organisations`.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Token

from eventwire.actors.identities import Identity, Mention
from eventwire.actors.organisations import NAMED_GROUP_LENGTH, organisation_of_kind
from eventwire.actors.pronouns import (
    IT_PRONOUNS,
    SUBJECT_DEPS,
    clause_subject,
    governing_verbs,
    in_main_clause,
    is_empty_it,
)
from eventwire.model import Actor

# Nouns that, with "the" and no country, refer back to the last country named.
# The country nouns keep the bare country code ("the country" -> GBR); the
# others take their sector from agents.tsv ("the army" -> MIL).
COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic"})
REFERENCE_HEADS = COUNTRY_NOUNS | {
    "government",
    "regime",
    "administration",
    "authorities",
    "cabinet",
    "ministry",
    "junta",
    "army",
    "military",
    "navy",
    "parliament",
    "legislature",
    "police",
}
# Agent nouns naming a body, never one person ("the ministry ... he" is wrong).
INSTITUTION_HEADS = frozenset(
    {
        *REFERENCE_HEADS,
        "forces",
        "troops",
        "coalition",
        "alliance",
        "opposition",
        "court",
        "council",
        "agency",
        "party",
        "militia",
        "group",
        "senate",
        "congress",
        "media",
    }
)
# How far back a pronoun looks: this many sentences, and never past the start
# of the previous paragraph.
MAX_SENTENCES_BACK = 3
MAX_PARAGRAPHS_BACK = 1
# "the country" looks at subjects of this many recent sentences before taking
# the most recent country anywhere earlier in the article.
RECENT_SENTENCES = 2


class Discourse:
    """The mentions of one article so far, searched by later references."""

    def __init__(
        self,
        *,
        doc: Doc,
        sentence_starts: list[int],
        paragraph_of_sentence: list[int],
        dateline_country: str | None = None,
    ) -> None:
        self.doc = doc
        self.sentence_starts = sentence_starts
        self.paragraph_of_sentence = paragraph_of_sentence
        self.dateline_country = dateline_country
        self.mentions: list[Mention] = []

    def remember(
        self, actor: Actor, identity: Identity, head: Token, *, person: bool
    ) -> Mention:
        """Add a resolved mention (in text order) and return it."""
        plural = head.tag_ in {"NNS", "NNPS"} or (
            not person and identity.entry_id is not None
        )
        mention = Mention(
            actor=actor,
            paragraph=self.paragraph_of_sentence[actor.sentence],
            subject=head.dep_ in SUBJECT_DEPS
            or (head.dep_ == "conj" and head.head.dep_ in SUBJECT_DEPS),
            person=person,
            plural=plural,
            office=identity.office,
            leader=identity.leader,
            governor=head.head.i,
            coordinated=head.dep_ == "conj"
            or any(child.dep_ == "conj" for child in head.children),
            body=_is_body(head, identity, person=person),
        )
        insort(self.mentions, mention, key=lambda m: m.actor.token_start)
        return mention

    def at(self, token: int) -> Mention | None:
        """The mention covering ``token`` (its head, or inside its span)."""
        for mention in self.mentions:
            actor = mention.actor
            if actor.head == token or actor.token_start <= token < actor.token_end:
                return mention
        return None

    def coordination(self, mention: Mention) -> list[Mention]:
        """The mentions coordinated with ``mention`` ("Putin and Hollande")."""
        root = self.doc[mention.actor.head]
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        heads = {root.i}
        stack = [root]
        while stack:
            for child in stack.pop().children:
                if child.dep_ == "conj":
                    heads.add(child.i)
                    stack.append(child)
        members = [m for m in self.mentions if m.actor.head in heads]
        return members if mention in members else [mention]

    def before(self, token: int) -> Iterator[Mention]:
        """Mentions ending before ``token``, most recent first."""
        for mention in reversed(self.mentions):
            if mention.actor.token_end <= token:
                yield mention

    def office_holder(
        self, token: int, *, office: str, owner: str | None
    ) -> Mention | None:
        """The person last named before ``token`` holding ``office`` of ``owner``."""
        for mention in self.before(token):
            if not mention.person or mention.actor.code is None:
                continue
            holds = mention.leader if office == "leader" else mention.office == office
            if not holds:
                continue
            actor = mention.actor
            if owner is None or owner in (actor.code, actor.country):
                return mention
        return None

    def country(self, token: Token) -> Mention | None:
        """The country "the country" or "the government" at ``token`` refers to."""
        sentence = self.sentence_of(token)
        recent = [
            mention
            for mention in self.before(token.i)
            if mention.nation is not None
            and sentence - mention.actor.sentence < RECENT_SENTENCES
        ]
        # A country named as such ("Saudi Arabia", "British lawmakers") before a
        # person of it: "Erdogan called on Saudi Arabia to hand over suspects
        # held in the kingdom" is Saudi Arabia's kingdom, not Erdogan's.
        ranked = sorted(
            recent, key=lambda mention: (mention.person, not mention.subject)
        )
        if ranked:
            return ranked[0]
        return next(
            (mention for mention in self.before(token.i) if mention.nation), None
        )

    def focus_country(self, token: Token) -> str | None:
        """The country a bare sector noun ("protesters", "police") belongs to.

        The article's focus when it is clear: the one country of the state
        actors named before ``token`` in its sentence or, if none is, in the
        previous sentence of the same paragraph. Two countries in the nearest
        such sentence ("Armenia and Azerbaijan signed ...") leave it unknown.
        """
        nations = self._nearest_nations(token)
        return next(iter(nations)) if len(nations) == 1 else None

    def group_country(self, token: Token) -> str | None:
        """The focus country; when no country at all is named in the sentence
        or the one before it in the paragraph ("Police said 180 people had
        been killed" two paragraphs into a story from Bali), the country the
        article names most (:meth:`person_country`)."""
        nations = self._nearest_nations(token)
        if not nations:
            return self.person_country(token)
        return next(iter(nations)) if len(nations) == 1 else None

    def _nearest_nations(self, token: Token) -> set[str]:
        sentence = self.sentence_of(token)
        paragraph = self.paragraph_of_sentence[sentence]
        by_sentence: dict[int, set[str]] = {}
        for mention in self.before(token.i):
            actor = mention.actor
            if sentence - actor.sentence > 1 or mention.paragraph != paragraph:
                break
            if mention.nation is not None:
                by_sentence.setdefault(actor.sentence, set()).add(mention.nation)
        return by_sentence.get(sentence) or by_sentence.get(sentence - 1, set())

    def person_country(self, token: Token) -> str | None:
        """The country of one person the text gives no country ("a resident",
        "Interior Minister Sadeq Mahsouli"): the country the article has named
        most often so far.

        A person quoted in a story is most often of the country it is about,
        more than of whichever country the sentence names last ("'Hezbollah
        will pay,' a military spokesman said" in a story about Israel's army).
        A tie goes to the dateline's country, else to the focus country;
        otherwise the country stays unknown.
        """
        counts: Counter[str] = Counter(
            mention.nation
            for mention in self.before(token.i)
            if mention.nation is not None
        )
        if not counts:
            return self.dateline_country
        most = max(counts.values())
        leading = {nation for nation, count in counts.items() if count == most}
        if len(leading) == 1:
            return leading.pop()
        for tiebreak in (self.dateline_country, self.focus_country(token)):
            if tiebreak in leading:
                return tiebreak
        return None

    def focus_group(self, token: Token, *, sector: str) -> Mention | None:
        """The named armed group that fighters or rebels with no name belong to:
        the one named group of ``sector`` (not an international one, which
        is as often what they fight: "rebel groups" near "Islamic State") named before
        ``token`` in its sentence or, if none is, in the previous sentence of
        the paragraph ("The Houthis said five fighters were killed")."""
        sentence = self.sentence_of(token)
        paragraph = self.paragraph_of_sentence[sentence]
        by_sentence: dict[int, dict[str, Mention]] = {}
        for mention in self.before(token.i):
            actor = mention.actor
            if sentence - actor.sentence > 1 or mention.paragraph != paragraph:
                break
            code = actor.code
            if (
                code is not None
                and code[3:6] == sector
                and len(code) >= NAMED_GROUP_LENGTH
            ):
                by_sentence.setdefault(actor.sentence, {}).setdefault(code, mention)
        groups = by_sentence.get(sentence) or by_sentence.get(sentence - 1, {})
        return next(iter(groups.values())) if len(groups) == 1 else None

    def same_noun(self, token: Token) -> Mention | None:
        """An earlier mention with the same head noun: "two soldiers ... the
        soldiers", within the sentences a pronoun looks back through."""
        sentence = self.sentence_of(token)
        for mention in self.before(token.i):
            if sentence - mention.actor.sentence > MAX_SENTENCES_BACK:
                break
            if self.doc[mention.actor.head].lemma_.lower() == token.lemma_.lower():
                return mention
        return None

    def organisation(
        self, token: Token, *, kind: str, country: str | None
    ) -> Mention | None:
        """The organisation "the alliance", "the bloc" or "the group" refers to.

        The most recent mention of a compatible organisation (of ``country``,
        when the phrase names one: "the Somali group"). An organisation the
        tables lack that was the subject of its clause stops the search ("The
        Eastern Valley Front said ... the movement"): it is likely the one
        meant, and the reference stays uncoded with it.
        """
        for mention in self.before(token.i):
            actor = mention.actor
            if actor.code is None:
                if actor.label == "ORG" and mention.subject and not mention.person:
                    return mention
                continue
            if country is not None and actor.country != country:
                continue
            if organisation_of_kind(actor.code, kind):
                return mention
        return None

    def antecedent(self, pronoun: Token, *, person: bool) -> Mention | None:
        """The mention a third-person pronoun refers to, or ``None``."""
        if pronoun.dep_ == "poss" and not person:
            bound = clause_subject(pronoun)
            if bound is not None and bound.i != pronoun.head.i:
                # "Women burned their headscarves", "the Houthis halt their
                # attacks": "their" belongs to its clause's plural subject, an
                # actor or not. ("Putin had not returned his calls" shows that
                # "his" does not, so singular possessives look further.)
                mention = self.at(bound.i)
                if mention is not None and mention.actor.token_start <= pronoun.i:
                    return mention if mention.plural or mention.coordinated else None
                if bound.tag_ in {"NNS", "NNPS"}:
                    return None
        return self._recent(
            pronoun,
            lambda mention: (
                mention.person if person else mention.plural or mention.coordinated
            ),
            own_sentence=True,
        )

    def body(self, pronoun: Token) -> Mention | None:
        """The country or organisation "it", "its" or "itself" refers to.

        The most recent one, looking back as "they" does, subjects first;
        ``None`` for an "it" that stands for no one ("it is likely that",
        "it rained") and for "it" as an object, which is mostly a thing
        ("denied it").
        """
        if pronoun.lower_ == "it" and (
            pronoun.dep_ not in SUBJECT_DEPS or is_empty_it(pronoun)
        ):
            return None
        for verb in governing_verbs(pronoun):
            # The subject of its own clause or of one above it: "Ukraine would
            # defend itself", "Paris said it would expel 35 more".
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS and child.i < pronoun.i:
                    mention = self.at(child.i)
                    if mention is not None and mention.body:
                        return mention
        if not in_main_clause(pronoun):
            # An "it" in an adverbial or relative clause that its own clauses
            # do not bind is too often someone else (a guess, so none).
            return None
        # Within its own sentence "it" is bound through its clause (above);
        # any other actor there is a guess the parse does not support.
        return self._recent(pronoun, lambda mention: mention.body, own_sentence=False)

    def _recent(
        self,
        pronoun: Token,
        compatible: Callable[[Mention], bool],
        *,
        own_sentence: bool,
    ) -> Mention | None:
        """The compatible mention nearest before ``pronoun``, within
        :data:`MAX_SENTENCES_BACK` sentences and :data:`MAX_PARAGRAPHS_BACK`
        paragraphs: in the nearest sentence that has one, its leftmost subject
        (the main clause's), else its most recent mention."""
        sentence = self.sentence_of(pronoun)
        paragraph = self.paragraph_of_sentence[sentence]
        by_sentence: dict[int, list[Mention]] = {}
        for mention in self.before(pronoun.i):
            actor = mention.actor
            if (
                sentence - actor.sentence > MAX_SENTENCES_BACK
                or paragraph - mention.paragraph > MAX_PARAGRAPHS_BACK
            ):
                break
            if actor.sentence == sentence and not own_sentence:
                continue
            if compatible(mention) and not _co_argument(pronoun, mention):
                by_sentence.setdefault(actor.sentence, []).append(mention)
        for index in sorted(by_sentence, reverse=True):
            found = by_sentence[index]
            subjects = sorted(
                (m for m in found if m.subject), key=lambda m: m.actor.start
            )
            return subjects[0] if subjects else found[0]
        return None

    def sentence_of(self, token: Token) -> int:
        """The 0-based sentence index of ``token``."""
        return max(0, bisect_right(self.sentence_starts, token.i) - 1)


def _is_body(head: Token, identity: Identity, *, person: bool) -> bool:
    """Whether "it" may refer to the mention: one country or organisation,
    named ("Iran", "the Kremlin", "NATO", an unknown ORG) or referred to ("the
    government", "it")."""
    if person:
        return False
    if head.pos_ == "PRON":
        return head.lower_ in IT_PRONOUNS
    return head.tag_ not in {"NNS", "NNPS"} and (
        identity.entry_id is not None or identity.label == "ORG"
    )


def _co_argument(pronoun: Token, mention: Mention) -> bool:
    """True when the pronoun and the mention are arguments of one verb.

    "Putin praised him": "him" is not Putin.
    """
    return pronoun.dep_ != "poss" and mention.governor == pronoun.head.i
