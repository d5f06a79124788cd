"""Migrations carry the data: the seeds loaded at head survive every step down to the first
revision and back up, row for row, in every table and every view (issue #21, item 2).

SQLite's batch mode rebuilds a table by copy, drop and rename; with foreign keys on, dropping
`events` cascaded into event_participants and event_sources and unlinked every statement.
The revisions are read from the migration scripts, so a new migration is walked too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from tracker.cli import app
from tracker.store import migrate
from tracker.store.database import create_db_engine
from tracker.store.tables import metadata

from locations import SEEDS

runner = CliRunner()

Table = list[tuple[Any, ...]]
Export = dict[str, tuple[list[str], Table]]


def revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def export_everything(db_url: str) -> Export:
    """Every table and view (but alembic_version): its columns and all its rows, sorted."""
    engine = create_db_engine(db_url)
    try:
        with engine.connect() as conn:
            insp = inspect(conn)
            names = [n for n in insp.get_table_names() + insp.get_view_names() if n != "alembic_version"]
            out: Export = {}
            for name in names:
                columns = sorted(c["name"] for c in insp.get_columns(name))
                quoted = ", ".join(f'"{c}"' for c in columns)
                rows = conn.execute(text(f'SELECT {quoted} FROM "{name}"')).all()
                out[name] = (columns, sorted((tuple(r) for r in rows), key=repr))
            return out
    finally:
        engine.dispose()


# Values a migration rewrites, by the revision that rewrote them: (table, column, {new: old}).
REWRITTEN = {"0004": ("participants", "kind", {"organization": "organisation"})}


def restricted(full: Export, schema: Export, revision: str) -> Export:
    """`full` (at head) as it stands at an older `revision`: cut down to the tables and columns
    `schema` has, with the values that later migrations rewrote as they were before."""
    later = [REWRITTEN[r] for r in revisions_oldest_first() if r > revision and r in REWRITTEN]
    out: Export = {}
    for name, (columns, _rows) in schema.items():
        full_columns, full_rows = full[name]
        keep = [full_columns.index(c) for c in columns]
        rows = [tuple(row[i] for i in keep) for row in full_rows]
        for table, column, old in later:
            if table == name and column in columns:
                at = columns.index(column)
                rows = [(*r[:at], old.get(r[at], r[at]), *r[at + 1 :]) for r in rows]
        out[name] = (columns, sorted(rows, key=repr))
    return out


def assert_same(now: Export, expected: Export, where: str) -> None:
    """Equal exports; otherwise a message naming each table that differs, with its row counts."""
    differ = [
        f"{name}: {len(now.get(name, ([], []))[1])} rows, expected {len(rows)}"
        for name, (_columns, rows) in expected.items()
        if now.get(name) != expected[name]
    ]
    assert not differ and now.keys() == expected.keys(), f"{where}: " + "; ".join(differ)


def tracker(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output


def load_seeds(db_url: str) -> Export:
    tracker("load", str(SEEDS), "--db", db_url)
    loaded = export_everything(db_url)
    # the comparison means something only if the links are there to lose
    for table in ("events", "event_participants", "event_sources", "statements", "offices", "aliases"):
        assert loaded[table][1], f"the seeds left {table} empty"
    assert any(row[loaded["statements"][0].index("event_id")] is not None for row in loaded["statements"][1])
    return loaded


def test_there_is_more_than_one_revision_to_walk() -> None:
    revisions = revisions_oldest_first()
    assert revisions[:3] == ["0001", "0002", "0003"]
    assert revisions[-1] == migrate.head_revision()


def test_downgrade_to_the_first_revision_and_upgrade_keep_every_row(db_url: str) -> None:
    """The issue's reproduction: load, `db downgrade 0001`, `db upgrade`; nothing may change."""
    loaded = load_seeds(db_url)
    first = revisions_oldest_first()[0]
    tracker("db", "downgrade", first, "--db", db_url)
    at_first = export_everything(db_url)
    assert_same(at_first, restricted(loaded, at_first, first), f"down to {first}")
    tracker("db", "upgrade", "--db", db_url)
    assert_same(export_everything(db_url), loaded, "back up to head")


