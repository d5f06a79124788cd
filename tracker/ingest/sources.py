"""Where articles come from: files, folders (recursive), globs, `-` for stdin, and http(s) URLs.
Each input is read lazily, so that a backfill streams instead of growing in memory."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # larger inputs are refused: no news article is 20 MB
ARTICLE_SUFFIXES = {".txt", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".xml", ".rss", ".atom", ""}


@dataclass(frozen=True)
class Input:
    name: str  # what messages call it: the path or URL
    read: Callable[[], bytes]
    suffix: str = ""


def _read_file(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise InputError(f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
            with path.open("rb") as handle:
                return handle.read(MAX_BYTES + 1)
        except PermissionError:
            raise InputError("permission denied") from None
        except IsADirectoryError:
            raise InputError("is a directory") from None
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None

    return read


def _walk(folder: Path) -> Iterator[Path]:
    """Files below `folder`, sorted, following no symlinked folders (a symlink loop cannot trap us)."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower() == "readme.md":
                continue
            path = Path(root) / name
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                yield path


def expand_inputs(specs: list[str]) -> Iterator[Input | InputError]:
    """Inputs in order; an argument that names nothing yields an InputError naming it."""
    for spec in specs:
        if spec == "-":
            yield Input("<stdin>", lambda: sys.stdin.buffer.read(MAX_BYTES + 1))
        elif spec.startswith(("http://", "https://")):
            from tracker.ingest.web import fetch_url

            yield Input(spec, lambda url=spec: fetch_url(url), Path(spec.split("?")[0]).suffix.lower())  # type: ignore[misc]
        elif Path(spec).is_dir():
            for path in _walk(Path(spec)):
                yield Input(str(path), _read_file(path), path.suffix.lower())
        elif Path(spec).exists() or Path(spec).is_symlink():
            path = Path(spec)
            yield Input(str(path), _read_file(path), path.suffix.lower())
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputError(f"{spec}: no file matches")
            for match in matches:
                path = Path(match)
                if path.is_dir():
                    for inner in _walk(path):
                        yield Input(str(inner), _read_file(inner), inner.suffix.lower())
                else:
                    yield Input(str(path), _read_file(path), path.suffix.lower())
        else:
            yield InputError(f"{spec}: no such file or folder")
