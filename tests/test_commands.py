"""participants, articles, report, sql and export commands (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

from locations import SEEDS

runner = CliRunner()
SEED = SEEDS / "000_2187417dd207f657.txt"
OTHER = """ date 2023-03-17 Yoon and Kishida hold summit in Tokyo
TOKYO, March 17 (Yonhap) -- South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida held talks in Tokyo on Thursday.
Kishida said the two countries would resume shuttle diplomacy.
"""


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def loaded(db_url: str, tmp_path: Path) -> str:
    other = tmp_path / "other.txt"
    other.write_text(OTHER)
    run("load", str(SEED), str(other), "--db", db_url)
    return db_url


def test_participants_show_add_alias_office_merge(loaded: str) -> None:
    shown = json.loads(run("participants", "show", "kishida fumio", "--format", "json", "--db", loaded))[0]
    assert shown["name"] == "Fumio Kishida" and shown["events"] == 1 and shown["statements"] == 1
    assert {"title": "Prime Minister", "country": "JP", "start": "2021-10-04", "end": "2024-10-01"} in shown["offices"]
    run("participants", "add", "Kishida F.", "--country", "JP", "--db", loaded)
    run("participants", "alias", "Kishida F.", "Fumio K.", "--db", loaded)
    run(
        "participants",
        "office",
        "Kishida F.",
        "Special Envoy",
        "--country",
        "JP",
        "--start",
        "2025-01-01",
        "--db",
        loaded,
    )
    run("participants", "merge", "Fumio Kishida", "Kishida F.", "--db", loaded)
    merged = json.loads(run("participants", "show", "fumio k", "--format", "json", "--db", loaded))[0]
    assert merged["name"] == "Fumio Kishida"
    assert "Kishida F." in merged["aliases"] and "Fumio K." in merged["aliases"]
    assert any(o["title"] == "Special Envoy" for o in merged["offices"])
    gone = runner.invoke(app, ["participants", "show", "Kishida F.", "--db", loaded])
    assert gone.exit_code == 0  # the alias now names the kept participant


def test_participant_errors_are_one_line(loaded: str) -> None:
    dup = runner.invoke(app, ["participants", "add", "Fumio Kishida", "--db", loaded])
    assert (dup.exit_code, dup.stderr.splitlines()[0]) == (
        1,
        "error: 'Fumio Kishida' is already known (see `tracker participants show 'Fumio Kishida'`)",
    )
    bad = runner.invoke(app, ["participants", "add", "Someone New", "--country", "XX", "--db", loaded])
    assert bad.stderr == "error: 'XX' is not an ISO 3166-1 alpha-2 country code\n"


def test_articles_list_show_delete(loaded: str) -> None:
    articles = json.loads(run("articles", "list", "--format", "json", "--db", loaded))
    assert [a["published"] for a in articles] == ["2023-03-17", "2025-06-18"]
    shown = json.loads(run("articles", "show", str(articles[0]["id"]), "--format", "json", "--db", loaded))[0]
    assert shown["events"][0]["type"] == "meeting"
    source = shown["events"][0]["sources"][0]
    assert source["sentence"].startswith("South Korean President Yoon Suk Yeol")
    run("articles", "delete", str(articles[0]["id"]), "--db", loaded)
    assert len(json.loads(run("timeline", "--format", "json", "--db", loaded))) == 1
    missing = runner.invoke(app, ["articles", "show", "9999", "--db", loaded])
    assert missing.stderr == "error: no article with id 9999\n"


@pytest.mark.parametrize(
    "name", ["pair-activity", "who-met-whom", "top-participants", "statements-per-speaker", "sources"]
)
def test_every_report_runs(loaded: str, name: str) -> None:
    rows = json.loads(run("report", name, "--format", "json", "--db", loaded))
    assert rows
    sql = run("report", name, "--show-sql", "--db", loaded)
    assert sql.startswith("SELECT")


def test_pair_activity_counts(loaded: str) -> None:
    rows = json.loads(run("report", "pair-activity", "--pair", "JP", "KR", "--format", "json", "--db", loaded))
    assert [(r["month"], r["type"], r["events"]) for r in rows] == [
        ("2023-03", "meeting", 1),
        ("2025-06", "meeting", 1),
    ]


def test_sql_reads(loaded: str) -> None:
    rows = json.loads(
        run("sql", "SELECT type, countries FROM v_timeline ORDER BY date", "--format", "json", "--db", loaded)
    )
    assert rows == [{"type": "meeting", "countries": "JP,KR"}, {"type": "meeting", "countries": "JP,KR"}]


@pytest.mark.parametrize(
    "query",
    [
        "INSERT INTO sources (name) VALUES ('x')",
        "UPDATE events SET type = 'call'",
        "DELETE FROM events",
        "DROP TABLE events",
        "CREATE TABLE t (id INTEGER)",
        "SELECT 1; DELETE FROM events",
        "SELECT 1; COMMIT; DELETE FROM events",
        "WITH gone AS (DELETE FROM events RETURNING id) SELECT * FROM gone",
    ],
)
def test_sql_refuses_writes(loaded: str, query: str) -> None:
    result = runner.invoke(app, ["sql", query, "--db", loaded])
    assert result.exit_code == 1
    assert result.stderr.startswith(("error: refused", "error: SQL error"))
    assert len(json.loads(run("timeline", "--format", "json", "--db", loaded))) == 2


def test_sql_refuses_sqlite_tricks(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    run("load", str(SEED), "--db", db)
    for query in (
        f"ATTACH DATABASE '{tmp_path / 'x.db'}' AS x",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA foreign_keys = OFF",
    ):
        result = runner.invoke(app, ["sql", query, "--db", db])
        assert result.exit_code == 1 and result.stderr.startswith("error: refused"), query
    assert not (tmp_path / "x.db").exists()


def test_export_timelinejs_and_everything(loaded: str, tmp_path: Path) -> None:
    run("export", "timelinejs", "--pair", "KR", "JP", "-o", str(tmp_path / "t.json"), "--db", loaded)
    data = json.loads((tmp_path / "t.json").read_text())
    assert [e["start_date"] for e in data["events"]] == [
        {"year": "2023", "month": "3", "day": "16"},
        {"year": "2025", "month": "6", "day": "18"},
    ]
    run("export", "json", "-o", str(tmp_path / "all.json"), "--db", loaded)
    everything = json.loads((tmp_path / "all.json").read_text())
    assert set(everything) == {"events", "statements", "participants", "articles"}
    run("export", "csv", "-o", str(tmp_path / "csv"), "--db", loaded)
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "articles.csv",
        "events.csv",
        "participants.csv",
        "statements.csv",
    ]


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium is not installed (CI installs Debian's chromium package)")
    return found


@pytest.mark.browser
def test_html_export_renders_every_event_in_a_browser(loaded: str, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "kr-jp.html"
    run("export", "html", "--pair", "KR", "JP", "-o", str(page), "--db", loaded)
    assert "http" not in page.read_text().split('<script id="data"')[0]  # nothing fetched: no CDN
    events = json.loads(run("timeline", "--pair", "KR", "JP", "--format", "json", "--db", loaded))
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    for event in events:
        assert f'id="event-{event["id"]}"' in dom
    assert dom.count('class="event"') == len(events)
    assert "<rect" in dom  # the activity chart was drawn
