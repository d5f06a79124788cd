"""Publication dates: read from a field of any input format, and refused when they cannot be news."""

from __future__ import annotations

import datetime as dt

from tracker.errors import InputError

EARLIEST = dt.date(1900, 1, 1)


def check_published(value: dt.date, today: dt.date | None = None) -> dt.date:
    """Refuse dates before 1900 or more than a day in the future (a typo, not news)."""
    today = today or dt.date.today()
    if value < EARLIEST:
        raise InputError(f"publication date {value.isoformat()} is before 1900")
    if value > today + dt.timedelta(days=1):
        raise InputError(f"publication date {value.isoformat()} is in the future")
    return value


def parse_date_field(value: str) -> dt.date:
    """ISO dates and timestamps ("2025-06-18", "2025-06-18T09:00:00Z"), else what dateparser reads."""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"])
    if parsed is None:
        raise InputError(f"unreadable date {value!r}")
    return parsed.date()
