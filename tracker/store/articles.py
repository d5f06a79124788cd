"""Articles as loaded: list them, show what one yielded (with provenance), delete one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.errors import TrackerError
from tracker.store.event_rows import events_by_id
from tracker.store.lookup import contains_text
from tracker.store.models import Article, EventSource, Participant, RelatedHeadline, Source, Statement
from tracker.store.write import delete_article


def list_articles(session: Session, search: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    events = (
        select(EventSource.article_id, func.count(func.distinct(EventSource.event_id)).label("n"))
        .group_by(EventSource.article_id)
        .subquery()
    )
    said = select(Statement.article_id, func.count().label("n")).group_by(Statement.article_id).subquery()
    query = (
        select(
            Article.id,
            Article.published,
            Article.title,
            Source.name,
            Article.origin,
            func.coalesce(events.c.n, 0),
            func.coalesce(said.c.n, 0),
        )
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(events, events.c.article_id == Article.id)
        .outerjoin(said, said.c.article_id == Article.id)
    )
    if search:
        query = query.where(contains_text(Article.title, search))
    query = query.order_by(Article.published, Article.id)
    if limit:
        query = query.limit(limit)
    return [
        {
            "id": r[0],
            "published": r[1].isoformat(),
            "title": r[2],
            "source": r[3],
            "origin": r[4],
            "events": r[5],
            "statements": r[6],
        }
        for r in session.execute(query)
    ]


def _article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise TrackerError(f"no article with id {article_id}")
    return article


def show_article(session: Session, article_id: int) -> dict[str, Any]:
    """The article and everything it yielded, each with the sentence and offsets it came from."""
    article = _article(session, article_id)
    event_ids = list(
        session.scalars(select(EventSource.event_id).where(EventSource.article_id == article_id).distinct())
    )
    events = events_by_id(session, sorted(event_ids))
    for event in events:
        event["sources"] = [s for s in event["sources"] if s["article_id"] == article_id]
    statements = [
        {
            "id": s.id,
            "speaker": name,
            "kind": s.kind,
            "date": s.date.isoformat(),
            "text": s.text,
            "start": s.sentence_start,
            "end": s.sentence_end,
            "event_id": s.event_id,
        }
        for s, name in session.execute(
            select(Statement, Participant.name)
            .join(Participant, Participant.id == Statement.speaker_id)
            .where(Statement.article_id == article_id)
            .order_by(Statement.id)
        )
    ]
    related = list(
        session.scalars(
            select(RelatedHeadline.text)
            .where(RelatedHeadline.article_id == article_id)
            .order_by(RelatedHeadline.position)
        )
    )
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published.isoformat(),
        "origin": article.origin,
        "url": article.url,
        "events": events,
        "statements": statements,
        "related_headlines": related,
    }


def remove_article(session: Session, article_id: int) -> str:
    title = _article(session, article_id).title
    delete_article(session.connection(), article_id)
    return title
