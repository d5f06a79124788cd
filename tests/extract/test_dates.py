"""Date phrases resolved against the reference date, with their precision (no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract import dates
from tracker.extract.dates import find_dates

THU = dt.date(2024, 3, 14)  # a Thursday


def resolved(text: str, ref: dt.date = THU, anchor: dt.date | None = None) -> list[tuple[str, str, str, bool]]:
    return [
        (p.text.strip(), p.value.date.isoformat(), p.value.precision, p.value.future)
        for p in find_dates(text, ref, anchor)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers met on Tuesday in Busan.", [("Tuesday", "2024-03-12", "day", False)]),
        ("The ministers met on Thursday.", [("Thursday", "2024-03-14", "day", False)]),
        ("They held Monday's summit behind closed doors.", [("Monday's", "2024-03-11", "day", False)]),
        ("He will visit Seoul on Saturday.", [("Saturday", "2024-03-16", "day", True)]),
        ("The envoy arrived late Wednesday afternoon.", [("late Wednesday afternoon", "2024-03-13", "day", False)]),
        ("The talks took place on Sept. 21, 2022 in New York.", [("Sept. 21, 2022", "2022-09-21", "day", False)]),
        ("The accord was signed on Nov. 23.", [("Nov. 23", "2023-11-23", "day", False)]),
        ("The deal was struck on 9 March 2024.", [("9 March 2024", "2024-03-09", "day", False)]),
        ("Prices rose in May 2022.", [("in May 2022", "2022-05-01", "month", False)]),
        ("He visited Tokyo in January.", [("in January", "2024-01-01", "month", False)]),
        ("They met in October last year.", [("in October last year", "2023-10-01", "month", False)]),
        ("The plan was unveiled last month.", [("last month", "2024-02-01", "month", False)]),
        ("Talks are expected next month.", [("next month", "2024-04-01", "month", True)]),
        ("The minister spoke today.", [("today", "2024-03-14", "day", False)]),
        ("The minister spoke yesterday.", [("yesterday", "2024-03-13", "day", False)]),
        ("The decision came on the 11th.", [("on the 11th", "2024-03-11", "day", False)]),
        ("The decision came on the 20th.", [("on the 20th", "2024-02-20", "day", False)]),
        ("The 1965 treaty settled all claims.", []),  # a name, not a date of anything told
        ("It was signed in 2016 in Seoul.", [("in 2016", "2016-01-01", "year", False)]),
    ],
)
def test_phrases(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    assert resolved(text) == expected


def test_a_day_earlier_counts_from_the_narrative_date() -> None:
    assert resolved("He had stopped in Beijing a day earlier.", anchor=dt.date(2024, 3, 12)) == [
        ("a day earlier", "2024-03-11", "day", False)
    ]


def test_modal_may_and_bare_numbers_are_not_dates() -> None:
    assert resolved("The two sides may meet again; 46 of the victims are alive and 1,000 people protested.") == []


def test_month_without_year_near_new_year_picks_the_nearest_year() -> None:
    assert resolved("They met on Dec. 30.", ref=dt.date(2024, 1, 2)) == [("Dec. 30", "2023-12-30", "day", False)]


@pytest.mark.parametrize(
    "phrase",
    [
        "September 21 2000",
        "21 September 2000",
        "May 2022",
        "February 29 2000",
        "February 29 2023",
        "February 30 2000",
        "December 31 1999",
        "1 January 2030",
        "June 3 1999",
    ],
)
def test_plain_calendar_spellings_read_like_dateparser(phrase: str) -> None:
    """The direct reading of plain spellings gives what dateparser gives (or nothing for both)."""
    from tracker.extract.dates import _parser, _plain_calendar

    data = _parser().get_date_data(phrase)
    expected = None
    if data.date_obj is not None:
        d = data.date_obj
        expected = (d.year, d.month, d.day if data.period == "day" else None)
    assert _plain_calendar(phrase) == expected


def test_other_spellings_fall_back_to_dateparser() -> None:
    from tracker.extract.dates import _plain_calendar, parse_calendar

    assert _plain_calendar("the 21st of September 2000") is None
    assert parse_calendar("the 21st of September 2000") == (2000, 9, 21)


def test_a_sentence_reads_its_phrases_from_the_article_scan_as_from_its_own_text() -> None:
    from tracker.extract.dates import scan_dates

    sentences = [
        "He will visit Seoul on Saturday.",
        "The accord was signed on Nov. 23, two days after talks on Sept. 21, 2022.",
        "Nothing dated here.",
        "They met on Monday and again on Tuesday, and will meet next month.",
    ]
    body = " ".join(sentences)
    scan = scan_dates(body)
    offset = 0
    for sentence in sentences:
        offset = body.index(sentence, offset)
        assert find_dates(sentence, THU, raw=scan, offset=offset) == find_dates(sentence, THU)
    # without a scan, only the phrases from `offset` on, at their offsets in the text
    text = "They met on Monday and again on Tuesday."
    assert [(p.start, p.text) for p in find_dates(text, THU, offset=20)] == [(12, "Tuesday")]


def _scan_with_anchors(body: str) -> list[tuple[int, int]]:
    """scan_dates as first written: windows around every match of ANCHORS."""
    windows: list[list[int]] = []
    for anchor in dates.ANCHORS.finditer(body):
        start = body.rfind(" ", 0, max(0, anchor.start() - dates.WINDOW)) + 1
        end = min(len(body), anchor.end() + dates.WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [m.span() for start, end in windows for m in dates.PHRASES.finditer(body, start, end)]


DATE_PIECES = [
    "May",
    "Mayor",
    "Monday",
    "Sept.",
    "Decade",
    "today",
    "Today",
    "TODAY",
    "days",
    "day",
    "daysx",
    "Days",
    "yesterday",
    "in March",
    "2019",
    "12",
    "on the 3rd",
    "two days later",
    " ",
    "  ",
    "\n",
    ",",
    ".",
    "_",
    "x",
    "ſ",
    "ı",
    "İ",
    "\u212a",  # Kelvin sign: lower-cases to k, as `re` matches it
    "wee\u212a",
    "day\u017f",  # "dayſ": `re` takes ſ for s
    "tonıght",
    "’",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(DATE_PIECES), st.text(alphabet="aDdsy19 ", max_size=3)), max_size=40))
def test_the_date_scan_finds_what_a_scan_around_every_anchor_finds(parts: list[str]) -> None:
    body = "".join(parts)
    assert [m.span() for m in dates.scan_dates(body)] == _scan_with_anchors(body)
    # each anchor where ANCHORS has one (a run of digits may count as one)
    assert _digit_runs_merged(body, dates._anchor_spans(body)) == _digit_runs_merged(
        body, [m.span() for m in dates.ANCHORS.finditer(body)]
    )


def _digit_runs_merged(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start and body[merged[-1][0] : end].isdigit():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
