"""Where articles come from: files, folders (recursive), globs, `-` for stdin, and http(s) URLs.
Each input is read lazily, so that a backfill streams instead of growing in memory.

What a folder or a glob finds is read only when it is a regular file: a named pipe would block the
load forever, and a device or socket is no article. What the user names directly is read as named
(a named pipe too). File names are shown escaped (see `shown_name`)."""

from __future__ import annotations

import errno
import glob
import os
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import InputError
from tracker.ingest.fetch import FetchPolicy, fetch

MAX_BYTES = 20 * 1024 * 1024  # larger inputs are refused: no news article is 20 MB
ARTICLE_SUFFIXES = {".txt", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".xml", ".rss", ".atom", ""}


@dataclass(frozen=True)
class Input:
    name: str  # what messages call it: the path (escaped) or URL
    read: Callable[[], bytes]
    suffix: str = ""
    follow: Callable[[str], bytes] | None = None  # fetches the pages its feed entries link to


class SkippedInput(InputError):
    """An input passed over on purpose (a named pipe, socket or device found in a folder): reported
    with a line, but not a failure."""


# Unicode categories that are not shown as themselves: control, format, separators (but " "),
# unassigned and private use; a name with one could end the line or move the cursor
_NOT_SHOWN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def shown_name(path: str) -> str:
    """A file name as messages show it (and as articles record their origin): bytes that are not
    UTF-8 as \\xNN (Python reads them as lone surrogates, which no terminal or database takes),
    control characters escaped as in a Python string."""
    import unicodedata

    if path.isascii() and path.isprintable():
        return path
    text = path.encode("utf-8", "surrogateescape" if _only_escapes(path) else "backslashreplace").decode(
        "utf-8", "backslashreplace"
    )
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in _NOT_SHOWN else char
        for char in text
    )


def _only_escapes(path: str) -> bool:
    """Every surrogate in `path` stands for an undecodable byte (U+DC80..U+DCFF)."""
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in path)


_SPECIAL_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _refuse_unless_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _SPECIAL_KINDS.get(stat.S_IFMT(mode), "not a file")
        raise SkippedInput(f"not a regular file ({kind})")


def _read_file(path: str, regular_only: bool = False) -> Callable[[], bytes]:
    def read() -> bytes:
        # os.open/os.read, sized by fstat: a buffered read(MAX_BYTES + 1) allocates the whole
        # limit for every file, and with Path objects that was ~0.1 ms per file, half the time
        # of a reload whose articles are all stored already
        try:
            # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then tells what it is
            try:
                fd = os.open(path, os.O_RDONLY | (os.O_NONBLOCK if regular_only else 0))
            except OSError as exc:
                if regular_only and exc.errno == errno.ENXIO:  # a socket cannot even be opened
                    _refuse_unless_regular(os.stat(path).st_mode)
                raise
            try:
                status = os.fstat(fd)
                if regular_only:
                    _refuse_unless_regular(status.st_mode)
                size = status.st_size
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


Found = str | tuple[str, InputError]  # a path, or (name, why it cannot be read)


def _join(folder: str, name: str) -> str:
    return name if folder in (".", "") else os.path.join(folder, name)  # as Path(".") / name


def _walk(folder: str) -> Iterator[Found]:
    """Files below `folder`, sorted, each folder's files before its subfolders; no hidden names, no
    symlinked folders (a symlink loop cannot trap us); a folder that cannot be listed is reported."""
    prefix = str(Path(folder))  # the spelling Path gives ("./a/" -> "a", "./" -> ".")
    try:
        with os.scandir(prefix) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        name = shown_name(prefix)
        yield name, InputError(f"{name}: cannot read the folder: {(exc.strerror or str(exc)).lower()}")
        return
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_folder(entry):
            if not entry.is_symlink():
                subfolders.append(_join(prefix, entry.name))
        elif entry.name.lower() != "readme.md" and _suffix(entry.name) in ARTICLE_SUFFIXES:
            yield _join(prefix, entry.name)
    for subfolder in subfolders:
        yield from _walk(subfolder)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # cannot tell: read as a file, which reports why
        return False


