"""The length limits of the schema's text columns, checked before anything is written.

PostgreSQL refuses a value longer than its VARCHAR(n) and SQLite stores it whole: checking here
gives both engines one behaviour. A value over its limit is refused, never cut: an article whose
source name or extracted names do not fit fails alone, with a line that says which value and why.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, String

from tracker.errors import TrackerError
from tracker.knowledge.names import normalize_name
from tracker.model import Extraction, ParticipantRef
from tracker.store.tables import aliases, event_participants, events, offices, participants, sources


def column_limit(column: Column[Any]) -> int | None:
    """The most characters `column` holds, or None when it has no limit."""
    return column.type.length if isinstance(column.type, String) else None


def check_fits(what: str, value: str | None, column: Column[Any]) -> None:
    """Refuse `value` when it is longer than `column` holds; `what` names it for the user."""
    limit = column_limit(column)
    if value is not None and limit is not None and len(value) > limit:
        raise TrackerError(f"{what} is {len(value)} characters long, over the limit of {limit}")


def check_participant_fits(ref: ParticipantRef) -> None:
    check_fits("participant name", ref.name, participants.c.name)
    check_alias_fits(ref.name)  # the name is its first alias
    check_fits("participant role", ref.role, event_participants.c.role)


def check_alias_fits(alias: str) -> None:
    check_fits("name", alias, aliases.c.alias)
    check_fits("name (normalised)", normalize_name(alias), aliases.c.normalized)  # casefolding can lengthen it


def check_extraction_fits(extraction: Extraction) -> None:
    """Every value of an article and its yield that goes into a column with a length limit."""
    check_fits("source name", extraction.article.source, sources.c.name)
    for event in extraction.events:
        check_fits("event location", event.location, events.c.location)
        for ref in event.participants:
            check_participant_fits(ref)
    for statement in extraction.statements:
        check_participant_fits(statement.speaker)


def check_office_fits(title: str) -> None:
    check_fits("office title", title, offices.c.title)
