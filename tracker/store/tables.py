"""The relational schema as SQLAlchemy Core tables: the single source of truth for migrations.

Queries and the write path use these tables directly, so that commands that only read never
import the ORM (~30% of SQLAlchemy's import time); `models` maps ORM classes onto them for the
curation commands. Every constraint is named through the MetaData naming convention so that
migrations can refer to them on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PARTICIPANT_KINDS = ("person", "country", "organization")
PRECISIONS = ("day", "month", "year")
STATUSES = ("occurred", "planned")
STATEMENT_KINDS = ("quote", "reported")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


metadata = MetaData(naming_convention=NAMING_CONVENTION)

sources = Table(
    "sources",  # a publisher or outlet
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    Column("title", Text, nullable=False),
    Column("published", Date, nullable=False, index=True),
    Column("body", Text, nullable=False),
    Column("origin", Text),  # the file path or URL it was loaded from
    Column("url", Text, index=True),  # the article's own URL, when known
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

related_headlines = Table(
    "related_headlines",  # an "ALSO READ" / "Related stories" line: kept, never the article's body
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("country_code", String(2), index=True),  # ISO 3166-1 alpha-2
    UniqueConstraint("kind", "name", name="uq_participants_kind_name"),
    CheckConstraint(_in("kind", PARTICIPANT_KINDS), name="kind"),
)

aliases = Table(
    "aliases",  # a spelling of a participant's name; `normalized` is what lookups compare (names.py)
    metadata,
    Column("id", Integer, primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", String(200), nullable=False),
    Column("normalized", String(200), nullable=False, unique=True),
)

offices = Table(
    "offices",  # a time-bounded office: who held `title` in `country_code` from start to end
    metadata,
    Column("id", Integer, primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(100), nullable=False),
    Column("country_code", String(2)),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),  # NULL: still in office
    UniqueConstraint("participant_id", "title", "country_code", "start_date", name="uq_offices_holder_term"),
    Index("ix_offices_title_country_start", "title", "country_code", "start_date"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(30), nullable=False),
    Column("plover", String(30), nullable=False),  # the PLOVER category of `type`
    Column("date", Date, nullable=False),
    Column("date_precision", String(5), nullable=False),
    Column("status", String(10), nullable=False),
    Column("location", String(200)),
    Column("summary", Text, nullable=False),
    CheckConstraint(_in("date_precision", PRECISIONS), name="date_precision"),
    CheckConstraint(_in("status", STATUSES), name="status"),
    Index("ix_events_date_id", "date", "id"),
    Index("ix_events_type_date", "type", "date"),
)

# A participant's part in an event. The event's date is copied here so that a leader's or a pair's
# timeline is one index range scan: (participant_id, event_date, event_id).
event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(200)),
    Column("event_date", Date, nullable=False),
    Index("ix_event_participants_timeline", "participant_id", "event_date", "event_id"),
)

# Which article, and which sentence of it (text and character offsets into the body), reported an event.
event_sources = Table(
    "event_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    # looked up by event through the unique constraint below, whose first column it is
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sentence", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    UniqueConstraint("event_id", "article_id", "sentence_start", name="uq_event_sources_event_article_start"),
)

# Who said what, when: a direct quote or reported speech, traced to its sentence.
statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", ForeignKey("events.id", ondelete="SET NULL"), index=True),
    Column("date", Date, nullable=False),
    Column("date_precision", String(5), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    CheckConstraint(_in("kind", STATEMENT_KINDS), name="kind"),
    CheckConstraint(_in("date_precision", PRECISIONS), name="date_precision"),
    Index("ix_statements_speaker_date", "speaker_id", "date"),
    Index("ix_statements_date_id", "date", "id"),
)

knowledge_state = Table(
    "knowledge_state",  # fingerprint of the bundled knowledge base last synced into this database
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", String(200), nullable=False),
)
