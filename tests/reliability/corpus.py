"""Corpora for reliability tests: the benchmark generator's deterministic articles."""

from __future__ import annotations

import sys
from pathlib import Path

from locations import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from generate import articles


def write_corpus(folder: Path, count: int, seed: int = 7, first: int = 0) -> list[Path]:
    """`count` articles into `folder`; `first` skips that many, so corpora can overlap."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (name, text) in enumerate(articles(first + count, seed)):
        if i < first:
            continue
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def stored_and_orphans(db_url: str) -> tuple[int, int]:
    """(articles stored, events without a source): an interrupted save must leave no orphan."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id)"
            )
        ).scalar_one()
    engine.dispose()
    return stored, orphans
