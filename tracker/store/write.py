"""Saving articles and all they yield, in the caller's transaction: the order of the work and the
same-event decisions. The rows go through `bulk`, participant ids through `participant_cache`,
and the events a report may be the same as through `known_events`.

Events merge with an existing event when `tracker.same_event` says they are the same real event,
so that many reports of one summit are one event with many sources.

This is the hot path of a backfill, so it speaks SQLAlchemy Core on a Connection (no unit of work),
with statements whose shape does not change (SQLAlchemy caches their compiled form). It works
inside an ORM Session too: pass `session.connection()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Insert, bindparam, delete, select, text, update

from tracker.model import ExtractedEvent, Extraction, ParticipantRef
from tracker.same_event import Report
from tracker.store import tables
from tracker.store.bulk import PendingRows
from tracker.store.insert_or_ignore import insert_ignoring_conflicts
from tracker.store.known_events import Known, KnownEvents, candidates
from tracker.store.limits import check_extraction_fits
from tracker.store.participant_cache import ParticipantCache, participant_id, source_id
from tracker.vocabulary import PLOVER

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}
articles = tables.articles
events = tables.events
links = tables.event_participants
sources = tables.event_sources
statements = tables.statements
related = tables.related_headlines


@dataclass
class SaveResult:
    status: str  # new | duplicate | replaced
    article_id: int
    events_new: int = 0
    events_merged: int = 0
    statements: int = 0


# Statements built once: constructing a select costs more than running it on SQLite.
_BY_HASH = select(articles.c.id).where(articles.c.content_hash == bindparam("h"))
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


@lru_cache(maxsize=2)
def _new_articles_unless_stored(dialect: str) -> Insert:
    return insert_ignoring_conflicts(dialect, articles).returning(articles.c.content_hash, articles.c.id)


WRITER_LOCK = 0x7472_6163  # "trac": the advisory lock that serializes writers on PostgreSQL


def lock_writers(conn: Connection) -> None:
    """Serialize article saves across processes, so that two loaders never both create the same
    event or article. SQLite already does (BEGIN IMMEDIATE); PostgreSQL takes a transaction-level
    advisory lock, released at commit or rollback. Extraction, the expensive part, stays parallel."""
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK, {"key": WRITER_LOCK})


def stored_hashes(conn: Connection, hashes: list[str]) -> set[str]:
    """Which of these content hashes are already stored (one query per call)."""
    if not hashes:
        return set()
    return set(conn.execute(select(articles.c.content_hash).where(articles.c.content_hash.in_(hashes))).scalars())


def find_article_by_hash(conn: Connection, content_hash: str) -> int | None:
    return conn.execute(_BY_HASH, {"h": content_hash}).scalar()


def _merge_into(event_id: int, plan: _Planned, candidates: KnownEvents, pending: PendingRows) -> None:
    """A new report of a known event (stored, or new earlier in the run): a more precise date
    refines it, new participants join it, and a report that it happened turns a planned event
    into an occurred one. `candidates` is kept up to date, so nothing is read back."""
    event = plan.event
    known = candidates[event_id]
    new_row = pending.new_events[-1 - event_id] if event_id < 0 else None
    if PRECISION_ORDER[event.date.precision] < PRECISION_ORDER[known.date.precision]:
        known.date = event.date
        if new_row is not None:
            new_row["date"], new_row["date_precision"] = event.date.date, event.date.precision
        else:
            pending.refined[event_id] = event.date
        for row in pending.links:
            if row["event_id"] == event_id:
                row["event_date"] = event.date.date
    pending.links.extend(_link_rows(event_id, plan, known.date.date, known.persons | known.countries))
    candidates.join(event_id, plan.persons, plan.countries)
    if event.status == "occurred":
        if new_row is not None:
            new_row["status"] = "occurred"
        else:
            pending.occurred.add(event_id)


@dataclass
class _Planned:
    """One event of an article to save, with its participants' ids."""

    event: ExtractedEvent
    ids: dict[ParticipantRef, int]
    persons: set[int]  # people and institutions
    countries: set[int]

    def report(self) -> Report:
        return Report(self.event.type, self.event.date, frozenset(self.persons), frozenset(self.countries))


