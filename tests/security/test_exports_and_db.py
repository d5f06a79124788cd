"""Exports that stored text cannot turn against their reader, --db paths that open the file named,
and one line (exit 1, the database unchanged) when the database, the disk or the target refuses.

Issue #21, items 5, 9 and 11 (SQLite and PostgreSQL where the database matters).
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from typer.testing import CliRunner

from tracker.cli import app
from tracker.config import resolve_database_url
from tracker.errors import TrackerError
from tracker.export import html_page, script_json
from tracker.render import OutputFormat, render, render_csv, render_plain_table
from tracker.store.database import Database, create_db_engine, database_error_line

runner = CliRunner()
BODY = (
    "TOKYO -- South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida "
    "held talks in Tokyo on Thursday."
)
SUMMARY = BODY.removeprefix("TOKYO -- ")
SEED = Path(__file__).parents[2] / "seeds" / "2015-11-02-park-abe-first-summit.txt"


def load_records(tmp_path: Path, db: str, records: list[dict[str, str]]) -> None:
    path = tmp_path / f"records-{uuid.uuid4().hex[:6]}.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = runner.invoke(app, ["load", str(path), "--db", db])
    assert result.exit_code == 0, result.output


def counts(db_url: str) -> tuple[int, ...]:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        found = tuple(
            conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("articles", "events", "statements", "sources", "participants")
        )
    engine.dispose()
    return found


# --- Exports: links, the embedded data, CSV cells, the terminal ---------------------------------

LINKS = [
    "https://example.org/a?x=1&y=2",
    "mailto:desk@example.org",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//example.org/relative",
]


@pytest.fixture
def linked_db(tmp_path: Path) -> str:
    """One event reported by one article per address in LINKS."""
    db = str(tmp_path / "links.db")
    load_records(
        tmp_path,
        db,
        [{"title": f"Report {i}", "date": "2023-03-17", "body": BODY, "url": u} for i, u in enumerate(LINKS)],
    )
    return db


def export_text(fmt: str, db: str, *options: str) -> str:
    target = Path(db).with_suffix(f".{fmt}")
    result = runner.invoke(app, ["export", fmt, *options, "-o", str(target), "--db", db])
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def test_only_http_and_mailto_become_links_in_timelinejs(linked_db: str) -> None:
    [event] = json.loads(export_text("timelinejs", linked_db))["events"]
    assert event["text"]["text"] == (
        f"<p>{SUMMARY}</p><ul>"
        '<li><a href="https://example.org/a?x=1&amp;y=2">Report 0</a></li>'
        '<li><a href="mailto:desk@example.org">Report 1</a></li>'
        + "".join(f"<li>Report {i} (2023-03-17)</li>" for i in range(2, len(LINKS)))
        + "</ul>"
    )


def test_only_http_and_mailto_become_links_in_html(linked_db: str) -> None:
    payload = (
        export_text("html", linked_db)
        .split('<script id="data" type="application/json">', 1)[1]
        .split("</script>", 1)[0]
    )
    [event] = json.loads(payload)["events"]
    # the page's script makes a link of a source with a url, and plain text of one without
    assert [s["url"] for s in event["sources"]] == [LINKS[0], LINKS[1]] + [None] * (len(LINKS) - 2)
    assert [s["title"] for s in event["sources"]] == [f"Report {i}" for i in range(len(LINKS))]


def test_embedded_json_is_escaped_for_a_script_element() -> None:
    assert script_json({"t": "</script><!--<script>a & b\u2028c\u2029"}) == (
        '{"t": "\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003ea \\u0026 b\\u2028c\\u2029"}'
    )


def test_a_title_or_sentence_cannot_end_or_blank_the_page(tmp_path: Path) -> None:
    hostile = '</script><!--<script>alert("x")</script>'
    db = str(tmp_path / "t.db")
    load_records(tmp_path, db, [{"title": hostile, "date": "2023-03-17", "body": f'{BODY}\nKishida said "{hostile}".'}])
    page = export_text("html", db, "--title", hostile)
    start = page.index('<script id="data" type="application/json">') + len('<script id="data" type="application/json">')
    payload = page[start : page.index("</script>", start)]
    assert not set(payload) & set("<>&\u2028\u2029")  # nothing the HTML parser could take for a tag
    data = json.loads(payload)
    assert data["events"][0]["sources"][0]["title"] == hostile
    assert data["statements"][0]["text"] == f'Kishida said "{hostile}".'
    assert page.count("<script") == 2 and page.count("</script>") == 2  # the data and the page's own code
    assert f"<title>{'&lt;/script&gt;&lt;!--&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'}</title>" in page
    # the same page from the library function, byte for byte
    assert page == html_page(*_events_and_statements(db), hostile)


def _events_and_statements(db: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    from tracker.query import StatementFilter, TimelineFilter, fetch_statements, fetch_timeline
    from tracker.store.database import opened

    with opened(resolve_database_url(db), sync=False) as database, database.reader() as session:
        events = fetch_timeline(session, TimelineFilter((), None, None, None, None))
        return events, fetch_statements(session, StatementFilter())


def test_csv_cells_that_start_like_formulas_are_neutralised_never_cut() -> None:
    long_text = "=" + "x" * 10_000
    rows = [
        {"a": '=HYPERLINK("http://evil","x")', "b": "+1", "c": "-1", "d": "@SUM(A1)", "e": -3},
        {"a": "\tx", "b": "\rx", "c": "a=b", "d": long_text, "e": 2.5},
        {"a": ["=a", "b"], "b": None, "c": "", "d": "plain", "e": 0},
    ]
    assert render_csv(rows, ["a", "b", "c", "d", "e"]) == (
        "a,b,c,d,e\n"
        '"\'=HYPERLINK(""http://evil"",""x"")",\'+1,\'-1,\'@SUM(A1),-3\n'
        f"'\tx,\"'\rx\",a=b,'{long_text},2.5\n"
        "'=a; b,,,plain,0\n"
    )


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    load_records(tmp_path, db, [{"title": "=cmd|' /C calc'!A0", "date": "2023-03-17", "body": BODY, "source": "@evil"}])
    result = runner.invoke(app, ["export", "csv", "-o", str(tmp_path / "out"), "--db", db])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].split(",")[2:4] == ["'=cmd|' /C calc'!A0", "'@evil"]


ESCAPES = "\x1b]0;pwned\x07Evil\x1b[31m \x1b]8;;https://x.example\x1b\\News\x1b]8;;\x1b\\\x9b2J\u202eoN\x00\x08"


def test_table_output_strips_control_characters_and_escape_sequences() -> None:
    assert render_plain_table([{"source": ESCAPES, "n": 1}], ["source", "n"]) == (
        "source       n\n-----------  -\nEvil NewsoN  1\n"
    )


def test_table_output_of_a_command_strips_them(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    # stored text can hold every escape but NUL, which a load refuses (test_ingest_attacks)
    stored = ESCAPES.replace("\x00", "")
    load_records(tmp_path, db, [{"title": "Talks", "date": "2023-03-17", "body": BODY, "source": stored}])
    result = runner.invoke(app, ["articles", "list", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == "1   2023-03-17  Talks  Evil NewsoN  1       0"


def test_a_terminal_table_shows_rich_markup_as_text_and_obeys_no_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    leader, follower = pty.openpty()
    with os.fdopen(follower, "w", encoding="utf-8") as terminal:
        render([{"source": "[bold red]loud[/] " + ESCAPES}], OutputFormat.table, stream=terminal)
    shown = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert "[bold red]loud[/] Evil NewsoN" in shown
    for sequence in ("\x1b]", "\x9b", "\u202e", "pwned", "\x07", "\x00", "\x08"):
        assert sequence not in shown


# --- --db paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["we?ird.db", "a%41.db", "x#y.db", "q?a=1#f%2F é.db"])
def test_a_db_path_with_url_characters_opens_that_very_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    result = runner.invoke(app, ["load", str(SEED), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]
    result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles", "--format", "json", "--db", str(path)])
    assert (result.exit_code, result.stdout) == (0, '[\n  {\n    "n": 1\n  }\n]\n')
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_the_console_connection_on_such_a_path_stays_read_only(tmp_path: Path) -> None:
    path = tmp_path / "x#y.db"
    assert runner.invoke(app, ["load", str(SEED), "--db", str(path)]).exit_code == 0
    engine = create_db_engine(resolve_database_url(str(path)), read_only=True)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
            with pytest.raises(OperationalError, match="attempt to write a readonly database"):
                conn.execute(text("CREATE TABLE planted (x INTEGER)"))
    finally:
        engine.dispose()
    assert not (tmp_path / "x").exists()  # before: the URL's "#y.db..." was a fragment, "x" was opened


# --- One line, exit 1, the database unchanged -----------------------------------------------------


def one_error_line(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr.rstrip("\n")


@pytest.mark.parametrize("kind", ["random bytes", "text", "folder"])
def test_a_db_that_is_not_a_database(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "not.db"
    if kind == "folder":
        path.mkdir()
        reason = f"{path} is a folder, not a database file"
    else:
        path.write_bytes(os.urandom(4096) if kind == "random bytes" else b"a shopping list\n" * 100)
        reason = f"cannot open database sqlite:///{path}: file is not a database"
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file())
    for command in (
        ["load", str(SEED)],
        ["timeline"],
        ["export", "html", "-o", str(tmp_path / "out.html")],
        ["db", "upgrade"],
        ["db", "current"],
    ):
        assert one_error_line([*command, "--db", str(path)]) == f"error: {reason}", command
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file()) == before


@pytest.fixture
def seeded_db(tmp_path: Path) -> str:
    db = str(tmp_path / "seeded.db")
    assert runner.invoke(app, ["load", str(SEED), "--db", db]).exit_code == 0
    return db


def test_export_targets_that_cannot_take_the_export(tmp_path: Path, seeded_db: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("kept")
    cases = {
        ("html", "missing/page.html"): f"error: folder {tmp_path / 'missing'} does not exist",
        ("timelinejs", "file.txt/t.json"): f"error: {tmp_path / 'file.txt'} is not a folder",
        ("html", "folder"): f"error: {tmp_path / 'folder'} is a folder; give the name of the file to write",
        ("json", "folder"): f"error: {tmp_path / 'folder'} is a folder; give the name of the file to write",
        ("csv", "file.txt"): f"error: {tmp_path / 'file.txt'} is a file; csv writes one file per table into a folder",
        ("csv", "-"): "error: csv writes one file per table into a folder: give a folder, not -",
    }
    for (fmt, target), line in cases.items():
        output = target if target == "-" else str(tmp_path / target)
        assert one_error_line(["export", fmt, "-o", output, "--db", seeded_db]) == line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder", "seeded.db"]
    assert (tmp_path / "file.txt").read_text() == "kept" and not any((tmp_path / "folder").iterdir())


@pytest.mark.parametrize("fmt", ["timelinejs", "html", "json"])
def test_export_to_dash_writes_standard_output(
    tmp_path: Path, seeded_db: str, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    to_file = runner.invoke(app, ["export", fmt, "-o", "file.out", "--db", seeded_db])
    to_stdout = runner.invoke(app, ["export", fmt, "-o", "-", "--db", seeded_db])
    assert (to_file.exit_code, to_stdout.exit_code) == (0, 0)
    assert to_stdout.stdout == (tmp_path / "file.out").read_text(encoding="utf-8")
    assert to_stdout.stderr == "wrote standard output (3 events)\n"
    assert not (tmp_path / "-").exists()


@contextmanager
def tiny_disk(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted at `where` (root only), to fill up."""
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Take all but `leave` bytes of the disk's free space."""
    stats = os.statvfs(disk)
    (disk / "filler").write_bytes(b"\0" * max(0, stats.f_bavail * stats.f_frsize - leave))


