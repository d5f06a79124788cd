"""The CLI end to end on the bundled seeds and on small articles: exact JSON contract, spellings,
errors as one line (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

from locations import SEEDS

runner = CliRunner()
SEED = SEEDS / "000_2187417dd207f657.txt"


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def loaded(db_url: str) -> str:
    result = runner.invoke(app, ["load", str(SEED), "--db", db_url])
    assert result.exit_code == 0, result.output
    return db_url


def test_load_reports_counts_and_is_idempotent(db_url: str) -> None:
    first = runner.invoke(app, ["load", str(SEED), "--db", db_url])
    assert first.stderr.splitlines()[-1] == (
        "articles: 1 new, 0 replaced, 0 already loaded, 0 failed; events: 1 new, 0 merged into existing; statements: 4"
    )
    again = runner.invoke(app, ["load", str(SEED), "--db", db_url])
    assert again.stderr.splitlines()[-1] == (
        "articles: 0 new, 0 replaced, 1 already loaded, 0 failed; events: 0 new, 0 merged into existing; statements: 0"
    )


def test_timeline_json_contract(loaded: str) -> None:
    events = json.loads(run("timeline", "--pair", "KR", "JP", "--format", "json", "--db", loaded))
    assert len(events) == 1
    event = events[0]
    assert {k: event[k] for k in ("date", "date_precision", "type", "status", "countries")} == {
        "date": "2025-06-18",
        "date_precision": "day",
        "type": "meeting",
        "status": "occurred",
        "countries": ["JP", "KR"],
    }
    people = [(p["name"], p["kind"], p["country"], p["role"]) for p in event["participants"]]
    assert people == [
        ("Lee Jae-myung", "person", "KR", "President of South Korea"),
        ("Shigeru Ishiba", "person", "JP", "Prime Minister of Japan"),
        ("Japan", "country", "JP", None),
        ("South Korea", "country", "KR", None),
    ]
    assert event["sources"][0]["title"].startswith("Strengthening Ties")
    assert event["sources"][0]["published"] == "2025-06-18"


def test_leader_spellings_agree_and_short_names_are_ambiguous(loaded: str) -> None:
    ids = [
        [e["id"] for e in json.loads(run("timeline", "--leader", name, "--format", "json", "--db", loaded))]
        for name in ("Lee Jae-myung", "lee jae myung", "LEE JAE-MYUNG", "Jae-myung Lee")
    ]
    assert ids[0] and all(i == ids[0] for i in ids)
    result = runner.invoke(app, ["timeline", "--leader", "Lee", "--db", loaded])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 'Lee' is ambiguous: ")
    assert "Lee Jae-myung (KR)" in result.stderr


def test_empty_results_and_bad_options(loaded: str) -> None:
    assert run("timeline", "--pair", "KR", "CN", "--format", "json", "--db", loaded) == "[]\n"
    bad = runner.invoke(app, ["timeline", "--country", "Atlantis", "--db", loaded])
    assert (bad.exit_code, bad.stderr) == (
        1,
        "error: unknown country 'Atlantis' (use an ISO code such as KR or JPN, or a name)\n",
    )
    bad_type = runner.invoke(app, ["timeline", "--type", "party", "--db", loaded])
    assert bad_type.exit_code == 1 and bad_type.stderr.startswith("error: --type must be one of meeting")


def test_country_by_alpha3_and_name_and_since(loaded: str) -> None:
    for country in ("KOR", "south korea", "Japan"):
        assert len(json.loads(run("timeline", "--country", country, "--format", "json", "--db", loaded))) == 1
    assert run("timeline", "--since", "2026", "--format", "json", "--db", loaded) == "[]\n"
    assert (
        len(json.loads(run("timeline", "--since", "2025-06", "--until", "2025", "--format", "json", "--db", loaded)))
        == 1
    )


def test_statements_json_and_filters(loaded: str) -> None:
    rows = json.loads(run("statements", "--format", "json", "--db", loaded))
    assert {r["speaker"]["name"] for r in rows} == {"Lee Jae-myung", "Shigeru Ishiba"}
    found = json.loads(
        run(
            "statements",
            "--speaker",
            "lee jae myung",
            "--search",
            "FUTURE-ORIENTED",
            "--format",
            "json",
            "--db",
            loaded,
        )
    )
    assert len(found) == 1 and "future-oriented manner" in found[0]["text"]
    assert found[0]["article"]["published"] == "2025-06-18"


def test_table_and_csv_output(loaded: str) -> None:
    table = run("timeline", "--pair", "KR", "JP", "--db", loaded)
    assert table.splitlines()[0].split() == ["date", "type", "participants", "location", "summary", "sources"]
    markdown = run("timeline", "--pair", "KR", "JP", "--format", "markdown", "--db", loaded).splitlines()
    assert markdown[:2] == [
        "| date | type | participants | location | summary | sources |",
        "|---|---|---|---|---|---|",
    ]
    assert markdown[2].startswith("| 2025-06-18 | meeting | Lee Jae-myung; Shigeru Ishiba |")
    csv_out = run("timeline", "--pair", "KR", "JP", "--format", "csv", "--db", loaded)
    assert csv_out.splitlines()[0] == "date,type,participants,location,summary,sources"
    assert csv_out.splitlines()[1].startswith("2025-06-18,meeting,Lee Jae-myung; Shigeru Ishiba,")


def test_load_failures_name_the_file_and_the_others_still_load(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.txt").write_text(" date 2025-13-45 Headline\nBody text.")
    (tmp_path / "good.txt").write_text(SEED.read_text())
    result = runner.invoke(app, ["load", str(tmp_path), "--db", db_url])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"failed: {tmp_path / 'bad.txt'}: impossible date '2025-13-45' in the date line"
    assert lines[1] == f"failed: {tmp_path / 'empty.txt'}: empty file"
    assert lines[2].startswith("articles: 1 new, 0 replaced, 0 already loaded, 2 failed;")


def test_extract_shows_without_storing(tmp_path: Path) -> None:
    rows = json.loads(run("extract", str(SEED), "--format", "json"))
    assert [(r["what"], r["type"]) for r in rows][:1] == [("event", "meeting")]
    assert not list(tmp_path.iterdir())


def test_stdin(db_url: str) -> None:
    result = runner.invoke(app, ["load", "-", "--db", db_url], input=SEED.read_text())
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("articles: 1 new")


def test_stdin_over_the_size_limit_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "load", "-", "--db", str(tmp_path / "t.db")],
        input=SEED.read_bytes() + b"x" * (20 * 2**20),
        capture_output=True,
    )
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "failed: <stdin>: input is over the 20 MB limit",
        "articles: 0 new, 0 replaced, 0 already loaded, 1 failed; events: 0 new, 0 merged into existing; statements: 0",
    ]


@pytest.mark.parametrize(
    ("command", "absent"),
    [
        (["--help"], ("sqlalchemy", "alembic", "dateparser")),
        (["timeline", "--pair", "KR", "JP", "--limit", "2"], ("sqlalchemy.orm", "alembic", "dateparser")),
        (["statements", "--limit", "2"], ("sqlalchemy.orm", "alembic", "dateparser")),
    ],
)
def test_commands_import_only_what_they_use(loaded: str, command: list[str], absent: tuple[str, ...]) -> None:
    """Start-up time: help imports no database or date library; the read commands run on Core
    tables and never import the ORM, Alembic or dateparser."""
    args = [*command, "--db", loaded] if command != ["--help"] else command
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['tracker', *{args!r}]\n"
        "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in {absent!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
