"""The seed text format: ` date YYYY-MM-DD Headline`, then one paragraph per line, then optional
`(With inputs from agencies.)` and an `ALSO READ` list of unrelated headlines."""

from __future__ import annotations

import datetime as dt
import re

from tracker.errors import InputError
from tracker.ingest.noise import clean_body_lines
from tracker.ingest.published import check_published
from tracker.model import Article

HEADER = re.compile(r"^\s*date\s+(\S+)\s+(.+?)\s*$")


def looks_like_seed_text(text: str) -> bool:
    first = text.lstrip("\ufeff").lstrip("\n").split("\n", 1)[0]
    return bool(HEADER.match(first))


def parse_seed_text(text: str, origin: str | None = None) -> Article:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty article")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    header = HEADER.match(lines[0])
    if not header:
        raise InputError("no date line: the first line must be ' date YYYY-MM-DD Headline'")
    raw_date, title = header.groups()
    try:
        published = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise InputError(f"impossible date {raw_date!r} in the date line") from None
    check_published(published)
    paragraphs, related, dateline = clean_body_lines(lines[1:])
    if dateline and paragraphs:  # "SEOUL --" alone on its line belongs to the lead
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
    if not paragraphs:
        raise InputError("the article has a date line but no text")
    return Article(title=title, published=published, body="\n".join(paragraphs), related=tuple(related), origin=origin)
