"""Alembic from code: the same scripts as `alembic upgrade head`, found wherever tracker is installed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
    with migration_connection(engine) as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with migration_connection(engine) as conn:
        command.downgrade(alembic_config(conn), revision)


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for the whole move (Alembic then opens none of its own),
    under the migration lock, with SQLite's foreign keys off for the table copies; env.py checks
    the references before the commit."""
    with engine.connect() as conn, foreign_keys_off_for_table_copies(conn), conn.begin():
        _lock(conn)
        yield conn


def _lock(conn: Connection) -> None:
    """Two processes opening a new database at once: one migrates, the other then finds it at head
    (SQLite's BEGIN IMMEDIATE does this already)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7472616301)")


@contextmanager
def foreign_keys_off_for_table_copies(conn: Connection) -> Iterator[None]:
    """SQLite's batch mode rebuilds a table by copy, DROP and rename; with foreign keys on, the DROP
    deletes the old rows first and their ON DELETE CASCADE / SET NULL empties or unlinks every table
    that refers to them. SQLite ignores this PRAGMA inside a transaction, so it is set on the
    driver's connection before one begins, and set back before the connection returns to the pool."""
    if conn.dialect.name != "sqlite":
        yield
        return
    if conn.in_transaction():
        raise RuntimeError("foreign keys can only be switched off before the migration's transaction begins")
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def check_foreign_keys(conn: Connection) -> None:
    """With foreign keys off, nothing stops a migration from leaving a row that points nowhere:
    SQLite lists such rows, and any one of them fails the migration before its commit."""
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL checks every reference as the migration runs
    dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    if dangling:
        table, rowid, parent, _ = dangling[0]
        raise TrackerError(
            f"the migration would leave {len(dangling)} row(s) whose foreign key points nowhere "
            f"(first: {table} row {rowid} -> {parent}); the database is unchanged"
        )


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
