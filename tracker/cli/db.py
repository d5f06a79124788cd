"""`tracker db ...`: migrations from code, from any directory."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.options import DbOption
from tracker.errors import TrackerError

app = typer.Typer(help="Create and migrate the database.\n\nExample: tracker db current", no_args_is_help=True)


@app.command("upgrade")
def upgrade_cmd(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    db: DbOption = None,
) -> None:
    """Upgrade the database to REVISION (default: head). Example: tracker db upgrade"""
    from tracker.db_admin import upgrade_database

    before, after, url = upgrade_database(db, revision)
    typer.echo(f"{url}: {before or 'empty'} -> {after}", err=True)


@app.command("downgrade")
def downgrade_cmd(
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. base or -1.")],
    db: DbOption = None,
) -> None:
    """Downgrade the database to REVISION. Example: tracker db downgrade base"""
    from tracker.db_admin import downgrade_database

    before, after, url = downgrade_database(db, revision)
    typer.echo(f"{url}: {before or 'empty'} -> {after or 'base'}", err=True)


@app.command("current")
def current_cmd(db: DbOption = None) -> None:
    """Print the database in use and its revision. Example: tracker db current"""
    from tracker.db_admin import database_status

    status = database_status(db)
    typer.echo(f"database: {status.url}")
    if status.current is None:
        typer.echo("revision: none (empty database; created on first use or by `tracker db upgrade`)")
    elif status.current == status.head:
        typer.echo(f"revision: {status.current} (head)")
    else:
        typer.echo(f"revision: {status.current} (head is {status.head}: run `tracker db upgrade`)")


@app.command("history")
def history_cmd(db: DbOption = None) -> None:
    """List the migrations, oldest first; `*` marks the database's revision. Example: tracker db history"""
    from tracker.db_admin import database_status
    from tracker.store.migrate import history

    try:
        current = database_status(db).current
    except TrackerError:
        current = None
    for rev in history():
        mark = "*" if rev.revision == current else " "
        head = " (head)" if rev.is_head else ""
        typer.echo(f"{mark} {rev.revision}{head}  {rev.message}")
