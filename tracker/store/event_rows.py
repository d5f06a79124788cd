"""Events as the rows of the JSON contract, with their participants and sources: three queries
whatever their number."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select

from tracker.store.lookup import reads_on
from tracker.store.tables import articles, event_participants, event_sources, events, participants

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

person = participants.c
EVENT_FIELDS = ("id", "date", "date_precision", "type", "status", "plover", "location", "summary")


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
    by_id = select(*(e[name] for name in EVENT_FIELDS)).where(among(e.id))
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
    return complete_events(conn, [rows[event_id] for event_id in ids])


def complete_events(conn: Any, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Events in the JSON contract from their rows (in `EVENT_FIELDS` order), with their
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
