"""The one same-event rule, and both of its users: the merge of one article's sentences and the
store's merge of different articles."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tracker.extract.events import Candidate
from tracker.extract.events import same_event as same_in_article
from tracker.model import Article, DateValue, ExtractedEvent, Extraction, ParticipantRef, Sentence
from tracker.query import TimelineFilter, fetch_timeline
from tracker.same_event import Report, identity, same_event
from tracker.store.database import Database
from tracker.store.known_events import Known, KnownEvents
from tracker.store.write import save_extraction

MAY_27 = DateValue(dt.date(2024, 5, 27), "day")
MAY_28 = DateValue(dt.date(2024, 5, 28), "day")
MAY_31 = DateValue(dt.date(2024, 5, 31), "day")
MAY = DateValue(dt.date(2024, 5, 1), "month")
JUNE = DateValue(dt.date(2024, 6, 1), "month")
YEAR = DateValue(dt.date(2024, 1, 1), "year")


def report(
    persons: set[str] | frozenset[str] = frozenset({"Yoon", "Kishida"}),
    countries: set[str] | frozenset[str] = frozenset({"KR", "JP"}),
    date: DateValue = MAY_27,
    type_: str = "meeting",
    inherited: bool = False,
) -> Report:
    return Report(type_, date, frozenset(persons), frozenset(countries), inherited)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (report(), True),
        (report(date=MAY), True),  # a month agrees with each of its days
        (report(date=YEAR), True),
        (report(date=JUNE), False),
        (report(date=MAY_28), False),  # two days are two events
        (report(type_="call"), False),
        (report(persons={"Yoon"}), False),
        (report(persons={"Yoon", "Kishida", "Biden"}), False),
        (report(countries={"KR", "JP", "US"}), True),  # people named: the countries do not count
        (report(persons=set()), False),  # one names people, the other none
    ],
)
def test_a_meeting_between_two_leaders_on_may_27(other: Report, same: bool) -> None:
    assert same_event(report(), other) is same
    assert same_event(other, report()) is same


def test_without_people_the_countries_decide() -> None:
    protest = report(persons=set(), countries={"KR", "JP"}, type_="protest")
    assert same_event(protest, report(persons=set(), countries={"JP", "KR"}, type_="protest", date=MAY))
    assert not same_event(protest, report(persons=set(), countries={"KR", "JP", "CN"}, type_="protest"))
    assert not same_event(protest, report(persons=set(), countries={"KR"}, type_="protest"))


def test_a_date_only_inherited_gives_way_to_the_events_own_day_nearby() -> None:
    inherited = report(date=MAY_27, inherited=True)
    assert same_event(inherited, report(date=MAY_28))
    assert same_event(report(date=MAY_28), inherited)
    assert not same_event(inherited, report(date=MAY_31))  # four days apart
    assert not same_event(inherited, report(date=MAY_28, inherited=True))  # neither is its own
    assert not same_event(report(date=MAY_27), report(date=MAY_28))  # both its own


def test_identity_is_what_must_be_equal() -> None:
    assert identity(report()) == ("meeting", frozenset({"Yoon", "Kishida"}), frozenset())
    assert identity(report(persons=set())) == ("meeting", frozenset(), frozenset({"KR", "JP"}))


def _candidate(r: Report) -> Candidate:
    people = tuple(ParticipantRef(str(name), "person") for name in sorted(map(str, r.persons)))
    countries = tuple(sorted(map(str, r.countries)))
    return Candidate(r.type, r.date, "occurred", people, countries, {}, None, "", inherited=r.inherited)


SAMPLES = [
    report(persons=persons, countries=countries, date=date, type_=type_)
    for persons, countries, date, type_ in itertools.product(
        [frozenset({"Yoon", "Kishida"}), frozenset({"Yoon"}), frozenset()],
        [frozenset({"KR", "JP"}), frozenset({"KR"})],
        [MAY_27, MAY_28, MAY, JUNE, YEAR],
        ["meeting", "protest"],
    )
]


def test_the_article_merge_and_the_store_merge_decide_alike() -> None:
    """Every pair of sample reports: the in-article merge, the store's index of candidates and the
    rule give the same answer (the store knows people and countries by ids)."""
    ids = {name: i for i, name in enumerate(["Yoon", "Kishida", "KR", "JP"], start=1)}
    known = KnownEvents(
        {
            n: Known(r.type, r.date, {ids[p] for p in map(str, r.persons)}, {ids[c] for c in map(str, r.countries)})
            for n, r in enumerate(SAMPLES, start=1)
        }
    )
    for stored in SAMPLES:
        for new in SAMPLES:
            assert same_in_article(_candidate(stored), _candidate(new)) is same_event(stored, new), (stored, new)
    for new in SAMPLES:
        as_ids = Report(
            new.type,
            new.date,
            frozenset(ids[p] for p in map(str, new.persons)),
            frozenset(ids[c] for c in map(str, new.countries)),
        )
        first = next((n for n, stored in enumerate(SAMPLES, start=1) if same_event(stored, new)), None)
        assert known.same_as(as_ids) == first, new


def _protest_told_by(day: dt.date, countries: tuple[str, ...], title: str) -> Extraction:
    """An article whose one event is a protest by Japan's foreign ministry, aimed at `countries`."""
    body = f"{title}."
    ministry = ParticipantRef("Ministry of Foreign Affairs of Japan", "organization", "JP")
    refs = [ParticipantRef(code, "country", code) for code in countries]
    event = ExtractedEvent(
        "protest", DateValue(day, "day"), "occurred", (ministry, *refs), (Sentence(body, 0, len(body), 0),)
    )
    return Extraction(Article(title, day, body, source="Wire"), (event,))


def test_an_institution_counts_as_a_person_across_articles(database: Database) -> None:
    """The foreign ministry's protest, told by one article with South Korea as its target and by
    another with both countries: one event, as it is within an article."""
    day = dt.date(2024, 7, 2)
    with database.session() as session, session.begin():
        conn = session.connection()
        save_extraction(conn, _protest_told_by(day, ("JP", "KR"), "Tokyo protests to Seoul"))
        save_extraction(conn, _protest_told_by(day, ("JP",), "Japan lodges a protest"))
        save_extraction(conn, _protest_told_by(dt.date(2024, 7, 9), ("JP",), "Japan protests again"))
    with database.session() as session:
        events = fetch_timeline(session, TimelineFilter(country="JP"))
    assert [(e["date"], len(e["sources"])) for e in events] == [("2024-07-02", 2), ("2024-07-09", 1)]
    assert [sorted(p["name"] for p in e["participants"]) for e in events] == [
        ["Japan", "Ministry of Foreign Affairs of Japan", "South Korea"],
        ["Japan", "Ministry of Foreign Affairs of Japan"],
    ]
