"""Stage 6c, places: find the places an article names and where its events happened.

:func:`load_gazetteer` builds the offline index once; :func:`find_toponyms`
geocodes every place an article names; :func:`place_of_predicate` gives an
event the place attached to its predicate.
"""

from eventwire.places.anchor import place_of_predicate
from eventwire.places.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from eventwire.places.toponyms import find_toponyms

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "find_toponyms",
    "load_gazetteer",
    "place_of_predicate",
]
