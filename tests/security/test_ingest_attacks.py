"""Hostile inputs to `load` (issue #21, items 3, 4, 7, 8 and the NUL and file-name parts of 11):
feeds that try to make feedparser open files or URLs, entry links and redirects into the private
network, a trickling server, records that cannot be stored, and folders with pipes, loops and
unreadable corners. Servers run on 127.0.0.1 (and 127.0.0.2, a second loopback address, to play
a private host next to a "public" one)."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from tracker.cli import app

runner = CliRunner()

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="article:published_time" content="{date}T09:00:00+09:00"></head>
<body><article><h1>{title}</h1>
<p>TOKYO -- South Korean President Lee Jae-myung and Japanese Prime Minister Shigeru Ishiba held talks in Tokyo on {day} and agreed to expand youth exchanges.</p>
<p>Lee said the two countries shared the same front yard and should cooperate more closely than ever before.</p>
</article></body></html>"""

PUBLIC_PAGE = PAGE.format(title="Lee and Ishiba agree to expand exchanges", date="2025-08-24", day="Saturday")
PRIVATE_PAGE = PAGE.format(title="Internal memo on the summit", date="2025-06-10", day="Monday")

FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire</title>
{items}</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{link}</link>
<pubDate>{date}</pubDate><description>A short summary.</description></item>"""

SEED = """ date 2023-03-17 Yoon and Kishida meet in Tokyo
TOKYO -- South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida held talks in Tokyo on Thursday.
Kishida said the two countries would resume shuttle diplomacy.
"""

Route = Callable[[BaseHTTPRequestHandler], None]


def send(
    code: int, body: bytes, kind: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None
) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            handler.wfile.write(body)

    return route


def redirect(location: str) -> Route:
    return send(302, b"", headers={"Location": location})


@contextlib.contextmanager
def serve(routes: dict[str, Route], host: str = "127.0.0.1") -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            routes.get(self.path, send(404, b"not found"))(self)

    httpd = ThreadingHTTPServer((host, 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def loopback_127_0_0_1_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 plays a public server; 127.0.0.2 stays what it is, a private address."""
    import tracker.ingest.fetch as fetch

    monkeypatch.setattr(fetch, "is_public_address", lambda address: address == ipaddress.ip_address("127.0.0.1"))


def titles(db_url: str) -> list[str]:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        found = list(conn.execute(text("SELECT title FROM articles ORDER BY title")).scalars())
    engine.dispose()
    return found


