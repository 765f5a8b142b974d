"""Quote records from the shared quote finder, with resolved speakers."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.actors.speakers import (
    Quotation,
    find_quotations,
    paragraph_starts,
    text_layout,
)
from eventwire.model import Actor, Event, ParsedArticle, Quote, TextSpan
from eventwire.nlp import sentences_of

# Punctuation a quoted sentence hands over to its speech verb, inside the
# closing mark ("“Our positions are the same,” Putin said"): not the words.
TRAILING_MARKS = (",", ".")
# Dependents to the right of a speaker's head that still name who speaks
# ("a source *close to the talks*", "the head *of the agency*").
SPEAKER_RIGHT_DEPS = frozenset({"prep", "amod", "compound", "nummod", "pobj"})
UNKNOWN_SPEAKER_METHOD = "unknown"


def find_quotes(parsed: ParsedArticle, *, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    """Every direct, indirect and mixed quote of the article, in text order.

    The speaker is the resolved actor at the speaker's mention, or an actor
    with no code built from the speaker's noun phrase ("a witness"), or None
    when no speaker is in reach.
    """
    doc = parsed.doc
    if len(doc) == 0:
        return ()
    layout = text_layout(doc)
    quotations = find_quotations(
        doc, paragraphs=paragraph_starts(doc, layout=layout), layout=layout
    )
    sentence_starts = [sentence.start for sentence in sentences_of(doc)]
    by_token = _actors_by_token(actors)
    quotes: list[Quote] = []
    for quotation in quotations:
        span = _content(parsed, quotation)
        if span is None:
            continue
        cue = _original(parsed, *quotation.cue) if quotation.cue is not None else None
        quotes.append(
            Quote(
                article_id=parsed.article.id,
                text=span.text,
                start=span.start,
                end=span.end,
                sentence=bisect_right(sentence_starts, quotation.start) - 1,
                kind=quotation.kind,
                cue=cue,
                speaker=_speaker(parsed, quotation.speaker, by_token, sentence_starts),
            )
        )
    return tuple(quotes)


def link_quote_events(
    quotes: Sequence[Quote], events: Sequence[Event]
) -> tuple[Quote, ...]:
    """The quotes with the ids of the events whose predicate lies inside them."""
    return tuple(
        replace(
            quote,
            event_ids=tuple(
                event.event_id
                for event in events
                if event.predicate is not None
                and event.article_id == quote.article_id
                and quote.start <= event.predicate.start
                and event.predicate.end <= quote.end
            ),
        )
        for quote in quotes
    )


def _content(parsed: ParsedArticle, quotation: Quotation) -> TextSpan | None:
    """The quoted words in original offsets: for a direct quote what stands
    between its marks, less the comma or period it hands over; for reported
    speech the clause (a mixed one less the closing mark it ends with)."""
    doc = parsed.doc
    last = doc[quotation.end - 1]
    if quotation.kind == "direct":
        opening = doc[quotation.start]
        start = opening.idx + len(opening.text)
        end = last.idx if quotation.closed else last.idx + len(last.text)
    else:
        start = doc[quotation.start].idx
        # A mixed clause ending with its fragment ends as the fragment does:
        # without the closing mark and the period inside it.
        ends_quoted = bool(quotation.quoted) and quotation.quoted[-1][1] == (
            quotation.end
        )
        end = last.idx if ends_quoted else last.idx + len(last.text)
        if not ends_quoted:
            return _stripped(parsed, start, end)
    span = _stripped(parsed, start, end)
    if span is not None and span.text.endswith(TRAILING_MARKS):
        span = _stripped(parsed, start, end, trim=1)
    return span


def _clean_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def _stripped(
    parsed: ParsedArticle, clean_start: int, clean_end: int, *, trim: int = 0
) -> TextSpan | None:
    start, end = parsed.clean.offsets.to_original(clean_start, clean_end)
    text = parsed.article.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    end -= trim
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return TextSpan(text=text[start:end], start=start, end=end)


def _original(parsed: ParsedArticle, first: int, end: int) -> TextSpan:
    start, stop = parsed.clean.offsets.to_original(
        *_clean_chars(parsed.doc, first, end)
    )
    return TextSpan(text=parsed.article.text[start:stop], start=start, end=stop)


def _actors_by_token(actors: Sequence[Actor]) -> dict[int, Actor]:
    """The actor to take at each token: the one headed there, else the
    narrowest one covering it."""
    by_token: dict[int, Actor] = {}
    for actor in sorted(
        actors, key=lambda a: a.token_end - a.token_start, reverse=True
    ):
        for index in range(actor.token_start, actor.token_end):
            by_token[index] = actor
    for actor in actors:
        by_token[actor.head] = actor
    return by_token


def _speaker(
    parsed: ParsedArticle,
    token: int | None,
    by_token: dict[int, Actor],
    sentence_starts: Sequence[int],
) -> Actor | None:
    if token is None:
        return None
    actor = by_token.get(token)
    if actor is not None:
        return actor
    head = parsed.doc[token]
    first, end = _noun_phrase(head)
    span = _original(parsed, first, end)
    return Actor(
        text=span.text,
        start=span.start,
        end=span.end,
        sentence=bisect_right(sentence_starts, token) - 1,
        token_start=first,
        token_end=end,
        head=token,
        code=None,
        method=UNKNOWN_SPEAKER_METHOD,
        label=head.ent_type_ or None,
    )


def _noun_phrase(head: Token) -> tuple[int, int]:
    """The speaker's words: the head with what stands before it and the
    modifiers after it that say who it is, but no clause or apposition."""
    last = head.i
    for child in head.rights:
        if child.dep_ not in SPEAKER_RIGHT_DEPS:
            break
        last = child.right_edge.i
    return head.left_edge.i, last + 1