def test_every_revision_holds_every_row_step_by_step(db_url: str) -> None:
    """One step at a time down to the first revision and back: at each revision every table holds
    the rows it held at head (in the columns it has), and at head everything is as loaded."""
    loaded = load_seeds(db_url)
    revisions = revisions_oldest_first()
    for revision in reversed(revisions[:-1]):
        tracker("db", "downgrade", revision, "--db", db_url)
        now = export_everything(db_url)
        assert_same(now, restricted(loaded, now, revision), f"down to {revision}")
    for revision in revisions[1:]:
        tracker("db", "upgrade", revision, "--db", db_url)
        now = export_everything(db_url)
        assert_same(now, restricted(loaded, now, revision), f"up to {revision}")
    assert_same(export_everything(db_url), loaded, "back at head")


def write_rows(db_url: str, rows: Export) -> None:
    """Insert exported rows into the tables of the same names, parents before children."""
    engine = create_db_engine(db_url)
    try:
        with engine.begin() as conn:
            for table in metadata.sorted_tables:
                columns, values = rows[table.name]
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join(f":c{i}" for i in range(len(columns)))
                statement = text(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})')
                for row in values:
                    conn.execute(statement, {f"c{i}": v for i, v in enumerate(row)})
    finally:
        engine.dispose()


def test_a_database_populated_at_the_first_revision_keeps_its_links_on_upgrade(db_url: str) -> None:
    """A database written at the first revision (the seeds' rows, put in by hand so that no
    downgrade is involved), upgraded once to head: every row and link arrives."""
    loaded = load_seeds(db_url)
    first = revisions_oldest_first()[0]
    engine = create_db_engine(db_url)
    try:
        migrate.downgrade(engine, "base")
        migrate.upgrade(engine, first)
    finally:
        engine.dispose()
    write_rows(db_url, restricted(loaded, export_everything(db_url), first))
    tracker("db", "upgrade", "--db", db_url)
    assert_same(export_everything(db_url), loaded, "at head")


def break_one_reference(db_url: str) -> None:
    """An event source pointing at an event that does not exist, written behind SQLite's back."""
    engine = create_db_engine(db_url)
    try:
        with engine.connect() as conn, migrate.foreign_keys_off_for_table_copies(conn), conn.begin():
            conn.execute(
                text("UPDATE event_sources SET event_id = 999999 WHERE id = (SELECT min(id) FROM event_sources)")
            )
    finally:
        engine.dispose()


def revision_of(db_url: str) -> str | None:
    engine = create_db_engine(db_url)
    try:
        with engine.connect() as conn:
            return migrate.current_revision(conn)
    finally:
        engine.dispose()


@pytest.mark.parametrize("direction", ["down", "up"])
def test_a_broken_reference_stops_the_migration_and_changes_nothing(tmp_path: Path, direction: str) -> None:
    """Foreign keys are off for the table copies, so the check after the migration is what keeps a
    row that points nowhere from passing: it fails the move, and the database stays as it was."""
    db_url = f"sqlite:///{tmp_path / 'broken.db'}"
    load_seeds(db_url)
    first = revisions_oldest_first()[0]
    if direction == "up":
        tracker("db", "downgrade", first, "--db", db_url)
    break_one_reference(db_url)
    before, revision_before = export_everything(db_url), revision_of(db_url)
    move = ["db", "upgrade"] if direction == "up" else ["db", "downgrade", first]
    result = runner.invoke(app, [*move, "--db", db_url])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the migration would leave 1 row(s) whose foreign key points nowhere "
        "(first: event_sources row 1 -> events); the database is unchanged\n"
    )
    assert revision_of(db_url) == revision_before
    assert export_everything(db_url) == before


def test_foreign_keys_are_on_again_after_a_migration(tmp_path: Path) -> None:
    """The pooled connection that ran the migration goes back with foreign keys enforced."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    try:
        migrate.upgrade(engine, "head")
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        engine.dispose()
