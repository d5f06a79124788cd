"""`tracker report NAME` and `tracker sql "SELECT ..."`."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.options import DbOption, FormatOption
from tracker.render import OutputFormat


def report_cmd(
    name: Annotated[
        str | None,
        typer.Argument(
            help="pair-activity, who-met-whom, top-participants, statements-per-speaker or sources (none: list them)."
        ),
    ] = None,
    pair: Annotated[tuple[str, str], typer.Option("--pair", help="For pair-activity: two countries.")] = ("KR", "JP"),
    show_sql: Annotated[bool, typer.Option("--show-sql", help="Print the report's SQL instead of running it.")] = False,
    output: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Canned SQL reports over the views. Example: tracker report pair-activity --pair KR JP"""
    from tracker.config import resolve_database_url
    from tracker.errors import TrackerError
    from tracker.render import render
    from tracker.reports import REPORTS, run_report

    if name is None:
        render(
            [{"report": r.name, "description": r.description} for r in REPORTS.values()],
            output,
            ["report", "description"],
        )
        return
    if name not in REPORTS:
        raise TrackerError(f"unknown report {name!r}; reports: {', '.join(REPORTS)}")
    url = resolve_database_url(db)
    if show_sql:
        dialect = "postgresql" if url.startswith("postgresql") else "sqlite"
        typer.echo(REPORTS[name].render(dialect))
        return
    a, b = sorted(code.strip().upper() for code in pair)
    columns, rows = run_report(url, name, {"a": a, "b": b})
    render(rows, output, columns)


def sql_cmd(
    query: Annotated[str, typer.Argument(help="One SELECT, WITH ... SELECT, VALUES or EXPLAIN.")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most N rows.")] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Stop the query after SECONDS.", metavar="SECONDS")
    ] = 30.0,
    output: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Run one read-only SQL query; anything that could change the database or the server is refused.
    Example: tracker sql "SELECT date, type, participants FROM v_timeline ORDER BY date" """
    from tracker.config import resolve_database_url
    from tracker.console import run_console_sql
    from tracker.render import render

    columns, rows = run_console_sql(resolve_database_url(db), query, limit, timeout)
    render(rows, output, columns)


def register(app: typer.Typer) -> None:
    app.command("report")(report_cmd)
    app.command("sql")(sql_cmd)
