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
