"""Engines and the open-a-database contract: empty databases are brought to head, stale ones refused."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from tracker.errors import TrackerError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SQLITE_BUSY_TIMEOUT_MS = 60_000
# The newest migration's revision; tests check it against the migration scripts.
HEAD_REVISION = "0005"


def _configure_sqlite(engine: Engine, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is switched off so that we issue BEGIN ourselves
        # (IMMEDIATE for writers: two loaders queue on the write lock instead of deadlocking).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            # readers keep answering during a load; set only once (switching needs an exclusive lock)
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        reads = read_only or connection.get_execution_options().get("tracker_reads_only", False)
        connection.exec_driver_sql("BEGIN" if reads else "BEGIN IMMEDIATE")


def reading(engine: Engine) -> Engine:
    """`engine` for work that only reads: on SQLite its transactions begin DEFERRED, taking no write
    lock, so they never wait behind a running load (WAL serves the last committed state)."""
    return engine.execution_options(tracker_reads_only=True)


def create_db_engine(url: str, read_only: bool = False) -> Engine:
    """An engine for `url`; SQLite gets foreign keys, WAL, a busy timeout and immediate write transactions."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise TrackerError(f"not a database URL or path: {url}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and Path(database).is_dir():
            raise TrackerError(f"{database} is a folder, not a database file")
        if read_only:
            if not database or not Path(database).exists():
                raise TrackerError(f"no database at {database}")
            engine = create_engine(read_only_sqlite_url(database))
        else:
            if database and database != ":memory:":
                try:
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise TrackerError(f"cannot create the folder of {database}: {exc.strerror}") from exc
            engine = create_engine(parsed)
        _configure_sqlite(engine, read_only)
        return engine
    try:
        if read_only:
            return create_engine(
                parsed, connect_args={"options": "-c default_transaction_read_only=on -c statement_timeout=120000"}
            )
        engine = create_engine(parsed)
        # executemany INSERTs as multi-row INSERT ... VALUES: one statement for an article's rows
        # instead of one per row (psycopg pipelines those, but the server still runs each)
        engine.dialect.use_insertmanyvalues_wo_returning = True
        return engine
    except ModuleNotFoundError as exc:
        raise TrackerError(
            f"the driver for {parsed.drivername} is not installed ({exc.name}); "
            "for PostgreSQL: pip install 'tracker[postgres]'"
        ) from exc


def read_only_sqlite_url(path: str) -> URL:
    """An SQLite URI that opens the file at `path` read-only. The path is percent-quoted: SQLite
    reads `?` as the start of the URI's query and `#` as its fragment, and decodes `%41`."""
    return URL.create("sqlite", database="file:" + quote(path), query={"mode": "ro", "uri": "true"})


def database_error_line(exc: BaseException) -> str:
    """What the database said, as one line for the user: never the statement or its parameters,
    which SQLAlchemy puts in its messages and which may hold a whole article."""
    cause = getattr(exc, "orig", None) or exc  # the driver's own message carries no SQL
    said = str(cause).strip().splitlines()  # SQLAlchemy's lines after the first are [SQL: ...]
    line = said[0] if said else type(cause).__name__
    if not isinstance(exc, SQLAlchemyError):  # not the database's words: say what failed
        line = f"{type(exc).__name__}: {line}"
    return line if len(line) <= 300 else line[:299] + "…"


# Refusals that no article can get past: the next one would meet the same. SQLite's result codes
# and PostgreSQL's SQLSTATE classes (42501 insufficient privilege, 25006 read-only transaction,
# 53 insufficient resources such as a full disk, 08 a lost connection).
_SQLITE_REFUSES_ALL = {"SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_PERM", "SQLITE_CANTOPEN"}
_POSTGRES_REFUSES_ALL = ("42501", "25006", "53", "08")


def refuses_every_write(exc: BaseException) -> bool:
    """True when the database refused `exc`'s write for a reason of its own (a full disk, a file or
    role it may not write with), not for the data written."""
    cause = getattr(exc, "orig", None) or exc
    sqlite_code = getattr(cause, "sqlite_errorname", None)
    if sqlite_code is not None:
        return any(sqlite_code.startswith(name) for name in _SQLITE_REFUSES_ALL)  # SQLITE_IOERR_WRITE, ...
    sqlstate = getattr(cause, "sqlstate", None)
    return isinstance(sqlstate, str) and sqlstate.startswith(_POSTGRES_REFUSES_ALL)


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


@dataclass
class Database:
    url: str
    engine: Engine

    def session(self) -> Session:
        from sqlalchemy.orm import Session

        return Session(self.engine, expire_on_commit=False)

    def reader(self) -> Session:
        """A session for commands that only read (see `reading`)."""
        from sqlalchemy.orm import Session

        return Session(reading(self.engine), expire_on_commit=False)

    def read_connection(self) -> Connection:
        """A connection for commands that only read (see `reading`), for the queries that need no
        ORM: the timelines and statements never import it."""
        return reading(self.engine).connect()

    def dispose(self) -> None:
        self.engine.dispose()


def _revision(conn: Any) -> str | None:
    """The database's Alembic revision, read directly (importing Alembic costs ~0.3 s per command)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_database(url: str, *, create: bool = True, read_only: bool = False, sync: bool = True) -> Database:
    """Open the database at `url`, creating it and bringing it to head when it is empty.

    A database behind (or ahead of) the migrations this tracker ships is never changed silently.
    `sync` copies a changed knowledge base in (commands that only read skip it).
    """
    engine = create_db_engine(url, read_only=read_only)
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            with reading(engine).connect() as conn:
                current = _revision(conn)
                empty = current is None and not inspect(conn).get_table_names()
            if current != HEAD_REVISION and not empty and not read_only:
                # an upgrade may be running in another process: read again behind the write lock,
                # which waits for it to commit, before refusing the database
                with engine.connect() as conn:
                    current = _revision(conn)
            break
        except DBAPIError as exc:  # also "file is not a database", which is no OperationalError
            # SQLite answers "locked" without waiting in a few cases (another process creating
            # the file or switching it to WAL): wait like the busy timeout would
            if isinstance(exc, OperationalError) and "locked" in str(exc.orig) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            engine.dispose()
            raise TrackerError(f"cannot open database {describe_url(url)}: {database_error_line(exc)}") from exc
    created = False
    if empty and create and not read_only:
        from tracker.store import migrate

        migrate.upgrade(engine, "head")
        current, created = HEAD_REVISION, True
    if current != HEAD_REVISION:
        engine.dispose()
        if current is None:
            raise TrackerError(f"{describe_url(url)} is not a tracker database (no migration revision)")
        raise TrackerError(
            f"database {describe_url(url)} is at revision {current}, this tracker needs {HEAD_REVISION}: "
            "run `tracker db upgrade`"
        )
    database = Database(url, engine)
    if not read_only and (sync or created):
        from tracker.store.knowledge_sync import knowledge_is_current, sync_knowledge

        with database.reader() as session:  # the usual case, checked without taking the write lock
            current_knowledge = knowledge_is_current(session)
        if not current_knowledge:
            with database.session() as session, session.begin():
                sync_knowledge(session)
    return database


@contextmanager
def opened(url: str, **kwargs: Any) -> Iterator[Database]:
    database = open_database(url, **kwargs)
    try:
        yield database
    finally:
        database.dispose()
