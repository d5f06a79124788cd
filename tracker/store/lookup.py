"""Participants by any spelling (a person, an organization, a country by code or name), and the
text filter every search uses. Shared by the queries and the curation commands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, bindparam, func, or_, select

from tracker.errors import TrackerError
from tracker.knowledge.names import normalize_name
from tracker.store.tables import aliases, participants

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def contains_text(column: Any, text: str) -> Any:
    """Case-insensitive "contains", with the user's % and _ taken literally (a bound parameter)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def reads_on(db: Connection | Session) -> Connection:
    """The connection queries run on: a Connection as it is (the read commands, which never import
    the ORM), or the one a Session (the curation commands) holds its transaction on."""
    return db if isinstance(db, Connection) else db.connection()


person, alias = participants.c, aliases.c
_PARTICIPANT_COLUMNS = (person.id, person.name, person.kind, person.country_code)
# built once: constructing a select costs more than running it
_BY_ALIAS = (
    select(*_PARTICIPANT_COLUMNS)
    .join_from(participants, aliases, alias.participant_id == person.id)
    .where(alias.normalized == bindparam("key"), person.kind.in_(bindparam("kinds", expanding=True)))
)
_COUNTRY_BY_CODE = select(*_PARTICIPANT_COLUMNS).where(
    person.kind == "country", person.country_code == bindparam("code")
)


@dataclass(frozen=True)
class Found:
    id: int
    name: str
    kind: str
    country: str | None


def _found(row: Any) -> Found:
    return Found(row.id, row.name, row.kind, row.country_code)


def find_participant(db: Connection | Session, name: str, kinds: tuple[str, ...] = ("person", "organization")) -> Found:
    """One participant by any spelling (case, hyphens, spaces and name order do not matter); a short
    name that fits several ("Lee") is an error naming them."""
    key = normalize_name(name)
    if not key:
        raise TrackerError(f"no name given: {name!r}")
    conn = reads_on(db)
    exact = conn.execute(_BY_ALIAS, {"key": key, "kinds": list(kinds)}).all()
    if len(exact) == 1:
        return _found(exact[0])
    if not exact:
        tokens = key.split()
        conditions = [
            or_(
                alias.normalized == t,
                alias.normalized.like(f"{t} %"),
                alias.normalized.like(f"% {t}"),
                alias.normalized.like(f"% {t} %"),
            )
            for t in tokens
        ]
        exact = conn.execute(
            select(*_PARTICIPANT_COLUMNS)
            .distinct()
            .join_from(participants, aliases, alias.participant_id == person.id)
            .where(and_(*conditions), person.kind.in_(kinds))
        ).all()
    if len(exact) == 1:
        return _found(exact[0])
    if not exact:
        raise TrackerError(f"no participant named {name!r}")
    names = ", ".join(sorted(f"{r.name} ({r.country_code or r.kind})" for r in exact)[:12])
    raise TrackerError(f"{name!r} is ambiguous: {names}")


def find_country(db: Connection | Session, text: str) -> Found:
    """A country by ISO alpha-2 or alpha-3 code or by name ("KR", "KOR", "South Korea", "Japan")."""
    value = text.strip()
    code = None
    if len(value) == 2 and value.isalpha():
        code = value.upper()
    elif len(value) == 3 and value.isalpha():
        import pycountry

        record = pycountry.countries.get(alpha_3=value.upper())
        code = record.alpha_2 if record else None
    if code:
        row = reads_on(db).execute(_COUNTRY_BY_CODE, {"code": code}).first()
        if row:
            return _found(row)
    try:
        return find_participant(db, value, kinds=("country",))
    except TrackerError:
        raise TrackerError(f"unknown country {text!r} (use an ISO code such as KR or JPN, or a name)") from None


def find_actor(db: Connection | Session, text: str) -> Found:
    """For --pair: a country if the text names one, else a person or organization."""
    try:
        return find_country(db, text)
    except TrackerError:
        return find_participant(db, text)
