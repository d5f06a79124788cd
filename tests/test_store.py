"""Saving extractions: idempotent loads, one event for many reports, replacing corrected articles,
deleting articles — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, text

from tracker.extract import extract_article
from tracker.model import Article
from tracker.query import TimelineFilter, fetch_timeline
from tracker.store.database import Database
from tracker.store.models import Event, EventSource, Participant, Statement
from tracker.store.write import delete_article, save_extraction

DAY_OF = Article(
    title="Moon and Suga speak by phone",
    published=dt.date(2020, 9, 24),
    source="Wire A",
    url="https://a/1",
    body="SEOUL, Sept. 24 -- South Korean President Moon Jae-in and Japanese Prime Minister Yoshihide Suga spoke "
    "by phone on Thursday, their first conversation since Suga took office.\n"
    "Moon said the two countries should work together, according to his office.",
)
DAY_AFTER = Article(
    title="Suga, Moon hold first call",
    published=dt.date(2020, 9, 25),
    source="Wire B",
    body="Japanese Prime Minister Yoshihide Suga and South Korean President Moon Jae-in held a phone call on "
    "Thursday. Suga told reporters he had urged Seoul to act on the wartime labor issue.",
)


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def save(db: Database, article: Article) -> str:
    with db.session() as session, session.begin():
        return save_extraction(session.connection(), extract_article(article)).status


def test_one_event_for_two_reports_and_nothing_twice(database: Database) -> None:
    assert save(database, DAY_OF) == "new"
    assert save(database, DAY_AFTER) == "new"
    assert save(database, DAY_OF) == "duplicate"
    with database.session() as session:
        events = fetch_timeline(session, TimelineFilter(pair=("KR", "JP")))
    assert [(e["type"], e["date"], len(e["sources"])) for e in events] == [("call", "2020-09-24", 2)]
    assert sorted(p["name"] for p in events[0]["participants"]) == [
        "Japan",
        "Moon Jae-in",
        "South Korea",
        "Yoshihide Suga",
    ]
    assert [s["title"] for s in events[0]["sources"]] == ["Moon and Suga speak by phone", "Suga, Moon hold first call"]
    assert count(database, Statement) == 2


def test_every_source_offset_points_at_its_sentence(database: Database) -> None:
    save(database, DAY_OF)
    with database.session() as session:
        rows = session.execute(
            text(
                "SELECT s.sentence, s.sentence_start, s.sentence_end, a.body FROM event_sources s "
                "JOIN articles a ON a.id = s.article_id"
            )
        ).all()
    assert rows
    for sentence, start, end, body in rows:
        assert body[start:end] == sentence


def test_corrected_version_replaces_the_old_yield(database: Database) -> None:
    save(database, DAY_OF)
    corrected = Article(
        DAY_OF.title,
        DAY_OF.published,
        DAY_OF.body.replace("work together", "cooperate closely"),
        source=DAY_OF.source,
        url=DAY_OF.url,
    )
    assert save(database, corrected) == "replaced"
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Statement)) == 1
        assert "cooperate closely" in session.scalar(select(Statement.text))
        assert session.scalar(select(func.count()).select_from(Event)) == 1


def test_deleting_an_article_keeps_events_other_articles_report(database: Database) -> None:
    save(database, DAY_OF)
    save(database, DAY_AFTER)
    with database.session() as session, session.begin():
        first = session.scalar(select(EventSource.article_id).order_by(EventSource.article_id))
        delete_article(session.connection(), first)
    assert count(database, Event) == 1
    assert count(database, EventSource) == 1
    with database.session() as session, session.begin():
        delete_article(session.connection(), session.scalar(select(EventSource.article_id)))
    assert count(database, Event) == 0


def test_people_are_created_once_whatever_the_spelling(database: Database) -> None:
    save(database, DAY_OF)
    other = Article(
        "Moon again", dt.date(2020, 9, 26), "MOON JAE IN met Yoshihide Suga by video conference on Saturday."
    )
    save(database, other)
    with database.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(Participant).where(Participant.name == "Moon Jae-in")) == 1
        )


def test_a_batch_saves_like_one_by_one_when_a_copy_comes_back_after_its_correction(database: Database) -> None:
    """Original, correction, original again in one batch: the original is new, the correction
    replaces it, and the original again replaces the correction (as saved one after the other)."""
    from tracker.model import Extraction
    from tracker.store.write import save_batch

    original = Extraction(Article("T", dt.date(2024, 3, 1), "original", url="https://example.com/t"))
    corrected = Extraction(Article("T", dt.date(2024, 3, 1), "corrected", url="https://example.com/t"))
    with database.engine.begin() as conn:
        statuses = [r.status for r in save_batch(conn, [original, corrected, original])]
        bodies = conn.execute(text("SELECT body FROM articles")).scalars().all()
    assert statuses == ["new", "replaced", "replaced"]
    assert bodies == ["original"]


def test_a_returning_copy_does_not_take_a_later_article_for_its_earlier_version(database: Database) -> None:
    """Original A, correction A2 (same source, title and date), A again, then B with A's URL: one by
    one, A again replaces A2 and B replaces A; the batch must end the same way."""
    from tracker.model import Extraction
    from tracker.store.write import save_batch

    day = dt.date(2024, 3, 1)
    a = Extraction(Article("T", day, "original", source="S", url="https://example.com/u"))
    a2 = Extraction(Article("T", day, "corrected", source="S"))
    b = Extraction(Article("Other", day, "other", source="S", url="https://example.com/u"))
    with database.engine.begin() as conn:
        statuses = [r.status for r in save_batch(conn, [a, a2, a, b])]
        stored = conn.execute(text("SELECT title, body FROM articles ORDER BY id")).all()
    assert statuses == ["new", "replaced", "replaced", "replaced"]
    assert [tuple(r) for r in stored] == [("Other", "other")]


SUMMIT = Article(
    "Lee and Takaichi meet",
    dt.date(2025, 10, 30),
    "GYEONGJU, Oct. 30 -- South Korean President Lee Jae-myung met Japanese Prime Minister Sanae Takaichi on "
    "Thursday, their first summit since Takaichi took office earlier this month.",
)
TOOK_OFFICE = Article(
    "Takaichi takes office",
    dt.date(2025, 10, 21),
    "TOKYO, Oct. 21 -- Sanae Takaichi took office as Japan's prime minister on Tuesday, the first woman to hold "
    "the post.",
)


def _office_rows(conn: Any) -> list[tuple[str, str, list[str]]]:
    rows = conn.execute(
        text(
            "SELECT e.id, e.date, e.date_precision, ep.event_date FROM events e "
            "JOIN event_participants ep ON ep.event_id = e.id WHERE e.type = 'office' ORDER BY e.id, ep.participant_id"
        )
    ).all()
    by_event: dict[int, tuple[str, str, list[str]]] = {}
    for event_id, day, precision, link_day in rows:
        by_event.setdefault(event_id, (str(day), precision, []))[2].append(str(link_day))
    return list(by_event.values())


def test_a_later_report_refines_a_stored_event_and_its_links(database: Database) -> None:
    """ "took office earlier this month" is stored with month precision; a later load with the day
    refines the event and the dates on its participant links (which drive the timelines)."""
    save(database, SUMMIT)
    with database.engine.connect() as conn:
        assert _office_rows(conn) == [("2025-10-01", "month", ["2025-10-01", "2025-10-01"])]
    save(database, TOOK_OFFICE)
    with database.engine.connect() as conn:
        assert _office_rows(conn) == [("2025-10-21", "day", ["2025-10-21", "2025-10-21"])]


def test_a_batch_refines_an_event_created_earlier_in_the_same_batch(database: Database) -> None:
    from tracker.store.write import save_batch

    with database.engine.begin() as conn:
        results = save_batch(conn, [extract_article(SUMMIT), extract_article(TOOK_OFFICE)])
        assert [(r.events_new, r.events_merged) for r in results] == [(2, 0), (0, 1)]
        assert _office_rows(conn) == [("2025-10-21", "day", ["2025-10-21", "2025-10-21"])]


def test_a_value_the_database_refuses_is_a_sqlalchemy_error_and_costs_the_batch(database: Database) -> None:
    """On PostgreSQL the links go in by COPY: a role the server refuses (a NUL character; a role
    too long is refused before any write, see tests/security) must fail like any other statement
    (a SQLAlchemy DataError, which the pipeline reports), and leave nothing behind."""
    import dataclasses

    from sqlalchemy.exc import DataError

    from tracker.store.write import save_batch

    extraction = extract_article(DAY_OF)
    event = extraction.events[0]
    refused = dataclasses.replace(event.participants[0], role="Presi\x00dent")
    bad = dataclasses.replace(
        extraction, events=(dataclasses.replace(event, participants=(refused, *event.participants[1:])),)
    )
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite stores NUL characters")
    with pytest.raises(DataError), database.engine.begin() as conn:
        save_batch(conn, [bad])
    assert count(database, Event) == 0


def test_same_event_candidates_follow_their_members_and_prefer_the_first() -> None:
    """The index the same-event decision looks in: the first matching candidate in id order wins,
    and a candidate that gains members is found by its new members only."""
    from tracker.model import DateValue
    from tracker.same_event import Report
    from tracker.store.known_events import Known, KnownEvents

    day = DateValue(dt.date(2024, 5, 27), "day")
    month = DateValue(dt.date(2024, 5, 1), "month")

    def meeting(persons: set[int], countries: set[int], date: DateValue = day) -> Report:
        return Report("meeting", date, frozenset(persons), frozenset(countries))

    known = KnownEvents(
        {
            9: Known("meeting", day, {1, 2}, {10}),
            4: Known("meeting", month, {1, 2}, set()),
            5: Known("meeting", day, set(), {10, 11}),
            6: Known("call", day, {1, 2}, set()),
        }
    )
    assert known.same_as(meeting({1, 2}, set())) == 4  # 4 and 9 agree; 4 comes first
    assert known.same_as(meeting(set(), {10, 11})) == 5  # no person named: the countries decide
    assert known.same_as(meeting({1}, set())) is None
    known.join(4, {3}, set())
    assert known.same_as(meeting({1, 2}, set())) == 9
    assert known.same_as(meeting({1, 2, 3}, set())) == 4
    known.add(-1, Known("meeting", day, {1, 2}, set()))
    known.renamed(-1, 12)
    known.remove(9)
    assert known.same_as(meeting({1, 2}, set())) == 12
    assert known.same_as(meeting({1, 2}, set(), DateValue(dt.date(2024, 6, 1), "day"))) is None


def test_same_event_order_survives_renames_and_removals() -> None:
    """Placeholders renamed to their ids keep their creation order, and a candidate added after a
    removal still comes after every earlier one."""
    from tracker.model import DateValue
    from tracker.same_event import Report
    from tracker.store.known_events import Known, KnownEvents

    may = Report("meeting", DateValue(dt.date(2024, 5, 1), "month"), frozenset({1, 2}), frozenset())
    known = KnownEvents({3: Known("call", DateValue(dt.date(2024, 1, 2), "day"), {9}, set())})
    known.add(-1, Known("meeting", DateValue(dt.date(2024, 5, 3), "day"), {1, 2}, set()))
    known.add(-2, Known("meeting", DateValue(dt.date(2024, 5, 27), "day"), {1, 2}, set()))
    known.renamed(-1, 7)
    known.renamed(-2, 8)
    assert known.same_as(may) == 7
    known.remove(3)
    known.add(-3, Known("meeting", DateValue(dt.date(2024, 5, 9), "day"), {1, 2}, set()))
    assert known.same_as(may) == 7
    known.remove(7)
    assert known.same_as(may) == 8


def test_new_events_get_fresh_ids_after_the_newest_is_removed(database: Database) -> None:
    """SQLite event ids are given by the writer (the largest plus one, as SQLite would): after the
    newest event is deleted, the next ones still get unique ids that their rows point at."""
    save(database, DAY_OF)
    with database.session() as session, session.begin():
        delete_article(session.connection(), 1)
    save(database, SUMMIT)
    save(database, DAY_AFTER)
    with database.engine.connect() as conn:
        rows = conn.execute(select(Event.id, Event.type).order_by(Event.id)).all()
        ids = [r[0] for r in rows]
        dangling = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM event_sources WHERE event_id NOT IN (SELECT id FROM events))"
                " + (SELECT count(*) FROM event_participants WHERE event_id NOT IN (SELECT id FROM events))"
            )
        ).scalar()
    assert len(ids) == 3 and len(set(ids)) == 3 and dangling == 0
    assert rows[-1][1] == "call"  # the last article's event has the largest id
