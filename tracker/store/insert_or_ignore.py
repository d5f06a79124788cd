"""INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL: safe when two loaders race."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Insert
from sqlalchemy.orm import Session

_BATCH = 500  # stays below SQLite's bound-parameter limit for our widest rows


def insert_ignoring_conflicts(dialect: str, table: Any) -> Insert:
    """INSERT that skips rows violating any unique constraint, on either engine."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


def insert_ignore(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    statement = insert_ignoring_conflicts(session.get_bind().dialect.name, table)
    for i in range(0, len(rows), _BATCH):
        session.execute(statement.values(list(rows[i : i + _BATCH])))
