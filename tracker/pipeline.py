"""The one function that knows the order: read -> parse -> extract -> resolve -> save.

Each article is saved in its own transaction with all it yields: a failure rolls back that
article alone, and the other inputs still load. The duplicate check comes before extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from tracker.errors import InputError, TrackerError
from tracker.ingest.formats import decode, parse_articles
from tracker.ingest.sources import Input, expand_inputs
from tracker.model import Article


@dataclass
class LoadReport:
    articles_new: int = 0
    articles_duplicate: int = 0
    articles_replaced: int = 0
    events_new: int = 0
    events_merged: int = 0
    statements: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

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


def read_articles(specs: list[str], fmt: str = "auto") -> Iterator[tuple[str, Article | InputError]]:
    """(input name, article or the error that input gave), streaming."""
    for item in expand_inputs(specs):
        if isinstance(item, InputError):
            yield str(item).split(":", 1)[0], item
            continue
        yield from _read_one(item, fmt)


def _read_one(item: Input, fmt: str) -> Iterator[tuple[str, Article | InputError]]:
    try:
        text = decode(item.read())
        articles = list(parse_articles(text, item.name, fmt, item.suffix))
    except InputError as exc:
        yield item.name, exc
        return
    except RecursionError:
        yield item.name, InputError("input nested too deeply")
        return
    except Exception as exc:  # a parser library failing on odd input costs this input only
        yield item.name, InputError(f"could not read it ({type(exc).__name__}: {exc})")
        return
    for article in articles:
        yield item.name, article


def load(db_url: str, specs: list[str], fmt: str = "auto", progress: Callable[[str], None] | None = None) -> LoadReport:
    from tracker.extract import extract_article
    from tracker.store.database import opened
    from tracker.store.write import ParticipantCache, find_article_by_hash, save_extraction

    report = LoadReport()
    cache = ParticipantCache()
    with opened(db_url) as database, database.engine.connect() as conn:
        for name, item in read_articles(specs, fmt):
            if progress:
                progress(name)
            if isinstance(item, InputError):
                report.failures.append((name, str(item).removeprefix(f"{name}: ")))
                continue
            try:
                # the duplicate check comes before any extraction: reloading a corpus is cheap
                with conn.begin():
                    seen = find_article_by_hash(conn, item.content_hash) is not None
                if seen:
                    report.articles_duplicate += 1
                    continue
                extraction = extract_article(item)
                with conn.begin():
                    result = save_extraction(conn, extraction, cache)
            except TrackerError as exc:
                report.failures.append((name, str(exc)))
                cache.clear()
                continue
            except Exception as exc:  # one bad article must not stop a backfill; its transaction rolled back
                report.failures.append((name, f"{type(exc).__name__}: {exc}"))
                cache.clear()
                continue
            if result.status == "duplicate":
                report.articles_duplicate += 1
                continue
            if result.status == "replaced":
                report.articles_replaced += 1
            else:
                report.articles_new += 1
            report.events_new += result.events_new
            report.events_merged += result.events_merged
            report.statements += result.statements
    return report
