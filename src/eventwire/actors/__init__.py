"""Stage 4: resolve actor mentions to CAMEO-style actor codes.

``resolve_actors(parsed, *, dictionary, matcher)`` is the stage function; the
dictionary (``load_actor_dictionary``) and its phrase matcher
(``build_actor_matcher``) are built once and passed in.

Modules: ``entry`` (the entry record, codes, sectors, offices), ``_tables``
(reading and checking the TSV tables), ``dictionary`` (the index, lookups by
date, office holders), ``match`` (dictionary phrases in a Doc), ``phrases``
(one noun phrase -> who it names), ``references`` (titles, pronouns and "the
country" followed back through the article), ``speakers`` (quotations and who
speaks them) and ``resolve`` (the stage, in text order).
"""

from eventwire.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    load_actor_dictionary,
)
from eventwire.actors.match import ActorMatcher, build_actor_matcher
from eventwire.actors.resolve import resolve_actors

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorMatcher",
    "build_actor_matcher",
    "load_actor_dictionary",
    "resolve_actors",
]
