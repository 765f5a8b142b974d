"""Stage 6b: dates. Temporal expressions normalised TimeML-style against the
publication date, and the date of each event from the expression attached to
its predicate.

:func:`find_times` lists the expressions of a parsed article;
:func:`event_time` dates one event from them.
"""

from eventwire.dates.anchor import event_time
from eventwire.dates.find import find_times

__all__ = ["event_time", "find_times"]
