"""Alembic from code: the same scripts as `alembic upgrade head`, found wherever tracker is installed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from tracker.errors import TrackerError


def migrations_dir() -> Path:
    """tracker/migrations in an installed wheel; migrations/ at the root of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "migrations", package.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise TrackerError("the migration scripts are missing from this installation")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        _lock(conn)
        command.upgrade(alembic_config(conn), revision)


def _lock(conn: Connection) -> None:
    """Two processes opening a new database at once: one migrates, the other then finds it at head
    (SQLite's BEGIN IMMEDIATE does this already)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7472616301)")


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        _lock(conn)
        command.downgrade(alembic_config(conn), revision)


@dataclass(frozen=True)
class Revision:
    revision: str
    down_revision: str | None
    message: str
    is_head: bool


def history() -> list[Revision]:
    """All revisions, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [
        Revision(
            rev.revision,
            rev.down_revision
            if isinstance(rev.down_revision, str) or rev.down_revision is None
            else ",".join(rev.down_revision),
            (rev.doc or "").strip(),
            rev.is_head,
        )
        for rev in script.walk_revisions()
    ]
    return list(reversed(revisions))


def known_revision(revision: str) -> bool:
    if revision in ("head", "base") or revision.startswith(("-", "+")):
        return True
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False
