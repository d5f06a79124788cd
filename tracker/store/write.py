"""The write side: one article and all it yields, saved in the caller's transaction.

Participants are found by their normalized aliases; events merge with an existing event when they
are the same real event (same type, same people, dates that agree within their precision), so that
many reports of one summit are one event with many sources.

This is the hot path of a backfill, so it speaks SQLAlchemy Core on a Connection (no unit of work),
with statements whose shape does not change (SQLAlchemy caches their compiled form) and
executemany for the rows of an article. It works inside an ORM Session too: pass
`session.connection()`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Insert,
    Integer,
    String,
    Table,
    TextualSelect,
    bindparam,
    column,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError

from tracker.knowledge.names import normalize_name
from tracker.model import DateValue, ExtractedEvent, Extraction, ParticipantRef
from tracker.store import tables
from tracker.store.insert_or_ignore import insert_ignoring_conflicts
from tracker.vocabulary import PLOVER

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}
articles = tables.articles
events = tables.events
links = tables.event_participants
sources = tables.event_sources
statements = tables.statements
participants = tables.participants
related = tables.related_headlines


@dataclass
class SaveResult:
    status: str  # new | duplicate | replaced
    article_id: int
    events_new: int = 0
    events_merged: int = 0
    statements: int = 0


@dataclass
class ParticipantCache:
    """Ids already looked up on this connection (countries and people repeat a lot). Clear it when a
    transaction that may have created participants rolls back."""

    by_key: dict[tuple[str, str], int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)

    def clear(self) -> None:
        self.by_key.clear()
        self.sources.clear()


@dataclass
class PendingRows:
    """What a run of articles writes besides the articles themselves, kept in memory and written with
    one statement per table and kind at `flush` (a few statements per batch instead of several per
    article). New events are known by negative placeholders (-1, -2, ... in creation order) until
    then; the rows that refer to an event hold its id or its placeholder. `flush` before anything
    reads these tables (the next run's candidate query, replacing an article) and before commit."""

    new_events: list[dict[str, Any]] = field(default_factory=list)  # placeholder -1 - i is row i
    links: list[dict[str, Any]] = field(default_factory=list)
    refined: dict[int, DateValue] = field(default_factory=dict)  # stored event id -> its new date
    occurred: set[int] = field(default_factory=set)  # stored events a report turned into occurred
    related: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)

    def new_event(self, row: dict[str, Any]) -> int:
        self.new_events.append(row)
        return -len(self.new_events)

    def flush(self, conn: Connection) -> dict[int, int]:
        """Write everything; returns the ids the placeholders became."""
        ids: dict[int, int] = {}
        if self.new_events:
            created = _insert_events(conn, self.new_events)
            ids = {-1 - i: event_id for i, event_id in enumerate(created)}
        for row in self.links:
            row["event_id"] = ids.get(row["event_id"], row["event_id"])
        _insert_rows(conn, links, self.links)
        if self.refined:
            dated = [{"eid": i, "d": v.date, "p": v.precision} for i, v in self.refined.items()]
            conn.execute(_REFINE_EVENT, dated)
            conn.execute(_REFINE_LINKS, dated)
        if self.occurred:
            conn.execute(_OCCURRED, {"ids": sorted(self.occurred)})
        _insert_rows(conn, related, self.related)
        told: dict[tuple[int, int, int], dict[str, Any]] = {}  # an event told twice by one sentence: once
        for row in self.sources:
            row["event_id"] = ids.get(row["event_id"], row["event_id"])
            told.setdefault((row["event_id"], row["article_id"], row["sentence_start"]), row)
        _insert_rows(conn, sources, list(told.values()))
        for row in self.statements:
            if row["event_id"] is not None:
                row["event_id"] = ids.get(row["event_id"], row["event_id"])
        _insert_rows(conn, statements, self.statements)
        self.new_events, self.links, self.related, self.sources, self.statements = [], [], [], [], []
        self.refined, self.occurred = {}, set()
        return ids


