"""Options shared by every command."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.render import OutputFormat

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: an SQLAlchemy URL or an SQLite file path (default: TRACKER_DB, "
        "else ~/.local/share/tracker/tracker.db).",
        show_default=False,
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
