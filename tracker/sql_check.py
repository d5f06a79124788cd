"""What the SQL console agrees to run: one SELECT, WITH ... SELECT, VALUES or EXPLAIN (without ANALYZE).

This is the first of two fences. On PostgreSQL the statement then runs as the role tracker_reader
in a read-only transaction, which the server itself stops from writing or reaching its files. But
some built-in functions are open to every role and act outside the tables (advisory locks that
the loaders wait for, NOTIFY, changing settings -- `set_config('role', ...)` would even undo the
SET ROLE), and some run SQL given as a string (`query_to_xml`), so their names are refused here.
"""

from __future__ import annotations

import re

from tracker.errors import TrackerError
from tracker.sql_tokens import Kind, Token, tokenize

QUERY_STARTS = ("SELECT", "WITH", "VALUES")
# Words that make a query write: data-modifying CTEs, SELECT ... INTO (creates a table),
# SQLite's REPLACE INTO and upserts (all spelled with INSERT or INTO).
WRITING_WORDS = ("INSERT", "UPDATE", "DELETE", "MERGE", "INTO")
# FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE: row locks a writer would wait for.
ROW_LOCK_WORDS = ("UPDATE", "SHARE", "NO", "KEY")
# What may stand between EXPLAIN and its query: PostgreSQL's options and values, SQLite's QUERY PLAN.
EXPLAIN_OPTIONS = (
    "VERBOSE COSTS SETTINGS BUFFERS WAL TIMING SUMMARY MEMORY SERIALIZE GENERIC_PLAN FORMAT TEXT XML JSON YAML "
    "TRUE FALSE ON OFF NONE BINARY QUERY PLAN"
).split()
# Functions that every role may call (or that are refused only by privileges a superuser keeps
# when the role switch is undone) and that act beyond reading the tracker's tables.
DENIED_FUNCTIONS = re.compile(
    r"""(
        set_config | pg_notify | pg_terminate_backend | pg_cancel_backend | pg_reload_conf
      | pg_rotate_logfile | pg_switch_wal | pg_switch_xlog | pg_create_restore_point | pg_promote
      | pg_(start|stop)_backup | pg_backup_(start|stop) | pg_log_backend_memory_contexts
      | pg_import_system_collations | pg_wal_replay_(pause|resume)
      | pg_advisory\w* | pg_try_advisory\w* | pg_read\w* | pg_ls_\w* | pg_stat_file
      | pg_stat_reset\w* | pg_stat_statements_reset | pg_file_\w* | pg_logical_\w* | pg_replication_\w*
      | pg_create_\w* | pg_drop_\w* | pg_copy_\w*
      | lo_\w* | loread | lowrite | dblink\w*
      | query_to_xml\w* | cursor_to_xml\w* | ts_stat | ts_rewrite   # these run SQL given as text
      | nextval | setval | txid_current | pg_current_xact_id
      | load_extension | fts3_tokenizer                          # SQLite
    )""",
    re.VERBOSE,
)


def check_console_sql(sql: str, dialect: str) -> str:
    """`sql` ready to run (trailing semicolons dropped) if it is one statement that only reads;
    otherwise a TrackerError that says why it is refused."""
    statements = _statements(tokenize(sql, dialect))
    if not statements:
        raise TrackerError("no SQL given")
    if len(statements) > 1:
        raise TrackerError("refused: the SQL console runs one statement at a time")
    statement = statements[0]
    _check_kind(statement)
    _check_reads_only(statement)
    _check_functions(statement)
    return re.sub(r"[\s;]+$", "", sql)


def _statements(tokens: list[Token]) -> list[list[Token]]:
    statements: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is Kind.MARK and token.text == ";":
            statements.append([])
        else:
            statements[-1].append(token)
    return [s for s in statements if s]


def _first_word(tokens: list[Token]) -> Token | None:
    """The first token after any opening parentheses: `(SELECT ...) UNION (SELECT ...)` is a query."""
    for token in tokens:
        if not (token.kind is Kind.MARK and token.text == "("):
            return token
    return None


def _check_kind(statement: list[Token]) -> None:
    first = _first_word(statement)
    if first is not None and first.is_word(*QUERY_STARTS):
        return
    if first is not None and first.is_word("EXPLAIN"):
        _check_explain(statement[statement.index(first) + 1 :])
        return
    found = first.text if first is not None else "nothing"
    raise TrackerError(
        f"refused: the SQL console runs only SELECT, WITH ... SELECT, VALUES or EXPLAIN (this begins with {found})"
    )


def _check_explain(rest: list[Token]) -> None:
    """EXPLAIN's options up to the query it explains: ANALYZE would run that query, so it is refused."""
    for i, token in enumerate(rest):
        if token.is_word("ANALYZE", "ANALYSE"):
            raise TrackerError("refused: EXPLAIN ANALYZE runs the statement; the SQL console takes EXPLAIN without it")
        if token.is_word(*QUERY_STARTS):
            return
        if token.kind is Kind.MARK and token.text == "(" and i + 1 < len(rest) and rest[i + 1].is_word("SELECT"):
            return
        if token.kind is Kind.WORD and not token.is_word(*EXPLAIN_OPTIONS):
            break
    raise TrackerError("refused: the SQL console explains only SELECT, WITH ... SELECT or VALUES")


def _check_reads_only(statement: list[Token]) -> None:
    for i, token in enumerate(statement):
        if token.is_word(*WRITING_WORDS):
            raise TrackerError(f"refused: the SQL console only reads ({token.text.upper()} writes)")
        following = statement[i + 1] if i + 1 < len(statement) else None
        if token.is_word("FOR") and following is not None and following.is_word(*ROW_LOCK_WORDS):
            raise TrackerError("refused: the SQL console only reads (FOR UPDATE/SHARE locks rows)")


def _check_functions(statement: list[Token]) -> None:
    # Every word and quoted name counts, called or not: PostgreSQL also calls f(x) written as x.f.
    for token in statement:
        if token.kind in (Kind.WORD, Kind.QUOTED_NAME) and DENIED_FUNCTIONS.fullmatch(token.text.lower()):
            raise TrackerError(
                f"refused: the SQL console does not call {token.text.lower()} (it acts beyond reading the tables)"
            )
