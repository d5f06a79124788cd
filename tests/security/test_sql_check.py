"""The SQL console's statement check, on text alone: what passes, what is refused and why."""

from __future__ import annotations

import re

import pytest

from tracker.errors import TrackerError
from tracker.sql_check import check_console_sql
from tracker.sql_tokens import Kind, tokenize

ONE_STATEMENT = "refused: the SQL console runs one statement at a time"
ONLY_QUERIES = "refused: the SQL console runs only SELECT, WITH ... SELECT, VALUES or EXPLAIN (this begins with {})"


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    "sql",
    [
        "SELECT type, countries FROM v_timeline ORDER BY date",
        "  select 1 ;  ",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r",
        "VALUES (1, 'a'), (2, 'b')",
        "(SELECT 1) UNION (SELECT 2)",
        "SELECT 'DELETE FROM events; INSERT INTO x' AS text -- UPDATE\n",
        'SELECT "insert" FROM t /* DROP TABLE events; */',
        "SELECT substr(title, 1 FOR 3) FROM articles",
        "SELECT replace(title, 'a', 'b') FROM articles",
        "SELECT pg_sleep(0)",
    ],
)
def test_queries_pass(sql: str, dialect: str) -> None:
    assert check_console_sql(sql, dialect) == sql.rstrip().rstrip(";").rstrip()


