"""Property tests over parse and extract on arbitrary text: only the project's own error escapes,
every offset lies inside its text, every date is real and sane, and extraction is deterministic."""

from __future__ import annotations

import contextlib
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.extract import extract_article
from tracker.ingest.formats import decode, parse_articles
from tracker.model import Article

WORDS = [
    "Lee Jae-myung",
    "Shigeru Ishiba",
    "Kishida",
    "Yoon Suk Yeol",
    "Moon",
    "Seoul",
    "Tokyo",
    "Japan",
    "South Korea",
    "said",
    "told reporters",
    "met",
    "held talks",
    "summit",
    "agreed",
    "phone call",
    "visited",
    "on Monday",
    "on Sept. 21",
    "last month",
    "in March 2023",
    "a day earlier",
    "on the 16th",
    "next week",
    "the two leaders",
    "he",
    "she",
    "according to",
    "'s office said",
    '"',
    ",",
    ".",
    ";",
    " -- ",
    "\n",
    "(Yonhap)",
    "SEOUL,",
    "took office",
    "protested",
    "ruling",
    "will",
    "not",
    "who",
    "when",
    "since",
    "after",
]

prose = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=0, max_size=12)), min_size=0, max_size=80).map(
    " ".join
)
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2026, 1, 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_reading_any_bytes_raises_only_our_error(data: bytes) -> None:
    with contextlib.suppress(TrackerError):
        list(parse_articles(decode(data), "x"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["auto", "seed", "json", "jsonl", "html", "feed"]))
def test_parsing_any_text_raises_only_our_error(text: str, fmt: str) -> None:
    with contextlib.suppress(TrackerError):
        list(parse_articles(text, "x", fmt))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose, prose, days)
def test_extraction_offsets_dates_and_determinism(lead: str, rest: str, published: dt.date) -> None:
    body = "\n".join(p for p in (" ".join(lead.split()), " ".join(rest.split())) if p)
    if not body:
        return
    article = Article(title="t", published=published, body=body)
    first = extract_article(article)
    assert extract_article(article) == first
    for event in first.events:
        assert dt.date(1900, 1, 1) <= event.date.date <= dt.date(2200, 12, 31)
        assert event.date.precision in ("day", "month", "year")
        for sentence in event.sentences:
            assert 0 <= sentence.start < sentence.end <= len(body)
            assert body[sentence.start : sentence.end] == sentence.text
    for statement in first.statements:
        assert dt.date(1900, 1, 1) <= statement.date.date <= dt.date(2200, 12, 31)
        assert body[statement.sentence.start : statement.sentence.end] == statement.sentence.text
