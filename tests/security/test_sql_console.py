"""`tracker sql` cannot cause a side effect, nor run or grow without bound (issue #21, items 1 and 12).

Each attack from the issue runs through the command line on a loaded database and must end in
exit code 1 with one line on stderr, and nothing changed: no file written, no session killed, no
row touched, no lock held. Ordinary reads of every table and view still work.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from conftest import create_pg_database, drop_pg_database, require_postgres
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from tracker.cli import app
from tracker.console import enter_reader_role
from tracker.store import migrate
from tracker.store.database import create_db_engine

from locations import SEEDS

runner = CliRunner()
SEED = SEEDS / "2015-11-02-park-abe-first-summit.txt"
WRITERS_LOCK_KEY = 7472616301  # tracker.store.migrate._lock's key
VIEWS = ["v_timeline", "v_country_pairs", "v_statements", "v_office_holders"]
ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
DENIED = "error: refused: the SQL console does not call {} (it acts beyond reading the tables)\n"
ONLY_QUERIES = (
    "error: refused: the SQL console runs only SELECT, WITH ... SELECT, VALUES or EXPLAIN (this begins with {})\n"
)


def sql(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["sql", *args])
    return result.exit_code, result.stdout, result.stderr


def load(url: str) -> str:
    result = runner.invoke(app, ["load", str(SEED), "--db", url])
    assert result.exit_code == 0, result.output
    return url


@contextmanager
def loaded_database(engine: str, folder: Path) -> Iterator[str]:
    if engine == "sqlite":
        yield load(f"sqlite:///{folder / 'tracker.db'}")
        return
    require_postgres()
    url = create_pg_database()
    try:
        yield load(url)
    finally:
        drop_pg_database(url)


# The attacks change nothing (the snapshots check it), so one loaded database serves a module.
@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with loaded_database(request.param, tmp_path_factory.mktemp("console")) as url:
        yield url


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with loaded_database("postgresql", tmp_path_factory.mktemp("console")) as url:
        yield url


def snapshot(url: str) -> dict[str, int]:
    """Row counts of every table, to show that nothing changed."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table: conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                for table in inspect(conn).get_table_names()
            }
    finally:
        engine.dispose()


def libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def server_file() -> Iterator[Path]:
    """A path the PostgreSQL server (on this machine) could write to, removed afterwards."""
    path = Path("/tmp") / f"tracker-console-{uuid.uuid4().hex[:12]}.txt"
    yield path
    path.unlink(missing_ok=True)


# --- both engines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT 1; DELETE FROM events", "error: refused: the SQL console runs one statement at a time\n"),
        (
            "SELECT 1; COMMIT; DELETE FROM event_sources",
            "error: refused: the SQL console runs one statement at a time\n",
        ),
        (
            "WITH gone AS (DELETE FROM events RETURNING id) SELECT * FROM gone",
            "error: refused: the SQL console only reads (DELETE writes)\n",
        ),
        ("SELECT * INTO copied FROM events", "error: refused: the SQL console only reads (INTO writes)\n"),
        (
            "SELECT * FROM events FOR UPDATE",
            "error: refused: the SQL console only reads (FOR UPDATE/SHARE locks rows)\n",
        ),
        (
            "EXPLAIN ANALYZE SELECT 1",
            "error: refused: EXPLAIN ANALYZE runs the statement; the SQL console takes EXPLAIN without it\n",
        ),
        ("DELETE FROM statements", ONLY_QUERIES.format("DELETE")),
        ("PRAGMA foreign_keys = OFF", ONLY_QUERIES.format("PRAGMA")),
    ],
)
def test_writes_are_refused_before_they_run(loaded: str, query: str, message: str) -> None:
    before = snapshot(loaded)
    assert sql(query, "--db", loaded) == (1, "", message)
    assert snapshot(loaded) == before
    assert before["events"] == 3 and before["event_sources"] == 6


def test_endless_recursive_query_stops_at_the_timeout(loaded: str) -> None:
    started = time.monotonic()
    result = sql(ENDLESS + "SELECT count(*) FROM r", "--timeout", "1", "--db", loaded)
    assert result == (1, "", "error: query stopped at the time limit (1 s); add LIMIT, narrow it, or raise --timeout\n")
    assert time.monotonic() - started < 15  # opening the database included; the query itself had 1 s


def test_endless_result_stops_at_the_size_limit(loaded: str) -> None:
    """Without --limit an endless result ended in a MemoryError traceback."""
    query = ENDLESS + "SELECT n, n, n, n, n, n, n, n, n, n FROM r"  # a million cells in 100,000 rows
    assert sql(query, "--db", loaded) == (1, "", "error: result too large; add LIMIT or --limit\n")


