"""The read side: find participants by any spelling, and fetch timelines and statements as plain
rows (dicts in the documented JSON contract). Every filter is a bound parameter."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, bindparam, exists, func, or_, select, text

from tracker.errors import TrackerError
from tracker.knowledge.names import normalize_name
from tracker.store.tables import aliases, articles, event_participants, event_sources, events, participants, statements

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def contains_text(column: Any, text: str) -> Any:
    """Case-insensitive "contains", with the user's % and _ taken literally (a bound parameter)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def reads_on(db: Connection | Session) -> Connection:
    """The connection queries run on: a Connection as it is (the read commands, which never import
    the ORM), or the one a Session (the curation commands) holds its transaction on."""
    return db if isinstance(db, Connection) else db.connection()


person, alias = participants.c, aliases.c
_PARTICIPANT_COLUMNS = (person.id, person.name, person.kind, person.country_code)
# built once: constructing a select costs more than running it
_BY_ALIAS = (
    select(*_PARTICIPANT_COLUMNS)
    .join_from(participants, aliases, alias.participant_id == person.id)
    .where(alias.normalized == bindparam("key"), person.kind.in_(bindparam("kinds", expanding=True)))
)
_COUNTRY_BY_CODE = select(*_PARTICIPANT_COLUMNS).where(
    person.kind == "country", person.country_code == bindparam("code")
)


@dataclass(frozen=True)
class Found:
    id: int
    name: str
    kind: str
    country: str | None


def _found(row: Any) -> Found:
    return Found(row.id, row.name, row.kind, row.country_code)


def find_participant(db: Connection | Session, name: str, kinds: tuple[str, ...] = ("person", "organization")) -> Found:
    """One participant by any spelling (case, hyphens, spaces and name order do not matter); a short
    name that fits several ("Lee") is an error naming them."""
    key = normalize_name(name)
    if not key:
        raise TrackerError(f"no name given: {name!r}")
    conn = reads_on(db)
    exact = conn.execute(_BY_ALIAS, {"key": key, "kinds": list(kinds)}).all()
    if len(exact) == 1:
        return _found(exact[0])
    if not exact:
        tokens = key.split()
        conditions = [
            or_(
                alias.normalized == t,
                alias.normalized.like(f"{t} %"),
                alias.normalized.like(f"% {t}"),
                alias.normalized.like(f"% {t} %"),
            )
            for t in tokens
        ]
        exact = conn.execute(
            select(*_PARTICIPANT_COLUMNS)
            .distinct()
            .join_from(participants, aliases, alias.participant_id == person.id)
            .where(and_(*conditions), person.kind.in_(kinds))
        ).all()
    if len(exact) == 1:
        return _found(exact[0])
    if not exact:
        raise TrackerError(f"no participant named {name!r}")
    names = ", ".join(sorted(f"{r.name} ({r.country_code or r.kind})" for r in exact)[:12])
    raise TrackerError(f"{name!r} is ambiguous: {names}")


def find_country(db: Connection | Session, text: str) -> Found:
    """A country by ISO alpha-2 or alpha-3 code or by name ("KR", "KOR", "South Korea", "Japan")."""
    value = text.strip()
    code = None
    if len(value) == 2 and value.isalpha():
        code = value.upper()
    elif len(value) == 3 and value.isalpha():
        import pycountry

        record = pycountry.countries.get(alpha_3=value.upper())
        code = record.alpha_2 if record else None
    if code:
        row = reads_on(db).execute(_COUNTRY_BY_CODE, {"code": code}).first()
        if row:
            return _found(row)
    try:
        return find_participant(db, value, kinds=("country",))
    except TrackerError:
        raise TrackerError(f"unknown country {text!r} (use an ISO code such as KR or JPN, or a name)") from None


def find_actor(db: Connection | Session, text: str) -> Found:
    """For --pair: a country if the text names one, else a person or organization."""
    try:
        return find_country(db, text)
    except TrackerError:
        return find_participant(db, text)


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
        select(*(events.c[name] for name in _EVENT_FIELDS))
        .join_from(chosen, events, events.c.id == chosen.c.id)
        .order_by(chosen.c.date, chosen.c.id)
    ).all()
    return _complete(conn, rows)


