"""The bundled knowledge base as data: every office is one the extractor can name, dates are in
order, single-holder offices have one holder at a time, and no spelling names two people."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from tracker.extract.lexicon import load_titles
from tracker.knowledge import KnownOffice, KnownParticipant, load_knowledge
from tracker.knowledge.names import normalize_name


def test_every_office_title_is_a_title_of_titles_json() -> None:
    titles = load_titles()
    unknown = {o.title for p in load_knowledge().people for o in p.offices} - set(titles.by_title)
    assert unknown == set()


def test_offices_end_after_they_start_and_people_have_a_gender_and_a_country() -> None:
    for person in load_knowledge().people:
        assert person.gender in ("m", "f"), person.name
        assert person.country, person.name
        for office in person.offices:
            assert office.end is None or office.start <= office.end, (person.name, office)
            assert office.country, (person.name, office)


def _overlaps(a: KnownOffice, b: KnownOffice) -> bool:
    """Whether two terms share more than a handover day (the day one ends and the next begins)."""
    end_a, end_b = a.end or dt.date.max, b.end or dt.date.max
    return a.start < end_b and b.start < end_a


def test_single_holder_offices_have_one_holder_at_a_time() -> None:
    titles = load_titles()
    terms: dict[tuple[str, str | None], list[tuple[str, KnownOffice]]] = defaultdict(list)
    for person in load_knowledge().people:
        for office in person.offices:
            if titles.by_title[office.title].single_holder and not office.title.startswith("Acting"):
                terms[(office.title, office.country)].append((person.name, office))
    clashes = [
        (title, a[0], b[0])
        for title, held in terms.items()
        for a, b in itertools.combinations(held, 2)
        if a[0] != b[0] and _overlaps(a[1], b[1])
    ]
    assert clashes == []


def test_the_overlap_rule_allows_the_handover_day_only() -> None:
    day = dt.date.fromisoformat
    first = KnownOffice("Defense Minister", "JP", day("2020-01-01"), day("2021-01-01"))
    assert not _overlaps(first, KnownOffice("Defense Minister", "JP", day("2021-01-01"), None))
    assert _overlaps(first, KnownOffice("Defense Minister", "JP", day("2020-12-31"), None))
    assert _overlaps(KnownOffice("Defense Minister", "JP", day("2020-01-01"), None), first)


def test_no_spelling_names_two_people() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    person: KnownParticipant
    for person in load_knowledge().people:
        for spelling in (person.name, *person.aliases):
            owners[normalize_name(spelling)].add(person.name)
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_japanese_names_are_known_in_both_orders_and_korean_ones_without_hyphens() -> None:
    by_name = {p.name: p for p in load_knowledge().people}
    assert "Seko Hiroshige" in by_name["Hiroshige Seko"].aliases
    assert "Jeong Kyeong Doo" in by_name["Jeong Kyeong-doo"].aliases
    assert "Yun Byung Se" in by_name["Yun Byung-se"].aliases
