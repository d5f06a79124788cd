"""Extraction in forked processes for `tracker load --workers N`, fed by the writer's own thread.

`multiprocessing.Pool` hands tasks out and takes results in through helper threads of the
writer's process, which compete with the writer for the GIL and the cores. Here the writer sends
each worker chunks of articles over the worker's own pipe, and collects the results itself
(`multiprocessing.connection.wait`) whenever it is not saving: no helper thread, no task queue.
A worker holds two chunks, so that the next one is there when it finishes the last while the
writer is busy saving; a thread of the worker takes chunks off the pipe as soon as they come, so
that neither side can block the other on a full pipe, whatever the size of the articles.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar, cast

from tracker.errors import TrackerError

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 32  # articles per message: ~35 ms of work
HELD = 2  # chunks a worker holds: one it works on, the next waiting for it
AHEAD = 2  # batches read in and handed out before the oldest is given to the writer


def _serve(conn: Connection, work: Callable[[Item], Result], inherited: list[Connection]) -> None:
    """A worker: chunks in, their results out, until told to stop (None) or the writer is gone."""
    for other in inherited:  # the writer's ends of this pipe and of the earlier workers' pipes:
        other.close()  # held here, they would keep those pipes open after the writer closes them
    inbox: queue.SimpleQueue[list[Any] | None] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    try:
        while (items := inbox.get()) is not None:
            conn.send([work(item) for item in items])
    except (OSError, KeyboardInterrupt):  # the writer is gone or stopped the run
        pass


def _receive(conn: Connection, inbox: queue.SimpleQueue[list[Any] | None]) -> None:
    """A worker's reader: chunks off the pipe as soon as they come (at most HELD wait here)."""
    try:
        while (items := conn.recv()) is not None:
            inbox.put(items)
    except (EOFError, OSError):  # the writer is gone: the worker stops after its chunk
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
        self.working: dict[Connection, deque[int]] = {conn: deque() for conn in self.conns}  # chunks held
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
        for _ in range(HELD):  # one chunk to each worker in turn
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
        busy = [conn for conn in self.conns if self.working[conn]]
        if not busy:
            return
        for ready in wait(busy, timeout=None if block else 0):
            conn = cast(Connection, ready)
            try:
                results: list[Result] = conn.recv()
            except (EOFError, OSError):
                raise _died() from None
            self.done[self.working[conn].popleft()] = results  # a worker returns its chunks in order
        self._feed()

    def results(self, ids: list[int]) -> list[Result]:
        while any(chunk not in self.done for chunk in ids):
            self.collect(block=True)
        return [result for chunk in ids for result in self.done.pop(chunk)]

    def close(self) -> None:
        """Stop the workers: idle ones are told to; one still sending a result nobody will read
        (the run failed) sees its pipe closed and exits."""
        for conn in self.conns:
            if not self.working[conn]:
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
    out before the oldest is yielded. Each worker holds two chunks and gets more when the caller
    next asks for results: the second keeps it busy while the caller saves."""
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
