"""The events a new report may be the same as: stored ones near its date, found for a whole
batch in one query, and those new earlier in the run, indexed by what must be equal."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from sqlalchemy import Connection, Date, Integer, String, TextualSelect, column, text

from tracker.model import DateValue, ExtractedEvent
from tracker.same_event import Identity, Report, identity, same_event
from tracker.store import tables

events = tables.events
links = tables.event_participants
participants = tables.participants


@dataclass
class Known:
    """An event already stored (or saved earlier in this batch), as the same-event rule sees it:
    its members split into persons (people and institutions) and countries."""

    type: str
    date: DateValue
    persons: set[int]
    countries: set[int]

    def report(self) -> Report:
        """A stored date is the event's own: never only inherited from a narrative."""
        return Report(self.type, self.date, frozenset(self.persons), frozenset(self.countries))


class KnownEvents:
    """The candidate events of a run, in the order the same-event decision prefers them (stored
    events by id, then the new ones as they were created), indexed by their `identity` so that
    each decision looks at the few events it could match instead of all of them."""

    def __init__(self, found: dict[int, Known]) -> None:
        self._events: dict[int, Known] = {}
        self._rank: dict[int, int] = {}  # position in the preferred order; only ever grows
        self._next_rank = itertools.count()
        self._buckets: dict[Identity, set[int]] = {}
        for event_id in sorted(found):
            self.add(event_id, found[event_id])

    def __getitem__(self, event_id: int) -> Known:
        return self._events[event_id]

    def __contains__(self, event_id: int) -> bool:
        return event_id in self._events

    def _index(self, event_id: int) -> None:
        self._buckets.setdefault(identity(self._events[event_id].report()), set()).add(event_id)

    def _unindex(self, event_id: int) -> None:
        self._buckets[identity(self._events[event_id].report())].discard(event_id)

    def add(self, event_id: int, known: Known) -> None:
        """A new candidate, after all the others."""
        self._events[event_id] = known
        self._rank[event_id] = next(self._next_rank)
        self._index(event_id)

    def remove(self, event_id: int) -> Known | None:
        if event_id not in self._events:
            return None
        self._unindex(event_id)
        del self._rank[event_id]
        return self._events.pop(event_id)

    def renamed(self, old: int, new: int) -> None:
        """A placeholder became the id it was written with (it moves after all the others)."""
        known = self.remove(old)
        assert known is not None
        self.add(new, known)

    def join(self, event_id: int, persons: set[int], countries: set[int]) -> None:
        """New members joined a candidate. A merge needs equal identities, so its identity stays the
        same in practice; it is indexed again all the same, so that the index cannot go stale."""
        self._unindex(event_id)
        known = self._events[event_id]
        known.persons |= persons
        known.countries |= countries
        self._index(event_id)

    def same_as(self, report: Report) -> int | None:
        """The candidate that is the same event as `report`; the first in order when several are."""
        matches = [
            event_id
            for event_id in self._buckets.get(identity(report), ())
            if same_event(report, self._events[event_id].report())
        ]
        return min(matches, key=self._rank.__getitem__) if matches else None


def _anchor_of(persons: set[int], countries: set[int]) -> int | None:
    return min(persons) if persons else (min(countries) if countries else None)


def _agreeing_ranges(value: DateValue) -> list[tuple[dt.date, dt.date]]:
    """The anchor link dates a stored event must have to agree with `value`: within its day, month
    or year, or on the first of its month or year (where stored events of those precisions sit)."""
    day = value.date
    year_start = dt.date(day.year, 1, 1)
    if value.precision == "year":
        return [(year_start, dt.date(day.year, 12, 31))]
    month_start = dt.date(day.year, day.month, 1)
    if value.precision == "month":
        next_month = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return [(month_start, next_month - dt.timedelta(days=1)), (year_start, year_start)]
    return [(day, day), (month_start, month_start), (year_start, year_start)]


_STRETCHES_PER_QUERY = 512  # four parameters each: well inside SQLite's limit
_QUERY_SIZES = (16, 32, 64, 128, 256, _STRETCHES_PER_QUERY)  # a stretch list is padded to one of these


