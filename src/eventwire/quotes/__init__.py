"""Stage 6a: quotes, who said them and the events they hold.

``find_quotes(parsed, *, actors)`` turns the quotations and reported clauses
the actor resolver already reads (:mod:`eventwire.actors.speakers`, the one
quote finder) into :class:`~eventwire.model.Quote` records whose speaker is
the resolved actor ("he" -> Vladimir Putin, RUSGOV); ``link_quote_events``
adds the ids of the events coded inside each quote. ``scoring`` measures the
stage against a gold file.
"""

from eventwire.quotes.find import find_quotes, link_quote_events

__all__ = ["find_quotes", "link_quote_events"]