def test_wide_result_stops_at_the_size_limit(loaded: str) -> None:
    wide = "repeat('x', 100000)" if loaded.startswith("postgresql") else "hex(zeroblob(50000))"
    query = ENDLESS + f"SELECT {wide} FROM r"  # 100,000 characters a row, no end
    assert sql(query, "--db", loaded) == (1, "", "error: result too large; add LIMIT or --limit\n")


def test_limit_stops_an_endless_result(loaded: str) -> None:
    code, out, _ = sql(ENDLESS + "SELECT n FROM r", "--limit", "3", "--format", "json", "--db", loaded)
    assert (code, json.loads(out)) == (0, [{"n": 1}, {"n": 2}, {"n": 3}])


def test_every_table_and_view_can_be_read(loaded: str) -> None:
    counts = snapshot(loaded)
    for name in [*counts, *VIEWS]:
        code, out, err = sql(f"SELECT count(*) AS n FROM {name}", "--format", "json", "--db", loaded)
        assert (code, err) == (0, ""), name
        assert json.loads(out)[0]["n"] == counts.get(name, json.loads(out)[0]["n"])
    code, out, _ = sql(
        "SELECT date, type, countries FROM v_timeline ORDER BY date, type", "--format", "json", "--db", loaded
    )
    assert (code, json.loads(out)) == (
        0,
        [
            {"date": "2015-11-01", "type": "visit", "countries": "JP,KR"},
            {"date": "2015-11-02", "type": "agreement", "countries": "JP,KR"},
            {"date": "2015-11-02", "type": "meeting", "countries": "JP,KR"},
        ],
    )
    code, out, _ = sql("SELECT type FROM events WHERE type = 'none'", "--format", "csv", "--db", loaded)
    assert (code, out.strip()) == (0, "type")  # no rows, but the columns are known


def test_explain_works(loaded: str) -> None:
    postgres = loaded.startswith("postgresql")
    query = "EXPLAIN SELECT * FROM v_timeline" if postgres else "EXPLAIN QUERY PLAN SELECT * FROM v_timeline"
    code, out, err = sql(query, "--format", "json", "--db", loaded)
    assert (code, err) == (0, "")
    plan = json.loads(out)
    assert plan and ("QUERY PLAN" in plan[0] if postgres else "detail" in plan[0])


def test_database_not_upgraded_is_refused(db_url: str) -> None:
    """At 0004 PostgreSQL has no grants for tracker_reader: the console says what to run."""
    loaded = load(db_url)
    engine = create_db_engine(loaded)
    try:
        migrate.downgrade(engine, "0004")
    finally:
        engine.dispose()
    code, _, err = sql("SELECT count(*) FROM events", "--db", loaded)
    assert code == 1 and err.endswith("is at revision 0004, this tracker needs 0005: run `tracker db upgrade`\n")
    assert runner.invoke(app, ["db", "upgrade", "--db", loaded]).exit_code == 0
    assert sql("SELECT count(*) AS n FROM events", "--format", "json", "--db", loaded)[:2] == (
        0,
        '[\n  {\n    "n": 3\n  }\n]\n',
    )


def test_sqlite_attach_writes_no_file(loaded: str, tmp_path: Path) -> None:
    if not loaded.startswith("sqlite"):
        pytest.skip("SQLite only")
    target = tmp_path / "attached.db"
    assert sql(f"ATTACH DATABASE '{target}' AS x", "--db", loaded) == (1, "", ONLY_QUERIES.format("ATTACH"))
    assert not target.exists()


# --- PostgreSQL: the server's files, programs and other sessions --------------------------------


def test_copy_to_program_runs_nothing(postgres: str, server_file: Path) -> None:
    query = f"COPY (SELECT 'x') TO PROGRAM 'id > {server_file}'"
    assert sql(query, "--db", postgres) == (1, "", ONLY_QUERIES.format("COPY"))
    assert not server_file.exists()


def test_copy_to_file_writes_nothing(postgres: str, server_file: Path) -> None:
    query = f"COPY (SELECT title FROM articles) TO '{server_file}'"
    assert sql(query, "--db", postgres) == (1, "", ONLY_QUERIES.format("COPY"))
    assert not server_file.exists()


def test_other_sessions_cannot_be_terminated(postgres: str) -> None:
    with psycopg.connect(libpq(postgres), autocommit=True) as other:
        pid = other.info.backend_pid
        query = f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = {pid}"
        assert sql(query, "--db", postgres) == (1, "", DENIED.format("pg_terminate_backend"))
        assert sql(f"SELECT pg_cancel_backend({pid})", "--db", postgres)[0] == 1
        assert other.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.parametrize(
    ("query", "function"),
    [
        ("SELECT pg_read_file('/etc/passwd')", "pg_read_file"),
        ("SELECT pg_read_binary_file('postgresql.conf')", "pg_read_binary_file"),
        ("SELECT * FROM pg_ls_dir('.')", "pg_ls_dir"),
        ("SELECT pg_reload_conf()", "pg_reload_conf"),
        ("SELECT pg_switch_wal()", "pg_switch_wal"),
        ("SELECT lo_import('/etc/passwd')", "lo_import"),
        ("SELECT set_config('role', 'postgres', true)", "set_config"),
        ("SELECT query_to_xml('SELECT pg_reload_conf()', true, true, '')", "query_to_xml"),
        ("SELECT '\\', pg_reload_conf() --'", "pg_reload_conf"),
    ],
)
def test_server_functions_are_refused(postgres: str, query: str, function: str) -> None:
    assert sql(query, "--db", postgres) == (1, "", DENIED.format(function))


