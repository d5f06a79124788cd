from __future__ import annotations

import datetime as dt

from tracker.extract import extract_article
from tracker.model import Article, Extraction


def extract(body: str, published: str = "2024-03-14", title: str = "Test article") -> Extraction:
    return extract_article(Article(title=title, published=dt.date.fromisoformat(published), body=body))


def events_of(x: Extraction) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    return [
        (e.type, e.date.date.isoformat(), e.date.precision, tuple(sorted(e.persons)), tuple(sorted(e.countries)))
        for e in x.events
    ]


def statements_of(x: Extraction) -> list[tuple[str, str]]:
    return [(s.speaker.name, s.kind) for s in x.statements]
