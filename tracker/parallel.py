"""Extraction in forked processes for `tracker load --workers N`, fed by the writer's own thread.

`multiprocessing.Pool` hands tasks out and takes results in through helper threads of the
writer's process, which compete with the writer for the GIL and the cores. Here the writer sends
each worker chunks of articles over the worker's own pipe, and collects the results itself
(`multiprocessing.connection.wait`) whenever it is not saving: no helper thread in the writer, no
task queue. Each worker holds up to `HELD` chunks, so that it has the next one at hand while the
writer is busy saving; a thread in the worker takes them off the pipe as they come, so the
writer's sends never wait on a worker that is itself waiting to send a result.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable
from multiprocessing.connection import Connection, wait
from queue import SimpleQueue
from typing import Generic, TypeVar, cast

from tracker.errors import TrackerError

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 32  # articles per message: ~40-130 ms of work, depending on the machine
HELD = 2  # chunks a worker holds at once: the one it works on and the next
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
    inbox: SimpleQueue[list[Item] | None] = SimpleQueue()
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    try:
        while (items := inbox.get()) is not None:
            conn.send([work(item) for item in items])
    except (OSError, KeyboardInterrupt):  # the writer is gone or stopped the run
        pass


def _receive(conn: Connection, inbox: SimpleQueue[list[Item] | None]) -> None:
    """A worker's reader thread: chunks off the pipe as soon as they come; None once the writer
    says stop or is gone."""
    try:
        while (items := conn.recv()) is not None:
            inbox.put(items)
    except (EOFError, OSError):
        pass
    inbox.put(None)


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
        self.working: dict[Connection, deque[int]] = {conn: deque() for conn in self.conns}  # chunks held, in order
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
        for _ in range(HELD):  # one chunk per worker in each round: the work spreads evenly
            for conn in self.conns:
                if len(self.working[conn]) < HELD and self.queued:
                    chunk, items = self.queued.popleft()
                    try:
                        conn.send(items)
                    except OSError:
                        raise _died() from None
                    self.working[conn].append(chunk)

    def collect(self, block: bool) -> None:
        """Take in the results that are ready (with `block`, wait for at least one) and hand out
        the next chunks."""
        busy = [conn for conn, held in self.working.items() if held]
        if not busy:
            return
        for ready in wait(busy, timeout=None if block else 0):
            conn = cast(Connection, ready)
            try:
                results: list[Result] = conn.recv()
            except (EOFError, OSError):
                raise _died() from None
            self.done[self.working[conn].popleft()] = results
        self._feed()

    def results(self, ids: list[int]) -> list[Result]:
        while any(chunk not in self.done for chunk in ids):
            self.collect(block=True)
        return [result for chunk in ids for result in self.done.pop(chunk)]

    def close(self) -> None:
        """Stop the workers: each is told to (its reader thread takes the message whatever the
        worker is doing); one still sending a result nobody will read (the run failed) sees its
        pipe closed and exits."""
        for conn in self.conns:
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
