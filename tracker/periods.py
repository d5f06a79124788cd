"""`--since` / `--until` values: ISO dates, "2023", "2024-05", and natural ones ("last year",
"March 2023", "3 months ago"). A year or a month counts from its first day for --since and to
its last day for --until."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from tracker.errors import TrackerError


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_bound(text: str, end: bool, today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    value = text.strip().lower()
    try:
        if re.fullmatch(r"\d{4}", value):
            year = int(value)
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if re.fullmatch(r"\d{4}-\d{1,2}", value):
            year, month = map(int, value.split("-"))
            return _end_of_month(year, month) if end else dt.date(year, month, 1)
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            return dt.date.fromisoformat("-".join(p.zfill(2) for p in value.split("-")))
    except ValueError:
        raise TrackerError(f"not a date: {text!r}") from None
    relative = re.fullmatch(r"(last|this|next) (year|month)", value)
    if relative:
        step = {"last": -1, "this": 0, "next": 1}[relative[1]]
        if relative[2] == "year":
            year = today.year + step
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        index = today.year * 12 + today.month - 1 + step
        year, month = divmod(index, 12)
        return _end_of_month(year, month + 1) if end else dt.date(year, month + 1, 1)
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(today, dt.time()),
            "PREFER_DAY_OF_MONTH": "last" if end else "first",
            "PREFER_DATES_FROM": "past",
        },
    )
    if parsed is None:
        raise TrackerError(f"not a date: {text!r} (try 2023, 2024-05, 2024-05-27 or 'last year')")
    return parsed.date()
