"""Writing a run of articles' rows in bulk: kept in memory, then one statement per table and kind.

Every row belongs to an article saved in the same transaction, so none can conflict with a stored
one: plain inserts (COPY on PostgreSQL with psycopg) are enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table, bindparam, insert, update
from sqlalchemy.exc import DBAPIError

from tracker.model import DateValue
from tracker.store import tables

events = tables.events
links = tables.event_participants
sources = tables.event_sources
statements = tables.statements
related = tables.related_headlines

# Statements built once: constructing one costs more than running it on SQLite.
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
            created = insert_events(conn, self.new_events)
            ids = {-1 - i: event_id for i, event_id in enumerate(created)}
        for row in self.links:
            row["event_id"] = ids.get(row["event_id"], row["event_id"])
        insert_rows(conn, links, self.links)
        if self.refined:
            dated = [{"eid": i, "d": v.date, "p": v.precision} for i, v in self.refined.items()]
            conn.execute(_REFINE_EVENT, dated)
            conn.execute(_REFINE_LINKS, dated)
        if self.occurred:
            conn.execute(_OCCURRED, {"ids": sorted(self.occurred)})
        insert_rows(conn, related, self.related)
        told: dict[tuple[int, int, int], dict[str, Any]] = {}  # an event told twice by one sentence: once
        for row in self.sources:
            row["event_id"] = ids.get(row["event_id"], row["event_id"])
            told.setdefault((row["event_id"], row["article_id"], row["sentence_start"]), row)
        insert_rows(conn, sources, list(told.values()))
        for row in self.statements:
            if row["event_id"] is not None:
                row["event_id"] = ids.get(row["event_id"], row["event_id"])
        insert_rows(conn, statements, self.statements)
        self.new_events, self.links, self.related, self.sources, self.statements = [], [], [], [], []
        self.refined, self.occurred = {}, set()
        return ids


def insert_events(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """New event rows; their ids in the order of `rows`.

    On SQLite the ids are given here, counting on from the largest (the ids SQLite itself would
    give, as the id is the rowid and the writer holds the database's write lock): SQLAlchemy cannot
    tell which RETURNING row belongs to which parameter set there, and falls back to one INSERT per
    row."""
    if conn.dialect.name != "sqlite":
        return list(conn.execute(_NEW_EVENTS, rows).scalars())
    first = int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) + 1 FROM {events.name}").scalar_one())
    ids = list(range(first, first + len(rows)))
    insert_rows(conn, events, [{"id": event_id, **row} for event_id, row in zip(ids, rows, strict=True)])
    return ids


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
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
