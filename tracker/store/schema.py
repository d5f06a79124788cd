"""The relational schema: SQLAlchemy 2 typed models, the single source of truth for migrations.

Every constraint is named through the MetaData naming convention so that migrations can refer to
them on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PARTICIPANT_KINDS = ("person", "country", "organisation")
PRECISIONS = ("day", "month", "year")
STATUSES = ("occurred", "planned")
STATEMENT_KINDS = ("quote", "reported")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """A publisher or outlet."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[dt.date] = mapped_column(Date, index=True)
    body: Mapped[str] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)  # the file path or URL it was loaded from
    url: Mapped[str | None] = mapped_column(Text, index=True)  # the article's own URL, when known
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RelatedHeadline(Base):
    """An "ALSO READ" / "Related stories" line: kept, never treated as the article's body."""

    __tablename__ = "related_headlines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("kind", "name", name="uq_participants_kind_name"),
        CheckConstraint(_in("kind", PARTICIPANT_KINDS), name="kind"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)  # ISO 3166-1 alpha-2


class Alias(Base):
    """A spelling of a participant's name; `normalized` is what lookups compare (see names.py)."""

    __tablename__ = "aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    normalized: Mapped[str] = mapped_column(String(200), unique=True)


class Office(Base):
    """A time-bounded office: who held `title` in `country_code` from `start_date` to `end_date`."""

    __tablename__ = "offices"
    __table_args__ = (
        UniqueConstraint("participant_id", "title", "country_code", "start_date", name="uq_offices_holder_term"),
        Index("ix_offices_title_country_start", "title", "country_code", "start_date"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    country_code: Mapped[str | None] = mapped_column(String(2))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)  # NULL: still in office


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("date_precision", PRECISIONS), name="date_precision"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        Index("ix_events_date_id", "date", "id"),
        Index("ix_events_type_date", "type", "date"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(30))
    plover: Mapped[str] = mapped_column(String(30))  # the PLOVER category of `type`
    date: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(10))
    location: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)


class EventParticipant(Base):
    """A participant's part in an event. The event's date is copied here so that a leader's or a
    pair's timeline is one index range scan: (participant_id, event_date, event_id)."""

    __tablename__ = "event_participants"
    __table_args__ = (Index("ix_event_participants_timeline", "participant_id", "event_date", "event_id"),)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str | None] = mapped_column(String(200))
    event_date: Mapped[dt.date] = mapped_column(Date)


class EventSource(Base):
    """Which article, and which sentence of it (text and character offsets into the body), reported an event."""

    __tablename__ = "event_sources"
    __table_args__ = (
        UniqueConstraint("event_id", "article_id", "sentence_start", name="uq_event_sources_event_article_start"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)


class Statement(Base):
    """Who said what, when: a direct quote or reported speech, traced to its sentence."""

    __tablename__ = "statements"
    __table_args__ = (
        CheckConstraint(_in("kind", STATEMENT_KINDS), name="kind"),
        CheckConstraint(_in("date_precision", PRECISIONS), name="date_precision"),
        Index("ix_statements_speaker_date", "speaker_id", "date"),
        Index("ix_statements_date_id", "date", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)


class KnowledgeState(Base):
    """Fingerprint of the bundled knowledge base last synced into this database."""

    __tablename__ = "knowledge_state"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
