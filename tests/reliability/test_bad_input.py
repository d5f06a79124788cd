"""Bad input: one clear line naming the file and the reason, a non-zero exit, nothing partial
stored, and the other files still load (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from tracker.cli import app

runner = CliRunner()
GOOD = """ date 2023-03-17 Yoon and Kishida meet in Tokyo
TOKYO -- South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida held talks in Tokyo on Thursday.
Kishida said the two countries would resume shuttle diplomacy.
"""


def bad_files(folder: Path) -> dict[str, str]:
    """file name -> the reason its one line must give."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \n\t\n  ")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "broken-utf8.txt").write_bytes(b" date 2023-03-17 Title\n\x81\x8d\x8f\x90\x9d body")
    (folder / "no-date.txt").write_text("Yoon and Kishida meet\nThey met.")
    (folder / "impossible-date.txt").write_text(" date 2025-13-45 Headline\nBody.")
    (folder / "future.txt").write_text(" date 2999-01-01 Headline\nBody.")
    (folder / "ancient.txt").write_text(" date 1850-01-01 Headline\nBody.")
    (folder / "bad.json").write_text('[{"title": "A", "date": "2025-01-01", "body": ')
    (folder / "types.json").write_text('[{"title": ["A"], "date": "2025-01-01", "body": "x"}]')
    (folder / "feed.xml").write_text("<rss><channel><item><title>x</ti")
    (folder / "huge.txt").write_bytes(b" date 2023-03-17 Big\n" + b"x" * (50 * 1024 * 1024))
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    return {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "image.txt": "binary file, not text",
        "broken-utf8.txt": "invalid UTF-8 text",
        "no-date.txt": "no date line",
        "impossible-date.txt": "impossible date '2025-13-45'",
        "future.txt": "publication date 2999-01-01 is in the future",
        "ancient.txt": "publication date 1850-01-01 is before 1900",
        "bad.json": "malformed JSON",
        "types.json[0]": "field 'title' must be text, not list",  # a record fails alone
        "feed.xml": "broken feed",
        "huge.txt": "file is 52 MB, over the 20 MB limit",
        "dangling.txt": "No such file or directory",
    }


def table_counts(db_url: str) -> tuple[int, int, int]:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        found = tuple(
            conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in ("articles", "events", "statements")
        )
    engine.dispose()
    return found  # type: ignore[return-value]


def test_every_bad_file_is_one_line_and_the_good_ones_load(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    reasons = bad_files(folder)
    (folder / "latin1.txt").write_bytes(GOOD.replace("Tokyo on", "Tokyo caf\xe9 on").encode("latin-1"))
    (folder / "utf16.txt").write_bytes(GOOD.replace("2023-03-17", "2023-03-18").encode("utf-16"))
    (folder / "good.txt").write_text(GOOD.replace("2023-03-17", "2023-03-19"))
    result = runner.invoke(app, ["load", str(folder), "--db", db_url])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    failures = {line.split(": ", 2)[1].rsplit("/", 1)[-1]: line.split(": ", 2)[2] for line in lines[:-1]}
    assert set(failures) == set(reasons)
    for name, reason in reasons.items():
        assert reason in failures[name], (name, failures[name])
    assert lines[-1].startswith("articles: 3 new, 0 replaced, 0 already loaded, 13 failed")
    assert table_counts(db_url)[0] == 3
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    result = runner.invoke(app, ["load", str(path), "--db", db_url])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"failed: {path}: permission denied"


def test_one_paragraph_of_200000_characters_loads(db_url: str, tmp_path: Path) -> None:
    """No quadratic blow-up: a paragraph with no sentence end, names and speech verbs throughout."""
    chunk = "Lee Jae-myung said that Shigeru Ishiba told reporters the talks in Tokyo on Monday went well and "
    paragraph = (chunk * (200_000 // len(chunk) + 1))[:200_000]
    path = tmp_path / "long.txt"
    path.write_text(f" date 2025-08-26 A very long paragraph\n{paragraph}\n")
    result = runner.invoke(app, ["load", str(path), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert table_counts(db_url)[0] == 1


def test_filters_are_parameters_not_sql(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    runner.invoke(app, ["load", str(tmp_path / "good.txt"), "--db", db_url])
    for args in (
        ["timeline", "--leader", "x'; DROP TABLE events; --"],
        ["statements", "--search", "'); DELETE FROM statements; --"],
        ["timeline", "--country", "KR' OR '1'='1"],
    ):
        result = runner.invoke(app, [*args, "--db", db_url])
        assert "Traceback" not in result.output
    assert table_counts(db_url) == (1, 1, 1)
    rows = json.loads(runner.invoke(app, ["statements", "--search", "%", "--format", "json", "--db", db_url]).stdout)
    assert rows == []  # "%" is text to look for, not a wildcard
