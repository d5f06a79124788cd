"""Nothing lost, nothing duplicated: a load killed with SIGKILL and resumed, two loaders at once,
and queries answering during a load — on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from corpus import write_corpus

TABLES = ("articles", "events", "event_participants", "event_sources", "statements", "participants", "aliases")


def load(db: str, *paths: Path, wait: bool = True) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "load", *map(str, paths), "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if wait:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
    return process


def counts(db: str) -> dict[str, int]:
    engine = create_engine(db)
    with engine.connect() as conn:
        found = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    engine.dispose()
    return found


def healthy(db: str) -> None:
    engine = create_engine(db)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        # no half-loaded article: every article that has any statement also has its events' sources
        assert (
            conn.execute(
                text(
                    "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.article_id = a.id)"
                    " AND EXISTS (SELECT 1 FROM statements s WHERE s.article_id = a.id)"
                )
            ).scalar_one()
            == 0
        )
        # no duplicate article or alias
        assert conn.execute(text("SELECT count(*) - count(DISTINCT content_hash) FROM articles")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) - count(DISTINCT normalized) FROM aliases")).scalar_one() == 0
    engine.dispose()


def articles_in(db: str) -> int:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except Exception:
        return 0
    finally:
        engine.dispose()


def test_kill_9_then_resume_gives_the_counts_of_an_uninterrupted_run(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2000)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    load(reference, corpus)
    process = load(db_url, corpus, wait=False)
    deadline = time.monotonic() + 300
    while articles_in(db_url) < 500 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the load finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = articles_in(db_url)
    assert 0 < killed_at < 2000
    healthy(db_url)
    load(db_url, corpus)
    healthy(db_url)
    assert counts(db_url) == counts(reference)


def test_two_loaders_on_overlapping_corpora_at_once(db_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_corpus(first, 150)
    write_corpus(second, 150, first=75)  # articles 75-224: half of them also in the first corpus
    a = load(db_url, first, wait=False)
    b = load(db_url, second, wait=False)
    for process in (a, b):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
    healthy(db_url)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    load(reference, first, second)
    assert counts(db_url)["articles"] == 225
    assert counts(db_url) == counts(reference)


def test_queries_answer_while_a_load_runs(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 200)
    process = load(db_url, corpus, wait=False)
    deadline = time.monotonic() + 120
    while articles_in(db_url) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    for args in (["timeline", "--pair", "KR", "JP", "--limit", "5"], ["sql", "SELECT count(*) FROM v_timeline"]):
        done = subprocess.run(
            [sys.executable, "-m", "tracker", *args, "--db", db_url], capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr.decode()
    assert process.poll() is None or process.returncode == 0
    process.communicate(timeout=600)
    assert process.returncode == 0


def test_read_commands_never_wait_for_the_sqlite_write_lock(tmp_path: Path) -> None:
    """A loader holds SQLite's write lock for a whole batch; the commands that only read must answer
    meanwhile (WAL serves them the last committed state) instead of queueing behind it."""
    import sqlite3

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    path = tmp_path / "t.db"
    load(str(path), corpus)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # what a loader holds while it saves a batch
    writer.execute("DELETE FROM statements")  # uncommitted: readers must not see it
    try:
        for args in (
            ["timeline", "--pair", "KR", "JP", "--format", "json"],
            ["statements", "--format", "json"],
            ["participants", "list", "--limit", "1"],
            ["articles", "list"],
            ["report", "pair-activity", "--pair", "JP", "KR", "--format", "json"],
        ):
            done = subprocess.run(
                [sys.executable, "-m", "tracker", *args, "--db", str(path)],
                capture_output=True,
                timeout=300,  # blocked, a command would give up after the 60 s busy timeout
            )
            assert done.returncode == 0, (args, done.stderr.decode())
            assert done.stdout.strip() not in (b"", b"[]"), args
    finally:
        writer.execute("ROLLBACK")
        writer.close()
