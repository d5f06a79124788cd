"""`tracker export FORMAT --output PATH`: TimelineJS3 JSON, an offline HTML page, or everything as JSON/CSV."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli.options import DbOption


class ExportFormat(StrEnum):
    timelinejs = "timelinejs"
    html = "html"
    json = "json"
    csv = "csv"


def export_cmd(
    fmt: Annotated[
        ExportFormat, typer.Argument(help="timelinejs, html (a timeline filter applies), or json/csv (every table).")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write, replaced if it exists; - for standard output. For csv a folder: "
            "created if missing, its table files replaced.",
        ),
    ],
    leader: Annotated[list[str] | None, typer.Option("--leader", help="A person, any spelling (repeatable).")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO code or name.")] = None,
    pair: Annotated[tuple[str, str] | None, typer.Option("--pair", help="Two countries or two leaders.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From: 2023, 2024-05 or 2024-05-27.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Until (inclusive).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of the page or timeline.")] = None,
    db: DbOption = None,
) -> None:
    """Export a timeline or everything. Example: tracker export html --pair KR JP -o kr-jp.html"""
    from tracker.config import resolve_database_url
    from tracker.export import everything_csv, everything_json, html_page, timelinejs, write_files
    from tracker.periods import parse_bound
    from tracker.query import StatementFilter, TimelineFilter, fetch_statements, fetch_timeline
    from tracker.store.database import opened

    to_stdout = str(output) == "-"
    _check_target(output, fmt, to_stdout)  # before the queries: a wrong path costs nothing
    lo = parse_bound(since, end=False) if since else None
    hi = parse_bound(until, end=True) if until else None
    f = TimelineFilter(tuple(leader or ()), country, pair, lo, hi)
    with opened(resolve_database_url(db), sync=False) as database, database.reader() as session:
        events = fetch_timeline(session, f)
        ids = {e["id"] for e in events}
        statements = [
            s
            for s in fetch_statements(session, StatementFilter(since=lo, until=hi))
            if fmt in (ExportFormat.json, ExportFormat.csv) or s["event_id"] in ids
        ]
        tables: dict[str, list[dict[str, Any]]] = {}
        if fmt in (ExportFormat.json, ExportFormat.csv):
            from tracker.store.articles import list_articles
            from tracker.store.participants import list_participants

            tables = {
                "events": _flat_events(events) if fmt is ExportFormat.csv else events,
                "statements": statements if fmt is ExportFormat.json else _flat_statements(statements),
                "participants": list_participants(session),
                "articles": list_articles(session),
            }
    heading = title or _title(f)
    if fmt is ExportFormat.csv:
        files = {output / name: text for name, text in everything_csv(tables).items()}
        _write_into_folder(output, files)
        typer.echo(f"wrote {', '.join(map(str, files))} ({len(events)} events)", err=True)
        return
    if fmt is ExportFormat.timelinejs:
        import json

        text = json.dumps(timelinejs(events, heading), ensure_ascii=False, indent=2) + "\n"
    elif fmt is ExportFormat.html:
        text = html_page(events, statements, heading)
    else:
        text = everything_json(tables)
    if to_stdout:
        sys.stdout.write(text)
        typer.echo(f"wrote standard output ({len(events)} events)", err=True)
    else:
        write_files({output: text})
        typer.echo(f"wrote {output} ({len(events)} events)", err=True)


def _check_target(output: Path, fmt: ExportFormat, to_stdout: bool) -> None:
    """Refuse, before any work, a target that cannot take this export."""
    from tracker.errors import TrackerError

    if to_stdout:
        if fmt is ExportFormat.csv:
            raise TrackerError("csv writes one file per table into a folder: give a folder, not -")
        return
    folder = output.parent
    if not folder.is_dir():
        raise TrackerError(f"folder {folder} does not exist" if not folder.exists() else f"{folder} is not a folder")
    if fmt is ExportFormat.csv:
        if output.exists() and not output.is_dir():
            raise TrackerError(f"{output} is a file; csv writes one file per table into a folder")
    elif output.is_dir():
        raise TrackerError(f"{output} is a folder; give the name of the file to write")


def _write_into_folder(folder: Path, files: dict[Path, str]) -> None:
    """The csv files into `folder`, created if missing (and removed again when writing fails)."""
    from tracker.errors import TrackerError
    from tracker.export import write_files

    created = not folder.exists()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise TrackerError(f"cannot create folder {folder}: {exc.strerror}") from None
    try:
        write_files(files)
    except BaseException:
        if created:
            folder.rmdir()
        raise


def _title(f: Any) -> str:
    if f.pair:
        return f"Timeline: {f.pair[0]}–{f.pair[1]}"
    if f.leaders:
        return "Timeline: " + ", ".join(f.leaders)
    if f.country:
        return f"Timeline: {f.country}"
    return "Timeline"


def _flat_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": e["id"],
            "date": e["date"],
            "date_precision": e["date_precision"],
            "type": e["type"],
            "status": e["status"],
            "location": e["location"],
            "participants": [p["name"] for p in e["participants"] if p["kind"] != "country"],
            "countries": e["countries"],
            "summary": e["summary"],
            "sources": len(e["sources"]),
        }
        for e in events
    ]


def _flat_statements(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": s["id"],
            "date": s["date"],
            "speaker": s["speaker"]["name"],
            "country": s["speaker"]["country"],
            "kind": s["kind"],
            "text": s["text"],
            "event_id": s["event_id"],
            "article_id": s["article"]["id"],
        }
        for s in statements
    ]


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
