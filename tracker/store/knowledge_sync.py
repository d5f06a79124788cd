"""Copies the bundled knowledge base into the database so that SQL sees every known participant,
alias and office. Runs when a database is opened and the bundled files have changed since."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.knowledge import KnowledgeBase, load_knowledge
from tracker.knowledge.names import normalize_name
from tracker.store.schema import Alias, KnowledgeState, Office, Participant
from tracker.store.upsert import insert_ignore

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
    insert_ignore(
        session, Participant.__table__, [{"kind": p.kind, "name": p.name, "country_code": p.country} for p in known]
    )
    ids = {
        (kind, name): pid
        for pid, kind, name in session.execute(select(Participant.id, Participant.kind, Participant.name))
    }
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
