"""A knowledge-base sync never brings back a participant the user merged away (issue #21, item 10).

`tracker participants merge KEEP DROP` deletes DROP and moves its spellings and offices to KEEP.
The bundled knowledge base is copied in again whenever it changes (a new tracker release); that
copy used to insert the bundled DROP afresh by name, with its offices: two Japanese prime
ministers on the same day in v_office_holders. There is no rename or delete command for
participants; a rename is done as here, by adding the new name and merging the old one into it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from sqlalchemy import text
from typer.testing import CliRunner

from tracker.cli import app
from tracker.knowledge import load_knowledge
from tracker.store.database import create_db_engine, opened
from tracker.store.knowledge_sync import sync_knowledge

from locations import SEEDS

runner = CliRunner()

ABE_PM_TERM = ("Prime Minister", "JP", dt.date(2012, 12, 26), dt.date(2020, 9, 16))


def tracker(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def query(db_url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    engine = create_db_engine(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def ship_a_new_knowledge_base(db_url: str) -> None:
    """What a tracker release with changed data files looks like to a database: the stored
    fingerprint no longer matches, so the next command that opens it syncs."""
    engine = create_db_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE knowledge_state SET value = 'an older knowledge base'"))
    finally:
        engine.dispose()


def people_named(db_url: str, search: str) -> list[str]:
    out = tracker("participants", "list", "--kind", "person", "--search", search, "--format", "json", "--db", db_url)
    words = search.lower()  # whole words: "Abe" is not the "abe" of "Huckabee"
    return sorted(row["name"] for row in json.loads(out) if words in row["name"].lower().replace(".", " ").split())


def japanese_prime_ministers_on(db_url: str, day: dt.date) -> list[tuple[Any, ...]]:
    return query(
        db_url,
        "SELECT name, start_date FROM v_office_holders WHERE title = 'Prime Minister' AND country_code = 'JP' "
        "AND start_date <= :d AND (end_date IS NULL OR end_date >= :d) ORDER BY name",
        d=day,
    )


def offices_of(db_url: str, name: str) -> list[tuple[Any, ...]]:
    rows = query(
        db_url,
        "SELECT o.title, o.country_code, o.start_date, o.end_date FROM offices o "
        "JOIN participants p ON p.id = o.participant_id WHERE p.name = :n ORDER BY o.start_date, o.title",
        n=name,
    )
    # SQLite hands dates back as text through a plain SQL query
    return [(t, c, dt.date.fromisoformat(str(s)), dt.date.fromisoformat(str(e)) if e else None) for t, c, s, e in rows]


def test_sync_after_a_merge_does_not_bring_the_merged_participant_back(db_url: str) -> None:
    """The issue's reproduction: Shinzo Abe merged into a user's own "S. Abe", then a sync."""
    tracker("participants", "add", "S. Abe", "--country", "JP", "--db", db_url)
    tracker("participants", "merge", "S. Abe", "Shinzo Abe", "--db", db_url)
    ship_a_new_knowledge_base(db_url)

    assert people_named(db_url, "Abe") == ["S. Abe"]  # this command opened the database: it synced
    assert query(db_url, "SELECT value FROM knowledge_state") == [(load_knowledge().fingerprint,)]
    assert offices_of(db_url, "S. Abe") == [ABE_PM_TERM]
    on_the_day_of_the_seed = dt.date(2015, 11, 2)
    assert [name for name, _ in japanese_prime_ministers_on(db_url, on_the_day_of_the_seed)] == ["S. Abe"]


def test_articles_loaded_after_the_merge_and_sync_name_the_kept_participant(db_url: str) -> None:
    tracker("participants", "add", "S. Abe", "--country", "JP", "--db", db_url)
    tracker("participants", "merge", "S. Abe", "Shinzo Abe", "--db", db_url)
    ship_a_new_knowledge_base(db_url)
    tracker("load", str(SEEDS / "2015-11-02-park-abe-first-summit.txt"), "--db", db_url)

    assert people_named(db_url, "Abe") == ["S. Abe"]
    linked = query(
        db_url,
        "SELECT DISTINCT p.name FROM event_participants ep JOIN participants p ON p.id = ep.participant_id "
        "WHERE p.name LIKE '%Abe%'",
    )
    assert linked == [("S. Abe",)]


def test_a_merge_of_two_bundled_people_survives_a_sync(db_url: str) -> None:
    """Both sides bundled: the one kept holds both sets of offices once each, the other stays gone."""
    tracker("participants", "merge", "Fumio Kishida", "Shinzo Abe", "--db", db_url)
    kept_offices = offices_of(db_url, "Fumio Kishida")
    assert ABE_PM_TERM in kept_offices
    ship_a_new_knowledge_base(db_url)

    assert people_named(db_url, "Abe") == []
    assert offices_of(db_url, "Fumio Kishida") == kept_offices
    assert offices_of(db_url, "Shinzo Abe") == []


def test_a_sync_with_nothing_merged_adds_nothing(db_url: str) -> None:
    """The lookup by spelling changes nothing for a database nobody curated: one row per bundled
    participant, and a second sync adds no row anywhere."""
    kb = load_knowledge()
    tables = ("participants", "aliases", "offices")
    with opened(db_url):
        pass
    counted = {t: query(db_url, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    assert counted["participants"] == len({(p.kind, p.name) for p in kb.participants()})
    ship_a_new_knowledge_base(db_url)
    with opened(db_url):
        pass
    assert {t: query(db_url, f"SELECT count(*) FROM {t}")[0][0] for t in tables} == counted


def test_a_bundled_person_renamed_in_the_knowledge_base_is_not_duplicated(db_url: str) -> None:
    """A release that spells a bundled name differently (here "Abe Shinzo", family name first)
    finds the stored participant by its spellings instead of adding a second one."""
    kb = load_knowledge()
    renamed = tuple(dataclasses.replace(p, name="Abe Shinzo") if p.name == "Shinzo Abe" else p for p in kb.people)
    release = dataclasses.replace(kb, people=renamed, fingerprint="a release that renames Abe")
    with opened(db_url) as database, database.session() as session, session.begin():
        assert sync_knowledge(session, release) is True

    assert people_named(db_url, "Abe") == ["Shinzo Abe"]
    assert offices_of(db_url, "Shinzo Abe") == [ABE_PM_TERM]
    assert [name for name, _ in japanese_prime_ministers_on(db_url, dt.date(2015, 11, 2))] == ["Shinzo Abe"]