def _insert_events(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """New event rows; their ids in the order of `rows`.

    On SQLite the ids are given here, counting on from the largest (the ids SQLite itself would
    give, as the id is the rowid and the writer holds the database's write lock): SQLAlchemy cannot
    tell which RETURNING row belongs to which parameter set there, and falls back to one INSERT per
    row."""
    if conn.dialect.name != "sqlite":
        return list(conn.execute(_NEW_EVENTS, rows).scalars())
    first = int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) + 1 FROM {events.name}").scalar_one())
    ids = list(range(first, first + len(rows)))
    _insert_rows(conn, events, [{"id": event_id, **row} for event_id, row in zip(ids, rows, strict=True)])
    return ids


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """New rows (of articles saved in this transaction, so that none can conflict with a stored
    one) in one go: COPY on PostgreSQL with psycopg, else one executemany. The rows of a table all
    have the same keys."""
    if not rows:
        return
    names = list(rows[0])
    if conn.dialect.driver == "psycopg":
        _copy(conn, table, names, rows)
    elif conn.dialect.name == "sqlite":  # straight to the driver: SQLAlchemy's per-row work cost more
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        conn.exec_driver_sql(sql, _sqlite_rows(table, names, rows))
    else:
        conn.execute(insert(table), rows)


def _sqlite_rows(table: Table, names: list[str], rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The rows as parameter tuples, with dates as SQLAlchemy's SQLite Date type stores them (ISO
    text). Only the Date columns are converted."""
    assert not any(isinstance(table.c[name].type, DateTime) for name in names), "no datetime is written in bulk"
    pick = itemgetter(*names)
    values = [pick(row) for row in rows] if len(names) > 1 else [(row[names[0]],) for row in rows]
    dates = [i for i, name in enumerate(names) if isinstance(table.c[name].type, Date)]
    if not dates:
        return values
    converted = []
    for row in values:
        cells = list(row)
        for i in dates:
            if cells[i] is not None:
                cells[i] = cells[i].isoformat()
        converted.append(tuple(cells))
    return converted


def _copy(conn: Connection, table: Table, names: list[str], rows: list[dict[str, Any]]) -> None:
    """COPY through psycopg, in the connection's transaction; its errors reach the caller as the
    SQLAlchemy errors any other statement raises (a DataError for a value too long, ...)."""
    import psycopg

    sql = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    raw: Any = conn.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error) from exc


# Statements built once: constructing a select costs more than running it on SQLite.
_BY_HASH = select(articles.c.id).where(articles.c.content_hash == bindparam("h"))
_COUNTRY = select(participants.c.id).where(
    participants.c.kind == "country", participants.c.country_code == bindparam("code")
)
_BY_ALIAS = (
    select(tables.aliases.c.participant_id)
    .join(participants, participants.c.id == tables.aliases.c.participant_id)
    .where(tables.aliases.c.normalized == bindparam("key"), participants.c.kind == bindparam("kind"))
)
_SOURCE_BY_NAME = select(tables.sources.c.id).where(tables.sources.c.name == bindparam("name"))
_BY_NAME = select(participants.c.id).where(
    participants.c.kind == bindparam("kind"), participants.c.name == bindparam("name")
)
_NEW_EVENTS = insert(events).returning(events.c.id, sort_by_parameter_order=True)
_REFINE_EVENT = (
    update(events).where(events.c.id == bindparam("eid")).values(date=bindparam("d"), date_precision=bindparam("p"))
)
_REFINE_LINKS = update(links).where(links.c.event_id == bindparam("eid")).values(event_date=bindparam("d"))
_OCCURRED = (
    update(events)
    .where(events.c.id.in_(bindparam("ids", expanding=True)), events.c.status != "occurred")
    .values(status="occurred")
)
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


@lru_cache(maxsize=2)
def _new_articles_unless_stored(dialect: str) -> Insert:
    return insert_ignoring_conflicts(dialect, articles).returning(articles.c.content_hash, articles.c.id)


WRITER_LOCK = 0x7472_6163  # "trac": the advisory lock that serializes writers on PostgreSQL


def lock_writers(conn: Connection) -> None:
    """Serialize article saves across processes, so that two loaders never both create the same
    event or article. SQLite already does (BEGIN IMMEDIATE); PostgreSQL takes a transaction-level
    advisory lock, released at commit or rollback. Extraction, the expensive part, stays parallel."""
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK, {"key": WRITER_LOCK})


def stored_hashes(conn: Connection, hashes: list[str]) -> set[str]:
    """Which of these content hashes are already stored (one query per call)."""
    if not hashes:
        return set()
    return set(conn.execute(select(articles.c.content_hash).where(articles.c.content_hash.in_(hashes))).scalars())


def find_article_by_hash(conn: Connection, content_hash: str) -> int | None:
    return conn.execute(_BY_HASH, {"h": content_hash}).scalar()


def _insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert_ignoring_conflicts(conn.dialect.name, table), rows)


def participant_id(conn: Connection, ref: ParticipantRef, cache: ParticipantCache | None = None) -> int:
    """The participant row for `ref`, created (with its name as an alias) when it is new."""
    key = (ref.kind, ref.country or "") if ref.kind == "country" else (ref.kind, normalize_name(ref.name))
    if cache and key in cache.by_key:
        return cache.by_key[key]
    if ref.kind == "country":
        found = conn.execute(_COUNTRY, {"code": ref.country}).scalar()
    else:
        found = conn.execute(_BY_ALIAS, {"key": key[1], "kind": ref.kind}).scalar()
    if found is None:
        _insert_ignore(conn, participants, [{"kind": ref.kind, "name": ref.name, "country_code": ref.country}])
        found = conn.execute(_BY_NAME, {"kind": ref.kind, "name": ref.name}).scalar()
        assert found is not None
        _insert_ignore(
            conn,
            tables.aliases,
            [{"participant_id": found, "alias": ref.name, "normalized": normalize_name(ref.name)}],
        )
    if cache is not None:
        cache.by_key[key] = found
    return int(found)


def source_id(conn: Connection, name: str | None, cache: ParticipantCache | None = None) -> int | None:
    if not name:
        return None
    if cache and name in cache.sources:
        return cache.sources[name]
    _insert_ignore(conn, tables.sources, [{"name": name}])
    found = conn.execute(_SOURCE_BY_NAME, {"name": name}).scalar()
    if cache is not None and found is not None:
        cache.sources[name] = found
    return found


@dataclass
class _Known:
    """An event already stored (or saved earlier in this batch), as the same-event test sees it:
    its members split into persons and the others."""

    type: str
    date: DateValue
    persons: set[int]
    others: set[int]  # countries (and any other non-person member)


def _same_event_key(type_: str, persons: set[int], others: set[int]) -> tuple[str, frozenset[int], frozenset[int]]:
    """What `_same_event` compares exactly: the type and the people, or the other members when
    no person is named."""
    return (type_, frozenset(persons), frozenset() if persons else frozenset(others))


class _KnownEvents:
    """The candidate events of a run, in the order `_same_event` prefers them (stored events by id,
    then the new ones as they were created), indexed by their same-event key so that each test
    looks at the few events it could match instead of all of them."""

    def __init__(self, found: dict[int, _Known]) -> None:
        self._events: dict[int, _Known] = {}
        self._rank: dict[int, int] = {}  # position in the preferred order; only ever grows
        self._next_rank = itertools.count()
        self._buckets: dict[tuple[str, frozenset[int], frozenset[int]], set[int]] = {}
        for event_id in sorted(found):
            self.add(event_id, found[event_id])

    def __getitem__(self, event_id: int) -> _Known:
        return self._events[event_id]

    def __contains__(self, event_id: int) -> bool:
        return event_id in self._events

    def _index(self, event_id: int) -> None:
        known = self._events[event_id]
        self._buckets.setdefault(_same_event_key(known.type, known.persons, known.others), set()).add(event_id)

    def _unindex(self, event_id: int) -> None:
        known = self._events[event_id]
        self._buckets[_same_event_key(known.type, known.persons, known.others)].discard(event_id)

    def add(self, event_id: int, known: _Known) -> None:
        """A new candidate, after all the others."""
        self._events[event_id] = known
        self._rank[event_id] = next(self._next_rank)
        self._index(event_id)

    def remove(self, event_id: int) -> _Known | None:
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

    def join(self, event_id: int, persons: set[int], others: set[int]) -> None:
        """New members joined a candidate. A merge needs equal keys, so its key stays the same in
        practice; it is indexed again all the same, so that the index cannot go stale."""
        self._unindex(event_id)
        known = self._events[event_id]
        known.persons |= persons
        known.others |= others
        self._index(event_id)

    def same_as(self, type_: str, date: DateValue, persons: set[int], others: set[int]) -> int | None:
        matches = [
            event_id
            for event_id in self._buckets.get(_same_event_key(type_, persons, others), ())
            if date.agrees_with(self._events[event_id].date)
        ]
        return min(matches, key=self._rank.__getitem__) if matches else None


def _anchor_of(persons: set[int], others: set[int]) -> int | None:
    return min(persons) if persons else (min(others) if others else None)


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


def _candidates(conn: Connection, wanted: list[tuple[ExtractedEvent, set[int], set[int]]]) -> _KnownEvents:
    """Stored events that may be the same as one of `wanted` (a superset: `_same_event` decides), in
    one query for a whole batch: the stretches of the anchors' timelines (an event's first person,
    else its first country) where an agreeing event of its type would be."""
    stretches: dict[tuple[int, str, dt.date, dt.date], None] = {}
    for event, persons, others in wanted:
        anchor = _anchor_of(persons, others)
        if anchor is not None:
            stretches.update(((anchor, event.type, lo, hi), None) for lo, hi in _agreeing_ranges(event.date))
    found: dict[int, _Known] = {}
    rows = list(stretches)
    for first in range(0, len(rows), _STRETCHES_PER_QUERY):
        chunk = rows[first : first + _STRETCHES_PER_QUERY]
        for event_id, type_, date, precision, pid, kind in _candidate_rows(conn, chunk):
            known = found.setdefault(event_id, _Known(type_, DateValue(date, precision), set(), set()))
            (known.persons if kind == "person" else known.others).add(pid)
    return _KnownEvents(found)


def _same_event(event: ExtractedEvent, persons: set[int], others: set[int], known: _KnownEvents) -> int | None:
    """The known event that is this one: same type, same people (or the same countries when no
    person is named), dates that agree within their precision; the first in `known`'s order when
    several are."""
    return known.same_as(event.type, event.date, persons, others)


def _merge_into(event_id: int, plan: _Planned, candidates: _KnownEvents, pending: PendingRows) -> None:
    """A new report of a known event (stored, or new earlier in the run): a more precise date
    refines it, new participants join it, and a report that it happened turns a planned event
    into an occurred one. `candidates` is kept up to date, so nothing is read back."""
    event = plan.event
    known = candidates[event_id]
    new_row = pending.new_events[-1 - event_id] if event_id < 0 else None
    if PRECISION_ORDER[event.date.precision] < PRECISION_ORDER[known.date.precision]:
        known.date = event.date
        if new_row is not None:
            new_row["date"], new_row["date_precision"] = event.date.date, event.date.precision
        else:
            pending.refined[event_id] = event.date
        for row in pending.links:
            if row["event_id"] == event_id:
                row["event_date"] = event.date.date
    pending.links.extend(_link_rows(event_id, plan, known.date.date, known.persons | known.others))
    candidates.join(event_id, plan.persons, plan.others)
    if event.status == "occurred":
        if new_row is not None:
            new_row["status"] = "occurred"
        else:
            pending.occurred.add(event_id)


@dataclass
class _Planned:
    """One event of an article to save, with its participants' ids."""

    event: ExtractedEvent
    ids: dict[ParticipantRef, int]
    persons: set[int]
    others: set[int]  # countries (and any other non-person member)


