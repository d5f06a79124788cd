"""Database administration as plain functions: upgrade, downgrade, status."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from tracker.config import resolve_database_url
from tracker.errors import TrackerError
from tracker.store import migrate
from tracker.store.database import create_db_engine, database_error_line, describe_url


@dataclass(frozen=True)
class Status:
    url: str
    current: str | None
    head: str


def database_status(db: str | None) -> Status:
    url = resolve_database_url(db)
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            current = migrate.current_revision(conn)
    except DBAPIError as exc:
        raise TrackerError(f"cannot open database {describe_url(url)}: {database_error_line(exc)}") from exc
    finally:
        engine.dispose()
    return Status(describe_url(url), current, migrate.head_revision())


def upgrade_database(db: str | None, revision: str = "head") -> tuple[str | None, str | None, str]:
    return _move(db, revision, upgrade=True)


def downgrade_database(db: str | None, revision: str) -> tuple[str | None, str | None, str]:
    return _move(db, revision, upgrade=False)


def _move(db: str | None, revision: str, upgrade: bool) -> tuple[str | None, str | None, str]:
    if not migrate.known_revision(revision):
        raise TrackerError(f"unknown revision {revision!r} (see `tracker db history`)")
    url = resolve_database_url(db)
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            before = migrate.current_revision(conn)
        try:
            (migrate.upgrade if upgrade else migrate.downgrade)(engine, revision)
        except DBAPIError as exc:
            raise TrackerError(f"migration failed on {describe_url(url)}: {database_error_line(exc)}") from exc
        except Exception as exc:  # alembic reports bad revision arithmetic as its own errors
            if type(exc).__module__.startswith("alembic"):
                raise TrackerError(f"cannot move to {revision!r}: {exc}") from exc
            raise
        with engine.connect() as conn:
            after = migrate.current_revision(conn)
        if upgrade and after == migrate.head_revision():
            from tracker.store.database import Database
            from tracker.store.knowledge_sync import sync_knowledge

            database = Database(url, engine)
            with database.session() as session, session.begin():
                sync_knowledge(session)
    except DBAPIError as exc:  # a file or folder it cannot write, a role without rights
        raise TrackerError(f"cannot open database {describe_url(url)}: {database_error_line(exc)}") from exc
    finally:
        engine.dispose()
    return before, after, describe_url(url)
