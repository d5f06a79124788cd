"""The one function that knows the order: read -> parse -> extract -> resolve -> save.

Articles are saved a batch per transaction with all they yield; should one fail, the batch is
saved again with a savepoint per article, so that the failure rolls back that article alone and
the other inputs still load. The duplicate check comes before extraction.
"""

from __future__ import annotations

import contextlib
import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.errors import InputError, TrackerError
from tracker.ingest.fetch import FetchPolicy
from tracker.ingest.formats import decode, parse_articles
from tracker.ingest.inputs import Input, SkippedInput, expand_inputs
from tracker.model import Article, ExtractedEvent, ExtractedStatement, Extraction, ParticipantRef

if TYPE_CHECKING:
    from tracker.store.write import SaveResult

# Articles per transaction. One process: 256, where a load of 3,000 articles took 6% less time
# than with 64 (fewer commits, candidate queries and duplicate checks; more made no difference).
# With --workers, 64 per worker: saving such a batch takes about as long as a worker's chunk, so the
# writer hands out the next chunks before the workers run dry.
BATCH = 256
BATCH_PER_WORKER = 64
_LOAD_GC_GEN0 = 50_000  # allocations between young-generation collections during a load

# an extraction without its article: (events, statements, new people)
ExtractedParts = tuple[tuple[ExtractedEvent, ...], tuple[ExtractedStatement, ...], tuple[ParticipantRef, ...]]


@dataclass
class LoadReport:
    articles_new: int = 0
    articles_duplicate: int = 0
    articles_replaced: int = 0
    events_new: int = 0
    events_merged: int = 0
    statements: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why): not failures

    def count(self, result: SaveResult) -> None:
        if result.status == "duplicate":
            self.articles_duplicate += 1
            return
        if result.status == "replaced":
            self.articles_replaced += 1
        else:
            self.articles_new += 1
        self.events_new += result.events_new
        self.events_merged += result.events_merged
        self.statements += result.statements

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return (
            f"articles: {self.articles_new} new, {self.articles_replaced} replaced, "
            f"{self.articles_duplicate} already loaded, {self.failed} failed; "
            f"events: {self.events_new} new, {self.events_merged} merged into existing; "
            f"statements: {self.statements}"
        )


class Interrupted(Exception):
    """The load was stopped (Ctrl-C): `report` counts what was saved before; the batch being saved
    then was rolled back."""

    def __init__(self, report: LoadReport) -> None:
        super().__init__("interrupted")
        self.report = report


def read_articles(
    specs: list[str], fmt: str = "auto", policy: FetchPolicy | None = None
) -> Iterator[tuple[str, Article | InputError]]:
    """(input name, article or the error that input gave), streaming; the articles of a JSON array,
    JSON Lines or a feed each under its own name (`batch.json[3]`), so that each fails alone."""
    for item in expand_inputs(specs, policy):
        if isinstance(item, tuple):
            yield item
            continue
        yield from _read_one(item, fmt)


def _read_one(item: Input, fmt: str) -> Iterator[tuple[str, Article | InputError]]:
    try:
        text = decode(item.read())
        parsed = list(parse_articles(text, item.name, fmt, item.suffix, item.follow))
    except InputError as exc:
        yield item.name, exc
        return
    except RecursionError:
        yield item.name, InputError("input nested too deeply")
        return
    except Exception as exc:  # a parser library failing on odd input costs this input only
        yield item.name, InputError(f"could not read it ({type(exc).__name__}: {exc})")
        return
    yield from parsed


def _load_extraction() -> None:
    """Build the lexicon, then take everything alive so far (modules, compiled patterns, the
    lexicon: all of it lives as long as the run) out of the garbage collector's full scans, which
    would walk it again and again (and in forked workers write to every page of it)."""
    from tracker.extract.lexicon import load_lexicon

    load_lexicon()
    gc.collect()  # no garbage left to freeze
    gc.freeze()
    # A load makes and drops millions of small objects (an article's sentences, matches, mentions),
    # almost none in reference cycles: at the default threshold (700 allocations) the collector ran
    # 250 times per 1,000 articles, 3% of a load. Every 50,000 it runs about ten times per 10,000, and
    # the memory it lets wait is a few megabytes.
    gc.set_threshold(_LOAD_GC_GEN0, *gc.get_threshold()[1:])


def _extract(item: tuple[str, Article]) -> tuple[str, Extraction | str]:
    """Extraction in a worker process: its result, or the reason it failed (never an exception)."""
    from tracker.extract import extract_article

    name, article = item
    try:
        return name, extract_article(article)
    except Exception as exc:  # reported as this article's failure
        return name, f"extraction failed ({type(exc).__name__}: {exc})"


def _extract_parts(item: tuple[str, Article]) -> tuple[str, ExtractedParts | str]:
    """`_extract` in a worker process: what it found, without the article, which the writer holds
    already (sent back, it would cost pickling and unpickling again)."""
    name, result = _extract(item)
    if isinstance(result, str):
        return name, result
    return name, (result.events, result.statements, result.new_people)


