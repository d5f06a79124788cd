"""`tracker participants ...` and `tracker articles ...`: look at and curate what is stored."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.options import DbOption, FormatOption
from tracker.render import OutputFormat

if TYPE_CHECKING:
    from tracker.store.database import Database

participants = typer.Typer(
    help="List, show, add and merge participants.\n\nExample: tracker participants show Lee Jae-myung",
    no_args_is_help=True,
)
articles = typer.Typer(
    help="List, show and delete loaded articles.\n\nExample: tracker articles list --search summit",
    no_args_is_help=True,
)

Name = Annotated[str, typer.Argument(help="A name in any spelling.")]
Search = Annotated[str | None, typer.Option("--search", help="Text the name or title contains.")]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="At most N rows.")]


def _session(db: str | None) -> AbstractContextManager[Database]:
    from tracker.config import resolve_database_url
    from tracker.store.database import opened

    return opened(resolve_database_url(db))


@participants.command("list")
def participants_list(
    kind: Annotated[str | None, typer.Option("--kind", help="person, country or organization.")] = None,
    search: Search = None,
    limit: Limit = None,
    output: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Participants, most active first. Example: tracker participants list --kind person --limit 20"""
    from tracker.render import render
    from tracker.store.participants import list_participants

    with _session(db) as database, database.reader() as session:
        rows = list_participants(session, kind, search, limit)
    render(rows, output, ["id", "name", "kind", "country", "events", "statements"])


@participants.command("show")
def participants_show(name: Name, output: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """One participant with aliases, offices and counts. Example: tracker participants show "kishida fumio" """
    from tracker.render import render
    from tracker.store.lookup import find_participant
    from tracker.store.participants import KINDS, show_participant

    with _session(db) as database, database.reader() as session:
        info = show_participant(session, find_participant(session, name, KINDS))
    if output is OutputFormat.json:
        render([info], output)
        return
    rows = [{"field": k, "value": v} for k, v in info.items() if k not in ("offices",)]
    rows += [
        {"field": "office", "value": f"{o['title']} ({o['country'] or '-'}) {o['start']} – {o['end'] or 'now'}"}
        for o in info["offices"]
    ]
    render(rows, output, ["field", "value"])


@participants.command("add")
def participants_add(
    name: Annotated[str, typer.Argument(help="The canonical name.")],
    kind: Annotated[str, typer.Option("--kind", help="person, country or organization.")] = "person",
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166-1 alpha-2 code.")] = None,
    db: DbOption = None,
) -> None:
    """Add a participant. Example: tracker participants add "Wi Sung-lac" --country KR"""
    from tracker.store.participants import add_participant

    with _session(db) as database, database.session() as session, session.begin():
        pid = add_participant(session, name, kind, country)
    typer.echo(f"added {name} (id {pid})", err=True)


@participants.command("alias")
def participants_alias(
    name: Name, alias: Annotated[str, typer.Argument(help="Another spelling.")], db: DbOption = None
) -> None:
    """Add a spelling to a participant. Example: tracker participants alias "Lee Jae-myung" "Ri Jae Myong" """
    from tracker.store.participants import add_alias

    with _session(db) as database, database.session() as session, session.begin():
        add_alias(session, name, alias)
    typer.echo(f"{alias} now names {name}", err=True)


@participants.command("office")
def participants_office(
    name: Name,
    title: Annotated[str, typer.Argument(help='e.g. "Foreign Minister".')],
    start: Annotated[str, typer.Option("--start", help="First day, YYYY-MM-DD.")],
    end: Annotated[str | None, typer.Option("--end", help="Last day, YYYY-MM-DD (none: still in office).")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-2 code of the office.")] = None,
    db: DbOption = None,
) -> None:
    """Record an office held. Example: tracker participants office "Cho Hyun" "Foreign Minister" --country KR
    --start 2025-07-18"""
    import datetime as dt

    from tracker.errors import TrackerError
    from tracker.store.participants import add_office

    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None
    except ValueError:
        raise TrackerError("--start and --end take YYYY-MM-DD dates") from None
    with _session(db) as database, database.session() as session, session.begin():
        add_office(session, name, title, country, first, last)
    typer.echo(f"{name}: {title} from {start}", err=True)


@participants.command("merge")
def participants_merge(
    keep: Annotated[str, typer.Argument(help="The one to keep.")],
    drop: Annotated[str, typer.Argument(help="The duplicate to fold into it.")],
    db: DbOption = None,
) -> None:
    """Merge a duplicate into another participant; every alias, office, event and statement moves.
    Example: tracker participants merge "Kim You-geun" "Kim Yoo-geun" """
    from tracker.store.participants import merge_participants

    with _session(db) as database, database.session() as session, session.begin():
        kept, dropped = merge_participants(session, keep, drop)
    typer.echo(f"merged {dropped} into {kept}", err=True)


@articles.command("list")
def articles_list(
    search: Search = None, limit: Limit = None, output: FormatOption = OutputFormat.table, db: DbOption = None
) -> None:
    """Loaded articles, oldest first. Example: tracker articles list --search Gyeongju"""
    from tracker.render import render
    from tracker.store.articles import list_articles

    with _session(db) as database, database.reader() as session:
        rows = list_articles(session, search, limit)
    render(rows, output, ["id", "published", "title", "source", "events", "statements"])


@articles.command("show")
def articles_show(
    article_id: Annotated[int, typer.Argument(help="The article's id.")],
    output: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """What one article yielded, each with its sentence and offsets. Example: tracker articles show 3"""
    from tracker.render import render
    from tracker.store.articles import show_article

    with _session(db) as database, database.reader() as session:
        info = show_article(session, article_id)
    if output is OutputFormat.json:
        render([info], output)
        return
    rows = [
        {
            "what": "event",
            "date": e["date"],
            "type": e["type"],
            "who": [p["name"] for p in e["participants"] if p["kind"] != "country"] or e["countries"],
            "sentence": s["sentence"],
            "offsets": f"{s['start']}-{s['end']}",
        }
        for e in info["events"]
        for s in e["sources"]
    ]
    rows += [
        {
            "what": "statement",
            "date": s["date"],
            "type": s["kind"],
            "who": s["speaker"],
            "sentence": s["text"],
            "offsets": f"{s['start']}-{s['end']}",
        }
        for s in info["statements"]
    ]
    typer.echo(f"{info['published']}  {info['title']}", err=True)
    render(rows, output, ["what", "date", "type", "who", "sentence", "offsets"])


@articles.command("delete")
def articles_delete(article_id: Annotated[int, typer.Argument(help="The article's id.")], db: DbOption = None) -> None:
    """Delete an article: its events lose that source, and disappear only when no source is left.
    Example: tracker articles delete 3"""
    from tracker.store.articles import remove_article

    with _session(db) as database, database.session() as session, session.begin():
        title = remove_article(session, article_id)
    typer.echo(f"deleted article {article_id}: {title}", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(participants, name="participants")
    app.add_typer(articles, name="articles")
