"""Canned SQL reports over the documented views, and read-only ad-hoc SQL.

Each report is plain SQL with bound parameters (shown by `tracker report NAME --show-sql`); the few
functions that differ between SQLite and PostgreSQL (month of a date) are filled in per dialect.
Ad-hoc SQL runs on a read-only connection: SQLite opened with mode=ro, query_only and an authorizer
that refuses ATTACH and PRAGMA writes; PostgreSQL in a READ ONLY transaction that is always rolled back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, StatementError

from tracker.errors import TrackerError

MONTH = {"sqlite": "strftime('%Y-%m', {col})", "postgresql": "to_char({col}, 'YYYY-MM')"}


@dataclass(frozen=True)
class Report:
    name: str
    description: str
    sql: str  # {month:col} placeholders are dialect functions; :params are bound
    params: tuple[str, ...] = ()

    def render(self, dialect: str) -> str:
        month = MONTH.get(dialect, MONTH["postgresql"])
        return re.sub(r"\{month:([\w.]+)\}", lambda m: month.format(col=m[1]), self.sql)


REPORTS = {
    r.name: r
    for r in [
        Report(
            "pair-activity",
            "Events per month for a pair of countries (default KR JP), by type.",
            """SELECT {month:p.date} AS month, p.type, count(*) AS events
FROM v_country_pairs p
WHERE p.country_a = :a AND p.country_b = :b
GROUP BY {month:p.date}, p.type
ORDER BY month, p.type""",
            ("a", "b"),
        ),
        Report(
            "who-met-whom",
            "How often each pair of people met or spoke by phone.",
            """SELECT pa.name AS person_a, pb.name AS person_b, count(*) AS meetings,
       min(e.date) AS first, max(e.date) AS last
FROM events e
JOIN event_participants a ON a.event_id = e.id
JOIN participants pa ON pa.id = a.participant_id AND pa.kind = 'person'
JOIN event_participants b ON b.event_id = e.id
JOIN participants pb ON pb.id = b.participant_id AND pb.kind = 'person'
WHERE e.type IN ('meeting', 'call') AND pa.name < pb.name
GROUP BY pa.name, pb.name
ORDER BY meetings DESC, person_a, person_b""",
        ),
        Report(
            "top-participants",
            "Participants by number of events, with their first and last appearance.",
            """SELECT p.name, p.kind, p.country_code AS country, count(*) AS events,
       min(ep.event_date) AS first, max(ep.event_date) AS last
FROM event_participants ep JOIN participants p ON p.id = ep.participant_id
GROUP BY p.id, p.name, p.kind, p.country_code
ORDER BY events DESC, p.name
LIMIT 50""",
        ),
        Report(
            "statements-per-speaker",
            "Statements per speaker: quotes, reported speech, first and last.",
            """SELECT p.name AS speaker, p.country_code AS country, count(*) AS statements,
       sum(CASE WHEN s.kind = 'quote' THEN 1 ELSE 0 END) AS quotes,
       min(s.date) AS first, max(s.date) AS last
FROM statements s JOIN participants p ON p.id = s.speaker_id
GROUP BY p.id, p.name, p.country_code
ORDER BY statements DESC, speaker""",
        ),
        Report(
            "sources",
            "Articles per outlet and how many events and statements they yielded.",
            """SELECT coalesce(src.name, '(unknown)') AS source, count(DISTINCT a.id) AS articles,
       count(DISTINCT es.event_id) AS events, count(DISTINCT s.id) AS statements,
       min(a.published) AS first, max(a.published) AS last
FROM articles a
LEFT JOIN sources src ON src.id = a.source_id
LEFT JOIN event_sources es ON es.article_id = a.id
LEFT JOIN statements s ON s.article_id = a.id
GROUP BY coalesce(src.name, '(unknown)')
ORDER BY articles DESC, source""",
        ),
    ]
}


def run_report(url: str, name: str, params: dict[str, str]) -> tuple[list[str], list[dict[str, Any]]]:
    report = REPORTS.get(name)
    if report is None:
        raise TrackerError(f"unknown report {name!r}; reports: {', '.join(REPORTS)}")
    from tracker.store.database import opened, reading

    with opened(url, sync=False) as database, reading(database.engine).connect() as conn:
        result = conn.execute(text(report.render(conn.dialect.name)), {k: params[k] for k in report.params})
        columns = list(result.keys())
        return columns, [dict(zip(columns, row, strict=True)) for row in result]


def _deny_writes(action: int, *_args: Any) -> int:
    import sqlite3

    allowed = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
    return sqlite3.SQLITE_OK if action in allowed else sqlite3.SQLITE_DENY


def run_readonly_sql(url: str, sql: str, limit: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """One SELECT on a read-only connection; anything that would change the database is refused by it."""
    from tracker.store.database import create_db_engine

    if not sql.strip():
        raise TrackerError("no SQL given")
    engine = create_db_engine(url, read_only=True)
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            if conn.dialect.name == "sqlite":
                raw.set_authorizer(_deny_writes)  # type: ignore[union-attr]
                cursor = raw.cursor()  # type: ignore[union-attr]
                cursor.execute(sql)
            else:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                cursor = raw.cursor()  # type: ignore[union-attr]
                # a prepared statement is one statement only: no "; COMMIT; SET ... READ WRITE; ..."
                cursor.execute(sql.strip().rstrip(";"), prepare=True)  # type: ignore[call-arg]
            if cursor.description is None:
                raise TrackerError("only queries that return rows are allowed")
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchmany(limit) if limit else cursor.fetchall()
            conn.rollback()
            return columns, [dict(zip(columns, row, strict=True)) for row in rows]
    except (DBAPIError, StatementError) as exc:
        raise TrackerError(_refusal(exc)) from None
    except Exception as exc:
        module = type(exc).__module__
        if module.startswith(("sqlite3", "psycopg")):
            raise TrackerError(_refusal(exc)) from None
        raise
    finally:
        engine.dispose()


def _refusal(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    lowered = message.lower()
    if "not authorized" in lowered or "read-only" in lowered or "readonly" in lowered or "read only" in lowered:
        return f"refused: the SQL console is read-only ({message})"
    if "one statement" in lowered or "multiple commands" in lowered:
        return f"refused: one statement at a time ({message})"
    return f"SQL error: {message}"
