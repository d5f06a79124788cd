"""Participant and source rows by name, created when new, with the ids already looked up kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, select

from tracker.knowledge.names import normalize_name
from tracker.model import ParticipantRef
from tracker.store import tables
from tracker.store.insert_or_ignore import insert_ignoring_conflicts

participants = tables.participants


@dataclass
class ParticipantCache:
    """Ids already looked up on this connection (countries and people repeat a lot). Clear it when a
    transaction that may have created participants rolls back."""

    by_key: dict[tuple[str, str], int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)

    def clear(self) -> None:
        self.by_key.clear()
        self.sources.clear()


# Statements built once: constructing a select costs more than running it on SQLite.
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
