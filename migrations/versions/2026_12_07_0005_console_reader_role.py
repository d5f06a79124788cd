"""PostgreSQL: the role tracker_reader, which `tracker sql` runs as, may read the tracker's tables and views

The role is NOLOGIN: the console switches to it with SET LOCAL ROLE inside a read-only transaction.
Roles belong to the whole server, so several tracker databases share it: creating it tolerates a
concurrent creation, and the downgrade revokes this database's grants but leaves the role.
A later migration that adds a table or re-creates a view must grant SELECT on it to tracker_reader.
SQLite has no roles; nothing changes there.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES_AND_VIEWS = (
    "alembic_version, knowledge_state, sources, articles, related_headlines, participants, aliases, offices, "
    "events, event_participants, event_sources, statements, v_timeline, v_country_pairs, v_statements, "
    "v_office_holders"
)

CREATE_ROLE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_reader') THEN
        BEGIN
            CREATE ROLE tracker_reader NOLOGIN;
        EXCEPTION
            -- another database's migration created it meanwhile (unique_violation when both ran at once)
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'creating the role tracker_reader needs CREATEROLE: ask an administrator to run '
                    'CREATE ROLE tracker_reader NOLOGIN, then upgrade again';
        END;
    END IF;
END $$
"""

# The role that owns the tables is usually the one that runs `tracker sql`; it must be a member
# to SET ROLE (a superuser need not be). Without the right to grant, the console says what to run.
LET_OWNER_USE_ROLE = """
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'tracker_reader', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT tracker_reader TO %I', current_user);
        EXCEPTION
            WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL;
        END;
    END IF;
END $$
"""

REVOKE = f"""
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_reader') THEN
        REVOKE SELECT ON {TABLES_AND_VIEWS} FROM tracker_reader;
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM tracker_reader', current_schema());
    END IF;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(CREATE_ROLE)
    op.execute(LET_OWNER_USE_ROLE)
    op.execute("DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO tracker_reader', current_schema()); END $$")
    op.execute(f"GRANT SELECT ON {TABLES_AND_VIEWS} TO tracker_reader")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(REVOKE)
