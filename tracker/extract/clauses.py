"""Clauses of a sentence, so that each event trigger gets the date and the people of its own clause.

"The two leaders first spoke by phone on Oct. 2, a day after Ishiba was sworn in, when they agreed
to ..." is three clauses: the call (Oct. 2), the swearing-in (a day before the call) and the
agreement (when: the main clause's date).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# connector -> how the clause's date relates to the main clause's when it has none of its own
_BOUNDARY = (
    r"(?P<semi>;\s*)"
    r"|(?P<shift>,?\s+(?P<n>a|one|two|three) days?\s+(?P<dir>after|before)\s+)"
    r"|(?P<rel>,\s+(?:where|when|while|who|which)\s+|\s+(?:when|while|whereas)\s+"
    r"|,?\s+(?:during|in|at|after|before) which\s+|,\s+as\s+(?=(?:the|they|he|she|both|[A-Z])))"
    r"|(?P<coord>,\s+and\s+(?=(?:the|The)\s+(?:two|three|leaders|ministers)\b|[A-Z][a-z]+\s+"
    r"(?:had|has|have|was|were|is|are|will|would)\b))"
    r"|(?P<since>,?\s+(?:since|until)\s+)"
    # "..., after each had held talks": close in time to the main clause, so it shares its date
    r"|(?P<near>,\s+(?:after|before)\s+|\s+(?:after|before)\s+(?=(?:he|she|they|it|both|each)\b)"
    # "... after Tokyo adopted its paper": a subject and a past verb after "after" begin a clause
    # ("shortly after", "two months after" tie it to the clause before instead)
    r"|(?<!shortly)(?<!soon)(?<!just)(?<!right)(?<!days)(?<!weeks)(?<!months)(?<!years)"
    r"\s+(?:after|before)\s+(?=(?:[A-Z][\w'’-]*\s+){1,3}(?:had\s+)?[a-z]+ed\b)"
    r"|,\s+(?:prompting|sparking|triggering|drawing|leading)\s+"
    # ", deepening a feud that began last month": a participle phrase keeps its own dates to itself
    # (not a title: "Kenji Sato, acting deputy chief of mission")
    r"|(?P<participle>,\s+(?=(?!(?:acting|outgoing|incoming|ruling|governing|sitting|reigning)\b)[a-z]+ing\b)))"
    # "spoke by phone to discuss the summit Kim and Moon held Friday": the purpose names another
    # event, with its own date and people; so does "visiting Seoul to attend the inauguration of Yoon"
    r"|(?P<purpose>\s+to\s+(?=(?:discuss|review|brief|explain|go over|share|attend)\b))"
)
# Every boundary begins with ";", "," or spaces before one of these words: tested first, this lets
# the engine leave at once the spaces between other words, where it would try each connector.
_STARTS = r"[;,]|\s+(?:wh(?:en|ile|ereas)|a(?:fter|t)?|one|t(?:wo|hree|o)|during|in|before|since|until)\b"
BOUNDARY = re.compile(f"(?={_STARTS})(?:{_BOUNDARY})")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3}
_WHO_OR_WHICH = re.compile(r",\s+(?:who|which)\b")


@dataclass(slots=True)
class Clause:
    start: int
    end: int
    # main | rel (shares the main clause's date) | purpose ("to discuss ...": as rel) | since (own
    # date or none) | shift | resume
    kind: str
    shift_days: int = 0  # for "a day after X": X's date is the main date minus one day


def split_clauses(text: str) -> list[Clause]:
    clauses: list[Clause] = []
    start, kind, shift = 0, "main", 0
    for m in _boundaries(text):
        if m.start() <= start:
            continue
        clauses.append(Clause(start, m.start(), kind, shift))
        if isinstance(m, _Resume):
            kind, shift = "resume", 0  # the main clause again, after ", who ...,": same subject
        elif m["shift"]:
            n = _NUMBERS[m["n"].lower()]
            kind, shift = "shift", (-n if m["dir"] == "after" else n)
        elif m["purpose"]:
            kind, shift = "purpose", 0
        elif m["rel"] or m["near"] or m["participle"]:
            kind, shift = "rel", 0
        elif m["since"]:
            kind, shift = "since", 0
        elif m["coord"]:
            kind, shift = "main", 0
        else:
            kind, shift = "main", 0
        start = m.end()
    clauses.append(Clause(start, len(text), kind, shift))
    return clauses


class _Resume:
    """A synthetic boundary where a parenthetical relative clause (", who ..., ") ends."""

    def __init__(self, position: int) -> None:
        self.position = position

    def start(self) -> int:
        return self.position

    def end(self) -> int:
        return self.position + 2

    def __getitem__(self, key: str) -> str | None:
        return ", " if key == "coord" else None


def _boundaries(text: str) -> list[re.Match[str] | _Resume]:
    found: list[re.Match[str] | _Resume] = []
    for m in BOUNDARY.finditer(text):
        found.append(m)
        if (m["rel"] and _WHO_OR_WHICH.match(m.group(0))) or m["participle"]:
            comma = text.find(", ", m.end())
            if comma != -1:
                found.append(_Resume(comma))
    return sorted(found, key=lambda b: b.start())


def clause_at(clauses: list[Clause], position: int) -> int:
    """The clause that holds `position`, else (between two clauses) the last one. Clauses are in
    text order and do not overlap: the one that can hold it is the last one to start at or before it."""
    i = bisect.bisect_right(clauses, position, key=_start_of) - 1
    if i >= 0 and position < clauses[i].end:
        return i
    return len(clauses) - 1


def _start_of(clause: Clause) -> int:
    return clause.start
