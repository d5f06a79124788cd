"""The read side: timelines and statements as plain rows (dicts in the documented JSON contract),
filtered by participants found by any spelling. Every filter is a bound parameter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, exists, or_, select, text

from tracker.errors import TrackerError
from tracker.store.event_rows import EVENT_FIELDS, complete_events
from tracker.store.lookup import contains_text, find_actor, find_country, find_participant, reads_on
from tracker.store.tables import articles, event_participants, events, participants, statements

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

person = participants.c


@dataclass(frozen=True)
class TimelineFilter:
    leaders: tuple[str, ...] = ()
    country: str | None = None
    pair: tuple[str, str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None
    limit: int | None = None


def timeline_query(db: Connection | Session, f: TimelineFilter) -> tuple[Any, tuple[Any, Any]]:
    """The ids and dates of the events that match, and the columns they are ordered by.

    When one participant bounds the result (a pair, one leader, one country), the scan is driven
    by that participant's (participant_id, event_date, event_id) index, so that "newest 100" reads
    about 100 index entries instead of sorting every match."""
    driver: int | None = None
    others: list[int] = []
    if f.pair:
        a, b = (find_actor(db, x) for x in f.pair)
        if a.id == b.id:
            raise TrackerError(f"--pair needs two different participants, got {a.name} twice")
        driver, others = a.id, [b.id]
    leader_ids = [find_participant(db, name).id for name in f.leaders]
    country_id = find_country(db, f.country).id if f.country else None
    if driver is None and len(leader_ids) == 1:
        driver, leader_ids = leader_ids[0], []
    elif driver is None and not leader_ids and country_id is not None:
        driver, country_id = country_id, None
    event = events.c
    if driver is not None:
        driving = event_participants.alias("driver")
        link = driving.c
        query: Any = select(link.event_id.label("id"), link.event_date.label("date")).where(
            link.participant_id == driver
        )
        order: tuple[Any, Any] = (link.event_date, link.event_id)
        event_id: Any = link.event_id
        if f.type:
            query = query.join_from(driving, events, event.id == link.event_id).where(event.type == f.type)
    else:
        query = select(event.id, event.date)
        order = (event.date, event.id)
        event_id = event.id
        if f.type:
            query = query.where(event.type == f.type)

    def has(participant_id: int) -> Any:
        links = event_participants.c
        return exists().where(links.event_id == event_id, links.participant_id == participant_id)

    for other in others:
        query = query.where(has(other))
    if leader_ids:
        query = query.where(or_(*(has(i) for i in leader_ids)))
    if country_id is not None:
        query = query.where(has(country_id))
    if f.since:
        query = query.where(order[0] >= f.since)
    if f.until:
        query = query.where(order[0] <= f.until)
    return query, order


def fetch_timeline(db: Connection | Session, f: TimelineFilter) -> list[dict[str, Any]]:
    """Events, oldest first; with a limit, the most recent `limit` of them (still oldest first).
    The matching ids and their events come in one statement, their participants and sources in
    one more each."""
    query, (date, ident) = timeline_query(db, f)
    conn = reads_on(db)
    if f.limit is not None:
        if conn.dialect.name == "postgresql":
            # For this transaction: a "newest N" walk of one index stops after a few hundred
            # entries, so starting parallel workers costs more than it saves; and each run is
            # planned for its own participants (once the driver has prepared the statement, a
            # generic plan that cannot see how common they are may hash-join all their links:
            # ~45 ms instead of ~3 on a million events). Both settings in one round trip.
            conn.execute(_PER_RUN_PLANS)
        query = query.order_by(date.desc(), ident.desc()).limit(f.limit)
    chosen = query.subquery("chosen")
    rows = conn.execute(
        select(*(events.c[name] for name in EVENT_FIELDS))
        .join_from(chosen, events, events.c.id == chosen.c.id)
        .order_by(chosen.c.date, chosen.c.id)
    ).all()
    return complete_events(conn, rows)


_PER_RUN_PLANS = text(
    "SELECT set_config('max_parallel_workers_per_gather', '0', true),"
    " set_config('plan_cache_mode', 'force_custom_plan', true)"
)


@dataclass(frozen=True)
class StatementFilter:
    speaker: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    search: str | None = None
    limit: int | None = None


def fetch_statements(db: Connection | Session, f: StatementFilter) -> list[dict[str, Any]]:
    said, article = statements.c, articles.c
    query = select(
        said.id,
        said.date,
        said.date_precision,
        person.name,
        person.kind,
        person.country_code,
        said.kind,
        said.text,
        said.event_id,
        article.id,
        article.title,
        article.published,
    ).select_from(
        statements.join(participants, person.id == said.speaker_id).join(articles, article.id == said.article_id)
    )
    if f.speaker:
        query = query.where(said.speaker_id == find_participant(db, f.speaker).id)
    if f.country:
        query = query.where(person.country_code == find_country(db, f.country).country)
    if f.since:
        query = query.where(said.date >= f.since)
    if f.until:
        query = query.where(said.date <= f.until)
    if f.search:
        query = query.where(contains_text(said.text, f.search))
    query = query.order_by(said.date, said.id)
    if f.limit is not None:
        query = query.limit(f.limit)
    return [
        {
            "id": statement_id,
            "date": date.isoformat(),
            "date_precision": precision,
            "speaker": {"name": name, "kind": kind, "country": country},
            "kind": said_kind,
            "text": text_,
            "event_id": event_id,
            "article": {"id": article_id, "title": title, "published": published.isoformat()},
        }
        for (
            statement_id,
            date,
            precision,
            name,
            kind,
            country,
            said_kind,
            text_,
            event_id,
            article_id,
            title,
            published,
        ) in reads_on(db).execute(query)
    ]
