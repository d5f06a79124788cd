"""Extraction in forked processes for `tracker load --workers N`, fed by the writer's own thread.

`multiprocessing.Pool` hands tasks out and takes results in through helper threads of the
writer's process, which compete with the writer for the GIL and the cores. Here the writer sends
each worker a chunk of articles over the worker's own pipe, and collects the results itself
(`multiprocessing.connection.wait`) whenever it is not saving: no helper thread, no task queue.
A worker gets its next chunk only once it has returned the last one, so neither side can block
the other on a full pipe, whatever the size of the articles.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar, cast

from tracker.errors import TrackerError

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 32  # articles per message: ~70 ms of work, long enough to cover the writer's saves
AHEAD = 2  # batches read in and handed out before the oldest is given to the writer
WORKER_NICENESS = 5  # added to a worker's niceness: the writer goes first when both want a core


def _serve(conn: Connection, work: Callable[[Item], Result], inherited: list[Connection]) -> None:
    """A worker: chunks in, their results out, until told to stop (None) or the writer is gone."""
    for other in inherited:  # the writer's ends of this pipe and of the earlier workers' pipes:
        other.close()  # held here, they would keep those pipes open after the writer closes them
    # The writer feeds the workers between its saves: when it and they want the cores at once, it
    # goes first, so that they do not wait for their next chunk (a 3,000-article load with two
    # workers: 3.03-3.41 s at equal priority, 2.97-3.14 s so; 4 runs each).
    with contextlib.suppress(OSError):  # not allowed here: equal priority
        os.nice(WORKER_NICENESS)
    try:
        while (items := conn.recv()) is not None:
            conn.send([work(item) for item in items])
    except (EOFError, OSError, KeyboardInterrupt):  # the writer is gone or stopped the run
        pass


def _died() -> TrackerError:
    return TrackerError("an extraction process ended unexpectedly; the batches saved before it are kept")


class _Workers(Generic[Item, Result]):
    def __init__(self, work: Callable[[Item], Result], count: int) -> None:
        context = multiprocessing.get_context("fork")  # the workers inherit the built lexicon
        self.conns: list[Connection] = []
        self.processes = []
        for _ in range(count):
            here, there = context.Pipe()
            process = context.Process(target=_serve, args=(there, work, [*self.conns, here]), daemon=True)
            process.start()
            there.close()
            self.conns.append(here)
            self.processes.append(process)
        self.queued: deque[tuple[int, list[Item]]] = deque()
        self.working: dict[Connection, int] = {}  # worker -> the chunk it has
        self.done: dict[int, list[Result]] = {}
        self.next_chunk = 0

    def submit(self, items: list[Item]) -> list[int]:
        ids = []
        for start in range(0, len(items), CHUNK):
            self.queued.append((self.next_chunk, items[start : start + CHUNK]))
            ids.append(self.next_chunk)
            self.next_chunk += 1
        self._feed()
        return ids

    def _feed(self) -> None:
        for conn in self.conns:
            if conn not in self.working and self.queued:
                chunk, items = self.queued.popleft()
                try:
                    conn.send(items)
                except OSError:
                    raise _died() from None
                self.working[conn] = chunk

    def collect(self, block: bool) -> None:
        """Take in the results that are ready (with `block`, wait for at least one) and hand out
        the next chunks."""
        if not self.working:
            return
        for ready in wait(list(self.working), timeout=None if block else 0):
            conn = cast(Connection, ready)
            try:
                results: list[Result] = conn.recv()
            except (EOFError, OSError):
                raise _died() from None
            self.done[self.working.pop(conn)] = results
        self._feed()

    def results(self, ids: list[int]) -> list[Result]:
        while any(chunk not in self.done for chunk in ids):
            self.collect(block=True)
        return [result for chunk in ids for result in self.done.pop(chunk)]

    def close(self) -> None:
        """Stop the workers: idle ones are told to; one still sending a result nobody will read
        (the run failed) sees its pipe closed and exits."""
        for conn in self.conns:
            if conn not in self.working:
                with contextlib.suppress(OSError):  # a worker that is gone already
                    conn.send(None)
            conn.close()
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()


def map_batches(
    work: Callable[[Item], Result], batches: Iterable[list[Item]], processes: int
) -> Generator[list[Result], None, None]:
    """`work` applied to every item of every batch in `processes` forked processes; the results of
    each batch in its order, batch after batch. Up to `AHEAD` more batches are read in and handed
    out before the oldest is yielded. Each worker holds one chunk at a time and gets the next when
    the caller next asks for results: a chunk is ~70 ms of extraction, about what saving a batch
    takes, so the workers idle little while the caller saves."""
    if processes < 1:
        raise ValueError("map_batches needs at least one process")
    workers: _Workers[Item, Result] = _Workers(work, processes)
    try:
        in_flight: deque[list[int]] = deque()
        for batch in batches:
            in_flight.append(workers.submit(batch))
            workers.collect(block=False)
            if len(in_flight) > AHEAD:
                yield workers.results(in_flight.popleft())
        while in_flight:
            yield workers.results(in_flight.popleft())
    finally:
        workers.close()
