"""Match a predicate against its patterns: particle, object words, complement.

The object words of a predicate are the words of its direct object phrase
(without relative clauses), the objects of its prepositions, and the same for
its embedded verb when it has one: "agreed to increase *the exchange of
intelligence*" offers ``exchange``, ``of``, ``intelligence``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.coding.patterns import EventPattern, PatternTable
from eventwire.coding.roles import source_heads

PARTICLE_DEPS = frozenset({"prt", "prep", "agent"})
OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})
PREPOSITION_OBJECT_DEPS = frozenset({"pobj", "pcomp"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
# Clauses inside an object phrase say something else about it.
CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "ccomp", "parataxis"})
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
MAX_OBJECT_WORDS = 24


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """A pattern that fired on a predicate, with the complement it consumed."""

    pattern: EventPattern
    complement: Token | None


def match_predicate(token: Token, patterns: PatternTable) -> Match | None:
    """The most specific verb pattern whose conditions the predicate meets."""
    candidates = _candidates(token, patterns)
    if not candidates:
        return None
    complement = complement_of(token)
    # The particles and object words are read off the parse only once a
    # candidate pattern asks for them: most predicates' first pattern needs
    # neither, and walking the subtree for them was a large share of this stage.
    particles: set[str] | None = None
    object_words: dict[bool, set[str]] = {}
    subject_words: set[str] | None = None
    for pattern in candidates:
        if pattern.particle is not None:
            if particles is None:
                particles = _particles(token)
            if pattern.particle not in particles:
                continue
        if pattern.objects:
            # The embedded act's object counts only for patterns that take one:
            # "announced that X would impose sanctions" is not "announced sanctions".
            with_complement = pattern.complements is not None and complement is not None
            if with_complement not in object_words:
                object_words[with_complement] = _object_words(
                    token, complement if with_complement else None
                )
            if not all(
                group & object_words[with_complement] for group in pattern.objects
            ):
                continue
        if pattern.subjects:
            if subject_words is None:
                subject_words = _subject_words(token)
            if not pattern.subjects & subject_words:
                continue
        if pattern.complements is not None:
            # "threatened to be overshadowed": a passive complement is
            # something that may happen to the subject, not an act it commits
            # to, threatens or refuses.
            if complement is None or _is_passive_verb(complement):
                continue
            lemma = complement.lemma_.lower()
            if pattern.complements and lemma not in pattern.complements:
                continue
            return Match(pattern=pattern, complement=complement)
        return Match(pattern=pattern, complement=None)
    return None


def _candidates(token: Token, patterns: PatternTable) -> tuple[EventPattern, ...]:
    """Patterns for the token's lemma, else for a regular de-inflection of the
    word: the statistical lemmatizer sometimes misreads ("staged" -> "stag")."""
    found = patterns.by_verb.get(token.lemma_.lower())
    if found:
        return found
    for lemma in _regular_lemmas(token.lower_, token.tag_):
        found = patterns.by_verb.get(lemma)
        if found:
            return found
    return ()


def _regular_lemmas(word: str, tag: str) -> tuple[str, ...]:
    if tag in {"VBD", "VBN"} and word.endswith("ed"):
        return (word[:-1], word[:-2])
    if tag == "VBZ" and word.endswith("s"):
        return (word[:-1],)
    if tag == "VBG" and word.endswith("ing"):
        return (word[:-3] + "e", word[:-3])
    return ()


def match_noun(token: Token, patterns: PatternTable) -> EventPattern | None:
    """The most specific noun pattern the nominal event meets."""
    candidates = patterns.by_noun.get(token.lemma_.lower())
    if not candidates:
        return None
    particles = {child.lower_ for child in token.children if child.dep_ == "prep"}
    words = {
        child.lemma_.lower()
        for child in token.children
        if child.dep_ in NOUN_MODIFIER_DEPS
    }
    words |= {token.lemma_.lower()}
    for pattern in candidates:
        if pattern.particle is not None and pattern.particle not in particles:
            continue
        if not all(group & words for group in pattern.objects):
            continue
        return pattern
    return None


def _is_passive_verb(token: Token) -> bool:
    return any(child.dep_ == "auxpass" for child in token.children)


def complement_of(token: Token) -> Token | None:
    """The verb embedded under a predicate: "refused *to meet*", "warned it
    *would retaliate*"."""
    for child in token.children:
        if child.dep_ in COMPLEMENT_DEPS and child.pos_ in {"VERB", "AUX"}:
            return child
    return None


def _subject_words(token: Token) -> set[str]:
    words: set[str] = set()
    for head in source_heads(token):
        words.add(head.lemma_.lower())
        words |= {
            child.lemma_.lower()
            for child in head.children
            if child.dep_ in NOUN_MODIFIER_DEPS
        }
    return words


def _particles(token: Token) -> set[str]:
    found = {
        child.lower_
        for child in token.children
        if child.dep_ in PARTICLE_DEPS or child.dep_ == "advmod"
    }
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            found |= {
                grandchild.lower_
                for grandchild in child.children
                if grandchild.dep_ in {"prep", "advmod"}
            }
    return found


def _object_words(token: Token, complement: Token | None) -> set[str]:
    words: set[str] = set()
    if token.dep_ == "acl" and token.tag_ == "VBN":
        # "an attack claimed by JeM": the noun is what was claimed.
        words.add(token.head.lemma_.lower())
    for head in (token, complement):
        if head is None:
            continue
        for child in head.children:
            if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
                words |= _phrase_words(child)
            elif child.dep_ in PARTICLE_DEPS:
                for inner in child.children:
                    if inner.dep_ in PREPOSITION_OBJECT_DEPS:
                        words |= _phrase_words(inner)
    return words


def _phrase_words(head: Token) -> set[str]:
    """Lemmas of a noun phrase, not descending into clauses attached to it."""
    words: set[str] = set()
    stack = [head]
    while stack and len(words) < MAX_OBJECT_WORDS:
        current = stack.pop()
        words.add(current.lemma_.lower())
        words.add(current.lower_)
        stack.extend(
            child for child in current.children if child.dep_ not in CLAUSE_DEPS
        )
    return words
