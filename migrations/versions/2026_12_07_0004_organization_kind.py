"""participants.kind: "organization" instead of "organisation"

The JSON contract, the scoring tools and the event-data conventions this project follows (PLOVER,
ICEWS) spell the kind "organization"; institutions (ministries, courts, presidential offices) are
now stored as participants of that kind, so the spelling is settled before they arrive.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _set_kinds(old: str, new: str) -> None:
    bind = op.get_bind()
    views: list[tuple[str, str]] = []
    if bind.dialect.name == "sqlite":
        # SQLite rebuilds the table to change a CHECK; the views that read it must be out of the way
        views = [tuple(r) for r in bind.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'view'"))]
        for name, _ in views:
            op.execute(f'DROP VIEW "{name}"')
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_participants_kind"), type_="check")
    participants = sa.table("participants", sa.column("kind", sa.String))
    op.execute(participants.update().where(participants.c.kind == old).values(kind=new))
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_check_constraint("kind", sa.text(f"kind IN ('person', 'country', '{new}')"))
    for _, sql in views:
        op.execute(sql)


def upgrade() -> None:
    _set_kinds("organisation", "organization")


def downgrade() -> None:
    _set_kinds("organization", "organisation")
