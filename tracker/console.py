"""`tracker sql`: one query that cannot change anything, stopped when it runs too long or returns too much.

Two fences on each engine. First the statement check (tracker.sql_check) refuses anything but one
SELECT / WITH ... SELECT / VALUES / EXPLAIN and a list of functions that act beyond the tables.
Then the connection itself cannot write:
- SQLite: the file is opened read-only (mode=ro, query_only) and an authorizer allows only reads,
  so ATTACH and PRAGMA writes are refused too; a progress handler stops the query at the time limit.
- PostgreSQL: a READ ONLY transaction, always rolled back, as the role tracker_reader (SELECT on
  the tracker's tables and views, nothing else; created by migration 0005), with statement, lock
  and idle timeouts. Server files, programs and other sessions are closed to that role.
Rows are counted as they arrive, so an unbounded result ends in one line, not a MemoryError.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import closing
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from tracker.errors import TrackerError
from tracker.sql_check import check_console_sql

READER_ROLE = "tracker_reader"
DEFAULT_TIMEOUT_S = 30.0
# A lock the query waits for is held by a migration or a DROP; it is not worth the whole time limit.
LOCK_TIMEOUT_S = 5.0
# Enough for any table a terminal or a pipe can use; `tracker export` writes everything.
MAX_RESULT_CELLS = 1_000_000
MAX_RESULT_CHARS = 50_000_000
TOO_LARGE = "result too large; add LIMIT or --limit"
SQLITE_PROGRESS_STEPS = 10_000  # virtual-machine steps between two looks at the clock (~1 ms)
FETCH_ROWS = 1_000


def run_console_sql(
    url: str, sql: str, limit: int | None = None, timeout: float = DEFAULT_TIMEOUT_S
) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows of one read-only query on the database at `url`."""
    from tracker.store.database import opened

    with opened(url, read_only=True, sync=False) as database, database.engine.connect() as conn:
        statement = check_console_sql(sql, conn.dialect.name)
        try:
            if conn.dialect.name == "postgresql":
                enter_reader_role(conn, timeout)
                columns, rows = _run_postgres(conn, statement, limit)
            else:
                columns, rows = _run_sqlite(conn, statement, limit, timeout)
        except DBAPIError as exc:
            raise TrackerError(_failure(exc.orig or exc, timeout)) from None
        except Exception as exc:
            if type(exc).__module__.startswith(("sqlite3", "psycopg")):
                raise TrackerError(_failure(exc, timeout)) from None
            raise
        finally:
            conn.rollback()
        return columns, [dict(zip(columns, row, strict=True)) for row in rows]


def enter_reader_role(conn: Connection, timeout: float) -> None:
    """Make this transaction read-only, bounded in time, and tracker_reader's."""
    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    # The statement check reads '...' with backslashes as plain characters, as the server must.
    conn.exec_driver_sql("SET LOCAL standard_conforming_strings = on")
    limit_ms = max(1, round(timeout * 1000))
    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {limit_ms}")
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {min(limit_ms, round(LOCK_TIMEOUT_S * 1000))}")
    conn.exec_driver_sql(f"SET LOCAL idle_in_transaction_session_timeout = {limit_ms}")
    user = conn.exec_driver_sql("SELECT session_user").scalar()
    try:
        conn.exec_driver_sql(f"SET LOCAL ROLE {READER_ROLE}")
    except DBAPIError as exc:
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate == "42704":  # undefined_object
            raise TrackerError(
                f"the SQL console runs as the role {READER_ROLE}, which this server lacks (a restored dump?): "
                f"CREATE ROLE {READER_ROLE} NOLOGIN, then `tracker db downgrade 0004 && tracker db upgrade` to grant it"
            ) from None
        if sqlstate == "42501":  # insufficient_privilege
            raise TrackerError(
                f"the SQL console runs as the role {READER_ROLE}, which {user} may not use: "
                f"an administrator can run GRANT {READER_ROLE} TO {user}"
            ) from None
        raise


