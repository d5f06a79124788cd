"""`tracker load` and `tracker extract` (registered on the root app)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tracker.cli.options import DbOption, FormatOption
from tracker.render import OutputFormat

InputFormat = Annotated[
    str, typer.Option("--format", "--input-format", help="Input format: auto, seed, json, jsonl, html or feed.")
]
# `extract` prints rows, so there --format is the output format
ExtractInputFormat = Annotated[str, typer.Option("--input-format", help="auto, seed, json, jsonl, html or feed.")]


def load_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, - for stdin, or http(s) URLs.")],
    db: DbOption = None,
    input_format: InputFormat = "auto",
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extract in N processes (one writer).")] = 1,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Let pages and feeds from public addresses lead (by entry link or redirect) to "
            "loopback, private or link-local addresses.",
        ),
    ] = False,
    url_timeout: Annotated[
        float,
        typer.Option("--url-timeout", min=0.1, help="Seconds for the whole of one URL, redirects included."),
    ] = 20.0,
) -> None:
    """Load articles: extract their events and statements and store them.

    A URL is fetched within one deadline and up to 20 MB. A page or feed from a public address may
    not lead to a private one unless --allow-private; a local file or URL you name is loaded with
    its entries. In folders and globs only regular files are read (named pipes, sockets and
    devices are skipped with a line).

    Example: tracker load seeds/ articles/*.json https://example.org/feed.xml
    """
    from tracker.config import resolve_database_url
    from tracker.errors import TrackerError
    from tracker.ingest.fetch import FetchPolicy
    from tracker.ingest.formats import FORMATS
    from tracker.pipeline import Interrupted, load

    if input_format not in FORMATS:
        raise TrackerError(f"--input-format must be one of {', '.join(FORMATS)}")
    url = resolve_database_url(db)
    policy = FetchPolicy(deadline=url_timeout, allow_private=allow_private)
    try:
        if sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn

            with Progress(
                SpinnerColumn(), TextColumn("{task.completed} read · {task.description}"), transient=True
            ) as bar:
                task = bar.add_task("", total=None)
                report = load(
                    url,
                    paths,
                    input_format,
                    lambda name: bar.update(task, advance=1, description=name[-60:]),
                    workers,
                    policy,
                )
        else:
            report = load(url, paths, input_format, workers=workers, policy=policy)
    except Interrupted as stop:
        typer.echo(f"interrupted; saved before the stop: {stop.report.summary()}", err=True)
        typer.echo("loading the same inputs again skips what is stored and loads the rest", err=True)
        raise typer.Exit(130) from None
    for name, reason in report.skipped:
        typer.echo(f"skipped: {name}: {reason}", err=True)
    for name, reason in report.failures:
        typer.echo(f"failed: {name}: {reason}", err=True)
    typer.echo(report.summary(), err=True)
    if report.failures:
        raise typer.Exit(1)


def extract_cmd(
    path: Annotated[str, typer.Argument(help="One article file (or - for stdin).")],
    output: FormatOption = OutputFormat.table,
    input_format: ExtractInputFormat = "auto",
) -> None:
    """Show what an article yields, without storing it: events, then statements, with their sentences.

    Example: tracker extract seeds/000_2187417dd207f657.txt --format json
    """
    from tracker.errors import TrackerError
    from tracker.extract import extract_article
    from tracker.pipeline import read_articles
    from tracker.render import render

    results = []
    for name, item in read_articles([path], input_format):
        if isinstance(item, TrackerError):
            raise TrackerError(f"{name}: {item}")
        results.append(extract_article(item))
    rows: list[dict[str, object]] = []
    for extraction in results:
        for e in extraction.events:
            rows.append(
                {
                    "what": "event",
                    "date": e.date.date.isoformat(),
                    "precision": e.date.precision,
                    "type": e.type,
                    "status": e.status,
                    "who": [p.name for p in e.participants if p.kind != "country"],
                    "countries": sorted(e.countries),
                    "location": e.location,
                    "sentence": e.sentences[0].text,
                    "offsets": [[s.start, s.end] for s in e.sentences],
                }
            )
        for s in extraction.statements:
            rows.append(
                {
                    "what": "statement",
                    "date": s.date.date.isoformat(),
                    "precision": s.date.precision,
                    "type": s.kind,
                    "status": None,
                    "who": [s.speaker.name],
                    "countries": [s.speaker.country],
                    "location": None,
                    "sentence": s.text,
                    "offsets": [[s.sentence.start, s.sentence.end]],
                }
            )
    render(rows, output, ["what", "date", "precision", "type", "status", "who", "countries", "location", "sentence"])


def register(app: typer.Typer) -> None:
    app.command("load")(load_cmd)
    app.command("extract")(extract_cmd)
