"""event_sources: drop ix_event_sources_event_id, which the unique constraint already serves

The unique constraint on (event_id, article_id, sentence_start) begins with event_id, so it serves
lookups by event; the separate index only cost one more B-tree update per source row written.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_event_sources_event_id", table_name="event_sources")


def downgrade() -> None:
    op.create_index("ix_event_sources_event_id", "event_sources", ["event_id"], unique=False)