@pytest.mark.parametrize(
    ("sql", "dialect"),
    [
        ("EXPLAIN SELECT * FROM v_timeline", "postgresql"),
        ("EXPLAIN (FORMAT JSON, COSTS false) SELECT 1", "postgresql"),
        ("EXPLAIN VERBOSE WITH x AS (SELECT 1) SELECT * FROM x", "postgresql"),
        ("EXPLAIN QUERY PLAN SELECT * FROM v_timeline", "sqlite"),
        ("SELECT $$DELETE FROM events$$, $tag$ ; pg_notify $tag$", "postgresql"),
        ("SELECT E'it\\'s; DELETE', 1", "postgresql"),
        ("SELECT [delete], `insert` FROM t", "sqlite"),
    ],
)
def test_dialect_queries_pass(sql: str, dialect: str) -> None:
    assert check_console_sql(sql, dialect) == sql


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("", "no SQL given"),
        ("  ;  -- nothing\n", "no SQL given"),
        ("SELECT 1; DELETE FROM events", ONE_STATEMENT),
        ("SELECT 1; COMMIT; DELETE FROM events", ONE_STATEMENT),
        ("COPY (SELECT 'x') TO PROGRAM 'id > pwned.txt'", ONLY_QUERIES.format("COPY")),
        ("COPY (SELECT title FROM articles) TO '/tmp/t.txt'", ONLY_QUERIES.format("COPY")),
        ("CHECKPOINT", ONLY_QUERIES.format("CHECKPOINT")),
        ("  /* hi */ DELETE FROM events", ONLY_QUERIES.format("DELETE")),
        ("ATTACH DATABASE 'x.db' AS x", ONLY_QUERIES.format("ATTACH")),
        ("PRAGMA foreign_keys = OFF", ONLY_QUERIES.format("PRAGMA")),
        ("SET ROLE postgres", ONLY_QUERIES.format("SET")),
        (
            "WITH gone AS (DELETE FROM events RETURNING id) SELECT * FROM gone",
            "refused: the SQL console only reads (DELETE writes)",
        ),
        (
            "WITH x AS (SELECT 1) INSERT INTO sources (name) SELECT 'x'",
            "refused: the SQL console only reads (INSERT writes)",
        ),
        ("SELECT * INTO copied FROM events", "refused: the SQL console only reads (INTO writes)"),
        ("SELECT * FROM events FOR UPDATE", "refused: the SQL console only reads (FOR UPDATE/SHARE locks rows)"),
        ("SELECT * FROM events FOR KEY SHARE", "refused: the SQL console only reads (FOR UPDATE/SHARE locks rows)"),
        (
            "EXPLAIN ANALYZE SELECT 1",
            "refused: EXPLAIN ANALYZE runs the statement; the SQL console takes EXPLAIN without it",
        ),
        (
            "EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1",
            "refused: EXPLAIN ANALYZE runs the statement; the SQL console takes EXPLAIN without it",
        ),
        (
            "EXPLAIN CREATE TABLE t AS SELECT 1",
            "refused: the SQL console explains only SELECT, WITH ... SELECT or VALUES",
        ),
        (
            "SELECT pg_advisory_xact_lock(7472616301), pg_sleep(100)",
            "refused: the SQL console does not call pg_advisory_xact_lock (it acts beyond reading the tables)",
        ),
        (
            "SELECT pg_catalog . PG_NOTIFY/**/('c', 'x')",
            "refused: the SQL console does not call pg_notify (it acts beyond reading the tables)",
        ),
        (
            "SELECT \"set_config\"('role', 'postgres', true)",
            "refused: the SQL console does not call set_config (it acts beyond reading the tables)",
        ),
        (
            "SELECT (1::bigint).pg_advisory_lock",
            "refused: the SQL console does not call pg_advisory_lock (it acts beyond reading the tables)",
        ),
        (
            "SELECT query_to_xml('COPY x TO PROGRAM ''id''', true, true, '')",
            "refused: the SQL console does not call query_to_xml (it acts beyond reading the tables)",
        ),
        (
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity",
            "refused: the SQL console does not call pg_terminate_backend (it acts beyond reading the tables)",
        ),
        (
            "SELECT * FROM pg_ls_dir('.')",
            "refused: the SQL console does not call pg_ls_dir (it acts beyond reading the tables)",
        ),
        (
            "SELECT lo_import('/etc/passwd')",
            "refused: the SQL console does not call lo_import (it acts beyond reading the tables)",
        ),
        (
            "SELECT load_extension('evil')",
            "refused: the SQL console does not call load_extension (it acts beyond reading the tables)",
        ),
        ("SELECT 'unterminated", "refused: unterminated string in the SQL"),
    ],
)
def test_refusals(sql: str, message: str, dialect: str) -> None:
    with pytest.raises(TrackerError) as refused:
        check_console_sql(sql, dialect)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        # sqlparse reads '\' as the start of a string that ends at the last quote; PostgreSQL (with
        # standard_conforming_strings, set by the console) reads a one-character string, then a call
        ("SELECT '\\', pg_advisory_lock(1) --'", "does not call pg_advisory_lock"),
        # PostgreSQL ends a -- comment at a carriage return
        ("SELECT 1 --\r, pg_notify('c', 'x')", "does not call pg_notify"),
        # PostgreSQL nests /* */ comments: the call is outside both
        ("SELECT 1 /* a /* b */ c */, pg_reload_conf()", "does not call pg_reload_conf"),
        # an escape string ends where its backslash-escaped quote does not
        ("SELECT E'\\\\', pg_switch_wal() --'", "does not call pg_switch_wal"),
        ("SELECT U&\"pg_notif\\0079\"('c', 'x')", "does not accept U& escapes"),
        ("SELECT 1; $$", "unterminated $-quoted string"),
    ],
)
def test_postgresql_reading_matches_the_server(sql: str, message: str) -> None:
    with pytest.raises(TrackerError, match=re.escape(message)):
        check_console_sql(sql, "postgresql")


def test_sqlite_comments_do_not_nest() -> None:
    """SQLite ends the comment at the first */, so the call after it is read (and refused)."""
    with pytest.raises(TrackerError, match="does not call load_extension"):
        check_console_sql("SELECT 1 /* a /* b */, load_extension('x') -- */", "sqlite")


def test_tokens_keep_strings_and_names_apart() -> None:
    tokens = tokenize("SELECT 'it''s', \"a\"\"b\", x.y -- c\n FROM t", "postgresql")
    assert [(t.kind, t.text) for t in tokens] == [
        (Kind.WORD, "SELECT"),
        (Kind.STRING, "it's"),
        (Kind.MARK, ","),
        (Kind.QUOTED_NAME, 'a"b'),
        (Kind.MARK, ","),
        (Kind.WORD, "x"),
        (Kind.MARK, "."),
        (Kind.WORD, "y"),
        (Kind.WORD, "FROM"),
        (Kind.WORD, "t"),
    ]
