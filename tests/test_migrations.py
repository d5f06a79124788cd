"""Migrations: up, down, up again; models and migrations agree; existing rows survive."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.util.exc import CommandError
from sqlalchemy import inspect, text

from tracker.errors import TrackerError
from tracker.store import migrate
from tracker.store.database import create_db_engine, open_database

VIEWS = {"v_timeline", "v_country_pairs", "v_statements", "v_office_holders"}
TABLES = {
    "sources",
    "articles",
    "related_headlines",
    "participants",
    "aliases",
    "offices",
    "events",
    "event_participants",
    "event_sources",
    "statements",
    "knowledge_state",
    "alembic_version",
}


def test_upgrade_downgrade_upgrade(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate.upgrade(engine, "head")
        insp = inspect(engine)
        assert set(insp.get_table_names()) == TABLES
        assert set(insp.get_view_names()) == VIEWS
        migrate.downgrade(engine, "base")
        insp = inspect(engine)
        assert set(insp.get_table_names()) == {"alembic_version"}
        assert set(insp.get_view_names()) == set()
        migrate.upgrade(engine, "head")
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        engine.dispose()


def test_models_and_migrations_agree(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate.upgrade(engine, "head")
        with engine.connect() as conn:
            # raises when autogenerate would find any difference between the models and the database
            command.check(migrate.alembic_config(conn))
    finally:
        engine.dispose()


def test_autogenerate_check_detects_a_difference(db_url: str) -> None:
    """The agreement test above can fail: a table the models lack is reported."""
    engine = create_db_engine(db_url)
    try:
        migrate.upgrade(engine, "head")
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
        with engine.connect() as conn, pytest.raises(CommandError):
            command.check(migrate.alembic_config(conn))
    finally:
        engine.dispose()


def test_migrations_keep_existing_rows(db_url: str) -> None:
    """Rows written under 0001 survive 0002, which also fills in their PLOVER category."""
    engine = create_db_engine(db_url)
    try:
        migrate.upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO events (id, type, date, date_precision, status, summary) VALUES "
                    "(1, 'meeting', :d, 'day', 'occurred', 'kept'), "
                    "(2, 'protest', :d, 'day', 'occurred', 'also kept')"
                ),
                {"d": dt.date(2023, 3, 16)},
            )
        migrate.upgrade(engine, "head")
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, summary, plover FROM events ORDER BY id")).all()
            assert [tuple(r) for r in rows] == [(1, "kept", "CONSULT"), (2, "also kept", "PROTEST")]
            assert conn.execute(text("SELECT plover FROM v_timeline WHERE event_id = 2")).scalar_one() == "PROTEST"
        migrate.downgrade(engine, "0001")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM events")).scalar_one() == 2
            assert conn.execute(text("SELECT count(*) FROM v_timeline")).scalar_one() == 2
    finally:
        engine.dispose()


def test_open_database_creates_and_syncs_knowledge(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            pm = (
                conn.execute(
                    text(
                        "SELECT name FROM v_office_holders WHERE title = 'Prime Minister' AND country_code = 'JP' "
                        "AND start_date <= :d AND (end_date IS NULL OR end_date >= :d) ORDER BY start_date DESC"
                    ),
                    {"d": dt.date(2025, 6, 17)},
                )
                .scalars()
                .all()
            )
            assert pm[0] == "Shigeru Ishiba"
            later = (
                conn.execute(
                    text(
                        "SELECT name FROM v_office_holders WHERE title = 'Prime Minister' AND country_code = 'JP' "
                        "AND start_date <= :d AND (end_date IS NULL OR end_date >= :d) ORDER BY start_date DESC"
                    ),
                    {"d": dt.date(2025, 11, 1)},
                )
                .scalars()
                .all()
            )
            assert later[0] == "Sanae Takaichi"
            korea = conn.execute(
                text("SELECT name, country_code FROM participants WHERE kind = 'country' AND country_code = 'KR'")
            ).one()
            assert tuple(korea) == ("South Korea", "KR")
    finally:
        db.dispose()


def test_database_behind_head_is_refused(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        migrate.upgrade(engine, "head")
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    finally:
        engine.dispose()
    with pytest.raises(TrackerError, match="tracker db upgrade"):
        open_database(db_url)


def test_foreign_keys_are_enforced(db_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    db = open_database(db_url)
    try:
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO event_sources (event_id, article_id, sentence, sentence_start, "
                    "sentence_end) VALUES (999, 999, 'x', 0, 1)"
                )
            )
    finally:
        db.dispose()


def test_head_constant_matches_the_migration_scripts() -> None:
    from tracker.store.database import HEAD_REVISION

    assert migrate.head_revision() == HEAD_REVISION
