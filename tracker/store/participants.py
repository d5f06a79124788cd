"""Curating participants: list, show, add, add an alias or an office, merge two into one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from tracker.errors import TrackerError
from tracker.knowledge.names import normalize_name
from tracker.store.limits import check_alias_fits, check_office_fits
from tracker.store.lookup import Found, contains_text, find_participant
from tracker.store.models import Alias, EventParticipant, Office, Participant, Statement

KINDS = ("person", "country", "organization")


def list_participants(
    session: Session, kind: str | None = None, search: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    events = (
        select(EventParticipant.participant_id, func.count().label("n"))
        .group_by(EventParticipant.participant_id)
        .subquery()
    )
    said = select(Statement.speaker_id, func.count().label("n")).group_by(Statement.speaker_id).subquery()
    query = (
        select(Participant, func.coalesce(events.c.n, 0), func.coalesce(said.c.n, 0))
        .outerjoin(events, events.c.participant_id == Participant.id)
        .outerjoin(said, said.c.speaker_id == Participant.id)
    )
    if kind:
        query = query.where(Participant.kind == kind)
    if search:
        query = query.where(contains_text(Participant.name, search))
    query = query.order_by(func.coalesce(events.c.n, 0).desc(), Participant.name)
    if limit:
        query = query.limit(limit)
    return [
        {
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "country": p.country_code,
            "events": n_events,
            "statements": n_said,
        }
        for p, n_events, n_said in session.execute(query)
    ]


def show_participant(session: Session, found: Found) -> dict[str, Any]:
    aliases = list(session.scalars(select(Alias.alias).where(Alias.participant_id == found.id).order_by(Alias.alias)))
    offices = [
        {
            "title": o.title,
            "country": o.country_code,
            "start": o.start_date.isoformat(),
            "end": o.end_date.isoformat() if o.end_date else None,
        }
        for o in session.scalars(select(Office).where(Office.participant_id == found.id).order_by(Office.start_date))
    ]
    n_events = session.scalar(
        select(func.count()).select_from(EventParticipant).where(EventParticipant.participant_id == found.id)
    )
    n_said = session.scalar(select(func.count()).select_from(Statement).where(Statement.speaker_id == found.id))
    return {
        "id": found.id,
        "name": found.name,
        "kind": found.kind,
        "country": found.country,
        "aliases": aliases,
        "offices": offices,
        "events": n_events,
        "statements": n_said,
    }


def _check_country(code: str | None) -> str | None:
    if code is None:
        return None
    import pycountry

    if pycountry.countries.get(alpha_2=code.upper()) is None:
        raise TrackerError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code.upper()


def add_participant(session: Session, name: str, kind: str, country: str | None) -> int:
    if kind not in KINDS:
        raise TrackerError(f"kind must be one of {', '.join(KINDS)}")
    key = normalize_name(name)
    if not key:
        raise TrackerError("a participant needs a name")
    check_alias_fits(name.strip())
    if session.scalar(select(Alias.id).where(Alias.normalized == key)) is not None:
        raise TrackerError(f"{name!r} is already known (see `tracker participants show {name!r}`)")
    row = Participant(kind=kind, name=name.strip(), country_code=_check_country(country))
    session.add(row)
    session.flush()
    session.add(Alias(participant_id=row.id, alias=name.strip(), normalized=key))
    return row.id


def add_alias(session: Session, name: str, alias: str) -> None:
    target = find_participant(session, name, KINDS)
    check_alias_fits(alias.strip())
    key = normalize_name(alias)
    holder = session.scalar(select(Alias.participant_id).where(Alias.normalized == key))
    if holder == target.id:
        return
    if holder is not None:
        other = session.get(Participant, holder)
        raise TrackerError(f"{alias!r} already names {other.name if other else holder}; merge them instead")
    session.add(Alias(participant_id=target.id, alias=alias.strip(), normalized=key))


def add_office(
    session: Session, name: str, title: str, country: str | None, start: dt.date, end: dt.date | None
) -> None:
    if end is not None and end < start:
        raise TrackerError("an office cannot end before it starts")
    check_office_fits(title)
    target = find_participant(session, name)
    session.add(
        Office(
            participant_id=target.id, title=title, country_code=_check_country(country), start_date=start, end_date=end
        )
    )


def merge_participants(session: Session, keep_name: str, drop_name: str) -> tuple[str, str]:
    """Move every link (aliases, offices, event roles, statements) of `drop` to `keep`, then delete `drop`."""
    keep = find_participant(session, keep_name, KINDS)
    drop = find_participant(session, drop_name, KINDS)
    if keep.id == drop.id:
        raise TrackerError(f"{keep_name!r} and {drop_name!r} are the same participant")
    if keep.kind != drop.kind:
        raise TrackerError(f"cannot merge a {drop.kind} into a {keep.kind}")
    session.execute(update(Alias).where(Alias.participant_id == drop.id).values(participant_id=keep.id))
    session.execute(update(Office).where(Office.participant_id == drop.id).values(participant_id=keep.id))
    session.execute(update(Statement).where(Statement.speaker_id == drop.id).values(speaker_id=keep.id))
    shared = select(EventParticipant.event_id).where(EventParticipant.participant_id == keep.id)
    session.execute(
        delete(EventParticipant).where(
            EventParticipant.participant_id == drop.id, EventParticipant.event_id.in_(shared)
        )
    )
    session.execute(
        update(EventParticipant).where(EventParticipant.participant_id == drop.id).values(participant_id=keep.id)
    )
    session.execute(delete(Participant).where(Participant.id == drop.id))
    return keep.name, drop.name