def load(*args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["load", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.splitlines()


# --- feeds and URLs ---------------------------------------------------------------------------


def private_feed_file(tmp_path: Path) -> Path:
    """A feed on the user's disk with the whole text in it: what a hostile feed body points at."""
    body = "South Korean President Lee Jae-myung and Japanese Prime Minister Shigeru Ishiba held talks. " * 5
    path = tmp_path / "private.rss"
    path.write_text(
        FEED.format(
            items=f"<item><title>Private notes</title><link>http://example.invalid/x</link>"
            f"<pubDate>Tue, 10 Jun 2025 09:00:00 +0900</pubDate><description>{body}</description></item>"
        )
    )
    return path


@pytest.mark.parametrize("spelling", ["file_url", "path"])
def test_a_feed_whose_body_names_a_local_file_does_not_read_it(tmp_path: Path, spelling: str) -> None:
    secret = private_feed_file(tmp_path)
    body = secret.as_uri() if spelling == "file_url" else str(secret)
    db_url = f"sqlite:///{tmp_path / 't.db'}"
    with serve({"/feed.rss": send(200, body.encode(), "application/rss+xml")}) as base:
        code, lines = load(f"{base}/feed.rss", "--db", db_url)
    assert code == 1
    assert lines[0].startswith(f"failed: {base}/feed.rss: broken feed")
    assert titles(db_url) == []


def feed_with_links(*links: str) -> bytes:
    items = "".join(
        ITEM.format(title=f"Entry {i}", link=link, date="Tue, 10 Jun 2025 09:00:00 +0900")
        for i, link in enumerate(links)
    )
    return FEED.format(items=items).encode()


@contextlib.contextmanager
def public_and_private_servers() -> Iterator[tuple[str, str, dict[str, Route]]]:
    """A "public" server on 127.0.0.1 (its routes to fill in) and a private one on 127.0.0.2."""
    public_routes: dict[str, Route] = {"/article.html": send(200, PUBLIC_PAGE.encode())}
    with (
        serve({"/secret.html": send(200, PRIVATE_PAGE.encode())}, "127.0.0.2") as private,
        serve(public_routes) as public,
    ):
        yield public, private, public_routes


@pytest.mark.usefixtures("loopback_127_0_0_1_is_public")
def test_a_public_feed_cannot_lead_to_a_private_address(db_url: str) -> None:
    with public_and_private_servers() as (public, private, routes):
        routes["/feed.xml"] = send(
            200, feed_with_links(f"{public}/article.html", f"{private}/secret.html"), "application/rss+xml"
        )
        code, lines = load(f"{public}/feed.xml", "--db", db_url)
    assert code == 1
    assert lines[:-1] == [
        f"failed: {public}/feed.xml[1]: entry page: refused {private}/secret.html: "
        "127.0.0.2 is not a public address (load --allow-private fetches it)"
    ]
    assert lines[-1].startswith("articles: 1 new, 0 replaced, 0 already loaded, 1 failed")
    assert titles(db_url) == ["Entry 0"]


@pytest.mark.usefixtures("loopback_127_0_0_1_is_public")
def test_allow_private_lets_a_public_feed_reach_a_private_address(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 't.db'}"
    with public_and_private_servers() as (public, private, routes):
        routes["/feed.xml"] = send(200, feed_with_links(f"{private}/secret.html"), "application/rss+xml")
        code, lines = load(f"{public}/feed.xml", "--allow-private", "--db", db_url)
    assert (code, titles(db_url)) == (0, ["Entry 0"]), lines


def test_a_local_feed_the_user_names_is_loaded_with_its_private_entries(tmp_path: Path) -> None:
    """127.0.0.1 is what it is here: the user named a local URL, so its entries are theirs too."""
    db_url = f"sqlite:///{tmp_path / 't.db'}"
    with public_and_private_servers() as (public, private, routes):
        routes["/feed.xml"] = send(200, feed_with_links(f"{private}/secret.html"), "application/rss+xml")
        code, lines = load(f"{public}/feed.xml", "--db", db_url)
    assert (code, titles(db_url)) == (0, ["Entry 0"]), lines


@pytest.mark.usefixtures("loopback_127_0_0_1_is_public")
def test_a_public_page_cannot_redirect_to_a_private_address(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 't.db'}"
    with public_and_private_servers() as (public, private, routes):
        routes["/moved.html"] = redirect(f"{private}/secret.html")
        code, lines = load(f"{public}/moved.html", f"{public}/article.html", "--db", db_url)
    assert code == 1
    assert lines[0] == (
        f"failed: {public}/moved.html: refused {private}/secret.html: "
        "127.0.0.2 is not a public address (load --allow-private fetches it)"
    )
    assert titles(db_url) == ["Lee and Ishiba agree to expand exchanges"]


def test_a_redirect_to_ftp_is_refused(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 't.db'}"
    with serve({"/moved.html": redirect("ftp://127.0.0.1/article.html")}) as base:
        code, lines = load(f"{base}/moved.html", "--db", db_url)
    assert code == 1
    assert (
        lines[0]
        == f"failed: {base}/moved.html: refused ftp://127.0.0.1/article.html: only http and https URLs are fetched"
    )


def trickle(seconds: float) -> Route:
    """A page whose body comes a byte every 0.2 s, for `seconds` (each read waits far less than any timeout)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        body = PUBLIC_PAGE.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        steps = int(seconds / 0.2)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for byte in body[:steps]:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.2)
            handler.wfile.write(body[steps:])

    return route


def test_a_trickling_server_is_cut_at_the_total_deadline(tmp_path: Path) -> None:
    from tracker.errors import InputError
    from tracker.ingest.fetch import FetchPolicy, fetch

    db_url = f"sqlite:///{tmp_path / 't.db'}"
    with serve({"/slow.html": trickle(8)}) as base:
        started = time.monotonic()
        with pytest.raises(InputError, match=r"^timed out after 1\.5 s$"):
            fetch(f"{base}/slow.html", FetchPolicy(deadline=1.5))
        assert time.monotonic() - started < 3  # the deadline, not 8 s of trickle
        code, lines = load(f"{base}/slow.html", "--url-timeout", "1.5", "--db", db_url)
    assert code == 1
    assert lines[0] == f"failed: {base}/slow.html: timed out after 1.5 s"


# --- records that cannot be stored ---------------------------------------------------------------


def record(title: str, body: str, day: int) -> dict[str, str]:
    return {"title": title, "date": f"2025-06-{day:02d}", "body": body}


GOOD_BODY = "Lee Jae-myung and Shigeru Ishiba held talks in Tokyo."


def test_a_lone_surrogate_costs_its_record_alone(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    records = [record("First", GOOD_BODY, 1), record("Bad \ud800 title", GOOD_BODY, 2), record("Third", GOOD_BODY, 3)]
    path.write_text(json.dumps(records))  # json.dumps writes the surrogate as the escape "\ud800"
    code, lines = load(str(path), "--db", db_url)
    assert code == 1
    assert lines[:-1] == [f"failed: {path}[1]: the title is not valid Unicode: a lone surrogate U+D800"]
    assert titles(db_url) == ["First", "Third"]


def test_a_bad_line_of_json_lines_costs_that_line_alone(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = [json.dumps(record(title, GOOD_BODY, day)) for title, day in (("First", 1), ("Third", 3))]
    path.write_text(f'{good[0]}\n{{"title": "Second", "date": \n{good[1]}\n')
    code, lines = load(str(path), "--db", db_url)
    assert code == 1
    assert lines[:-1] == [f"failed: {path}:2: malformed JSON: Expecting value"]
    assert titles(db_url) == ["First", "Third"]


def test_nul_characters_are_refused_alike_on_both_engines(db_url: str, tmp_path: Path) -> None:
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps([record("First", GOOD_BODY, 1), record("Second", GOOD_BODY + "\x00", 2)]))
    # past the first 8 KB, where a file is not taken for binary
    long_seed = tmp_path / "long.txt"
    long_seed.write_text(SEED + "Kishida said more. " * 600 + "\x00\n")
    code, lines = load(str(batch), str(long_seed), "--db", db_url)
    assert code == 1
    assert lines[:-1] == [
        f"failed: {batch}[1]: the body contains a NUL character (\\x00), which is not text",
        f"failed: {long_seed}: the body contains a NUL character (\\x00), which is not text",
    ]
    assert titles(db_url) == ["First"]


# --- folders -------------------------------------------------------------------------------------


def run_cli(*args: str, timeout: float = 120, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process: a load that hangs fails the test instead of hanging it."""
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
    )


@pytest.mark.parametrize("how", ["folder", "glob"])
def test_a_named_pipe_or_socket_in_a_folder_is_skipped_and_the_file_beside_it_loads(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # no writer ever comes: opening it for reading would wait forever
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "sock.txt"))
    (folder / "good.txt").write_text(SEED)
    db_url = f"sqlite:///{tmp_path / 't.db'}"
    spec = str(folder) if how == "folder" else str(folder / "*.txt")
    result = run_cli("load", spec, "--db", db_url, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    listener.close()
    assert lines[:2] == [
        f"skipped: {folder / 'pipe.txt'}: not a regular file (a named pipe)",
        f"skipped: {folder / 'sock.txt'}: not a regular file (a socket)",
    ]
    assert lines[-1].startswith("articles: 1 new, 0 replaced, 0 already loaded, 0 failed")
    assert titles(db_url) == ["Yoon and Kishida meet in Tokyo"]


def as_unprivileged() -> list[str]:
    """A command prefix under which permissions hold: root reads folders whatever their mode, unless
    it runs without the capabilities to override them."""
    import shutil

    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("root reads folders whatever their permissions, and setpriv is not there to drop that")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_an_unreadable_subfolder_is_a_failure_and_the_rest_loads(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(SEED.replace("2023-03-17", "2023-03-18"))
    (folder / "good.txt").write_text(SEED)
    (folder / "locked").chmod(0)
    prefix = as_unprivileged()
    try:
        walked = run_cli("load", str(folder), "--db", db_url, prefix=prefix)
        globbed = run_cli("load", str(folder / "locked" / "*.txt"), "--db", db_url, prefix=prefix)
    finally:
        (folder / "locked").chmod(0o755)
    assert walked.returncode == 1
    assert walked.stderr.splitlines()[:-1] == [
        f"failed: {folder / 'locked'}: cannot read the folder: permission denied"
    ]
    assert titles(db_url) == ["Yoon and Kishida meet in Tokyo"]
    assert globbed.returncode == 1
    assert globbed.stderr.splitlines()[:-1] == [f"failed: {folder / 'locked' / '*.txt'}: permission denied"]


def test_a_glob_does_not_follow_a_symlink_loop(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "one.txt").write_text(SEED)
    (folder / "a" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "a" / "again").symlink_to(folder, target_is_directory=True)  # two loops: 2**40 paths for glob.glob
    db_url = f"sqlite:///{tmp_path / 't.db'}"
    result = run_cli("load", str(folder / "**" / "*.txt"), "--db", db_url, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "articles: 1 new, 0 replaced, 0 already loaded, 0 failed; events: 1 new, 0 merged into existing; statements: 1"
    ]


def test_a_file_name_that_is_not_utf8_is_shown_escaped(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = os.fsdecode(bytes(folder) + b"/good-\xff.txt")
    bad = os.fsdecode(bytes(folder) + b"/bad-\xfe\x1b[2J.txt")  # not UTF-8, and an escape sequence
    Path(good).write_text(SEED)
    Path(bad).write_text("no date line here")
    code, lines = load(str(folder), "--db", db_url)
    assert code == 1
    assert lines[:-1] == [
        f"failed: {folder}/bad-\\xfe\\x1b[2J.txt: no date line: the first line must be ' date YYYY-MM-DD Headline'"
    ]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT origin FROM articles")).scalars().all() == [f"{folder}/good-\\xff.txt"]
    engine.dispose()
