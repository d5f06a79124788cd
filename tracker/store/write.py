"""The write side: one article and all it yields, saved in the caller's transaction.

Participants are found by their normalized aliases; events merge with an existing event when they
are the same real event (same type, same people, dates that agree within their precision), so that
many reports of one summit are one event with many sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from tracker.extract.triggers import PLOVER
from tracker.knowledge.names import normalize_name
from tracker.model import DateValue, ExtractedEvent, Extraction, ParticipantRef
from tracker.store.schema import (
    Alias,
    Article,
    Event,
    EventParticipant,
    EventSource,
    Participant,
    RelatedHeadline,
    Source,
    Statement,
)
from tracker.store.upsert import insert_ignore

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


@dataclass
class SaveResult:
    status: str  # new | duplicate | replaced
    article_id: int
    events_new: int = 0
    events_merged: int = 0
    statements: int = 0


@dataclass
class ParticipantCache:
    """Participant ids already looked up in this session (countries and people repeat a lot)."""

    by_key: dict[tuple[str, str], int] = field(default_factory=dict)


def find_article_by_hash(session: Session, content_hash: str) -> int | None:
    return session.scalar(select(Article.id).where(Article.content_hash == content_hash))


def participant_id(session: Session, ref: ParticipantRef, cache: ParticipantCache | None = None) -> int:
    """The participant row for `ref`, created (with its name as an alias) when it is new."""
    key = (ref.kind, ref.country or "") if ref.kind == "country" else (ref.kind, normalize_name(ref.name))
    if cache and key in cache.by_key:
        return cache.by_key[key]
    if ref.kind == "country":
        found = session.scalar(
            select(Participant.id).where(Participant.kind == "country", Participant.country_code == ref.country)
        )
    else:
        found = session.scalar(
            select(Alias.participant_id)
            .join(Participant)
            .where(Alias.normalized == key[1], Participant.kind == ref.kind)
        )
    if found is None:
        insert_ignore(
            session, Participant.__table__, [{"kind": ref.kind, "name": ref.name, "country_code": ref.country}]
        )
        found = session.scalar(select(Participant.id).where(Participant.kind == ref.kind, Participant.name == ref.name))
        assert found is not None
        insert_ignore(
            session,
            Alias.__table__,
            [{"participant_id": found, "alias": ref.name, "normalized": normalize_name(ref.name)}],
        )
    if cache is not None:
        cache.by_key[key] = found
    return found


def source_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    insert_ignore(session, Source.__table__, [{"name": name}])
    return session.scalar(select(Source.id).where(Source.name == name))


def _agrees(a: DateValue, b_date: dt.date, b_precision: str) -> bool:
    return a.agrees_with(DateValue(b_date, b_precision))


def _year_window(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def find_same_event(session: Session, event: ExtractedEvent, person_ids: set[int], country_ids: set[int]) -> int | None:
    """An existing event that is this one: same type, same people (or the same countries when no
    person is named), dates that agree within their precision."""
    anchor_ids = person_ids or country_ids
    if not anchor_ids:
        return None
    anchor = min(anchor_ids)
    lo, hi = _year_window(event.date.date)
    rows = session.execute(
        select(Event.id, Event.date, Event.date_precision)
        .join(EventParticipant, EventParticipant.event_id == Event.id)
        .where(
            EventParticipant.participant_id == anchor,
            EventParticipant.event_date.between(lo, hi),
            Event.type == event.type,
        )
    ).all()
    for event_id, date, precision in rows:
        if not _agrees(event.date, date, precision):
            continue
        members = session.execute(
            select(EventParticipant.participant_id, Participant.kind)
            .join(Participant, Participant.id == EventParticipant.participant_id)
            .where(EventParticipant.event_id == event_id)
        ).all()
        persons = {pid for pid, kind in members if kind == "person"}
        countries = {pid for pid, kind in members if kind == "country"}
        if person_ids and persons == person_ids:
            return int(event_id)
        if not person_ids and not persons and countries == country_ids:
            return int(event_id)
    return None


def _add_sources(session: Session, event_id: int, article_id: int, event: ExtractedEvent) -> None:
    insert_ignore(
        session,
        EventSource.__table__,
        [
            {
                "event_id": event_id,
                "article_id": article_id,
                "sentence": s.text,
                "sentence_start": s.start,
                "sentence_end": s.end,
            }
            for s in event.sentences
        ],
    )


def _sharpen(session: Session, event_id: int, value: DateValue) -> None:
    """A more precise report of the same event (a day where a month was known) refines its date."""
    current = session.execute(select(Event.date, Event.date_precision).where(Event.id == event_id)).one()
    if PRECISION_ORDER[value.precision] < PRECISION_ORDER[current.date_precision]:
        session.execute(
            update(Event).where(Event.id == event_id).values(date=value.date, date_precision=value.precision)
        )
        session.execute(
            update(EventParticipant).where(EventParticipant.event_id == event_id).values(event_date=value.date)
        )


def save_event(session: Session, event: ExtractedEvent, article_id: int, cache: ParticipantCache) -> tuple[int, bool]:
    """(event id, whether it was merged into an existing event)."""
    ids = {p: participant_id(session, p, cache) for p in event.participants}
    persons = {pid for p, pid in ids.items() if p.kind == "person"}
    countries = {pid for p, pid in ids.items() if p.kind == "country"}
    existing = find_same_event(session, event, persons, countries)
    if existing is not None:
        _sharpen(session, existing, event.date)
        known = set(
            session.scalars(select(EventParticipant.participant_id).where(EventParticipant.event_id == existing))
        )
        event_date = session.scalar(select(Event.date).where(Event.id == existing))
        session.add_all(
            EventParticipant(event_id=existing, participant_id=pid, role=p.role, event_date=event_date)
            for p, pid in ids.items()
            if pid not in known
        )
        if event.status == "occurred":
            session.execute(update(Event).where(Event.id == existing).values(status="occurred"))
        _add_sources(session, existing, article_id, event)
        return existing, True
    row = Event(
        type=event.type,
        plover=PLOVER.get(event.type, "OTHER"),
        date=event.date.date,
        date_precision=event.date.precision,
        status=event.status,
        location=event.location,
        summary=event.summary,
    )
    session.add(row)
    session.flush()
    seen: set[int] = set()
    for p, pid in ids.items():
        if pid in seen:
            continue
        seen.add(pid)
        session.add(EventParticipant(event_id=row.id, participant_id=pid, role=p.role, event_date=event.date.date))
    _add_sources(session, row.id, article_id, event)
    return row.id, False


def delete_article(session: Session, article_id: int) -> None:
    """Remove an article; its events lose that source and disappear only when no source is left."""
    event_ids = set(session.scalars(select(EventSource.event_id).where(EventSource.article_id == article_id)))
    session.execute(delete(Statement).where(Statement.article_id == article_id))
    session.execute(delete(EventSource).where(EventSource.article_id == article_id))
    session.execute(delete(RelatedHeadline).where(RelatedHeadline.article_id == article_id))
    session.execute(delete(Article).where(Article.id == article_id))
    if event_ids:
        orphaned = [
            eid
            for eid in event_ids
            if not session.scalar(select(func.count()).select_from(EventSource).where(EventSource.event_id == eid))
        ]
        if orphaned:
            session.execute(update(Statement).where(Statement.event_id.in_(orphaned)).values(event_id=None))
            session.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(orphaned)))
            session.execute(delete(Event).where(Event.id.in_(orphaned)))


def _previous_version(session: Session, extraction: Extraction) -> int | None:
    """An earlier version of the same article: same URL, or same source, title and date."""
    article = extraction.article
    if article.url:
        found = session.scalar(select(Article.id).where(Article.url == article.url))
        if found is not None:
            return found
    if article.source:
        return session.scalar(
            select(Article.id)
            .join(Source)
            .where(
                Source.name == article.source, Article.title == article.title, Article.published == article.published
            )
        )
    return None


def save_extraction(
    session: Session, extraction: Extraction, cache: ParticipantCache | None = None, now: dt.datetime | None = None
) -> SaveResult:
    """Store an article and what it yields. The same content again changes nothing; a corrected
    version (same URL, or same source, title and date) replaces the old one and its yield."""
    cache = cache or ParticipantCache()
    article = extraction.article
    content_hash = article.content_hash
    existing = find_article_by_hash(session, content_hash)
    if existing is not None:
        return SaveResult("duplicate", existing)
    status = "new"
    previous = _previous_version(session, extraction)
    if previous is not None:
        delete_article(session, previous)
        status = "replaced"
    row = Article(
        source_id=source_id(session, article.source),
        title=article.title,
        published=article.published,
        body=article.body,
        origin=article.origin,
        url=article.url,
        content_hash=content_hash,
        loaded_at=now or dt.datetime.now(dt.UTC),
    )
    session.add(row)
    session.flush()
    session.add_all(RelatedHeadline(article_id=row.id, position=i, text=h) for i, h in enumerate(article.related))
    result = SaveResult(status, row.id)
    event_ids: list[int] = []
    for event in extraction.events:
        event_id, merged = save_event(session, event, row.id, cache)
        event_ids.append(event_id)
        if merged:
            result.events_merged += 1
        else:
            result.events_new += 1
    for statement in extraction.statements:
        session.add(
            Statement(
                speaker_id=participant_id(session, statement.speaker, cache),
                article_id=row.id,
                event_id=event_ids[statement.event_index] if statement.event_index is not None else None,
                date=statement.date.date,
                date_precision=statement.date.precision,
                kind=statement.kind,
                text=statement.text,
                sentence_start=statement.sentence.start,
                sentence_end=statement.sentence.end,
            )
        )
        result.statements += 1
    session.flush()
    return result
