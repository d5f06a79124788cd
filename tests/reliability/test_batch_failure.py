"""A batch is saved in one transaction; when one article's save fails, the batch is saved again
article by article, so the failure costs that article alone — on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tracker import pipeline
from tracker.errors import TrackerError
from tracker.store import write

from corpus import stored_and_orphans, write_corpus


@pytest.mark.parametrize("workers", [1, 2])
def test_one_failing_save_costs_that_article_alone(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    paths = write_corpus(tmp_path / "corpus", 10)
    bad = paths[3]
    bad_title = bad.read_text(encoding="utf-8").split("\n", 1)[0].split(" ", 3)[3]
    real_save = write.save_batch
    thresholds: list[int] = []
    before = gc.get_threshold()

    def failing_save(conn, batch, *args, **kwargs):  # type: ignore[no-untyped-def]
        thresholds.append(gc.get_threshold()[0])
        results = real_save(conn, batch, *args, **kwargs)  # the rows are written, then the save fails
        if any(extraction.article.title == bad_title for extraction in batch):
            raise TrackerError("disk full (simulated)")
        return results

    monkeypatch.setattr(write, "save_batch", failing_save)
    report = pipeline.load(db_url, [str(tmp_path / "corpus")], workers=workers)

    assert report.failures == [(str(bad), "disk full (simulated)")]
    assert (report.articles_new, report.articles_duplicate) == (9, 0)
    # the collector runs less often while the load runs (see pipeline._load_extraction), and as
    # before once it is over, whatever happened
    assert thresholds and set(thresholds) == {pipeline._LOAD_GC_GEN0}
    assert gc.get_threshold() == before
    engine = create_engine(db_url)
    with engine.connect() as conn:
        titles = set(conn.execute(text("SELECT title FROM articles")).scalars())
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id)"
            )
        ).scalar_one()
        statements = conn.execute(text("SELECT count(*) FROM statements")).scalar_one()
    engine.dispose()
    assert len(titles) == 9 and bad_title not in titles
    assert orphans == 0  # nothing of the failed article's rows was kept
    assert statements == report.statements

    # loading again adds exactly the article that failed
    monkeypatch.setattr(write, "save_batch", real_save)
    again = pipeline.load(db_url, [str(tmp_path / "corpus")])
    assert (again.articles_new, again.articles_duplicate, again.failed) == (1, 9, 0)


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_keeps_the_saved_batches_and_says_so(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    from typer.testing import CliRunner

    from tracker.cli import app

    write_corpus(tmp_path / "corpus", 300)
    real_save = write.save_batch
    calls = []
    before = gc.get_threshold()

    def interrupted_save(conn, batch, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(batch))
        results = real_save(conn, batch, *args, **kwargs)  # the rows are written, then Ctrl-C
        if len(calls) == 2:
            raise KeyboardInterrupt
        return results

    monkeypatch.setattr(write, "save_batch", interrupted_save)
    result = CliRunner().invoke(app, ["load", str(tmp_path / "corpus"), "--db", db_url, "--workers", str(workers)])

    first = calls[0]  # a batch: 256 articles in one process, 64 per worker with --workers
    assert first == (pipeline.BATCH if workers == 1 else pipeline.BATCH_PER_WORKER * workers) == 256 // workers
    assert result.exit_code == 130
    assert gc.get_threshold() == before  # as it was before the load, though Ctrl-C stopped it
    assert result.stderr.splitlines()[0].startswith(f"interrupted; saved before the stop: articles: {first} new, ")
    assert result.stderr.splitlines()[1] == "loading the same inputs again skips what is stored and loads the rest"
    stored, orphans = stored_and_orphans(db_url)
    assert (stored, orphans) == (first, 0)  # the batch being saved when Ctrl-C came was rolled back

    monkeypatch.setattr(write, "save_batch", real_save)
    again = pipeline.load(db_url, [str(tmp_path / "corpus")])
    assert (again.articles_new, again.articles_duplicate, again.failed) == (300 - first, first, 0)
