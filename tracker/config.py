"""Which database to use: `--db`, else TRACKER_DB, else the default embedded SQLite file.

Kept free of SQLAlchemy so that `tracker --help` stays fast.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV_VAR = "TRACKER_DB"
_URL = re.compile(r"^[a-z][a-z0-9+]*://", re.IGNORECASE)


def default_database_path() -> Path:
    """$XDG_DATA_HOME/tracker/tracker.db, i.e. ~/.local/share/tracker/tracker.db by default."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tracker" / "tracker.db"


def resolve_database_url(db: str | None = None) -> str:
    """An SQLAlchemy URL from a URL or a plain path (a path means SQLite).

    A path is quoted into the URL, so that `we?ird.db`, `a%41.db` or `x#y.db` name that very file
    instead of a query string, an escape or a fragment."""
    value = db or os.environ.get(ENV_VAR) or str(default_database_path())
    if _URL.match(value):
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return sqlite_url(Path(value).expanduser().resolve())


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite file at `path`, whatever characters its name holds."""
    from sqlalchemy.engine import URL  # here, not at the top: `tracker --help` never needs it

    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)
