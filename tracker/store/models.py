"""ORM classes over the Core tables of `tables`, for the commands that edit rows one by one
(curation, article removal). Queries and loads use the tables directly and never import this."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase, Mapped

from tracker.store import tables


class Base(DeclarativeBase):
    metadata = tables.metadata


class Source(Base):
    __table__ = tables.sources
    id: Mapped[int]
    name: Mapped[str]


class Article(Base):
    __table__ = tables.articles
    id: Mapped[int]
    source_id: Mapped[int | None]
    title: Mapped[str]
    published: Mapped[dt.date]
    body: Mapped[str]
    origin: Mapped[str | None]
    url: Mapped[str | None]
    content_hash: Mapped[str]
    loaded_at: Mapped[dt.datetime]


class RelatedHeadline(Base):
    __table__ = tables.related_headlines
    id: Mapped[int]
    article_id: Mapped[int]
    position: Mapped[int]
    text: Mapped[str]


class Participant(Base):
    __table__ = tables.participants
    id: Mapped[int]
    kind: Mapped[str]
    name: Mapped[str]
    country_code: Mapped[str | None]


class Alias(Base):
    __table__ = tables.aliases
    id: Mapped[int]
    participant_id: Mapped[int]
    alias: Mapped[str]
    normalized: Mapped[str]


class Office(Base):
    __table__ = tables.offices
    id: Mapped[int]
    participant_id: Mapped[int]
    title: Mapped[str]
    country_code: Mapped[str | None]
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date | None]


class Event(Base):
    __table__ = tables.events
    id: Mapped[int]
    type: Mapped[str]
    plover: Mapped[str]
    date: Mapped[dt.date]
    date_precision: Mapped[str]
    status: Mapped[str]
    location: Mapped[str | None]
    summary: Mapped[str]


class EventParticipant(Base):
    __table__ = tables.event_participants
    event_id: Mapped[int]
    participant_id: Mapped[int]
    role: Mapped[str | None]
    event_date: Mapped[dt.date]


class EventSource(Base):
    __table__ = tables.event_sources
    id: Mapped[int]
    event_id: Mapped[int]
    article_id: Mapped[int]
    sentence: Mapped[str]
    sentence_start: Mapped[int]
    sentence_end: Mapped[int]


class Statement(Base):
    __table__ = tables.statements
    id: Mapped[int]
    speaker_id: Mapped[int]
    article_id: Mapped[int]
    event_id: Mapped[int | None]
    date: Mapped[dt.date]
    date_precision: Mapped[str]
    kind: Mapped[str]
    text: Mapped[str]
    sentence_start: Mapped[int]
    sentence_end: Mapped[int]


class KnowledgeState(Base):
    __table__ = tables.knowledge_state
    key: Mapped[str]
    value: Mapped[str]