def _link_rows(
    event_id: int,
    plan: _Planned,
    event_date: dt.date,
    members: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    """The link rows of a planned event's participants that are not `members` yet (one per
    participant, the last role given to it)."""
    roles = {pid: p.role for p, pid in plan.ids.items() if pid not in members}
    return [
        {"event_id": event_id, "participant_id": pid, "role": role, "event_date": event_date}
        for pid, role in roles.items()
    ]


def _plan(conn: Connection, event: ExtractedEvent, cache: ParticipantCache) -> _Planned:
    ids = {p: participant_id(conn, p, cache) for p in event.participants}
    persons = {pid for p, pid in ids.items() if p.kind == "person"}
    return _Planned(event, ids, persons, {pid for pid in ids.values() if pid not in persons})


def save_events(
    planned: list[_Planned], article_id: int, known: _KnownEvents, pending: PendingRows
) -> list[tuple[int, bool]]:
    """(event id or placeholder, whether it was merged into an existing event) for each event of
    one article. `known` holds the candidate events (stored before the run, or new earlier in it)
    and is kept up to date; all rows go to `pending`."""
    outcome: list[tuple[int, bool]] = []
    first_of_article = -1 - len(pending.new_events)
    for plan in planned:
        existing = _same_event(plan.event, plan.persons, plan.others, known)
        if existing is not None:
            if existing > first_of_article:  # an earlier event of this article told again is
                # already complete (the article's own events were merged in extraction)
                _merge_into(existing, plan, known, pending)
            outcome.append((existing, True))
            continue
        event = plan.event
        placeholder = pending.new_event(
            {
                "type": event.type,
                "plover": PLOVER.get(event.type, "OTHER"),
                "date": event.date.date,
                "date_precision": event.date.precision,
                "status": event.status,
                "location": event.location,
                "summary": event.summary,
            }
        )
        known.add(placeholder, _Known(event.type, event.date, set(plan.persons), set(plan.others)))
        pending.links.extend(_link_rows(placeholder, plan, event.date.date))
        outcome.append((placeholder, False))
    pending.sources.extend(
        {
            "event_id": event_id,
            "article_id": article_id,
            "sentence": s.text,
            "sentence_start": s.start,
            "sentence_end": s.end,
        }
        for (event_id, _), plan in zip(outcome, planned, strict=True)
        for s in plan.event.sentences
    )
    return outcome


def delete_article(conn: Connection, article_id: int) -> list[int]:
    """Remove an article; its events lose that source and disappear only when no source is left.
    Returns the ids of the events that disappeared."""
    event_ids = set(conn.execute(select(sources.c.event_id).where(sources.c.article_id == article_id)).scalars())
    conn.execute(delete(statements).where(statements.c.article_id == article_id))
    conn.execute(delete(sources).where(sources.c.article_id == article_id))
    conn.execute(delete(related).where(related.c.article_id == article_id))
    conn.execute(delete(articles).where(articles.c.id == article_id))
    if event_ids:
        still_told = set(conn.execute(select(sources.c.event_id).where(sources.c.event_id.in_(event_ids))).scalars())
        orphaned = sorted(event_ids - still_told)
        if orphaned:
            conn.execute(update(statements).where(statements.c.event_id.in_(orphaned)).values(event_id=None))
            conn.execute(delete(links).where(links.c.event_id.in_(orphaned)))
            conn.execute(delete(events).where(events.c.id.in_(orphaned)))
        return orphaned
    return []


def _previous_version(conn: Connection, extraction: Extraction, new_id: int, later: set[int]) -> int | None:
    """An earlier version of the same article: same URL, or same source, title and date; neither
    this one (`new_id`) nor one saved after it in the same batch (`later`)."""
    article = extraction.article
    found: list[int] = []
    if article.url:
        found = list(conn.execute(select(articles.c.id).where(articles.c.url == article.url)).scalars())
    if not [i for i in found if i != new_id and i not in later] and article.source:
        found = list(
            conn.execute(
                select(articles.c.id)
                .join(tables.sources)
                .where(
                    tables.sources.c.name == article.source,
                    articles.c.title == article.title,
                    articles.c.published == article.published,
                )
            ).scalars()
        )
    earlier = [int(i) for i in found if i != new_id and i not in later]
    return min(earlier) if earlier else None


def _insert_articles(
    conn: Connection, batch: list[Extraction], cache: ParticipantCache, now: dt.datetime
) -> list[int | None]:
    """The new article rows of a batch, in one statement: the id of each, or None for content that
    is stored already. The insert is the duplicate check."""
    rows = [
        {
            "source_id": source_id(conn, e.article.source, cache),
            "title": e.article.title,
            "published": e.article.published,
            "body": e.article.body,
            "origin": e.article.origin,
            "url": e.article.url,
            "content_hash": e.article.content_hash,
            "loaded_at": now,
        }
        for e in batch
    ]
    inserted = {h: i for h, i in conn.execute(_new_articles_unless_stored(conn.dialect.name), rows)}
    ids: list[int | None] = []
    for e in batch:
        ids.append(inserted.pop(e.article.content_hash, None))
    return ids


def save_batch(
    conn: Connection,
    batch: list[Extraction],
    cache: ParticipantCache | None = None,
    now: dt.datetime | None = None,
) -> list[SaveResult]:
    """Store articles and what they yield, in the caller's transaction (holding the writer lock),
    exactly as saving them one after the other would. The same content again changes nothing; a
    corrected version (same URL, or same source, title and date) replaces the old one and its yield.

    For a batch: one insert for the articles, one query for the same-event candidates of all their
    events, then the same-event decisions in memory, and one statement per table for everything
    they write (see `PendingRows`)."""
    if not batch:
        return []
    cache = cache or ParticipantCache()
    # A copy of content stored already (or earlier in the batch) starts a new run: one by one, it is
    # a duplicate unless what came before it in the batch replaced that content, and then it is new.
    present = stored_hashes(conn, [e.article.content_hash for e in batch])
    results: list[SaveResult] = []
    run: list[Extraction] = []
    for extraction in batch:
        content_hash = extraction.article.content_hash
        if content_hash in present and run:
            results.extend(_save_run(conn, run, cache, now))
            run = []
        present.add(content_hash)
        run.append(extraction)
    results.extend(_save_run(conn, run, cache, now))
    return results


def _flush(conn: Connection, rows: PendingRows, known: _KnownEvents) -> None:
    """Write the pending rows; the placeholders in `known` become the new events' ids (moved to
    its end in creation order, which keeps the order `_same_event` relies on)."""
    for placeholder, event_id in rows.flush(conn).items():
        known.renamed(placeholder, event_id)


def _save_run(
    conn: Connection, batch: list[Extraction], cache: ParticipantCache, now: dt.datetime | None
) -> list[SaveResult]:
    """`save_batch` for a run in which only the first article may be stored already."""
    rows = PendingRows()
    ids = _insert_articles(conn, batch, cache, now or dt.datetime.now(dt.UTC))
    # participants in the order one-by-one saving creates them: each article's events, then speakers
    plans: dict[int, tuple[list[_Planned], list[int]]] = {}
    for extraction, article_id in zip(batch, ids, strict=True):
        if article_id is not None:
            planned = [_plan(conn, event, cache) for event in extraction.events]
            speakers = [participant_id(conn, s.speaker, cache) for s in extraction.statements]
            plans[article_id] = (planned, speakers)
    known = _candidates(conn, [(p.event, p.persons, p.others) for planned, _ in plans.values() for p in planned])
    results: list[SaveResult] = []
    saved_ids = [i for i in ids if i is not None]
    for extraction, article_id in zip(batch, ids, strict=True):
        if article_id is None:  # only the first of a run can be (see save_batch)
            existing = find_article_by_hash(conn, extraction.article.content_hash)
            assert existing is not None
            results.append(SaveResult("duplicate", existing))
            continue
        later = set(saved_ids[saved_ids.index(article_id) + 1 :])
        status = "new"
        previous = _previous_version(conn, extraction, article_id, later)
        if previous is not None:
            _flush(conn, rows, known)  # the old version's rows may still be waiting
            for gone in delete_article(conn, previous):
                known.remove(gone)
            status = "replaced"
        planned, speakers = plans[article_id]
        rows.related.extend(
            {"article_id": article_id, "position": i, "text": h} for i, h in enumerate(extraction.article.related)
        )
        saved = save_events(planned, article_id, known, rows)
        event_ids = [event_id for event_id, _ in saved]
        result = SaveResult(status, article_id, statements=len(extraction.statements))
        result.events_merged = sum(merged for _, merged in saved)
        result.events_new = len(saved) - result.events_merged
        rows.statements.extend(
            {
                "speaker_id": speaker_id,
                "article_id": article_id,
                "event_id": event_ids[s.event_index] if s.event_index is not None else None,
                "date": s.date.date,
                "date_precision": s.date.precision,
                "kind": s.kind,
                "text": s.text,
                "sentence_start": s.sentence.start,
                "sentence_end": s.sentence.end,
            }
            for s, speaker_id in zip(extraction.statements, speakers, strict=True)
        )
        results.append(result)
    _flush(conn, rows, known)
    return results


def save_extraction(
    conn: Connection,
    extraction: Extraction,
    cache: ParticipantCache | None = None,
    now: dt.datetime | None = None,
    locked: bool = False,
) -> SaveResult:
    """Store one article and what it yields (see `save_batch`). `locked`: the caller already holds
    the writer lock in this transaction."""
    if not locked:
        lock_writers(conn)
    return save_batch(conn, [extraction], cache, now)[0]
