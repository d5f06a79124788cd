"""Bytes -> Articles: decoding, format detection (by content, then extension) and the readers."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from tracker.errors import InputError
from tracker.ingest.noise import clean_body_lines
from tracker.ingest.published import check_published, parse_date_field
from tracker.ingest.records import Parsed, parse_record
from tracker.ingest.seed_text import looks_like_seed_text, parse_seed_text
from tracker.model import Article

FORMATS = ("auto", "seed", "json", "jsonl", "html", "feed")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1 text; binary refused."""
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError:
            raise InputError("invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > len(sample) // 100:
        raise InputError("binary file, not text")
    try:  # legacy single-byte text (Latin-1 / Windows-1252) is decoded, not refused
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("invalid UTF-8 text (and not Windows-1252 either)") from None


def detect_format(text: str, suffix: str) -> str:
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if looks_like_seed_text(text):
        return "seed"
    if head.startswith("[") or (head.startswith("{") and suffix not in (".jsonl", ".ndjson")):
        try:
            json.loads(text)
            return "json"
        except json.JSONDecodeError:
            if suffix == ".json" or "\n{" not in text.strip():
                return "json"
    if head.startswith("{") or suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    lowered = head.lower()
    if "<rss" in lowered or "<feed" in lowered or "<rdf:rdf" in lowered or suffix in (".rss", ".atom"):
        return "feed"
    if "<html" in lowered or "<!doctype html" in lowered or "<body" in lowered or suffix in (".html", ".htm"):
        return "html"
    if suffix == ".json":
        return "json"
    return "seed"


def parse_articles(
    text: str, origin: str, fmt: str = "auto", suffix: str = "", follow: Callable[[str], bytes] | None = None
) -> Iterator[Parsed]:
    """(name, article or why it failed) for each article of an input: a JSON record is named
    `origin[i]`, a line of JSON Lines `origin:n`, a feed entry `origin[i]`, and each fails alone.
    An input that cannot be read at all (malformed JSON, a broken feed) raises InputError.
    `follow` fetches the pages of feed entries; without it, only what the feed carries is read."""
    kind = detect_format(text, suffix) if fmt == "auto" else fmt
    if kind == "seed":
        yield parse_record(origin, lambda: parse_seed_text(text, origin))
    elif kind == "json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {exc.msg} at line {exc.lineno}") from None
        if not isinstance(value, list):
            yield parse_record(origin, lambda: article_from_record(value, origin))
            return
        for i, record in enumerate(value):
            name = f"{origin}[{i}]"
            yield parse_record(name, partial(article_from_record, record, name))
    elif kind == "jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                name = f"{origin}:{number}"
                yield parse_record(name, partial(_article_from_line, line, name))
    elif kind == "html":
        from tracker.ingest.web import parse_html

        yield parse_record(origin, lambda: parse_html(text, origin))
    elif kind == "feed":
        from tracker.ingest.web import parse_feed

        yield from parse_feed(text, origin, follow)
    else:
        raise InputError(f"unknown format {fmt!r}")


def _article_from_line(line: str, name: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg}") from None
    return article_from_record(record, name)


def _text_field(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"field {name!r} must be text, not {type(value).__name__}")
        return value
    return None


def article_from_record(record: Any, origin: str) -> Article:
    """A JSON record: title, published/date, body/text, optional url and source."""
    if not isinstance(record, dict):
        raise InputError(f"{origin}: a record must be a JSON object, not {type(record).__name__}")
    title = _text_field(record, "title", "headline")
    published = _text_field(record, "published", "date", "published_at", "pubDate")
    body = _text_field(record, "body", "text", "content")
    if not title or not title.strip():
        raise InputError(f"{origin}: no title")
    if not published:
        raise InputError(f"{origin}: no published date")
    if not body or not body.strip():
        raise InputError(f"{origin}: no body text")
    date = check_published(parse_date_field(published))
    paragraphs, related, dateline = clean_body_lines(body.replace("\r\n", "\n").split("\n"))
    if dateline and paragraphs:
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
    if not paragraphs:
        raise InputError(f"{origin}: no body text")
    return Article(
        title=" ".join(title.split()),
        published=date,
        body="\n".join(paragraphs),
        related=tuple(related),
        origin=origin,
        url=_text_field(record, "url", "link"),
        source=_text_field(record, "source", "publisher", "outlet"),
    )
