"""events.plover: the PLOVER category of each event's type, stored so that SQL can group by it

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the mapping at the time of this migration (tracker/extract/triggers.py may grow).
PLOVER = {
    "meeting": "CONSULT",
    "call": "CONSULT",
    "visit": "CONSULT",
    "agreement": "AGREE",
    "policy": "CHANGE-POLICY",
    "ruling": "ACCUSE",
    "protest": "PROTEST",
    "military": "MOBILIZE",
    "office": "CHANGE-POLICY",
}


def _agg(expr: str, sep: str, order: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"string_agg({expr}, '{sep}' ORDER BY {order})"
    return f"group_concat({expr}, '{sep}')"


def _create_views(with_plover: bool) -> None:
    """v_timeline and v_country_pairs read events: SQLite's table rebuild needs them out of the way."""
    names = _agg("p.name", "; ", "p.name")
    codes = _agg("p.country_code", ",", "p.country_code")
    plover = " e.plover," if with_plover else ""
    op.execute(f"""
        CREATE VIEW v_timeline AS
        SELECT e.id AS event_id, e.date, e.date_precision, e.type,{plover} e.status, e.location, e.summary,
               (SELECT {names} FROM (SELECT p.name FROM event_participants ep
                    JOIN participants p ON p.id = ep.participant_id
                    WHERE ep.event_id = e.id AND p.kind <> 'country' ORDER BY p.name) AS p) AS participants,
               (SELECT {codes} FROM (SELECT DISTINCT p.country_code FROM event_participants ep
                    JOIN participants p ON p.id = ep.participant_id
                    WHERE ep.event_id = e.id AND p.kind = 'country' ORDER BY p.country_code) AS p) AS countries,
               (SELECT count(*) FROM event_sources s WHERE s.event_id = e.id) AS source_count
        FROM events e
    """)
    op.execute(f"""
        CREATE VIEW v_country_pairs AS
        SELECT e.id AS event_id, e.date, e.date_precision, e.type,{plover} e.status,
               a.country_code AS country_a, b.country_code AS country_b
        FROM events e
        JOIN event_participants epa ON epa.event_id = e.id
        JOIN participants a ON a.id = epa.participant_id AND a.kind = 'country'
        JOIN event_participants epb ON epb.event_id = e.id
        JOIN participants b ON b.id = epb.participant_id AND b.kind = 'country'
        WHERE a.country_code < b.country_code
    """)


def _drop_views() -> None:
    op.execute("DROP VIEW IF EXISTS v_country_pairs")
    op.execute("DROP VIEW IF EXISTS v_timeline")


def upgrade() -> None:
    _drop_views()
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plover", sa.String(length=30), nullable=True))
    events = sa.table("events", sa.column("type", sa.String), sa.column("plover", sa.String))
    for event_type, category in PLOVER.items():
        op.execute(events.update().where(events.c.type == event_type).values(plover=category))
    op.execute(events.update().where(events.c.plover.is_(None)).values(plover="OTHER"))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column("plover", existing_type=sa.String(length=30), nullable=False)
    _create_views(with_plover=True)


def downgrade() -> None:
    _drop_views()
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("plover")
    _create_views(with_plover=False)
