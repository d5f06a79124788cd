"""Shared fixtures: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL is the server at 127.0.0.1:5432 (user postgres, trust auth); each test gets a fresh
database that is dropped afterwards. With CI=true an unreachable server fails the suite instead
of skipping.

`pytest --update-golden` rewrites the golden extractions of the seeds (tests/test_golden.py).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current extraction instead of comparing",
    )


PG_ADMIN_URL = os.environ.get("TRACKER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_available() -> str | None:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return f"PostgreSQL at {PG_ADMIN_URL} is unreachable: {exc.__class__.__name__}"


_PG_PROBLEM: str | None = None
_PG_CHECKED = False


def require_postgres() -> None:
    global _PG_CHECKED, _PG_PROBLEM
    if not _PG_CHECKED:
        _PG_PROBLEM, _PG_CHECKED = _pg_available(), True
    if _PG_PROBLEM:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{_PG_PROBLEM} (CI=true: PostgreSQL tests must run)")
        pytest.skip(_PG_PROBLEM)


def create_pg_database() -> str:
    from sqlalchemy import create_engine, text

    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_pg_database(url: str) -> None:
    from sqlalchemy import create_engine, text

    name = url.rsplit("/", 1)[1]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a new, empty database on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    require_postgres()
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture
def database(db_url: str) -> Iterator[object]:
    """An opened database at head, with the knowledge base synced."""
    from tracker.store.database import open_database

    db = open_database(db_url)
    try:
        yield db
    finally:
        db.dispose()
