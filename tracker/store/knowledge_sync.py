"""Copies the bundled knowledge base into the database so that SQL sees every known participant,
alias and office. Runs when a database is opened and the bundled files have changed since."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.knowledge import KnowledgeBase, KnownParticipant, load_knowledge
from tracker.knowledge.names import normalize_name
from tracker.store.insert_or_ignore import insert_ignore
from tracker.store.models import Alias, KnowledgeState, Office, Participant

FINGERPRINT_KEY = "knowledge_fingerprint"


def knowledge_is_current(session: Session, kb: KnowledgeBase | None = None) -> bool:
    """Whether the database already holds this knowledge base (a read: no write lock)."""
    kb = kb or load_knowledge()
    state = session.get(KnowledgeState, FINGERPRINT_KEY)
    return state is not None and state.value == kb.fingerprint


def sync_knowledge(session: Session, kb: KnowledgeBase | None = None) -> bool:
    """Insert what is missing (never deletes user data). Returns True when anything was synced."""
    kb = kb or load_knowledge()
    if knowledge_is_current(session, kb):
        return False
    known = kb.participants()
    ids = _stored_ids(session, known)
    insert_ignore(
        session,
        Participant.__table__,
        [{"kind": p.kind, "name": p.name, "country_code": p.country} for p in known if (p.kind, p.name) not in ids],
    )
    ids.update(_stored_ids(session, [p for p in known if (p.kind, p.name) not in ids]))
    aliases: dict[str, dict[str, Any]] = {}
    offices: list[dict[str, Any]] = []
    for p in known:
        pid = ids[(p.kind, p.name)]
        for spelling in (p.name, *p.aliases):
            key = normalize_name(spelling)
            if key:
                aliases.setdefault(key, {"participant_id": pid, "alias": spelling, "normalized": key})
        offices.extend(
            {
                "participant_id": pid,
                "title": o.title,
                "country_code": o.country,
                "start_date": o.start,
                "end_date": o.end,
            }
            for o in p.offices
        )
    insert_ignore(session, Alias.__table__, list(aliases.values()))
    insert_ignore(session, Office.__table__, offices)
    insert_ignore(session, KnowledgeState.__table__, [{"key": FINGERPRINT_KEY, "value": kb.fingerprint}])
    state = session.get(KnowledgeState, FINGERPRINT_KEY, populate_existing=True)
    if state is not None:
        state.value = kb.fingerprint
    return True


def _stored_ids(session: Session, known: list[KnownParticipant]) -> dict[tuple[str, str], int]:
    """The stored participant of each bundled one: the row of its name or, failing that, the
    participant of its kind that holds one of its spellings. A user's merge deletes the bundled
    row and moves its spellings (and offices) to the participant kept, so the second lookup is
    what keeps a sync from bringing the merged-away participant back with a copy of its offices."""
    by_name = {
        (kind, name): pid
        for pid, kind, name in session.execute(select(Participant.id, Participant.kind, Participant.name))
    }
    by_spelling = {
        (kind, key): pid
        for key, pid, kind in session.execute(
            select(Alias.normalized, Alias.participant_id, Participant.kind).join(
                Participant, Participant.id == Alias.participant_id
            )
        )
    }
    ids: dict[tuple[str, str], int] = {}
    for p in known:
        pid = by_name.get((p.kind, p.name))
        if pid is None:
            spellings = ((p.kind, normalize_name(s)) for s in (p.name, *p.aliases))
            pid = next((by_spelling[k] for k in spellings if k in by_spelling), None)
        if pid is not None:
            ids[(p.kind, p.name)] = pid
    return ids