def test_export_onto_a_full_disk_keeps_the_old_file(tmp_path: Path, seeded_db: str) -> None:
    with tiny_disk(tmp_path / "disk", "256k") as disk:
        page = disk / "page.html"
        page.write_text("the previous export")
        fill(disk, leave=4096)  # the page is ~8 KB
        assert one_error_line(["export", "html", "-o", str(page), "--db", seeded_db]) == (
            f"error: cannot write {page}: No space left on device"
        )
        assert page.read_text() == "the previous export"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "page.html"]  # no temporary file left
        (disk / "filler").unlink()
        assert runner.invoke(app, ["export", "html", "-o", str(page), "--db", seeded_db]).exit_code == 0
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_load_onto_a_full_disk_is_one_line_and_the_database_stays_valid(tmp_path: Path) -> None:
    seeds = SEED.parent
    with tiny_disk(tmp_path / "disk", "4m") as disk:
        db = str(disk / "t.db")
        assert runner.invoke(app, ["load", str(SEED), "--db", db]).exit_code == 0
        before = counts(resolve_database_url(db))
        fill(disk, leave=64 * 1024)
        assert one_error_line(["load", str(seeds), "--db", db]) == (
            "error: the database refused: database or disk is full; saved before that: articles: 0 new, "
            "0 replaced, 1 already loaded, 0 failed; events: 0 new, 0 merged into existing; statements: 0"
        )
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert counts(resolve_database_url(db)) == before
        (disk / "filler").unlink()
        result = runner.invoke(app, ["load", str(seeds), "--db", db])  # nothing lost: the rest loads now
        assert result.exit_code == 0, result.output
        assert counts(resolve_database_url(db))[0] == len(list(seeds.glob("*.txt")))