def _batches(
    items: Iterator[tuple[str, Article | InputError]], size: int
) -> Iterator[list[tuple[str, Article | InputError]]]:
    batch: list[tuple[str, Article | InputError]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load(
    db_url: str,
    specs: list[str],
    fmt: str = "auto",
    progress: Callable[[str], None] | None = None,
    workers: int = 1,
    policy: FetchPolicy | None = None,
) -> LoadReport:
    """Load inputs into the database. With workers > 1, extraction runs in that many processes while
    this one alone reads and writes (a batch is saved while the workers extract the next two).
    `policy` bounds what URLs are fetched (deadline, private addresses)."""
    from sqlalchemy.exc import DBAPIError

    from tracker.store.database import database_error_line, opened, refuses_every_write
    from tracker.store.participant_cache import ParticipantCache
    from tracker.store.write import lock_writers, save_batch, save_extraction, stored_hashes

    report = LoadReport()
    cache = ParticipantCache()

    def save_all(items: Iterable[tuple[str, Extraction | str]]) -> None:
        """The batch in one transaction (one commit, and on PostgreSQL one writer lock). Should an
        article fail, the batch is rolled back and saved again with a savepoint per article, so
        that the failure costs that article alone."""
        batch = list(items)
        try:
            with conn.begin():
                lock_writers(conn)
                results = save_batch(conn, [e for _, e in batch if not isinstance(e, str)], cache)
        except Exception:
            cache.clear()
            save_each(batch)
            return
        for result in results:
            report.count(result)
        report.failures.extend((name, e) for name, e in batch if isinstance(e, str))

    def save_each(batch: list[tuple[str, Extraction | str]]) -> None:
        saved: list[SaveResult] = []  # counted once committed
        with conn.begin():
            lock_writers(conn)
            for name, extraction in batch:
                if isinstance(extraction, str):
                    report.failures.append((name, extraction))
                    continue
                savepoint = conn.begin_nested()
                try:
                    result = save_extraction(conn, extraction, cache, locked=True)
                except Exception as exc:  # one bad article must not stop a backfill
                    savepoint.rollback()
                    if refuses_every_write(exc):  # a full disk or a role without rights: every article would fail
                        raise
                    reason = str(exc) if isinstance(exc, TrackerError) else database_error_line(exc)
                    report.failures.append((name, reason))
                    cache.clear()
                    continue
                savepoint.commit()
                saved.append(result)
        for result in saved:
            report.count(result)

    def new_articles(batch: list[tuple[str, Article | InputError]]) -> list[tuple[str, Article]]:
        """The batch's articles not yet stored: the duplicate check comes before any extraction."""
        articles = []
        for name, item in batch:
            if progress:
                progress(name)
            if isinstance(item, SkippedInput):
                report.skipped.append((name, str(item)))
            elif isinstance(item, InputError):
                report.failures.append((name, str(item).removeprefix(f"{name}: ")))
            else:
                articles.append((name, item))
        with conn.begin():  # one query for the whole batch
            stored = stored_hashes(conn, [article.content_hash for _, article in articles])
        fresh = [(name, article) for name, article in articles if article.content_hash not in stored]
        report.articles_duplicate += len(articles) - len(fresh)
        return fresh

    threshold = gc.get_threshold()  # restored when the load ends
    try:
        with opened(db_url) as database, database.engine.connect() as conn:
            try:
                if workers <= 1:
                    # extraction (its modules and lexicon, ~0.2 s) is loaded by the first new article:
                    # a load of articles that are all stored already never pays for it
                    ready = False
                    for batch in _batches(read_articles(specs, fmt, policy), BATCH):
                        fresh = new_articles(batch)
                        if fresh and not ready:
                            _load_extraction()
                            ready = True
                        save_all([_extract(item) for item in fresh])
                    return report
                from tracker.parallel import map_batches

                _load_extraction()  # once, inherited by the forked workers
                handed_out: deque[list[tuple[str, Article]]] = deque()  # batches whose results are due, in order

                def batches() -> Iterator[list[tuple[str, Article]]]:
                    for batch in _batches(read_articles(specs, fmt, policy), BATCH_PER_WORKER * workers):
                        handed_out.append(new_articles(batch))
                        yield handed_out[-1]

                with contextlib.closing(map_batches(_extract_parts, batches(), workers)) as extracted:
                    for results in extracted:  # closed on any error: the workers stop at once
                        articles = handed_out.popleft()
                        save_all(
                            (name, found if isinstance(found, str) else Extraction(article, *found))
                            for (name, article), (_, found) in zip(articles, results, strict=True)
                        )
            finally:
                gc.unfreeze()  # what was frozen for this run can be collected again
                gc.set_threshold(*threshold)
    except KeyboardInterrupt:  # Ctrl-C: the open transaction was rolled back on the way out
        raise Interrupted(report) from None
    except DBAPIError as exc:  # the database refused the batch as a whole; the ones before it are stored
        raise TrackerError(
            f"the database refused: {database_error_line(exc)}; saved before that: {report.summary()}"
        ) from None
    return report