def test_checkpoint_is_refused(postgres: str) -> None:
    assert sql("CHECKPOINT", "--db", postgres) == (1, "", ONLY_QUERIES.format("CHECKPOINT"))


def test_notify_reaches_no_listener(postgres: str) -> None:
    with psycopg.connect(libpq(postgres), autocommit=True) as listener:
        listener.execute("LISTEN tracker")
        assert sql("SELECT pg_notify('tracker', 'x')", "--db", postgres) == (1, "", DENIED.format("pg_notify"))
        assert list(listener.notifies(timeout=0.5, stop_after=1)) == []


def test_advisory_lock_cannot_block_the_loaders(postgres: str) -> None:
    """The loaders' migration lock, taken and held by a sleep, once blocked them for 120 s."""
    started = time.monotonic()
    query = f"SELECT pg_advisory_xact_lock({WRITERS_LOCK_KEY}), pg_sleep(20)"
    assert sql(query, "--db", postgres) == (1, "", DENIED.format("pg_advisory_xact_lock"))
    assert time.monotonic() - started < 15
    with psycopg.connect(libpq(postgres), autocommit=True) as loader:
        assert loader.execute("SELECT pg_try_advisory_lock(%s)", (WRITERS_LOCK_KEY,)).fetchone() == (True,)


def test_sleep_stops_at_the_timeout(postgres: str) -> None:
    result = sql("SELECT pg_sleep(30)", "--timeout", "0.5", "--db", postgres)
    assert result == (
        1,
        "",
        "error: query stopped at the time limit (0.5 s); add LIMIT, narrow it, or raise --timeout\n",
    )


# --- PostgreSQL: the role, the second fence -----------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "sqlstate"),
    [
        ("COPY (SELECT 'x') TO PROGRAM 'id > {file}'", "42501"),
        ("COPY (SELECT title FROM articles) TO '{file}'", "42501"),
        ("SELECT pg_read_file('/etc/passwd')", "42501"),
        ("SELECT * FROM pg_ls_dir('.')", "42501"),
        ("SELECT pg_reload_conf()", "42501"),
        ("SELECT pg_switch_wal()", "42501"),
        ("SELECT lo_import('/etc/passwd')", "42501"),
        ("CHECKPOINT", "42501"),
        ("SELECT pg_terminate_backend({pid})", "42501"),
        ("SELECT * FROM private_notes", "42501"),
        ("DELETE FROM events", "25006"),
        ("CREATE TABLE mine (id int)", "25006"),
    ],
)
def test_reader_role_refuses_what_the_check_would_let_through(
    postgres: str, server_file: Path, statement: str, sqlstate: str
) -> None:
    """The console's transaction, entered without the statement check: the server refuses."""
    with psycopg.connect(libpq(postgres), autocommit=True) as owner:
        owner.execute("CREATE TABLE IF NOT EXISTS private_notes (note text)")  # not the tracker's: not granted
        engine = create_db_engine(postgres, read_only=True)
        try:
            with engine.connect() as conn:
                enter_reader_role(conn, timeout=5)
                assert conn.exec_driver_sql("SELECT current_user").scalar() == "tracker_reader"
                raw = conn.connection.dbapi_connection
                with pytest.raises(psycopg.Error) as refused:
                    raw.execute(statement.format(file=server_file, pid=owner.info.backend_pid))  # type: ignore[union-attr]
                assert refused.value.sqlstate == sqlstate
                conn.rollback()
        finally:
            engine.dispose()
        assert owner.execute("SELECT 1").fetchone() == (1,)
    assert not server_file.exists()


def test_a_role_outside_tracker_reader_is_told_what_to_grant(postgres: str) -> None:
    role = f"tracker_test_console_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq(postgres), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN")
        try:
            admin.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
            as_role = postgres.replace("://postgres@", f"://{role}@")
            assert sql("SELECT count(*) FROM events", "--db", as_role) == (
                1,
                "",
                f"error: the SQL console runs as the role tracker_reader, which {role} may not use: "
                f"an administrator can run GRANT tracker_reader TO {role}\n",
            )
            admin.execute(f"GRANT tracker_reader TO {role}")
            code, out, _ = sql("SELECT current_user AS who", "--format", "json", "--db", as_role)
            assert (code, json.loads(out)) == (0, [{"who": "tracker_reader"}])
        finally:
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE {role}")