def _run_postgres(conn: Connection, statement: str, limit: int | None) -> tuple[list[str], list[Sequence[Any]]]:
    import psycopg

    raw: Any = conn.connection.dbapi_connection
    cursor = raw.cursor()
    # stream() sends one statement by the extended protocol (a second one is refused by the
    # server) and hands rows over as they come, so the size limit applies before they pile up.
    chunk = FETCH_ROWS if psycopg.pq.version() >= 170000 else 1
    with closing(cursor.stream(statement, size=chunk)) as stream:
        rows = _collect(stream, limit)
    if cursor.description is None:  # stream() learns the columns from a row; without one, ask
        return _described_columns(raw, statement), rows
    return _columns(cursor), rows


def _described_columns(raw: Any, statement: str) -> list[str]:
    """The column names of `statement`, described by the server without running it."""
    encoding = raw.info.encoding
    raw.pgconn.prepare(b"", statement.encode(encoding))
    described = raw.pgconn.describe_prepared(b"")
    return [described.fname(i).decode(encoding) for i in range(described.nfields)]


def _run_sqlite(
    conn: Connection, statement: str, limit: int | None, timeout: float
) -> tuple[list[str], list[Sequence[Any]]]:
    raw: Any = conn.connection.dbapi_connection
    deadline = time.monotonic() + timeout
    raw.set_authorizer(_allow_only_reads)
    raw.set_progress_handler(lambda: time.monotonic() > deadline, SQLITE_PROGRESS_STEPS)
    try:
        cursor = raw.cursor()
        cursor.execute(statement)
        rows = _collect(_fetched(cursor), limit)
        return _columns(cursor), rows
    finally:
        raw.set_progress_handler(None, 0)
        raw.set_authorizer(None)


def _fetched(cursor: Any) -> Iterator[Sequence[Any]]:
    while batch := cursor.fetchmany(FETCH_ROWS):
        yield from batch


def _allow_only_reads(action: int, *_args: Any) -> int:
    import sqlite3

    allowed = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
    return sqlite3.SQLITE_OK if action in allowed else sqlite3.SQLITE_DENY


def _collect(rows: Iterator[Sequence[Any]], limit: int | None) -> list[Sequence[Any]]:
    """The first `limit` rows (all without one), refused once they outgrow the result limits."""
    kept: list[Sequence[Any]] = []
    cells = chars = 0
    for row in rows:
        cells += len(row)
        chars += sum(len(value) if isinstance(value, str | bytes) else 8 for value in row)
        if cells > MAX_RESULT_CELLS or chars > MAX_RESULT_CHARS:
            raise TrackerError(TOO_LARGE)
        kept.append(row)
        if limit is not None and len(kept) >= limit:
            break
    return kept


def _columns(cursor: Any) -> list[str]:
    if cursor.description is None:
        raise TrackerError("only queries that return rows are allowed")
    return [d[0] for d in cursor.description]


def _failure(exc: BaseException, timeout: float) -> str:
    """One line for a driver error: a time limit, a refusal by the server, or the server's message."""
    message = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    sqlstate = getattr(exc, "sqlstate", None)
    lowered = message.lower()
    if sqlstate == "57014" or lowered == "interrupted":  # statement_timeout, or SQLite's progress handler
        return f"query stopped at the time limit ({timeout:g} s); add LIMIT, narrow it, or raise --timeout"
    if sqlstate == "55P03":
        return f"query stopped: it waited more than {min(timeout, LOCK_TIMEOUT_S):g} s for a lock (a migration?)"
    if sqlstate in ("42501", "25006") or "not authorized" in lowered or "readonly" in lowered:
        return f"refused: the SQL console only reads the tracker's tables and views ({message})"
    if "one statement" in lowered or "multiple commands" in lowered:
        return f"refused: the SQL console runs one statement at a time ({message})"
    return f"SQL error: {message}"