def chattr(flag: str, *paths: Path) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this file system has no immutable flag: {done.stderr.decode().strip()}")


def test_db_upgrade_on_a_file_or_folder_it_cannot_write(tmp_path: Path) -> None:
    """root ignores permissions, not the immutable flag: an empty file, then a folder, made immutable."""
    empty = tmp_path / "empty.db"
    empty.touch()
    chattr("+i", empty)
    try:
        assert one_error_line(["db", "upgrade", "--db", str(empty)]) == (
            f"error: cannot open database sqlite:///{empty}: attempt to write a readonly database"
        )
    finally:
        chattr("-i", empty)
    assert empty.read_bytes() == b""
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "t.db"
    assert runner.invoke(app, ["load", str(SEED), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["db", "downgrade", "0002", "--db", str(db)]).exit_code == 0
    before = db.read_bytes()
    chattr("+i", db, folder)
    try:
        assert one_error_line(["db", "upgrade", "--db", str(db)]) == (
            f"error: cannot open database sqlite:///{db}: unable to open database file"
        )
    finally:
        chattr("-i", folder, db)
    assert db.read_bytes() == before


READER = "tracker_test_select_only"


def test_a_postgresql_role_with_select_only(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("roles are PostgreSQL's")
    assert runner.invoke(app, ["load", str(SEED), "--db", db_url]).exit_code == 0
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        # roles are cluster-wide and other tests run at the same time: create it once, whoever is first
        conn.execute(
            text(
                f"DO $$ BEGIN CREATE ROLE {READER} LOGIN; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        )
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER}"))
    admin.dispose()
    reader = db_url.replace("://postgres@", f"://{READER}@")
    before = counts(db_url)
    (tmp_path / "new.txt").write_text(
        f" date 2023-03-17 Yoon and Kishida meet in Tokyo\n{BODY}\nKishida said the two countries would resume shuttle diplomacy.\n"
    )
    assert one_error_line(["load", str(tmp_path / "new.txt"), "--db", reader]) == (
        "error: the database refused: permission denied for table articles; saved before that: articles: 0 new, "
        "0 replaced, 0 already loaded, 0 failed; events: 0 new, 0 merged into existing; statements: 0"
    )
    assert one_error_line(["participants", "add", "Jane Doe", "--kind", "person", "--db", reader]) == (
        "error: the database refused: permission denied for table participants"
    )
    assert counts(db_url) == before
    result = runner.invoke(app, ["timeline", "--format", "json", "--db", reader])  # reading is what it may do
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 3


def test_names_over_the_column_lengths_are_refused_alike_on_both_engines(db_url: str, tmp_path: Path) -> None:
    fits, too_long = "S" * 200, "S" * 201
    folder = tmp_path / "in"
    folder.mkdir()
    for name, source, day in (("fits.json", fits, "17"), ("long.json", too_long, "18")):
        (folder / name).write_text(
            json.dumps([{"title": "Talks", "date": f"2023-03-{day}", "body": BODY, "source": source}])
        )
    result = runner.invoke(app, ["load", str(folder), "--db", db_url])
    assert result.exit_code == 1
    failure, summary = result.stderr.splitlines()
    assert failure.startswith(f"failed: {folder / 'long.json'}")  # the record's index may follow the name
    assert failure.endswith(": source name is 201 characters long, over the limit of 200")
    assert summary == (
        "articles: 1 new, 0 replaced, 0 already loaded, 1 failed; events: 1 new, 0 merged into existing; statements: 0"
    )
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM sources")).scalars().all() == [fits]
    engine.dispose()
    before = counts(db_url)
    assert one_error_line(["participants", "add", "P" * 201, "--kind", "person", "--db", db_url]) == (
        "error: name is 201 characters long, over the limit of 200"
    )
    assert counts(db_url) == before


def test_database_errors_never_show_the_statement_or_its_parameters(db_url: str) -> None:
    from tracker.store.database import open_database

    open_database(db_url).dispose()
    secret = "the whole body of an article " * 6  # under the column's limit: the check fails, not the length
    engine = create_engine(db_url)
    with engine.connect() as conn, pytest.raises(DBAPIError) as caught:
        conn.execute(text("INSERT INTO participants (kind, name) VALUES ('bogus', :name)"), {"name": secret})
    engine.dispose()
    assert "[SQL:" in str(caught.value) and secret[:40] in str(caught.value)  # what users saw before
    assert database_error_line(caught.value) == (
        "CHECK constraint failed: ck_participants_kind"
        if db_url.startswith("sqlite")
        else 'new row for relation "participants" violates check constraint "ck_participants_kind"'
    )


def test_an_extracted_value_over_its_column_is_refused_before_any_write(database: Database) -> None:
    """The store's own check, below the CLI: a role longer than event_participants.role costs its
    batch on both engines (the pipeline then saves the batch's other articles one by one)."""
    import dataclasses

    from tracker.extract import extract_article
    from tracker.ingest.seed_text import parse_seed_text
    from tracker.store.write import save_batch

    extraction = extract_article(parse_seed_text(SEED.read_text(encoding="utf-8"), SEED.name))
    event = extraction.events[0]
    too_long = dataclasses.replace(event.participants[0], role="x" * 201)
    bad = dataclasses.replace(
        extraction, events=(dataclasses.replace(event, participants=(too_long, *event.participants[1:])),)
    )
    before = counts(database.url)
    with pytest.raises(TrackerError) as refused, database.engine.begin() as conn:
        save_batch(conn, [bad])
    assert str(refused.value) == "participant role is 201 characters long, over the limit of 200"
    assert counts(database.url) == before
