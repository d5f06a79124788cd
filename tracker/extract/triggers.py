"""Event trigger words and the contexts that cancel them. The type vocabulary is fixed:
meeting, call, visit, agreement, policy, ruling, protest, military, office (see PLOVER below)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import itemgetter

from tracker.extract.alternation import one_of
from tracker.extract.guard import MultiScan, guarded
from tracker.vocabulary import EVENT_TYPES, PLOVER  # noqa: F401 - re-exported for the extractors

# Patterns in priority order: where two overlap, the earlier wins ("end ... agreement" is a policy).
# Each tests its word boundary once for all its branches, which then begin with letters the regex
# engine skips at C speed.
_PATTERNS: list[tuple[str, str]] = [
    (
        "policy",
        r"\b(?:end|ending|ended|ends|scrap|scraps|scrapped|scrapping|terminate|terminated|terminating|"
        r"withdr[ae]w from|withdrawing from|pull(?:ed)? out of|dissolv(?:e|ed|es|ing)|suspend(?:ed|s)?|"
        r"halt(?:ed|s)?)\b[^.;]{0,60}?\b(?:agreement|pact|deal|accord|foundation|treaty|arrangement)\b",
    ),
    (
        "protest",
        r"\b(?:protest(?:ed|s)?|lodged (?:a |an )?(?:strong |formal )?protest|"
        r"summon(?:ed|s|ing)? (?:\w+ ){0,3}(?:ambassador|envoy|charge d'affaires|diplomat)|"
        r"recall(?:ed|s|ing)? (?:its |their |the )?(?:\w+ )?(?:ambassador|envoy|consul general))\b",
    ),
    (
        "ruling",
        r"\b(?:(?:court|judges?|tribunal|panel)\b[^.;]{0,60}?\b(?:ruled|rules|ordered|orders|upheld|rejected|"
        r"dismissed|sided|found)\b|(?:ruling|verdict|judgment|judgement)\b(?!s))",
    ),
    ("meeting", r"\bcourtesy call\b"),
    (
        "call",
        r"\b(?:(?:tele)?phoned\b|by (?:tele)?phone\b|(?:tele)?phone (?:call|talks|conversation)\b|"
        r"video (?:call|conference|summit|talks)\b|phone call\b|spoke on the (?:tele)?phone\b)",
    ),
    (
        "policy",
        r"\b(?:export (?:controls?|curbs|restrictions)\b|"
        r"(?:tighten(?:ed|s|ing)?|lift(?:ed|s|ing)?|eas(?:ed|es|ing)|impos(?:e|ed|es|ing)|restor(?:e|ed|es)|"
        r"remov(?:e|ed|es|ing)|drop(?:ped|s|ping)?|strike|struck|reinstat(?:e|ed|es))\b[^.;]{0,40}?"
        r"\b(?:controls?|curbs|restrictions|sanctions|tariffs|white ?list|list of trusted)\b|"
        r"white ?list\b|(?:unveil(?:ed|s)?|announc(?:ed|es)|launch(?:ed|es)|adopt(?:ed|s))\b[^.;]{0,30}?"
        r"\b(?:plan|measures?|policy|program|programme|fund|compensation)\b)",
    ),
    (
        "agreement",
        r"\b(?:agreed\b|agreement\b(?!s)|deal\b|accord\b|"
        r"joint (?:press )?(?:statement|declaration|communique)\b|pact\b|treaty\b|settlement\b|"
        r"signed\b|adopted\b)",
    ),
    (
        "meeting",
        r"\b(?:summit\b|talks\b|met\b|meets?\b|meeting\b|sat down\b|hosted\b|hosts\b|"
        r"encounter\b|talked (?!about\b))",
    ),
    (
        "military",
        r"\b(?:(?:fired|launched|test-fired|fires|launches)\b[^.;]{0,40}?\b(?:missiles?|rockets?|"
        r"projectiles?|satellite)\b|conducted (?:a |its )?(?:\w+ )?nuclear test\b)",
    ),
    (
        "office",
        r"\b(?:took office\b|taking office\b|takes office\b|sworn in\b|inaugurat(?:ed|ion)\b|"
        r"became (?:\w+'s )?(?:\w+ ){0,3}(?:prime minister|president|premier|foreign minister|leader)\b|"
        r"(?:was|were|been|be|is|got) elected (?:as )?(?:\w+ )?(?:president|prime minister|premier)\b|"
        r"won the (?:\w+ )?election\b|"
        r"resign(?:ed|s)\b|stepped down\b)",
    ),
    (
        "visit",
        r"\b(?:visit(?:ed|ing)?\b|laid (?:a )?wreaths?\b|paid (?:a )?(?:tribute|(?:their |his |her )?respects)\b|"
        r"pay (?:a )?(?:tribute|(?:their |his |her )?respects)\b|arrived in\b|landed (?:in|at)\b)",
    ),
]
PATTERNS = [(kind, guarded(p, re.IGNORECASE)) for kind, p in _PATTERNS]
_KINDS = [kind for kind, _ in _PATTERNS]
# the eleven patterns tried only where one of them can begin, found in one pass over the text
LOWER_SCAN = MultiScan([re.compile(p) for _, p in _PATTERNS])

NOUN_TRIGGERS = re.compile(
    r"^(?:summit|talks|meeting|encounter|agreement|deal|accord|pact|treaty|settlement|ruling|verdict|judgment|"
    r"judgement|visit|inauguration|courtesy call|phone call|joint (?:press )?(?:statement|declaration|communique))$",
    re.IGNORECASE,
)

RULING_PARTY = re.compile(r"ruling\s+(?:(?i:party|parties|coalition|bloc|camp)\b|[A-Z])")
# What cancels a trigger when it stands right before it: a negation ("did not meet"), a habit
# ("regularly meet") or a possibility ("could meet"); one search for the three.
_NEGATIONS = one_of(["not", "never", "no", "without", "yet to", "instead of", "rather than"], ignore_case=True)
_NEGATED = rf"\b(?:{_NEGATIONS})\s+(?:[\w-]+\s+){{0,3}}$"
_HABITUAL = r"\b(?:regularly|often|frequently|repeatedly|usually|routinely|sometimes|annually|twice|always)\s+$"
_HYPOTHETICAL = r"\b(?:could|might|may)\s+(?:[\w-]+\s+){0,3}$"
CANCELLING = guarded(f"{_NEGATED}|{_HABITUAL}|{_HYPOTHETICAL}", re.IGNORECASE)
GENERIC = guarded(
    r"\b(?:(?<!\d)\d{1,3}(?!\d)|as\s+(?:a|an)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple|"
    r"annual|regular|such|any|future|more|frequent|reciprocal|previous|past|other|those)"
    r"\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
FORUM = guarded(
    r"(?:\bG-?7|\bG-?20|\bAPEC|\bASEAN(?:-related)?|\bNATO|\bGroup of (?:Seven|20|Twenty)|"
    r"\bEast Asia|\bGeneral Assembly|\bSecurity Council|\bNuclear Security|\bBRICS|\bQuad|"
    r"\bCooperation\)?|\bEconomic Forum|\bAssociation of Southeast Asian Nations)"
    r"\s+(?:[\w-]+\s+){0,1}$"
)
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
    lower-cased text when lower-casing keeps every offset (twice as fast as IGNORECASE), and there
    only where one of them can begin. In text order."""
    lowered = body.lower()
    if len(lowered) != len(body):
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
        noun = bool(NOUN_TRIGGERS.match(word))
        if CANCELLING.search(before):
            continue
        if kind == "ruling" and RULING_PARTY.match(text, start):
            continue  # "the ruling Liberal Democratic Party"
        if noun and (GENERIC.search(before) or FORUM.search(before)):
            continue
        if kind == "agreement" and word.lower() in ("signed", "adopted") and FORUM.search(before):
            continue
        found.append(Trigger(kind, start, end, word, noun))
        taken[start:end] = b"\x01" * (end - start)
    found.sort(key=lambda t: t.start)
    return found


def is_anaphoric(text: str, trigger: Trigger) -> bool:
    """ "the meeting", "their talks", "that encounter": a reference to an event already told."""
    return trigger.noun and DETERMINER.search(text[max(0, trigger.start - 50) : trigger.start]) is not None


def is_infinitive(text: str, trigger: Trigger) -> bool:
    """ "to visit", "to hold talks": an intention, an event only when planned."""
    return INFINITIVE.search(text[max(0, trigger.start - 50) : trigger.start]) is not None