_CANDIDATES = (
    "{cte}SELECT e.id, e.type, e.date, e.date_precision, m.participant_id, p.kind FROM {stretches} "
    f"JOIN {links.name} AS anchor ON anchor.participant_id = w.a AND anchor.event_date BETWEEN w.lo AND w.hi "
    f"JOIN {events.name} AS e ON e.id = anchor.event_id AND e.type = w.t "
    f"JOIN {links.name} AS m ON m.event_id = anchor.event_id "
    f"JOIN {participants.name} AS p ON p.id = m.participant_id"
)
_CANDIDATE_COLUMNS = (
    column("id", Integer),
    column("type", String),
    column("date", Date),
    column("date_precision", String),
    column("participant_id", Integer),
    column("kind", String),
)


@cache
def _pg_candidates_query() -> TextualSelect:
    """Events of a type on stretches (anchor, type, first day, last day) of the anchors' timelines,
    with all their members. The stretches drive the join, so each is one range of the
    (participant_id, event_date) index whatever their number (an OR of many ranges lets the
    planners pick a scan). PostgreSQL gets them as four arrays: one short statement, which the
    driver need not parse again."""
    stretches = (
        "unnest(CAST(:a AS INTEGER[]), CAST(:t AS VARCHAR[]), CAST(:lo AS DATE[]), CAST(:hi AS DATE[]))"
        " AS w(a, t, lo, hi)"
    )
    return text(_CANDIDATES.format(cte="", stretches=stretches)).columns(*_CANDIDATE_COLUMNS)


@lru_cache(maxsize=len(_QUERY_SIZES))
def _sqlite_candidates_sql(size: int) -> str:
    """The same query for SQLite, the stretches a VALUES list of `size` rows of parameters."""
    rows = ", ".join(["(?, ?, ?, ?)"] * size)
    return _CANDIDATES.format(cte=f"WITH w(a, t, lo, hi) AS (VALUES {rows}) ", stretches="w")


CandidateRow = tuple[int, str, dt.date, str, int, str]  # event id, type, date, precision, member id, member kind
# what pads a stretch list to its size class: no participant has id 0, and the range is empty
_NO_STRETCH = (0, "", dt.date.max.isoformat(), dt.date.min.isoformat())


def _candidate_rows(conn: Connection, stretches: list[tuple[int, str, dt.date, dt.date]]) -> Iterator[CandidateRow]:
    """The stored events on these stretches, a row per member, as the database returns them."""
    if conn.dialect.name == "postgresql":
        a, t, lo, hi = (list(column) for column in zip(*stretches, strict=True))
        for row in conn.execute(_pg_candidates_query(), {"a": a, "t": t, "lo": lo, "hi": hi}):
            yield tuple(row)
        return
    # SQLite, straight to the driver: through SQLAlchemy, typing a thousand parameters cost more than
    # the query. The list is padded to a size class with stretches that find nothing; dates are ISO
    # text, as the Date type stores them.
    size = next(s for s in _QUERY_SIZES if s >= len(stretches))
    params = [value for a, t, lo, hi in stretches for value in (a, t, lo.isoformat(), hi.isoformat())]
    params += _NO_STRETCH * (size - len(stretches))
    for event_id, type_, date, precision, member, kind in conn.exec_driver_sql(
        _sqlite_candidates_sql(size), tuple(params)
    ):
        yield event_id, type_, dt.date.fromisoformat(date), precision, member, kind


def candidates(conn: Connection, wanted: list[tuple[ExtractedEvent, set[int], set[int]]]) -> KnownEvents:
    """Stored events that may be the same as one of `wanted` (events with their persons' and
    countries' ids): a superset, the same-event rule decides. One query for a whole batch: the
    stretches of the anchors' timelines (an event's first person, else its first country) where an
    event of its type with an agreeing date would be."""
    stretches: dict[tuple[int, str, dt.date, dt.date], None] = {}
    for event, persons, countries in wanted:
        anchor = _anchor_of(persons, countries)
        if anchor is not None:
            stretches.update(((anchor, event.type, lo, hi), None) for lo, hi in _agreeing_ranges(event.date))
    found: dict[int, Known] = {}
    rows = list(stretches)
    for first in range(0, len(rows), _STRETCHES_PER_QUERY):
        chunk = rows[first : first + _STRETCHES_PER_QUERY]
        for event_id, type_, date, precision, pid, kind in _candidate_rows(conn, chunk):
            known = found.setdefault(event_id, Known(type_, DateValue(date, precision), set(), set()))
            (known.countries if kind == "country" else known.persons).add(pid)
    return KnownEvents(found)
