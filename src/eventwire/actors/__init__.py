"""Stage 4: resolve actor mentions to CAMEO-style actor codes.

``resolve_actors(parsed, *, dictionary, matcher)`` is the stage function; the
dictionary (``load_actor_dictionary``) and its phrase matcher
(``build_actor_matcher``) are built once and passed in.
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
