"""Date phrases in prose, resolved against the article's reference date, with their precision.

`dateparser.search_dates` is not used on prose: it takes "now", "may" or "30 minutes" for dates
and misses "next month". Instead, phrases are found here with patterns; calendar phrases are read
directly when plainly spelled, else by one reused dateparser parser; relative phrases ("on
Tuesday", "a day earlier", "last month", "on the 16th") are computed from the reference date.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from tracker.extract.alternation import one_of
from tracker.extract.guard import FOLDING, guarded, may_match
from tracker.model import DateValue

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MON = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_FULL_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19\d\d|20\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# between a month and its day: spaces, or none after an abbreviation's period ("Dec.28, 2015")
_MON_DAY = r"(?:\s+|(?<=\.)\s*)"

_MONTH_LEAD = one_of(
    [
        *"in since until by from through during of early mid late last next this".split(),
        *["earlier in", "later in", "in early", "in mid", "in late", "mid-"],
    ],
    ignore_case=True,
)
_YEAR_LEAD = one_of("in since until by from of during early late".split(), ignore_case=True)
# Each phrase but the first begins at a word boundary, tested once for all of them (a test per
# phrase at every position cost twice as much).
PHRASES = guarded(
    rf"(?P<wd_date>{_WD},?\s+(?P<wd_md>{_MON}{_MON_DAY}\d{{1,2}}(?:,\s*{_YEAR})?))|\b(?:"
    + "|".join(
        [
            rf"(?P<md>{_MON}{_MON_DAY}\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s*(?P<md_year>{_YEAR}))?)",
            rf"(?P<dmy>\d{{1,2}}\s+{_FULL_MON}(?:\s+(?P<dmy_year>{_YEAR}))?)",
            rf"(?P<weekday>(?P<wd_rel>(?:late|early|later|earlier)\s+(?:on\s+)?)?(?P<wd>{_WD})(?:'s)?{_PART})",
            rf"(?P<month>(?i:{_MONTH_LEAD})\s*-?\s*(?P<m_name>{_FULL_MON})"
            rf"(?:\s+(?P<m_year>{_YEAR})|\s+(?P<m_rel>last|this|next)\s+year)?\b)",
            rf"(?P<year>(?i:{_YEAR_LEAD})\s+(?P<y_val>{_YEAR})\b(?!\s*(?:%|percent)))",
            r"(?P<rel_day>(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b)",
            r"(?P<shift>(?:(?P<n>(?i:a|one|two|three|four|five|six)|\d)\s+days?\s+(?P<dir>earlier|later|ago)"
            r"|the (?P<pn>previous|next|following) day)\b)",
            r"(?P<nth>(?i:on) the (?P<nth_day>\d{1,2})(?:st|nd|rd|th)\b)",
            # "had talks earlier in the day": the day the narrative is at
            r"(?P<same_day>(?:(?i:earlier|later) (?:in the|that|the same)|(?i:the) same) day)\b",
            r"(?P<period>(?:(?P<p_mod>earlier|later)\s+)?(?P<p_rel>last|this|next|the previous|the following)\s+"
            r"(?P<p_unit>week|month|year)\b)",
        ]
    )
    + ")"
)

# time words an anchor can be ("day" stands for "days" too), for ANCHORS and for `_anchor_spans`
_TIME_WORDS = (
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "day",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
)
# Every phrase above contains one of these; WINDOW covers what a phrase can hold around it.
_ANY_TIME_WORD = "|".join("days?" if word == "day" else word for word in _TIME_WORDS)
ANCHORS = guarded(rf"{_MON}|{_WD}|\d|\b(?i:{_ANY_TIME_WORD})\b")
WINDOW = 40
# ANCHORS in three parts, each found the fastest way: month and weekday names as one choice of
# literals (`re` scans for their capitals by itself), runs of digits, and the time words with
# str.find in the lower-cased text. No two parts match at one place or one inside another.
_CALENDAR_NAMES = re.compile(_MON[3:-1] + "|" + _WD[3:-1])
# written \d\d* rather than \d+: `re` scans by itself only for a pattern that begins with a class,
# not with a repeat (half the time over an article)
_DIGITS = re.compile(r"\d\d*")
_WORD_CHAR = re.compile(r"\w")

_FUTURE_MARKERS = [
    "will",
    "'ll",
    "shall",
    "is to",
    "are to",
    "scheduled",
    "slated",
    "due to",
    "set to",
    "plans to",
    "plan to",
    "planned to",
    "planning to",
    "expected to",
    "intends to",
    "intend to",
    "to be held",
    "upcoming",
    "later this",
    "next",
]
_FUTURE = rf"\b({one_of(_FUTURE_MARKERS, ignore_case=True)})\b"
FUTURE = guarded(_FUTURE, re.IGNORECASE)
_MAY_SPEAK_OF_FUTURE = may_match(_FUTURE, re.IGNORECASE)


# "held what is expected to be his final summit on Friday": the hedge names the event, it does not
# put it in the future; the tense of the clause around it does
HEDGED_NAME = guarded(
    r"\b(?i:what)\s+(?:is|was|are|were)\s+(?:widely\s+)?(?:expected|likely|set|slated|tipped|seen)\s+to\s+be\b"
)


def speaks_of_future(text: str) -> bool:
    """Whether `text` holds a future marker ("will", "is to", "next", "scheduled", ...) outside a
    hedged name ("what is expected to be his last visit")."""
    if not _MAY_SPEAK_OF_FUTURE(text):
        return False
    return any(not _in_hedged_name(text, m.start()) for m in FUTURE.finditer(text))


def _in_hedged_name(text: str, position: int) -> bool:
    hedge = HEDGED_NAME.search(text, max(0, position - 20), position + 30)
    return hedge is not None and hedge.start() <= position < hedge.end()


_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(slots=True)
class DatePhrase:
    start: int
    end: int
    text: str
    value: DateValue


@cache
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]})


def _plain_calendar(phrase: str) -> tuple[int, int | None, int | None] | None:
    """The spellings the phrase patterns find ("September 21 2000", "21 September 2000", "May
    2022"), read directly: a warm dateparser call costs about a thousand times more."""
    words = phrase.split()
    if not 2 <= len(words) <= 3 or not words[-1].isdigit():
        return None
    year = int(words[-1]) if len(words) == 3 or len(words[-1]) == 4 else None
    if len(words) == 2 and year is not None:  # "May 2022"
        month = MONTHS.get(words[0].lower())
        return (year, month, None) if month else None
    if year is None or not (1000 <= year <= 9999):
        return None
    month = MONTHS.get(words[0].lower()) or MONTHS.get(words[1].lower())
    day = words[1] if words[0].lower() in MONTHS else words[0]
    if month is None or not day.isdigit():
        return None
    try:
        return year, month, dt.date(year, month, int(day)).day
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_calendar(phrase: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a calendar phrase such as "Sept. 21 2000" or "May 2022": the plain
    spellings directly, anything else via dateparser."""
    plain = _plain_calendar(phrase)
    if plain is not None:
        return plain
    data = _parser().get_date_data(phrase)
    if data.date_obj is None:
        return None
    d = data.date_obj
    return d.year, d.month, d.day if data.period == "day" else None


def _nearest_year(month: int, day: int, ref: dt.date, future: bool) -> dt.date | None:
    """The month/day without a year that a reporter means: the nearest one to the reference date,
    after it only when the sentence speaks of the future."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if not future:
        past = [c for c in candidates if c <= ref + dt.timedelta(days=7)]
        candidates = past or candidates
    return min(candidates, key=lambda c: abs((c - ref).days))


def _weekday(name: str, ref: dt.date, future: bool) -> dt.date:
    target = WEEKDAYS[name.lower()]
    if future:
        return ref + dt.timedelta(days=(target - ref.weekday()) % 7)
    return ref - dt.timedelta(days=(ref.weekday() - target) % 7)


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def resolve_phrase(m: re.Match[str], ref: dt.date, anchor: dt.date, future: bool) -> DateValue | None:
    """One matched phrase -> a date with precision, or None when it names no real date."""
    kind = m.lastgroup
    if m["wd_date"]:
        return _calendar_day(m["wd_md"], ref, future)
    if m["md"]:
        return _calendar_day(m["md"], ref, future)
    if m["dmy"]:
        return _calendar_day(m["dmy"], ref, future)
    if m["weekday"]:
        day = _weekday(m["wd"], ref, future)
        return DateValue(day, "day", day > ref or (future and day >= ref))
    if m["month"]:
        month = MONTHS[m["m_name"].lower()]
        if m["m_year"]:
            year = int(m["m_year"])
        elif m["m_rel"]:
            year = ref.year + {"last": -1, "this": 0, "next": 1}[m["m_rel"].lower()]
        else:
            lead = m["month"].lower()
            if lead.startswith("next"):
                year = ref.year if month > ref.month else ref.year + 1
            elif lead.startswith("last"):
                year = ref.year if month < ref.month else ref.year - 1
            elif future:
                year = ref.year if month >= ref.month else ref.year + 1
            else:
                year = ref.year if month <= ref.month else ref.year - 1
        start = _month_start(year, month)
        return DateValue(start, "month", start > _month_start(ref.year, ref.month))
    if m["year"]:
        year = int(m["y_val"])
        return DateValue(dt.date(year, 1, 1), "year", year > ref.year)
    if m["rel_day"]:
        word = m["rel_day"].lower()
        day = ref + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
        return DateValue(day, "day", day > ref)
    if m["shift"]:
        if m["n"]:
            n = _NUMBERS.get(m["n"].lower()) or int(m["n"])
            direction = m["dir"].lower()
            base = ref if direction == "ago" else anchor
            day = base + dt.timedelta(days=n if direction == "later" else -n)
        else:
            day = anchor + dt.timedelta(days=1 if (m["pn"] or "").lower() in ("next", "following") else -1)
        return DateValue(day, "day", day > ref)
    if m["nth"]:
        n = int(m["nth_day"])
        month_start = _month_start(ref.year, ref.month)
        if n > ref.day and not future:
            month_start = _add_months(month_start, -1)
        try:
            day = month_start.replace(day=n)
        except ValueError:
            return None
        return DateValue(day, "day", day > ref)
    if m["same_day"]:
        return DateValue(anchor, "day", anchor > ref)
    if m["period"]:
        rel = m["p_rel"].lower()
        step = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[rel]
        unit = m["p_unit"].lower()
        if unit == "year":
            return DateValue(dt.date(ref.year + step, 1, 1), "year", step > 0)
        if unit == "month":
            return DateValue(_add_months(ref, step), "month", step > 0 or (m["p_mod"] or "").lower() == "later")
        if step == 0:
            return None  # "this week": too vague for a day, too short for a month
        day = ref + dt.timedelta(days=7 * step)
        return DateValue(_month_start(day.year, day.month), "month", step > 0)
    raise AssertionError(kind)


_MONTH_PREFIX = {name[:3].lower(): name for name in calendar.month_name if name}
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")
_A_YEAR = re.compile(_YEAR)


def _canonical(text: str) -> str:
    """ "Sept. 21, 2022" -> "September 21 2022": one spelling per date, so the parser's cache hits."""
    words = _ORDINAL.sub(r"\1", text.replace(",", " ").replace(".", " ")).split()
    return " ".join(_MONTH_PREFIX.get(w[:3].lower(), w) if w[:1].isalpha() else w for w in words)


def _calendar_day(text: str, ref: dt.date, future: bool) -> DateValue | None:
    cleaned = _canonical(text)
    has_year = _A_YEAR.search(cleaned) is not None
    parsed = parse_calendar(cleaned if has_year else f"{cleaned} 2000")  # 2000: a leap year, Feb 29 parses
    if parsed is None:
        return None
    year, month, day = parsed
    if month is None or day is None:
        return None
    if has_year:
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return None
    else:
        nearest = _nearest_year(month, day, ref, future)
        if nearest is None:
            return None
        value = nearest
    return DateValue(value, "day", value > ref)


def scan_dates(body: str) -> list[re.Match[str]]:
    """Date phrases of a whole article body, found in one pass; resolved sentence by sentence.

    The phrase pattern is only tried around anchors (a month or weekday name, a number, "today",
    "day", "month", ...): trying its many alternatives at every character costs five times more."""
    windows: list[list[int]] = []
    for anchor_start, anchor_end in _anchor_spans(body):
        start = body.rfind(" ", 0, max(0, anchor_start - WINDOW)) + 1
        end = min(len(body), anchor_end + WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    found: list[re.Match[str]] = []
    for start, end in windows:
        found.extend(PHRASES.finditer(body, start, end))
    return found


def _anchor_spans(body: str) -> list[tuple[int, int]]:
    """Where ANCHORS match, in text order, except that a run of digits may count as one anchor (the
    windows of its digits, one after the other, merge into the same window).

    The time words ignore case: they are looked for in the lower-cased body, which finds what
    `re` does unless lower-casing moves offsets (İ) or the body holds ı or ſ, which `re` takes for
    i and s; then ANCHORS itself is run."""
    lowered = body.lower()
    if len(lowered) != len(body) or (not body.isascii() and any(c in body for c in FOLDING)):
        return [m.span() for m in ANCHORS.finditer(body)]
    spans = [m.span() for m in _CALENDAR_NAMES.finditer(body)]
    spans += [m.span() for m in _DIGITS.finditer(body)]
    size = len(body)
    for word in _TIME_WORDS:
        at = lowered.find(word)
        while at >= 0:
            if not (at and _WORD_CHAR.match(body, at - 1)):  # begins a word
                end = at + len(word)
                if word == "day" and lowered.startswith("s", end) and not _WORD_CHAR.match(body, end + 1):
                    spans.append((at, end + 1))  # "days?": the longer first
                elif end == size or not _WORD_CHAR.match(body, end):
                    spans.append((at, end))
            at = lowered.find(word, at + 1)
    spans.sort()
    return spans


def find_dates(
    text: str, ref: dt.date, anchor: dt.date | None = None, raw: list[re.Match[str]] | None = None, offset: int = 0
) -> list[DatePhrase]:
    """Every date phrase in `text`, resolved against `ref` (publication or dateline date);
    `anchor` is the date the narrative is at, for "a day earlier". `raw` is a scan of the body
    `text` sits in at `offset`."""
    anchor = anchor or ref
    future: bool | None = None  # whether the sentence speaks of the future: asked once it holds a phrase
    found: list[DatePhrase] = []
    end_of_text = offset + len(text)
    # the scan is in text order: begin at the first phrase that starts in the text
    first = bisect.bisect_left(raw, offset, key=re.Match.start) if raw is not None else 0
    for m in raw[first:] if raw is not None else PHRASES.finditer(text):
        start, end = m.start() - offset, m.end() - offset
        if start >= len(text):
            break  # this phrase and the ones after it begin past the text
        if start < 0 or m.end() > end_of_text:
            continue
        if future is None:
            future = speaks_of_future(text)
        local_future = future and _future_near(text, start)
        value = resolve_phrase(m, ref, anchor, local_future)
        if value is not None and dt.date(1900, 1, 1) <= value.date <= dt.date(2200, 12, 31):
            found.append(DatePhrase(start, end, m.group(0), value))
    return found


def _future_near(text: str, position: int) -> bool:
    """A future marker in the phrase's own stretch of the sentence (since the last comma), or right after it."""
    window = max(position - 120, 0)  # (looked for only there: a comma further back would not be chosen)
    begin = max(text.rfind(",", window, position), text.rfind(";", window, position), window)
    return speaks_of_future(text[begin : position + 20])
