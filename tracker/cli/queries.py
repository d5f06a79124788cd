"""Read-side commands (registered on the root app): timeline, statements."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from tracker.cli.options import DbOption, FormatOption
from tracker.render import OutputFormat
from tracker.vocabulary import EVENT_TYPES, TYPES_HELP

Since = Annotated[str | None, typer.Option("--since", help="From: 2023, 2024-05, 2024-05-27 or 'last year'.")]
Until = Annotated[str | None, typer.Option("--until", help="Until (inclusive), same forms as --since.")]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="Only the most recent N (shown oldest first).")]

TIMELINE_COLUMNS = ["date", "type", "participants", "location", "summary", "sources"]


def _bounds(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    from tracker.periods import parse_bound

    return (parse_bound(since, end=False) if since else None, parse_bound(until, end=True) if until else None)


def timeline_cmd(
    leader: Annotated[list[str] | None, typer.Option("--leader", help="A person, any spelling (repeatable).")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-2/alpha-3 code or name.")] = None,
    pair: Annotated[tuple[str, str] | None, typer.Option("--pair", help="Two countries or two leaders.")] = None,
    since: Since = None,
    until: Until = None,
    event_type: Annotated[
        str | None,
        typer.Option("--type", help=f"{TYPES_HELP}."),
    ] = None,
    limit: Limit = None,
    output: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Events, oldest first, filtered by leader, country, pair, period and type.

    Example: tracker timeline --pair KR JP --since 2023
    """
    from tracker.config import resolve_database_url
    from tracker.errors import TrackerError
    from tracker.query import TimelineFilter, fetch_timeline
    from tracker.render import render
    from tracker.store.database import opened

    if event_type and event_type not in EVENT_TYPES:
        raise TrackerError(f"--type must be one of {', '.join(EVENT_TYPES)}")
    lo, hi = _bounds(since, until)
    f = TimelineFilter(tuple(leader or ()), country, pair, lo, hi, event_type, limit)
    with opened(resolve_database_url(db), sync=False) as database, database.read_connection() as conn:
        events = fetch_timeline(conn, f)
    if output is OutputFormat.json:
        render(events, output)
        return
    rows = [
        {
            "date": _date_label(e["date"], e["date_precision"]),
            "type": e["type"] + (" (planned)" if e["status"] == "planned" else ""),
            "participants": [p["name"] for p in e["participants"] if p["kind"] != "country"] or e["countries"],
            "location": e["location"],
            "summary": e["summary"][:100],
            "sources": len(e["sources"]),
        }
        for e in events
    ]
    render(rows, output, TIMELINE_COLUMNS)


def _date_label(date: str, precision: str) -> str:
    return {"day": date, "month": date[:7], "year": date[:4]}[precision]


def statements_cmd(
    speaker: Annotated[str | None, typer.Option("--speaker", help="A person, any spelling.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="The speakers' country.")] = None,
    since: Since = None,
    until: Until = None,
    search: Annotated[str | None, typer.Option("--search", help="Text the statement contains.")] = None,
    limit: Limit = None,
    output: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Who said what, when: quotes and reported speech, oldest first.

    Example: tracker statements --speaker "Lee Jae-myung" --search cooperation
    """
    from tracker.config import resolve_database_url
    from tracker.query import StatementFilter, fetch_statements
    from tracker.render import render
    from tracker.store.database import opened

    lo, hi = _bounds(since, until)
    f = StatementFilter(speaker, country, lo, hi, search, limit)
    with opened(resolve_database_url(db), sync=False) as database, database.read_connection() as conn:
        rows = fetch_statements(conn, f)
    if output is OutputFormat.json:
        render(rows, output)
        return
    render(
        [
            {
                "date": r["date"],
                "speaker": r["speaker"]["name"],
                "kind": r["kind"],
                "text": r["text"],
                "article": r["article"]["title"],
            }
            for r in rows
        ],
        output,
        ["date", "speaker", "kind", "text", "article"],
    )


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline_cmd)
    app.command("statements")(statements_cmd)
