"""A first-character guard for regular expressions scanned over whole texts.

Python's `re` tries a pattern such as `\\b(?:met|summit|talks)\\b` at every position of the text.
Prefixed with a lookahead of the characters a match can begin with, `(?=[mst])`, the engine skips
every other position at C speed: two to three times faster over an article for our patterns. The
set is computed from the parsed pattern, so it cannot fall out of step with it; where it cannot be
told (a match that may begin with any character, or be empty), no guard is added.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from tracker.extract.alternation import one_of

# classes kept as classes in the guard (`\\s` is many Unicode characters)
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


class _Unknown(Exception):
    """The pattern may begin with a character we cannot enumerate."""


def _cased(chars: set[str], ignore_case: bool) -> set[str]:
    if not ignore_case:
        return chars
    return {c for ch in chars for c in ((ch,) if ch.startswith("\\") else (ch.lower(), ch.upper()))}


def _charset(items: list[tuple[Any, Any]], ignore_case: bool) -> set[str]:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < 256:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif op is sre.CATEGORY and arg in _CATEGORIES:
            chars.add(_CATEGORIES[arg])
        else:  # negated sets, wide ranges
            raise _Unknown
    return _cased(chars, ignore_case)


def _first(items: Any, ignore_case: bool) -> tuple[set[str], bool]:
    """(characters a match of this sequence can begin with, whether it can match empty)."""
    chars: set[str] = set()
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return chars | _cased({chr(arg)}, ignore_case), False
        if op is sre.IN:
            return chars | _charset(list(arg), ignore_case), False
        if op is sre.BRANCH:
            nullable = False
            for branch in arg[1]:
                found, empty = _first(branch, ignore_case)
                chars |= found
                nullable = nullable or empty
        elif op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
            found, nullable = _first(sub, case)
            chars |= found
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = arg
            found, empty = _first(sub, ignore_case)
            chars |= found
            nullable = low == 0 or empty
        else:  # any character, \w, \s, back-references...
            raise _Unknown
        if not nullable:
            return chars, False
    return chars, True


def first_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of `pattern` can begin with (single characters, or the classes
    `\\d`, `\\s`, `\\w`), or None when that cannot be told."""
    try:
        chars, nullable = _first(sre_parse.parse(pattern, flags), bool(flags & re.IGNORECASE))
    except _Unknown:
        return None
    return None if nullable or not chars else frozenset(chars)