def _link_rows(
    event_id: int,
    plan: _Planned,
    event_date: dt.date,
    members: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    """The link rows of a planned event's participants that are not `members` yet (one per
    participant, the last role given to it)."""
    roles = {pid: p.role for p, pid in plan.ids.items() if pid not in members}
    return [
        {"event_id": event_id, "participant_id": pid, "role": role, "event_date": event_date}
        for pid, role in roles.items()
    ]


def _plan(conn: Connection, event: ExtractedEvent, cache: ParticipantCache) -> _Planned:
    ids = {p: participant_id(conn, p, cache) for p in event.participants}
    countries = {pid for p, pid in ids.items() if p.kind == "country"}
    return _Planned(event, ids, {pid for pid in ids.values() if pid not in countries}, countries)


def save_events(
    planned: list[_Planned], article_id: int, known: KnownEvents, pending: PendingRows
) -> list[tuple[int, bool]]:
    """(event id or placeholder, whether it was merged into an existing event) for each event of
    one article. `known` holds the candidate events (stored before the run, or new earlier in it)
    and is kept up to date; all rows go to `pending`."""
    outcome: list[tuple[int, bool]] = []
    first_of_article = -1 - len(pending.new_events)
    for plan in planned:
        existing = known.same_as(plan.report())
        if existing is not None:
            if existing > first_of_article:  # an earlier event of this article told again is
                # already complete (the article's own events were merged in extraction)
                _merge_into(existing, plan, known, pending)
            outcome.append((existing, True))
            continue
        event = plan.event
        placeholder = pending.new_event(
            {
                "type": event.type,
                "plover": PLOVER.get(event.type, "OTHER"),
                "date": event.date.date,
                "date_precision": event.date.precision,
                "status": event.status,
                "location": event.location,
                "summary": event.summary,
            }
        )
        known.add(placeholder, Known(event.type, event.date, set(plan.persons), set(plan.countries)))
        pending.links.extend(_link_rows(placeholder, plan, event.date.date))
        outcome.append((placeholder, False))
    pending.sources.extend(
        {
            "event_id": event_id,
            "article_id": article_id,
            "sentence": s.text,
            "sentence_start": s.start,
            "sentence_end": s.end,
        }
        for (event_id, _), plan in zip(outcome, planned, strict=True)
        for s in plan.event.sentences
    )
    return outcome


def delete_article(conn: Connection, article_id: int) -> list[int]:
    """Remove an article; its events lose that source and disappear only when no source is left.
    Returns the ids of the events that disappeared."""
    event_ids = set(conn.execute(select(sources.c.event_id).where(sources.c.article_id == article_id)).scalars())
    conn.execute(delete(statements).where(statements.c.article_id == article_id))
    conn.execute(delete(sources).where(sources.c.article_id == article_id))
    conn.execute(delete(related).where(related.c.article_id == article_id))
    conn.execute(delete(articles).where(articles.c.id == article_id))
    if event_ids:
        still_told = set(conn.execute(select(sources.c.event_id).where(sources.c.event_id.in_(event_ids))).scalars())
        orphaned = sorted(event_ids - still_told)
        if orphaned:
            conn.execute(update(statements).where(statements.c.event_id.in_(orphaned)).values(event_id=None))
            conn.execute(delete(links).where(links.c.event_id.in_(orphaned)))
            conn.execute(delete(events).where(events.c.id.in_(orphaned)))
        return orphaned
    return []


def _previous_version(conn: Connection, extraction: Extraction, new_id: int, later: set[int]) -> int | None:
    """An earlier version of the same article: same URL, or same source, title and date; neither
    this one (`new_id`) nor one saved after it in the same batch (`later`)."""
    article = extraction.article
    found: list[int] = []
    if article.url:
        found = list(conn.execute(select(articles.c.id).where(articles.c.url == article.url)).scalars())
    if not [i for i in found if i != new_id and i not in later] and article.source:
        found = list(
            conn.execute(
                select(articles.c.id)
                .join(tables.sources)
                .where(
                    tables.sources.c.name == article.source,
                    articles.c.title == article.title,
                    articles.c.published == article.published,
                )
            ).scalars()
        )
    earlier = [int(i) for i in found if i != new_id and i not in later]
    return min(earlier) if earlier else None


def _insert_articles(
    conn: Connection, batch: list[Extraction], cache: ParticipantCache, now: dt.datetime
) -> list[int | None]:
    """The new article rows of a batch, in one statement: the id of each, or None for content that
    is stored already. The insert is the duplicate check."""
    rows = [
        {
            "source_id": source_id(conn, e.article.source, cache),
            "title": e.article.title,
            "published": e.article.published,
            "body": e.article.body,
            "origin": e.article.origin,
            "url": e.article.url,
            "content_hash": e.article.content_hash,
            "loaded_at": now,
        }
        for e in batch
    ]
    inserted = {h: i for h, i in conn.execute(_new_articles_unless_stored(conn.dialect.name), rows)}
    ids: list[int | None] = []
    for e in batch:
        ids.append(inserted.pop(e.article.content_hash, None))
    return ids


def save_batch(
    conn: Connection,
    batch: list[Extraction],
    cache: ParticipantCache | None = None,
    now: dt.datetime | None = None,
) -> list[SaveResult]:
    """Store articles and what they yield, in the caller's transaction (holding the writer lock),
    exactly as saving them one after the other would. The same content again changes nothing; a
    corrected version (same URL, or same source, title and date) replaces the old one and its yield.

    For a batch: one insert for the articles, one query for the same-event candidates of all their
    events, then the same-event decisions in memory, and one statement per table for everything
    they write (see `PendingRows`)."""
    if not batch:
        return []
    for extraction in batch:  # before the first write: a value too long costs nothing but its article
        check_extraction_fits(extraction)
    cache = cache or ParticipantCache()
    # A copy of content stored already (or earlier in the batch) starts a new run: one by one, it is
    # a duplicate unless what came before it in the batch replaced that content, and then it is new.
    present = stored_hashes(conn, [e.article.content_hash for e in batch])
    results: list[SaveResult] = []
    run: list[Extraction] = []
    for extraction in batch:
        content_hash = extraction.article.content_hash
        if content_hash in present and run:
            results.extend(_save_run(conn, run, cache, now))
            run = []
        present.add(content_hash)
        run.append(extraction)
    results.extend(_save_run(conn, run, cache, now))
    return results


def _flush(conn: Connection, rows: PendingRows, known: KnownEvents) -> None:
    """Write the pending rows; the placeholders in `known` become the new events' ids (moved to
    its end in creation order, which keeps the order the same-event decision relies on)."""
    for placeholder, event_id in rows.flush(conn).items():
        known.renamed(placeholder, event_id)


def _save_run(
    conn: Connection, batch: list[Extraction], cache: ParticipantCache, now: dt.datetime | None
) -> list[SaveResult]:
    """`save_batch` for a run in which only the first article may be stored already."""
    rows = PendingRows()
    ids = _insert_articles(conn, batch, cache, now or dt.datetime.now(dt.UTC))
    # participants in the order one-by-one saving creates them: each article's events, then speakers
    plans: dict[int, tuple[list[_Planned], list[int]]] = {}
    for extraction, article_id in zip(batch, ids, strict=True):
        if article_id is not None:
            planned = [_plan(conn, event, cache) for event in extraction.events]
            speakers = [participant_id(conn, s.speaker, cache) for s in extraction.statements]
            plans[article_id] = (planned, speakers)
    known = candidates(conn, [(p.event, p.persons, p.countries) for planned, _ in plans.values() for p in planned])
    results: list[SaveResult] = []
    saved_ids = [i for i in ids if i is not None]
    for extraction, article_id in zip(batch, ids, strict=True):
        if article_id is None:  # only the first of a run can be (see save_batch)
            existing = find_article_by_hash(conn, extraction.article.content_hash)
            assert existing is not None
            results.append(SaveResult("duplicate", existing))
            continue
        later = set(saved_ids[saved_ids.index(article_id) + 1 :])
        status = "new"
        previous = _previous_version(conn, extraction, article_id, later)
        if previous is not None:
            _flush(conn, rows, known)  # the old version's rows may still be waiting
            for gone in delete_article(conn, previous):
                known.remove(gone)
            status = "replaced"
        planned, speakers = plans[article_id]
        rows.related.extend(
            {"article_id": article_id, "position": i, "text": h} for i, h in enumerate(extraction.article.related)
        )
        saved = save_events(planned, article_id, known, rows)
        event_ids = [event_id for event_id, _ in saved]
        result = SaveResult(status, article_id, statements=len(extraction.statements))
        result.events_merged = sum(merged for _, merged in saved)
        result.events_new = len(saved) - result.events_merged
        rows.statements.extend(
            {
                "speaker_id": speaker_id,
                "article_id": article_id,
                "event_id": event_ids[s.event_index] if s.event_index is not None else None,
                "date": s.date.date,
                "date_precision": s.date.precision,
                "kind": s.kind,
                "text": s.text,
                "sentence_start": s.sentence.start,
                "sentence_end": s.sentence.end,
            }
            for s, speaker_id in zip(extraction.statements, speakers, strict=True)
        )
        results.append(result)
    _flush(conn, rows, known)
    return results


def save_extraction(
    conn: Connection,
    extraction: Extraction,
    cache: ParticipantCache | None = None,
    now: dt.datetime | None = None,
    locked: bool = False,
) -> SaveResult:
    """Store one article and what it yields (see `save_batch`). `locked`: the caller already holds
    the writer lock in this transaction."""
    if not locked:
        lock_writers(conn)
    return save_batch(conn, [extraction], cache, now)[0]
