"""When two reports tell the same real event: one rule for the sentences of one article (extraction
merges them) and for the articles of a database (the store merges them).

Two reports are one event when they have the same type, the same persons (or, when neither names a
person, the same countries) and dates that agree within their precision. Persons are whoever acts
for themselves: people, and an institution ("the foreign ministry") standing where a person would.
Each side says who they are in its own terms: names within an article, participant ids in a
database; the rule only compares them.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from tracker.model import DateValue

NEAR_DAYS = 3  # how far a date inherited from the narrative may be from the event's own day


@dataclass(frozen=True, slots=True)
class Report:
    """One report of an event, as the rule sees it."""

    type: str
    date: DateValue
    persons: frozenset[Hashable]
    countries: frozenset[Hashable]
    inherited: bool = False  # the date came from the narrative around it, not from its own clause


Identity = tuple[str, frozenset[Hashable], frozenset[Hashable]]


def identity(report: Report) -> Identity:
    """What two reports of one event share exactly: the type and the persons, or the countries
    when no person is named. (The store indexes its events by it.)"""
    return (report.type, report.persons, frozenset() if report.persons else report.countries)


def dates_agree(a: Report, b: Report) -> bool:
    """Same day, or the same month or year where either is only that precise. A date only inherited
    from the narrative ("during which he held his last summit") also gives way to the same event
    told with its own day nearby ("met Yoon on Friday")."""
    if a.date.agrees_with(b.date):
        return True
    return (
        a.inherited != b.inherited
        and a.date.precision == b.date.precision == "day"
        and abs((a.date.date - b.date.date).days) <= NEAR_DAYS
    )


def same_event(a: Report, b: Report) -> bool:
    return identity(a) == identity(b) and dates_agree(a, b)