def _engine_skips(items: Any, ignore_case: bool) -> bool:
    """Whether `re` finds the possible starts of this pattern by itself: it does for one that begins
    with a literal, a character class or a choice of literals (when their case matters), and scans
    for them faster than a lookahead could."""
    while items and items[0][0] is sre.SUBPATTERN:
        _group, add_flags, del_flags, items = items[0][1]
        ignore_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
    if not items:
        return False
    op, arg = items[0]
    if op is sre.BRANCH:
        return all(branch and branch[0][0] is sre.LITERAL for branch in arg[1]) and not ignore_case
    return op in (sre.LITERAL, sre.IN) and not ignore_case


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead of its possible first characters, when they are known
    and `re` would not find them by itself."""
    if _engine_skips(sre_parse.parse(pattern, flags), bool(flags & re.IGNORECASE)):
        return re.compile(pattern, flags)
    chars = first_characters(pattern, flags)
    if chars is None:
        return re.compile(pattern, flags)
    charset = "".join(sorted(c if c in _CATEGORIES.values() else re.escape(c) for c in chars))
    return re.compile(f"(?=[{charset}])(?:{pattern})", flags)


def _literals(items: Any, ignore_case: bool, fold: bool = False) -> frozenset[str] | None:
    """Strings one of which every match of this sequence contains, or None when none is known:
    the best of its runs of literal characters and of what its groups, branches and repeats
    require. With `fold`, the strings are lower-cased, to be looked for in lower-cased text, and
    parts that ignore case count too (their ASCII letters only)."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    for op, arg in items:
        if op is sre.LITERAL and (chr(arg).isascii() if fold else not ignore_case):
            run.append(chr(arg).lower() if fold else chr(arg))
            continue
        end_run()
        found: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
            found = _literals(sub, case, fold)
        elif op is sre.BRANCH:
            branches = [_literals(branch, ignore_case, fold) for branch in arg[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*(b for b in branches if b is not None))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _literals(arg[2], ignore_case, fold)
        if found is not None:
            options.append(found)
    end_run()
    if not options:
        return None
    return max(options, key=lambda strings: (min(map(len, strings)), -len(strings)))


def required_literals(pattern: str, flags: int = 0, fold: bool = False) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains, as it appears in the text (parts
    that ignore case count as unknown), or with `fold` as it appears in the lower-cased text;
    None when there is no such set of useful strings. A text containing none of them has no
    match, which a few `in` tests tell far faster than a scan."""
    found = _literals(sre_parse.parse(pattern, flags), bool(flags & re.IGNORECASE), fold)
    if found is None or min(map(len, found)) < 3:
        return None
    # a string containing another of the set adds nothing
    return frozenset(s for s in found if not any(o != s and o in s for o in found))


def _always(text: str) -> bool:
    return True


# the characters `re` takes, ignoring case, for ASCII letters that lower-casing does not turn into
# them: ı and ſ stay as they are, İ becomes i and a combining dot; a text with any is always scanned
FOLDING = ("\u0130", "\u0131", "\u017f")


def may_match(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    """A test that is False only for texts where `pattern` cannot match, as they hold none of the
    strings its matches need (`required_literals`); where the pattern ignores case, those strings
    are looked for in the lower-cased text. Always True when no such strings are known."""
    required = required_literals(pattern, flags)
    if required is not None:
        return _holds_one_of(tuple(sorted(required)))
    folded = required_literals(pattern, flags, fold=True)
    if folded is None:
        return _always
    lowered_holds_one = _holds_one_of(tuple(sorted(folded)))

    def may_match_any_case(text: str) -> bool:
        if not text.isascii() and any(c in text for c in FOLDING):
            return True
        return lowered_holds_one(text.lower())

    return may_match_any_case


def _holds_one_of(strings: tuple[str, ...]) -> Callable[[str], bool]:
    def holds_one(text: str) -> bool:
        for s in strings:  # noqa: SIM110 - a loop: a third faster than any() over a generator
            if s in text:
                return True
        return False

    return holds_one


class AtEnd:
    """`pattern` followed by nothing but spaces, searched only where such a match can begin: no
    farther back from the text's last non-space character than the longest match of `pattern`
    (the engine would otherwise try every position of a long text). Same match as
    `re.search(pattern + r"\\s*$", text)`; lookbehinds still see the whole text."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        longest = sre_parse.parse(pattern, flags).getwidth()[1]
        if longest >= sre.MAXREPEAT:
            raise ValueError(f"no longest match: {pattern}")
        self.longest: int = longest
        self.pattern = guarded(rf"(?:{pattern})\s*$", flags)

    def search(self, text: str) -> re.Match[str] | None:
        # a match ends with the last non-space character or after it, so begins at most
        # `longest` characters before it
        return self.pattern.search(text, max(0, len(text.rstrip()) - self.longest))


def _prefix_options(items: Any, ignore_case: bool, longest: int, fold: bool = False) -> list[tuple[str, bool]]:
    """(string, open) pairs: every match of this sequence begins with one of the strings; an open
    one is all the sequence consumed, so what follows the sequence continues it. A string ends
    where the next character cannot be spelled out (a wide class, a letter in any case unless
    `fold`: then the text is lower-cased and an ASCII letter is spelled in lower case). Raises
    _Unknown when the options grow past 512."""
    options: list[tuple[str, bool]] = [("", True)]
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue  # an assertion consumes nothing
        if not any(is_open and len(s) < longest for s, is_open in options):
            break
        step = _item_options(op, arg, ignore_case, longest, fold)
        grown: list[tuple[str, bool]] = []
        for s, is_open in options:
            if not is_open or len(s) >= longest or step is None:  # closed, long enough, or unspellable next
                grown.append((s, False))
            else:
                grown.extend((s + t, o) for t, o in step)
        options = list(dict.fromkeys(grown))
        if len(options) > 512:
            raise _Unknown
    return options


def _item_options(op: Any, arg: Any, ignore_case: bool, longest: int, fold: bool) -> list[tuple[str, bool]] | None:
    if op is sre.LITERAL:
        ch = chr(arg)
        if ignore_case and ch.lower() != ch.upper():
            if fold and ch.isascii():
                return [(ch.lower(), True)]
            return None  # a letter in any case (and İ, ı, ſ for i and s): not spelled out
        if fold and ch.lower() != ch:
            return None  # a capital the lower-cased text cannot hold, unless it ignores case
        return [(ch, True)]
    if op is sre.IN:
        chars = []
        for item_op, item_arg in arg:
            if item_op is sre.LITERAL:
                chars.append(chr(item_arg))
            elif item_op is sre.RANGE and item_arg[1] - item_arg[0] < 8:
                chars.extend(chr(c) for c in range(item_arg[0], item_arg[1] + 1))
            else:
                return None
        if fold and ignore_case and all(c.isascii() for c in chars):
            return [(c, True) for c in dict.fromkeys(c.lower() for c in chars)]
        if ignore_case and any(c.lower() != c.upper() for c in chars):
            return None
        return [(c, True) for c in chars]
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = arg
        case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
        return _prefix_options(sub, case, longest, fold)
    if op is sre.BRANCH:
        return [option for branch in arg[1] for option in _prefix_options(branch, ignore_case, longest, fold)]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = arg
        once = [(s, False) for s, _ in _prefix_options(sub, ignore_case, longest, fold)]  # more may follow
        return once if low >= 1 else [("", True), *once]
    return None


def literal_prefixes(pattern: str, flags: int = 0, longest: int = 4, fold: bool = False) -> frozenset[str] | None:
    """Strings of up to `longest` characters, one of which every match of `pattern` begins with
    (as it appears in the text: parts that ignore case end a string; with `fold`, as it appears in
    the lower-cased text); None when some match may begin with a character that cannot be spelled
    out."""
    try:
        options = _prefix_options(sre_parse.parse(pattern, flags), bool(flags & re.IGNORECASE), longest, fold)
    except _Unknown:
        return None
    strings = {s[:longest] for s, _ in options}
    if "" in strings:
        return None
    # a string that begins with another of the set adds nothing
    return frozenset(s for s in strings if not any(o != s and s.startswith(o) for o in strings))


def _begins_at_boundary(pattern: re.Pattern[str]) -> bool:
    """Whether every match of `pattern` begins where `\\b`, as a pattern without flags sees it,
    holds: its first item is `\\b`, and no ASCII or locale flag changes what a word is."""
    if pattern.flags & (re.ASCII | re.LOCALE):
        return False
    items = sre_parse.parse(pattern.pattern, pattern.flags)
    while items and items[0][0] is sre.SUBPATTERN:
        _group, add_flags, _del_flags, items = items[0][1]
        if add_flags & (re.ASCII | re.LOCALE):
            return False
    return bool(items) and items[0] == (sre.AT, sre.AT_BOUNDARY)


class MultiScan:
    """Every match of each of several patterns, as `[(rank, m) for rank, p in enumerate(patterns)
    for m in p.finditer(text)]` gives them, from one scan for the places where any of them can
    begin (a string each of its matches begins with, `literal_prefixes`): there, and only there,
    each pattern is tried with `match`. One pass over the text instead of one per pattern.

    `match` at a position sees the text around it as `finditer` does (lookbehinds included), and
    positions inside a pattern's previous match are skipped as `finditer` skips them; a pattern
    whose beginnings cannot be spelled out is scanned on its own.

    With `folded`, the scanned texts are lower-cased (and keep their length): the beginnings of
    the parts of a pattern that ignore case are then spelled in lower case."""

    def __init__(self, patterns: list[re.Pattern[str]], folded: bool = False) -> None:
        self.patterns = patterns
        self.prefixes = [literal_prefixes(p.pattern, p.flags, fold=folded) for p in patterns]
        self.lengths = sorted({len(s) for found in self.prefixes if found for s in found})
        self.ranks: dict[str, list[int]] = {}  # prefix -> the patterns that may begin with it
        for rank, found in enumerate(self.prefixes):
            for s in sorted(found or ()):
                self.ranks.setdefault(s, []).append(rank)
        self.places: re.Pattern[str] | None = None
        if self.ranks:
            # written as a tree of shared beginnings behind a lookahead of first characters; at
            # word starts only when every pattern tests one first, as they do in extraction
            first = "".join(sorted({re.escape(s[0]) for s in self.ranks}))
            boundary = r"\b" if all(_begins_at_boundary(p) for p in patterns) else ""
            self.places = re.compile(f"{boundary}(?=[{first}])(?={one_of(sorted(self.ranks))})")

    def scan(self, text: str) -> list[tuple[int, re.Match[str]]]:
        starts: list[list[int]] = [[] for _ in self.patterns]  # per pattern, where it may begin
        if self.places is not None:
            ranks, lengths = self.ranks, self.lengths
            for place in self.places.finditer(text):
                at = place.start()
                for length in lengths:
                    for rank in ranks.get(text[at : at + length], ()):
                        starts[rank].append(at)
        found: list[tuple[int, re.Match[str]]] = []
        for rank, pattern in enumerate(self.patterns):
            if self.prefixes[rank] is None:
                found.extend((rank, m) for m in pattern.finditer(text))
                continue
            end = 0
            for at in starts[rank]:
                if at < end:
                    continue  # inside the pattern's previous match
                m = pattern.match(text, at)
                if m is not None:
                    found.append((rank, m))
                    end = m.end()
        return found
