"""`tracker load --workers N`: extraction in forked processes fed by the writer's thread."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from pathlib import Path

import pytest

from tracker import parallel, pipeline
from tracker.errors import TrackerError

from corpus import stored_and_orphans, write_corpus


def _square(x: int) -> int:
    return x * x


def _pid_of(_: int) -> int:
    return os.getpid()


def test_results_come_batch_by_batch_in_order() -> None:
    batches = [list(range(100)), [], [7], list(range(1000, 1100)), list(range(5))]
    out = list(parallel.map_batches(_square, iter(batches), 3))
    assert out == [[x * x for x in batch] for batch in batches]


def test_the_work_runs_in_that_many_other_processes() -> None:
    pids = {pid for batch in parallel.map_batches(_pid_of, iter([list(range(400))] * 4), 2) for pid in batch}
    assert len(pids) == 2 and os.getpid() not in pids


def _niceness(_: int) -> int:
    return os.nice(0)


def test_the_workers_yield_the_cores_to_the_writer() -> None:
    niceness = {n for batch in parallel.map_batches(_niceness, iter([list(range(10))]), 2) for n in batch}
    assert niceness == {min(19, os.nice(0) + parallel.WORKER_NICENESS)}


def _big(x: int) -> str:
    return str(x) * 100_000  # a chunk's results are far more than a pipe holds


def test_when_the_caller_fails_the_workers_stop_by_themselves(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker still sending results nobody will read sees its pipe closed and exits by itself
    (exit code 0, not killed after the grace period)."""
    started: list[parallel._Workers[int, str]] = []
    real_init = parallel._Workers.__init__

    def init(self, *args):  # type: ignore[no-untyped-def]
        real_init(self, *args)
        started.append(self)

    monkeypatch.setattr(parallel._Workers, "__init__", init)
    with (
        pytest.raises(RuntimeError),
        contextlib.closing(parallel.map_batches(_big, iter([list(range(64))] * 6), 2)) as results,
    ):
        for _ in results:
            raise RuntimeError("saving failed")
    assert [p.exitcode for p in started[0].processes] == [0, 0]


def test_a_worker_is_handed_its_next_chunk_before_it_returns_the_last() -> None:
    """So that it has work at hand while the writer is saving, not only once it is back."""
    workers: parallel._Workers[int, int] = parallel._Workers(_square, 1)
    try:
        ids = workers.submit(list(range(parallel.CHUNK * 3)))
        assert [len(held) for held in workers.working.values()] == [parallel.HELD] and len(workers.queued) == 1
        assert workers.results(ids) == [x * x for x in range(parallel.CHUNK * 3)]
    finally:
        workers.close()


def _doubled(text: str) -> str:
    return text * 2


def _run_big_chunks() -> None:
    items = [str(i % 10) * 200_000 for i in range(parallel.CHUNK * 4)]
    out = [r for batch in parallel.map_batches(_doubled, iter([items, items]), 2) for r in batch]
    os._exit(0 if out == [text * 2 for text in items] * 2 else 1)


def test_big_chunks_both_ways_never_block_the_run() -> None:
    """Chunks and results far larger than a pipe holds, several held at once: the worker's reader
    thread drains its pipe while it sends, so neither side waits on the other forever. (Run in a
    process of its own, so that a run that blocks fails the test instead of hanging it.)"""
    run = multiprocessing.get_context("fork").Process(target=_run_big_chunks)
    run.start()
    run.join(60)
    blocked = run.is_alive()
    if blocked:
        run.kill()
        run.join()
    assert not blocked and run.exitcode == 0


def test_no_process_is_no_run() -> None:
    with pytest.raises(ValueError, match="at least one process"):
        next(parallel.map_batches(_square, iter([[1]]), 0))


def _die_on_13(x: int) -> int:
    if x == 13:
        os._exit(3)  # the process is killed, not an exception
    return x


def test_a_worker_that_dies_stops_the_run_with_one_clear_error() -> None:
    got = []
    with pytest.raises(TrackerError, match="an extraction process ended unexpectedly"):
        for batch in parallel.map_batches(_die_on_13, iter([[1, 2], [3], list(range(10, 20)), [4]]), 2):
            got.append(batch)
    assert got == [[1, 2], [3]][: len(got)]  # the batches before the failure, in order


def test_a_load_whose_worker_dies_keeps_the_batches_saved_before(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = sorted(write_corpus(tmp_path / "corpus", 300))  # read in name order
    doomed = paths[-1].read_text(encoding="utf-8").split("\n", 1)[0].split(" ", 3)[3]
    real_extract = pipeline._extract

    def extract_or_die(item):  # type: ignore[no-untyped-def]
        if item[1].title == doomed:
            os._exit(3)
        return real_extract(item)

    monkeypatch.setattr(pipeline, "_extract", extract_or_die)
    with pytest.raises(TrackerError, match="an extraction process ended unexpectedly"):
        pipeline.load(db_url, [str(tmp_path / "corpus")], workers=2)
    stored, orphans = stored_and_orphans(db_url)
    # whole batches of 128 (how many were saved before the error depends on timing), never the last
    assert stored in (0, 128, 256) and orphans == 0
    monkeypatch.setattr(pipeline, "_extract", real_extract)
    again = pipeline.load(db_url, [str(tmp_path / "corpus")], workers=2)
    assert (again.articles_new, again.articles_duplicate, again.failed) == (300 - stored, stored, 0)
