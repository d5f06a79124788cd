"""The `tracker` command line: thin adapters over the library, the only place that prints.

Heavy libraries (SQLAlchemy, Alembic, dateparser) are imported inside the commands, so that
`tracker --help` starts fast.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from tracker.errors import TrackerError


class TrackerGroup(TyperGroup):
    """Turns the one domain exception, and what the database or the file system refuses, into one
    line on stderr and exit code 1, for every command."""

    def invoke(self, ctx: Any) -> Any:  # a click Context (vendored by some typer versions)
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        except Exception as exc:
            line = refusal_line(exc)
            if line is None:
                raise
            typer.echo(f"error: {line}", err=True)
            raise typer.Exit(1) from None


def refusal_line(exc: Exception) -> str | None:
    """One line for a failure that is the environment's, not a bug: the database refusing (a role
    without rights, a value too long, a disk full) or the operating system refusing a file. None
    for anything else, which keeps its traceback. SQL and its parameters are never shown."""
    if type(exc).__module__.split(".")[0] in ("sqlalchemy", "sqlite3", "psycopg"):
        from tracker.store.database import database_error_line

        return f"the database refused: {database_error_line(exc)}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return None


app = typer.Typer(
    cls=TrackerGroup,
    help="Diplomatic event timelines from news articles, stored in SQL.\n\n"
    "Example: tracker load seeds/ && tracker timeline --pair KR JP",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _register() -> None:
    from tracker.cli import curate, db, export, load, queries, reporting

    load.register(app)
    queries.register(app)
    reporting.register(app)
    export.register(app)
    curate.register(app)
    app.add_typer(db.app, name="db")


_register()


def main() -> None:
    app(prog_name="tracker")
