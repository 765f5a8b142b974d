"""Stage 5: code events (CAMEO and PLOVER) from parsed articles and their actors.

``code_events(parsed, *, actors, patterns, ontology)`` is the stage function;
the ontology tables and event patterns are loaded once and passed in.
"""

from eventwire.coding.coder import code_events
from eventwire.coding.events import CODER
from eventwire.coding.ontology import Ontology, load_ontology
from eventwire.coding.patterns import EventPattern, PatternTable, load_patterns

__all__ = [
    "CODER",
    "EventPattern",
    "Ontology",
    "PatternTable",
    "code_events",
    "load_ontology",
    "load_patterns",
]
