"""Web formats: HTML pages (main text by trafilatura) and RSS/Atom feeds (feedparser), each feed
entry an article. Nothing here opens a URL: pages come through tracker.ingest.fetch, and feedparser
gets only the bytes of a stream, never a string it could take for a URL or a file name."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from tracker.errors import InputError
from tracker.ingest.noise import clean_body_lines
from tracker.ingest.published import check_published, parse_date_field
from tracker.ingest.records import Parsed, parse_record
from tracker.model import Article


def _article(
    title: str | None, published: str | None, text: str | None, origin: str, url: str | None, source: str | None
) -> Article:
    if not title:
        raise InputError("no title")
    if not published:
        raise InputError("no publication date")
    if not text or not text.strip():
        raise InputError("no article text")
    paragraphs, related, dateline = clean_body_lines(text.replace("\r\n", "\n").split("\n"))
    if dateline and paragraphs:
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
    if not paragraphs:
        raise InputError("no article text")
    return Article(
        " ".join(title.split()),
        check_published(parse_date_field(published)),
        "\n".join(paragraphs),
        tuple(related),
        origin,
        url,
        source,
    )


def parse_html(html: str, origin: str) -> Article:
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=origin if origin.startswith("http") else None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    if document is None:
        raise InputError("no article text found in the page")
    data: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    url = data.get("url") or (origin if origin.startswith("http") else None)
    return _article(data.get("title"), data.get("date"), data.get("text"), origin, url, data.get("sitename"))


def parse_feed(text: str, origin: str, follow: Callable[[str], bytes] | None = None) -> Iterator[Parsed]:
    """Each entry of a feed, named `origin[i]`; an entry that fails costs that entry alone.

    `follow(link)` fetches the page of an entry that carries only a summary (under the rules of
    where the feed came from); without it, the summary is the text."""
    import feedparser

    # a stream: given a string (even bytes), feedparser opens it when it looks like a URL or a path
    feed = feedparser.parse(io.BytesIO(text.encode("utf-8", "replace")))
    problem = getattr(feed, "bozo_exception", None)
    if feed.bozo and not isinstance(problem, feedparser.CharacterEncodingOverride):
        # feedparser reads what it can of broken XML; half a feed is not loaded
        raise InputError(f"broken feed: {problem or 'unreadable XML'}")
    source = feed.feed.get("title")
    for index, entry in enumerate(feed.entries):
        yield parse_record(f"{origin}[{index}]", partial(_entry, entry, origin, source, follow))


def _entry(entry: Any, origin: str, source: str | None, follow: Callable[[str], bytes] | None) -> Article:
    link = entry.get("link")
    published = entry.get("published") or entry.get("updated")
    if not published and entry.get("published_parsed"):
        published = dt.date(*entry.published_parsed[:3]).isoformat()
    content = entry.get("content")
    body = content[0].get("value") if content else None
    if body and "<" in body:
        import trafilatura

        body = trafilatura.extract(body) or body
    summary = entry.get("summary", "")
    if (
        (not body or len(body) < len(summary) + 200)
        and follow
        and link
        and link.lower().startswith(("http://", "https://"))
    ):
        # the feed carries only a summary: fetch the entry's page for the text
        try:
            page = parse_html(follow(link).decode("utf-8", errors="replace"), link)
        except InputError as exc:
            raise InputError(f"entry page: {exc}") from None
        body = page.body
    return _article(
        entry.get("title"), published, body or summary, f"{origin}#{link or entry.get('id', '')}", link, source
    )