_PER_RUN_PLANS = text(
    "SELECT set_config('max_parallel_workers_per_gather', '0', true),"
    " set_config('plan_cache_mode', 'force_custom_plan', true)"
)
_EVENT_FIELDS = ("id", "date", "date_precision", "type", "status", "plover", "location", "summary")


@lru_cache(maxsize=2)
def _hydration(dialect: str) -> tuple[Any, Any, Any]:
    """The three statements that turn event ids into full events, built once per dialect. The ids
    are one parameter, so the statement text stays the same whatever their count (the drivers'
    statement caches serve every call): on PostgreSQL an array (`= ANY(:ids)`), on SQLite a JSON
    array read by json_each (an expanding IN would re-render the statement with one placeholder
    per id on every call)."""
    if dialect == "postgresql":
        from sqlalchemy import Integer, any_
        from sqlalchemy.dialects.postgresql import ARRAY

        def among(column: Any) -> Any:
            return column == any_(bindparam("ids", type_=ARRAY(Integer)))
    else:
        from sqlalchemy import literal_column

        def among(column: Any) -> Any:
            return column.in_(select(literal_column("value")).select_from(func.json_each(bindparam("ids"))))

    e, link, source, article = events.c, event_participants.c, event_sources.c, articles.c
    by_id = select(*(e[name] for name in _EVENT_FIELDS)).where(among(e.id))
    members = (
        select(link.event_id, person.name, person.kind, person.country_code, link.role)
        .join_from(event_participants, participants, person.id == link.participant_id)
        .where(among(link.event_id))
        .order_by(link.event_id, person.kind.desc(), person.name)
    )
    sources = (
        select(
            source.event_id,
            source.article_id,
            article.title,
            article.published,
            article.url,
            source.sentence,
            source.sentence_start,
            source.sentence_end,
        )
        .join_from(event_sources, articles, article.id == source.article_id)
        .where(among(source.event_id))
        .order_by(source.event_id, article.published, source.article_id, source.sentence_start)
    )
    return by_id, members, sources


def _ids_parameter(conn: Any, ids: list[int]) -> dict[str, Any]:
    return {"ids": ids if conn.dialect.name == "postgresql" else json.dumps(ids)}


def events_by_id(db: Connection | Session, ids: list[int]) -> list[dict[str, Any]]:
    """Full events in the JSON contract, in the order of `ids`: three queries, whatever the count."""
    if not ids:
        return []
    conn = reads_on(db)
    rows = {row[0]: row for row in conn.execute(_hydration(conn.dialect.name)[0], _ids_parameter(conn, ids))}
    return _complete(conn, [rows[event_id] for event_id in ids])


def _complete(conn: Any, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Events in the JSON contract from their rows (in `_EVENT_FIELDS` order), with their
    participants and sources: two more queries, whatever the count."""
    if not rows:
        return []
    _, members_sql, sources_sql = _hydration(conn.dialect.name)
    params = _ids_parameter(conn, [row[0] for row in rows])
    people: dict[int, list[dict[str, Any]]] = defaultdict(list)
    countries: dict[int, set[str]] = defaultdict(set)
    for event_id, name, kind, country, role in conn.execute(members_sql, params).all():  # .all(): one fetchall
        people[event_id].append({"name": name, "kind": kind, "country": country, "role": role})
        if kind == "country" and country:
            countries[event_id].add(country)
    sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for event_id, article_id, title, published, url, sentence, start, end in conn.execute(sources_sql, params).all():
        sources[event_id].append(
            {
                "article_id": article_id,
                "title": title,
                "published": published.isoformat(),
                "url": url,
                "sentence": sentence,
                "start": start,
                "end": end,
            }
        )
    return [
        {
            "id": event_id,
            "date": date.isoformat(),
            "date_precision": precision,
            "type": kind,
            "status": status,
            "plover": plover,
            "location": location,
            "summary": summary,
            "participants": people[event_id],
            "countries": sorted(countries[event_id]),
            "sources": sources[event_id],
        }
        for event_id, date, precision, kind, status, plover, location, summary in rows
    ]


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
