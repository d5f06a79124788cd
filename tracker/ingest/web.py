"""Web inputs: fetching URLs (bounded in time, size and redirects), HTML pages (main text by
trafilatura) and RSS/Atom feeds (feedparser), each feed entry an article."""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

from tracker.errors import InputError
from tracker.ingest.noise import clean_body_lines
from tracker.ingest.seed_text import check_published
from tracker.model import Article

TIMEOUT_SECONDS = 20
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/rss",
    "application/atom",
    "application/json",
    "application/rdf",
)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2


def fetch_url(url: str) -> bytes:
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": "tracker/0.1 (+news timeline tool)"})
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind and not kind.startswith(TEXT_TYPES):
                raise InputError(f"not an article: content type {kind}")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise InputError(f"response is {int(length) / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(f"response is over the {MAX_BYTES // 2**20} MB limit")
            return bytes(data)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise InputError("too many redirects") from None
        raise InputError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise InputError(f"timed out after {TIMEOUT_SECONDS} s") from None
    except OSError as exc:
        raise InputError(f"cannot fetch: {exc}") from None


def _article(
    title: str | None, published: str | None, text: str | None, origin: str, url: str | None, source: str | None
) -> Article:
    from tracker.ingest.formats import parse_date_field

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


def parse_feed(text: str, origin: str) -> Iterator[Article]:
    import feedparser

    feed = feedparser.parse(text)
    problem = getattr(feed, "bozo_exception", None)
    if feed.bozo and not isinstance(problem, feedparser.CharacterEncodingOverride):
        # feedparser reads what it can of broken XML; half a feed is not loaded
        raise InputError(f"broken feed: {problem or 'unreadable XML'}")
    source = feed.feed.get("title")
    for entry in feed.entries:
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
        if (not body or len(body) < len(summary) + 200) and link and link.startswith("http"):
            # the feed carries only a summary: fetch the entry's page for the text
            page = parse_html(fetch_url(link).decode("utf-8", errors="replace"), link)
            body = page.body
        yield _article(
            entry.get("title"), published, body or summary, f"{origin}#{link or entry.get('id', '')}", link, source
        )
