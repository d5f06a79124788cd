"""Canned SQL reports over the documented views (ad-hoc SQL is tracker.console's).

Each report is plain SQL with bound parameters (shown by `tracker report NAME --show-sql`); the few
functions that differ between SQLite and PostgreSQL (month of a date) are filled in per dialect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

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
