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


def _read_file(path: str) -> Callable[[], bytes]:
    def read() -> bytes:
        # os.open/os.read, sized by fstat: a buffered read(MAX_BYTES + 1) allocates the whole
        # limit for every file, and with Path objects that was ~0.1 ms per file, half the time
        # of a reload whose articles are all stored already
        try:
            fd = os.open(path, os.O_RDONLY)
            try:
                size = os.fstat(fd).st_size
                if size > MAX_BYTES:
                    raise InputError(f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
                chunks: list[bytes] = []
                total = 0
                while total <= MAX_BYTES:  # a file that grows meanwhile, or reports no size (a pipe)
                    chunk = os.read(fd, max(size + 1, 65536) if not chunks else 1 << 20)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    total += len(chunk)
                if total > MAX_BYTES:  # grew past the limit while read, or a pipe
                    raise InputError(f"input is over the {MAX_BYTES // 2**20} MB limit")
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)
            finally:
                os.close(fd)
        except PermissionError:
            raise InputError("permission denied") from None
        except IsADirectoryError:
            raise InputError("is a directory") from None
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None

    return read


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"input is over the {MAX_BYTES // 2**20} MB limit")
    return data


def _suffix(path: str) -> str:
    """Path(path).suffix, lower-cased, without building a Path."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _walk(folder: Path) -> Iterator[str]:
    """Files below `folder`, sorted, following no symlinked folders (a symlink loop cannot trap us)."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        prefix = str(Path(root))  # the spelling Path gives ("./a/" -> "a", "./" -> "."), once per folder
        for name in sorted(files):
            if name.startswith(".") or name.lower() == "readme.md":
                continue
            if _suffix(name) in ARTICLE_SUFFIXES:
                yield name if prefix == "." else os.path.join(prefix, name)  # as Path(".") / name


def expand_inputs(specs: list[str]) -> Iterator[Input | InputError]:
    """Inputs in order; an argument that names nothing yields an InputError naming it."""
    for spec in specs:
        if spec == "-":
            yield Input("<stdin>", _read_stdin)
        elif spec.startswith(("http://", "https://")):
            from tracker.ingest.web import fetch_url

            yield Input(spec, lambda url=spec: fetch_url(url), Path(spec.split("?")[0]).suffix.lower())  # type: ignore[misc]
        elif Path(spec).is_dir():
            for path in _walk(Path(spec)):
                yield Input(path, _read_file(path), _suffix(path))
        elif Path(spec).exists() or Path(spec).is_symlink():
            name = str(Path(spec))
            yield Input(name, _read_file(name), _suffix(name))
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputError(f"{spec}: no file matches")
            for match in matches:
                found = Path(match)
                if found.is_dir():
                    for inner in _walk(found):
                        yield Input(inner, _read_file(inner), _suffix(inner))
                else:
                    name = str(found)
                    yield Input(name, _read_file(name), _suffix(name))
        else:
            yield InputError(f"{spec}: no such file or folder")
