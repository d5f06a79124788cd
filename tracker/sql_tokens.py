"""Split SQL text into the words and marks the server will see, with strings and comments set aside.

The SQL console's statement check reads these tokens, so they must hide from it exactly what the
server hides from itself: string literals, quoted identifiers and comments, each by the rules of
its dialect. A general-purpose SQL parser will not do: sqlparse, for one, takes `\\'` as an escaped
quote in every string, so it reads `SELECT '\\', pg_advisory_lock(1) --'` as one string where
PostgreSQL (standard_conforming_strings, which the console sets) sees a call.

PostgreSQL: '...' with '' (backslash is literal), E'...' with backslash escapes, $tag$...$tag$,
"..." identifiers, -- and nested /* */ comments; U& escapes are refused rather than decoded.
SQLite: '...', "...", [...] and `...` identifiers, -- and unnested /* */ comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from tracker.errors import TrackerError


class Kind(Enum):
    WORD = "word"  # a keyword or an unquoted name, as written
    QUOTED_NAME = "quoted name"  # a quoted identifier, without its quotes
    STRING = "string"  # any literal the server will not read as SQL
    MARK = "mark"  # punctuation, operators, numbers, parameters


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str

    def is_word(self, *words: str) -> bool:
        return self.kind is Kind.WORD and self.text.upper() in words


_WORD = re.compile(r"[A-Za-z_\u0080-\U0010ffff][A-Za-z0-9_$\u0080-\U0010ffff]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?")
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\u0080-\U0010ffff][A-Za-z0-9_\u0080-\U0010ffff]*)?\$")


def tokenize(sql: str, dialect: str) -> list[Token]:
    """The tokens of `sql` as `dialect` ("postgresql" or "sqlite") reads them; comments are dropped."""
    postgres = dialect == "postgresql"
    tokens: list[Token] = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in " \t\n\r\f\v":  # only ASCII: other spaces are name characters to both servers
            i += 1
        elif sql.startswith("--", i):
            i = _end_of_line_comment(sql, i, postgres)
        elif sql.startswith("/*", i):
            i = _skip_block_comment(sql, i, nested=postgres)
        elif c == "'":
            i = _add(tokens, Kind.STRING, *_quoted(sql, i, "'", "string"))
        elif c == '"':
            i = _add(tokens, Kind.QUOTED_NAME, *_quoted(sql, i, '"', "quoted name"))
        elif not postgres and c == "`":
            i = _add(tokens, Kind.QUOTED_NAME, *_quoted(sql, i, "`", "quoted name"))
        elif not postgres and c == "[":
            end = sql.find("]", i + 1)
            if end < 0:
                raise TrackerError("refused: unterminated [name] in the SQL")
            i = _add(tokens, Kind.QUOTED_NAME, sql[i + 1 : end], end + 1)
        elif postgres and c == "$" and (tag := _DOLLAR_TAG.match(sql, i)):
            end = sql.find(tag[0], tag.end())
            if end < 0:
                raise TrackerError("refused: unterminated $-quoted string in the SQL")
            i = _add(tokens, Kind.STRING, sql[tag.end() : end], end + len(tag[0]))
        elif word := _WORD.match(sql, i):
            i = _after_word(sql, word[0], word.end(), tokens, postgres)
        elif number := _NUMBER.match(sql, i):
            i = _add(tokens, Kind.MARK, number[0], number.end())
        else:
            i = _add(tokens, Kind.MARK, c, i + 1)
    return tokens


def _add(tokens: list[Token], kind: Kind, text: str, end: int) -> int:
    tokens.append(Token(kind, text))
    return end


def _after_word(sql: str, word: str, end: int, tokens: list[Token], postgres: bool) -> int:
    """A word, or the prefix of a PostgreSQL string it introduces (E'..', U&'..', B'..', X'..', N'..')."""
    if postgres and word in ("U", "u") and sql.startswith(("&'", '&"'), end):
        raise TrackerError("refused: the SQL console does not accept U& escapes; write the characters themselves")
    if postgres and word in ("E", "e") and sql.startswith("'", end):
        return _add(tokens, Kind.STRING, *_escape_string(sql, end))
    if word.upper() in ("B", "X", "N") and sql.startswith("'", end):
        return _add(tokens, Kind.STRING, *_quoted(sql, end, "'", "string"))
    return _add(tokens, Kind.WORD, word, end)


def _quoted(sql: str, start: int, quote: str, what: str) -> tuple[str, int]:
    """The text between `quote`s from `start` (a doubled quote stands for one) and the index after it."""
    i = start + 1
    parts = []
    while True:
        end = sql.find(quote, i)
        if end < 0:
            raise TrackerError(f"refused: unterminated {what} in the SQL")
        parts.append(sql[i:end])
        if sql.startswith(quote * 2, end):
            parts.append(quote)
            i = end + 2
            continue
        return "".join(parts), end + 1


def _escape_string(sql: str, start: int) -> tuple[str, int]:
    """PostgreSQL's E'...': a backslash escapes the next character, '' is a quote."""
    i = start + 1
    while i < len(sql):
        if sql[i] == "\\" or sql.startswith("''", i):
            i += 2
        elif sql[i] == "'":
            return sql[start + 1 : i], i + 1
        else:
            i += 1
    raise TrackerError("refused: unterminated string in the SQL")


def _end_of_line_comment(sql: str, start: int, postgres: bool) -> int:
    """PostgreSQL ends a -- comment at CR or LF, SQLite at LF only."""
    ends = [sql.find(c, start) for c in ("\n\r" if postgres else "\n")]
    found = [e for e in ends if e >= 0]
    return min(found) + 1 if found else len(sql)


def _skip_block_comment(sql: str, start: int, nested: bool) -> int:
    depth, i = 0, start
    while i < len(sql):
        if sql.startswith("/*", i):
            depth = depth + 1 if nested or depth == 0 else depth
            i += 2
        elif sql.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    if nested:
        raise TrackerError("refused: unterminated /* comment in the SQL")
    return i  # SQLite ends an open comment at the end of the text
