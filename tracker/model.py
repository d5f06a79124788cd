"""Plain values that flow through the pipeline: ingest -> extract -> resolve -> store.

No SQLAlchemy, no terminal: everything here is a frozen dataclass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Article:
    """An article as read from a file, a record or a page. `body` holds its paragraphs, one per line."""

    title: str
    published: dt.date
    body: str
    related: tuple[str, ...] = ()
    origin: str | None = None  # where it was loaded from (path or URL)
    url: str | None = None
    source: str | None = None  # publisher / outlet

    @cached_property
    def content_hash(self) -> str:
        """Same title, date and text = same article, whatever file or URL it came from."""
        text = "\n".join([self.title.strip(), self.published.isoformat(), " ".join(self.body.split())])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @cached_property
    def paragraphs(self) -> list[tuple[int, str]]:
        """(offset into body, text) of each non-empty paragraph."""
        out, offset = [], 0
        for line in self.body.split("\n"):
            if line.strip():
                out.append((offset, line))
            offset += len(line) + 1
        return out


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # character offsets into Article.body
    end: int
    paragraph: int  # index of the paragraph it belongs to


@dataclass(frozen=True)
class DateValue:
    date: dt.date
    precision: str  # day | month | year
    future: bool = False  # resolved to after the reference date, or announced as planned

    def agrees_with(self, other: DateValue) -> bool:
        """Same day, or the same month/year where either side is only that precise."""
        if "year" in (self.precision, other.precision):
            return self.date.year == other.date.year
        if "month" in (self.precision, other.precision):
            return (self.date.year, self.date.month) == (other.date.year, other.date.month)
        return self.date == other.date


@dataclass(frozen=True)
class ParticipantRef:
    """A participant as the extractor resolved it; the store maps it to a row by name and kind."""

    name: str
    kind: str  # person | country | organization
    country: str | None = None
    role: str | None = None  # e.g. "President of South Korea" on the event's date
    title: str | None = None  # an office title found in the text, for people the knowledge base lacks
    gender: str | None = None  # "f" / "m" when known, for pronouns


@dataclass(frozen=True)
class ExtractedEvent:
    type: str
    date: DateValue
    status: str  # occurred | planned
    participants: tuple[ParticipantRef, ...]
    sentences: tuple[Sentence, ...]
    location: str | None = None
    summary: str = ""

    @property
    def persons(self) -> frozenset[str]:
        return frozenset(p.name for p in self.participants if p.kind == "person")

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(p.country for p in self.participants if p.kind == "country" and p.country)


@dataclass(frozen=True)
class ExtractedStatement:
    speaker: ParticipantRef
    kind: str  # quote | reported
    text: str
    date: DateValue
    sentence: Sentence
    event_index: int | None = None  # index into Extraction.events


@dataclass(frozen=True)
class Extraction:
    article: Article
    events: tuple[ExtractedEvent, ...] = ()
    statements: tuple[ExtractedStatement, ...] = ()
    new_people: tuple[ParticipantRef, ...] = field(default=())  # people found by title, unknown to the KB
