"""Event trigger words and the contexts that cancel them. The words are those of the event types
in `tracker.event_types`; this module compiles and scans them and holds the grammar that cancels a
trigger whatever its type (negation, habit, possibility, generic and forum uses of a noun)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import itemgetter

from tracker.event_types import BY_NAME, BY_PRIORITY, FORUMS, REGISTRY, EventType
from tracker.extract.alternation import one_of
from tracker.extract.guard import FOLDING, MultiScan, guarded
from tracker.vocabulary import EVENT_TYPES, PLOVER  # noqa: F401 - re-exported for the extractors


def _phrase(patterns: tuple[str, ...]) -> str:
    """The patterns as one, each a whole word or phrase."""
    return r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b"


def _check(event_type: EventType) -> None:
    """A trigger must match in any case: the scan runs on the lower-cased text."""
    for p in (*event_type.strong, *event_type.nouns, *event_type.verbs):
        if "(?-i" in p:
            raise ValueError(f"{event_type.name}: trigger {p!r} asks for a case; triggers match in any case")
        re.compile(p, re.IGNORECASE)  # a clear error for a broken pattern, at import


for _t in REGISTRY:
    _check(_t)

# In priority order: where two overlap, the earlier wins. Strong triggers first, then each type's
# triggers by the type's priority.
_PATTERNS: list[tuple[str, str]] = [(t.name, _phrase(t.strong)) for t in BY_PRIORITY if t.strong] + [
    (t.name, _phrase(t.nouns + t.verbs)) for t in BY_PRIORITY if t.nouns or t.verbs
]
PATTERNS = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _PATTERNS]
_KINDS = [kind for kind, _ in _PATTERNS]
# the same patterns tried only where one of them can begin, found in one pass over the lower-cased
# text (`scan_triggers` falls back to PATTERNS where lower-casing would change what they match)
LOWER_SCAN = MultiScan([p for _, p in PATTERNS], folded=True)
# "visit" is a noun, "visited" is not: a trigger is a noun when its whole text is one of its type's
_NOUNS = {t.name: re.compile(f"(?:{'|'.join(t.nouns)})", re.IGNORECASE) for t in REGISTRY if t.nouns}
# phrases holding a trigger that do not tell its event ("the ruling party"), per type
_NOT_WITHIN = {t.name: re.compile("|".join(t.not_within), re.IGNORECASE) for t in REGISTRY if t.not_within}

# What cancels a trigger when it stands right before it: a negation ("did not meet"), a habit
# ("regularly meet") or a possibility ("could meet"); one search for the three.
_NEGATIONS = one_of(["not", "never", "no", "without", "yet to", "instead of", "rather than"], ignore_case=True)
_NEGATED = rf"\b(?:{_NEGATIONS})\s+(?:[\w-]+\s+){{0,3}}$"
_HABITUAL = r"\b(?:regularly|often|frequently|repeatedly|usually|routinely|sometimes|annually|twice|always)\s+$"
_HYPOTHETICAL = r"\b(?:could|might|may)\s+(?:[\w-]+\s+){0,3}$"
# "is considering easing curbs", "weighing whether to hold talks", "shared hopes of meeting": a thought, not an act
_CONSIDERED = (
    r"\b(?:consider(?:s|ed|ing)?|mull(?:s|ed|ing)?|weigh(?:s|ed|ing)?|contemplat(?:e|es|ed|ing)|"
    r"hopes?\s+(?:of|for))\s+(?:whether\s+to\s+)?(?:[\w-]+\s+){0,2}$"
)
CANCELLING = guarded(f"{_NEGATED}|{_HABITUAL}|{_HYPOTHETICAL}|{_CONSIDERED}", re.IGNORECASE)
# "halted the talks", "postponed a summit", "a series of talks": talks stopped or many, not one held
STOPPED = guarded(
    r"\b(?:halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|postpon(?:e|es|ed|ing)|cancel(?:s|led|ed|ling|ing)?|"
    r"call(?:s|ed|ing)?\s+off|br(?:oke|eaks?|eaking)\s+off|boycott(?:s|ed|ing)?|series\s+of|rounds\s+of)"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
GENERIC = guarded(
    r"\b(?:(?<!\d)\d{1,3}(?!\d)|as\s+(?:a|an)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple|"
    r"annual|regular|such|any|future|more|frequent|reciprocal|previous|past|other|those)"
    r"\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
FORUM = guarded(rf"{FORUMS}\s+(?:[\w-]+\s+){{0,1}}$")
DETERMINER = guarded(r"\b(?:the|that|this|his|her|their|its|our|these)\s+(?:(?!an?\b)[\w-]+\s+){0,2}$", re.IGNORECASE)
INFINITIVE = guarded(
    r"\bto\s+(?:(?:hold|have|make|pay|attend|begin|start|resume)\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)


@dataclass(slots=True)
class Trigger:
    type: str
    start: int
    end: int
    text: str
    noun: bool


RawTrigger = tuple[int, str, int, int]  # (pattern rank, kind, start, end) in the scanned text


_START = itemgetter(2)  # a raw trigger's start


def scan_triggers(body: str) -> list[RawTrigger]:
    """Every pattern run once over a whole article body (cheaper than once per sentence), on the
    lower-cased text when lower-casing keeps every offset and what the patterns match, and there
    only where one of them can begin. In text order."""
    lowered = body.lower()
    if len(lowered) != len(body) or (not body.isascii() and any(c in body for c in FOLDING)):
        found = [(rank, kind, m.start(), m.end()) for rank, (kind, p) in enumerate(PATTERNS) for m in p.finditer(body)]
    else:
        found = [(rank, _KINDS[rank], m.start(), m.end()) for rank, m in LOWER_SCAN.scan(lowered)]
    found.sort(key=_START)
    return found


def find_triggers(text: str, raw: list[RawTrigger] | None = None, offset: int = 0) -> list[Trigger]:
    """Trigger words in `text`, non-overlapping, in text order; cancelled ones are left out.
    `raw` is a scan of the body `text` sits in at `offset` (computed here when not given)."""
    scan = raw if raw is not None else scan_triggers(text)
    end_of_text = offset + len(text)
    candidates = []
    for rank, kind, start, end in scan[bisect.bisect_left(scan, offset, key=_START) :]:
        if start >= end_of_text:
            break
        if end <= end_of_text:
            candidates.append((rank, kind, start - offset, end - offset))
    candidates.sort()  # by priority
    found: list[Trigger] = []
    taken = bytearray(len(text))  # 1 where a trigger already found stands
    for _, kind, start, end in candidates:
        if taken.find(1, start, end) != -1:
            continue
        before = text[max(0, start - 60) : start]
        word = text[start:end]
        nouns = _NOUNS.get(kind)
        noun = nouns is not None and nouns.fullmatch(word) is not None
        if CANCELLING.search(before):
            continue
        if kind in _NOT_WITHIN and _within(_NOT_WITHIN[kind], text, start, end):
            continue  # "the ruling Liberal Democratic Party"
        if noun and (GENERIC.search(before) or FORUM.search(before) or STOPPED.search(before)):
            continue
        found.append(Trigger(kind, start, end, word, noun))
        taken[start:end] = b"\x01" * (end - start)
    found.sort(key=lambda t: t.start)
    return found


def _within(phrases: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether one of `phrases` holds the span start..end of `text`."""
    window_start = max(0, start - 60)
    return any(
        m.start() <= start and end <= m.end() for m in phrases.finditer(text, window_start, min(len(text), end + 60))
    )


def event_type(name: str) -> EventType:
    return BY_NAME[name]


def is_anaphoric(text: str, trigger: Trigger) -> bool:
    """ "the meeting", "their talks", "that encounter": a reference to an event already told."""
    return trigger.noun and DETERMINER.search(text[max(0, trigger.start - 50) : trigger.start]) is not None


def is_infinitive(text: str, trigger: Trigger) -> bool:
    """ "to visit", "to hold talks": an intention, an event only when planned."""
    return INFINITIVE.search(text[max(0, trigger.start - 50) : trigger.start]) is not None