def _glob(pattern: str) -> Iterator[Found]:
    """glob.glob(pattern, recursive=True), except that `**` enters no symlinked folder (glob.glob
    follows a symlink loop to the system's limit, forty levels, and two loops to 2**40 paths)."""
    parts = pattern.split(os.sep)
    if "**" not in parts:
        yield from glob.glob(pattern)
        return
    cut = parts.index("**")
    head, rest = os.sep.join(parts[:cut]), os.sep.join(parts[cut + 1 :])
    if cut == 1 and head == "":
        head = os.sep  # "/**/x"
    bases = glob.glob(head) if glob.has_magic(head) else [head]
    for base in bases:
        if base and not os.path.isdir(base):
            continue
        if not rest:  # "a/**": everything below a, as a folder is read
            yield base or "."
            continue
        for folder in _folders(base):
            if isinstance(folder, tuple):
                yield folder
            else:
                yield from _glob(_join(glob.escape(folder), rest))


def _folders(base: str) -> Iterator[Found]:
    """`base` and every folder below it, no hidden ones, no symlinked ones."""
    yield base
    try:
        with os.scandir(base or ".") as listing:
            names = sorted(
                e.name for e in listing if not e.name.startswith(".") and _is_folder(e) and not e.is_symlink()
            )
    except OSError as exc:
        name = shown_name(base or ".")
        yield name, InputError(f"{name}: cannot read the folder: {(exc.strerror or str(exc)).lower()}")
        return
    for name in names:
        yield from _folders(_join(base, name))


def _stat(spec: str) -> os.stat_result | None:
    """os.stat, or None for nothing there (or a dangling symlink); InputError when it cannot be told."""
    try:
        return os.stat(spec)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # e.g. permission denied on a folder on the way
        raise InputError(f"{shown_name(spec)}: {(exc.strerror or str(exc)).lower()}") from None


def expand_inputs(specs: list[str], policy: FetchPolicy | None = None) -> Iterator[Input | tuple[str, InputError]]:
    """Inputs in order; an argument that names nothing, or a folder that cannot be read, yields
    (name, InputError naming it)."""
    policy = policy or FetchPolicy()

    def follow_anywhere(link: str) -> bytes:  # the user's own file: its entries are theirs too
        return fetch(link, policy, may_reach_private=True).data

    def found(path: str, regular_only: bool) -> Input:
        return Input(shown_name(path), _read_file(path, regular_only), _suffix(path), follow_anywhere)

    for spec in specs:
        if spec == "-":
            yield Input("<stdin>", _read_stdin, "", follow_anywhere)
            continue
        if spec.lower().startswith(("http://", "https://")):
            yield _web_input(spec, policy)
            continue
        try:
            status = _stat(spec)
        except InputError as exc:
            yield shown_name(spec), exc
            continue
        if status is not None and stat.S_ISDIR(status.st_mode):
            for path in _walk(spec):
                yield path if isinstance(path, tuple) else found(path, regular_only=True)
        elif status is not None or os.path.islink(spec):
            yield found(str(Path(spec)), regular_only=False)  # named by the user: read as named
        elif glob.has_magic(spec):
            matches = sorted(set(_glob(spec)), key=lambda m: m if isinstance(m, str) else m[0])
            if not matches:
                yield shown_name(spec), InputError(f"{shown_name(spec)}: no file matches")
            for match in matches:
                if isinstance(match, tuple):
                    yield match
                elif os.path.isdir(match):
                    for inner in _walk(match):
                        yield inner if isinstance(inner, tuple) else found(inner, regular_only=True)
                else:
                    yield found(str(Path(match)), regular_only=True)
        else:
            yield shown_name(spec), InputError(f"{shown_name(spec)}: no such file or folder")


def _web_input(url: str, policy: FetchPolicy) -> Input:
    """A URL the user named; the pages its feed entries link to are fetched under the rule of
    where it led: from a public address, only public addresses (unless --allow-private)."""
    links_may_reach_private = policy.allow_private

    def read() -> bytes:
        nonlocal links_may_reach_private
        fetched = fetch(url, policy)
        links_may_reach_private = fetched.may_reach_private
        return fetched.data

    def follow(link: str) -> bytes:
        return fetch(link, policy, may_reach_private=links_may_reach_private).data

    return Input(url, read, _suffix(url.split("?")[0].split("#")[0]), follow)
