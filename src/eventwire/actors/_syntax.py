"""The shape of a noun phrase over the dependency parse: its tokens and bounds.

Kept apart from :mod:`eventwire.actors.phrases`, which decides who a phrase
names; these helpers only read the parse.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# Dependents that belong to the noun phrase they modify.
NOUN_PHRASE_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "det", "case", "flat", "nummod", "npadvmod"}
)
MODIFIER_DEPS = NOUN_PHRASE_DEPS - {"det", "case"}
HEAD_POS = frozenset({"NOUN", "PROPN"})
# "anti-ISIL coalition", "pro-Russian separatists": the name is what the
# phrase is against or for, not who it is.
STANCE_PREFIXES = frozenset({"anti", "pro", "counter", "non"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "any", "some", "every"})
# Fewer capitalised words than this are an acronym or a name, not a headline.
MIN_HEADLINE_WORDS = 3


# Where a Doc keeps its TokenFlags (spaCy's ``user_data`` is per Doc).
TOKEN_FLAGS_KEY = "eventwire.actors.token_flags"


@dataclass(frozen=True, slots=True)
class TokenFlags:
    """Tests the actors stage makes on every word of a Doc, read once.

    Read off the Doc in one ``to_array`` call, so that the sentence loops make
    a ``Token`` (and look up its tag strings) only for the words that matter,
    not for every word of every sentence.
    """

    alpha: list[bool]
    upper: list[bool]
    # Nouns and proper nouns that modify no other noun (where a phrase ends),
    # in text order.
    phrase_heads: list[int]


def token_flags(doc: Doc) -> TokenFlags:
    """The :class:`TokenFlags` of ``doc``, computed once."""
    kept: TokenFlags | None = doc.user_data.get(TOKEN_FLAGS_KEY)
    if kept is None:
        strings = doc.vocab.strings
        head_pos = {strings[name] for name in HEAD_POS}
        modifier_deps = {strings[name] for name in MODIFIER_DEPS}
        rows = doc.to_array(["POS", "DEP", "IS_ALPHA", "IS_UPPER"]).tolist()
        kept = TokenFlags(
            alpha=[bool(row[2]) for row in rows],
            upper=[bool(row[3]) for row in rows],
            phrase_heads=[
                i
                for i, (pos, dep, _, _) in enumerate(rows)
                if pos in head_pos and dep not in modifier_deps
            ],
        )
        doc.user_data[TOKEN_FLAGS_KEY] = kept
    return kept


def all_caps(sentence: Span) -> bool:
    """ "TURKEY DOWNS RUSSIAN JET": a headline in capitals, whose parse and
    part-of-speech tags are noise."""
    flags = token_flags(sentence.doc)
    start, end = sentence.start, sentence.end
    words = [
        upper
        for alpha, upper in zip(
            flags.alpha[start:end], flags.upper[start:end], strict=True
        )
        if alpha
    ]
    return len(words) >= MIN_HEADLINE_WORDS and all(words)


def phrase_heads(sentence: Span) -> list[Token]:
    """The nouns of ``sentence`` that head a phrase (no modifier), in order."""
    doc = sentence.doc
    heads = token_flags(doc).phrase_heads
    first = bisect_left(heads, sentence.start)
    last = bisect_left(heads, sentence.end)
    return [doc[i] for i in heads[first:last]]


def negated_modifier(doc: Doc, start: int) -> bool:
    """True for a name glued to a stance prefix: "anti-ISIL", "pro-Kremlin"."""
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].lower_ in STANCE_PREFIXES
    )


def phrase_tokens(head: Token) -> list[Token]:
    """The head and its noun-phrase dependents to its left, in text order."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in NOUN_PHRASE_DEPS and child.i < head.i:
                tokens.append(child)
                stack.append(child)
    return sorted(tokens, key=lambda token: token.i)


def with_of_objects(head: Token, tokens: list[Token]) -> list[Token]:
    """Add the object of "of" ("the president of France") to a phrase's tokens."""
    extra = [
        grandchild
        for child in head.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    return tokens + extra


def trimmed_bounds(tokens: list[Token]) -> tuple[int, int]:
    kept = [
        token
        for token in tokens
        if not (token.dep_ in {"det", "case"} or token.is_punct)
    ]
    kept = kept or tokens
    return kept[0].i, kept[-1].i + 1


def is_title_phrase(head: Token, tokens: list[Token]) -> bool:
    """A singular, definite or bare title: not "presidents", not "a minister"."""
    if head.tag_ in {"NNS", "NNPS"}:
        return False
    return not any(t.lower_ in INDEFINITE_DETERMINERS for t in tokens)


def of_objects(head: Token) -> list[Token]:
    return [
        grandchild
        for child in head.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for grandchild in child.children
        if grandchild.dep_ == "pobj" and grandchild.lower_ != "state"
    ]


def of_state(head: Token) -> list[str]:
    """ "of state" after "secretary", which the parse attaches to the right."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and objects[0].lower_ == "state":
                return ["of", "state"]
    return []
