"""Loading from the web: HTML pages, RSS feeds (fetching entry pages), and every way a server can
fail, against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from tracker.cli import app

runner = CliRunner()

PAGE = """<!DOCTYPE html><html><head><title>Lee and Ishiba agree to expand exchanges</title>
<meta property="article:published_time" content="2025-08-24T09:00:00+09:00">
<meta property="og:site_name" content="Test Wire"></head>
<body><nav>Home | World | Asia</nav><article><h1>Lee and Ishiba agree to expand exchanges</h1>
<p>TOKYO -- South Korean President Lee Jae-myung and Japanese Prime Minister Shigeru Ishiba held talks in Tokyo on Saturday and agreed to expand youth exchanges.</p>
<p>Lee said the two countries shared the same front yard and should cooperate more closely than ever before.</p>
<p>Ishiba told reporters that the strategic environment was becoming harsher for both neighbors.</p>
</article><footer>Copyright Test Wire</footer></body></html>"""

SECOND_PAGE = (
    PAGE.replace("2025-08-24", "2025-06-10")
    .replace(
        "held talks in Tokyo on Saturday and agreed to expand youth exchanges",
        "spoke by phone on Monday and agreed to develop relations",
    )
    .replace("Lee and Ishiba agree to expand exchanges", "Lee and Ishiba hold first phone call")
)

FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Lee and Ishiba hold first phone call</title><link>{base}/second.html</link>
<pubDate>Tue, 10 Jun 2025 09:00:00 +0900</pubDate><description>A short summary.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8", length: int | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"  # type: ignore[index]
        routes = {
            "/article.html": lambda: self._send(200, PAGE.encode()),
            "/second.html": lambda: self._send(200, SECOND_PAGE.encode()),
            "/feed.xml": lambda: self._send(200, FEED.format(base=base).encode(), "application/rss+xml"),
            "/broken.xml": lambda: self._send(200, b"<rss><channel><item><title>x</ti", "application/rss+xml"),
            "/image.png": lambda: self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
            "/huge": lambda: self._send(200, b"", length=100 * 1024 * 1024),
            "/500": lambda: self._send(500, b"oops"),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, PAGE.encode())
        elif self.path in routes:
            routes[self.path]()
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_html_page_by_url(server: str, db_url: str) -> None:
    result = runner.invoke(app, ["load", f"{server}/article.html", "--db", db_url])
    assert result.exit_code == 0, result.output
    events = json.loads(runner.invoke(app, ["timeline", "--format", "json", "--db", db_url]).stdout)
    assert [(e["type"], e["date"]) for e in events] == [("meeting", "2025-08-23"), ("agreement", "2025-08-23")]
    assert events[0]["sources"][0]["url"] == f"{server}/article.html"
    statements = json.loads(runner.invoke(app, ["statements", "--format", "json", "--db", db_url]).stdout)
    assert {s["speaker"]["name"] for s in statements} == {"Lee Jae-myung", "Shigeru Ishiba"}
    assert "Home | World" not in json.dumps(events)  # navigation is not article text


def test_feed_fetches_the_page_of_a_summary_only_entry(server: str, db_url: str) -> None:
    result = runner.invoke(app, ["load", f"{server}/feed.xml", "--db", db_url])
    assert result.exit_code == 0, result.output
    events = json.loads(runner.invoke(app, ["timeline", "--format", "json", "--db", db_url]).stdout)
    assert [(e["type"], e["date"]) for e in events][:1] == [("call", "2025-06-09")]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/nothing", "HTTP 404 Not Found"),
        ("/500", "HTTP 500 Internal Server Error"),
        ("/loop", "too many redirects"),
        ("/image.png", "not an article: content type image/png"),
        ("/huge", "response is 105 MB, over the 20 MB limit"),
        ("/broken.xml", "broken feed"),
    ],
)
def test_failing_urls_are_one_line_each_and_others_load(server: str, db_url: str, path: str, reason: str) -> None:
    result = runner.invoke(app, ["load", f"{server}{path}", f"{server}/article.html", "--db", db_url])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"failed: {server}{path}: {reason}")
    assert lines[-1].startswith("articles: 1 new")


def test_timeout(server: str, tmp_path: object) -> None:
    result = runner.invoke(app, ["load", f"{server}/slow", "--url-timeout", "1", "--db", str(tmp_path) + "/t.db"])  # type: ignore[operator]
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"failed: {server}/slow: timed out after 1 s")
