"""Word lists as regular expressions the engine can run fast.

Python's `re` tries the branches of `(?:said|says|stressed|...)` one after the other at each
position, so a list of a hundred words costs a hundred tests per position. `one_of` writes the same
list as a tree of shared beginnings, `(?:s(?:a(?:id|ys)|tressed)|...)`, where the engine tests one
character per level. The order of the list is kept wherever it can matter: words that begin with
different characters cannot both match at one position, and words that share a beginning stay in
their order under it. So `one_of(words)` matches exactly what `(?:w1|w2|...)` matches, with the same
backtracking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def one_of(words: Iterable[str], ignore_case: bool = False, after_first: str = "") -> str:
    """The literal strings `words`, in their priority order, as a non-capturing group. Pass
    `ignore_case=True` for a pattern compiled with re.IGNORECASE: branches are then told apart by
    their lower-cased first characters (which must be ASCII, where case folding is simple).

    `after_first`, a zero-width pattern, is put right after each first character: a test that
    belongs before a word, moved behind its first letter (`(?<!\\w)said` as `s(?<!\\w.)aid`), keeps
    the group beginning with literals, whose first characters `re` scans for by itself."""
    listed = list(words)
    if not listed:
        raise ValueError("one_of needs at least one word")
    if after_first and not all(listed):
        raise ValueError("one_of(after_first=...) needs words of at least one character")
    return f"(?:{_tree(listed, ignore_case, after_first)})"


def _tree(words: list[str], ignore_case: bool, after_first: str = "") -> str:
    parts: list[str] = []
    branches: dict[str, list[str]] = {}  # first character (lower-cased if ignore_case) -> the rests, in order
    heads: dict[str, str] = {}  # ... -> that first character as written

    def flush() -> None:
        for key, rests in branches.items():
            unique = list(dict.fromkeys(rests))  # a repeated word adds nothing
            if len(unique) == 1:
                parts.append(re.escape(heads[key]) + after_first + re.escape(unique[0]))
            else:
                parts.append(re.escape(heads[key]) + after_first + f"(?:{_tree(unique, ignore_case)})")
        branches.clear()

    for word in words:
        if not word:
            # the empty word matches anywhere: the words after it may not be tried before it
            flush()
            parts.append("")
            continue
        head = word[0]
        if ignore_case and not head.isascii():
            raise ValueError(f"one_of(ignore_case=True) needs ASCII words: {word!r}")
        key = head.lower() if ignore_case else head
        heads.setdefault(key, head)
        branches.setdefault(key, []).append(word[1:])
    flush()
    return "|".join(parts)
