"""Page furniture that is not article text: bylines, time stamps, photo captions, sign-offs,
and the markers that start a list of related headlines."""

from __future__ import annotations

import re

RELATED_MARKERS = re.compile(
    r"^\s*(also read|related stories|related articles|related news|read more|more stories|see also|"
    r"recommended|you may also like)\s*:?\s*$",
    re.IGNORECASE,
)

_NOISE = [
    re.compile(
        r"^\s*[Bb]y\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,4}(\s*(,|and)\s*[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3})*\s*$"
    ),
    re.compile(
        r"^\s*\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\s*([A-Z]{2,4})?\s*,?\s*([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})?\s*$",
        re.IGNORECASE,
    ),
    re.compile(r"^\s*(updated|posted|published)\s*:?.{0,60}\d{4}.{0,20}$", re.IGNORECASE),
    re.compile(r"^\s*(photo|photos|image|picture|file photo|graphic)\s*(:|by\b|courtesy\b).{0,300}$", re.IGNORECASE),
    re.compile(r".{0,300}\((pool|photo|afp|ap|reuters|yonhap|getty|epa|kyodo|jiji)\b[^)]{0,60}\)\s*$", re.IGNORECASE),
    re.compile(r"^\s*\(?\s*with (inputs|reporting) from [^)]{1,80}\)?\.?\s*$", re.IGNORECASE),
    re.compile(r"^\s*\(?(editing|reporting|writing) by [^)]{1,120}\)?\s*$", re.IGNORECASE),
    # a dateline alone on its line: "SEOUL --", "TOKYO, March 17 (Yonhap) --"
    re.compile(
        r"^\s*[A-Z][A-Z .'/-]+(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
        r"\s*(?:\([^)]{1,30}\))?\s*(?:--|—|–)\s*$"
    ),
    re.compile(r"^\s*(copyright|©|all rights reserved).{0,120}$", re.IGNORECASE),
]


# all of them in one pattern (each with its own flags): one match call per line instead of nine
_ANY_NOISE = re.compile("|".join(f"(?{'i' if p.flags & re.IGNORECASE else '-i'}:{p.pattern})" for p in _NOISE))


def is_noise_line(line: str) -> bool:
    """A whole line that carries no article text."""
    stripped = line.strip()
    if not stripped:
        return True
    return _ANY_NOISE.match(stripped) is not None


def split_related(lines: list[str]) -> tuple[list[str], list[str]]:
    """Body lines before the first related-headlines marker, and the headlines after it."""
    for i, line in enumerate(lines):
        if RELATED_MARKERS.match(line):
            return lines[:i], [h.strip() for h in lines[i + 1 :] if h.strip()]
    return lines, []


def clean_body_lines(lines: list[str]) -> tuple[list[str], list[str], str | None]:
    """(paragraphs, related headlines, dateline alone on its own line, if any)."""
    body, related = split_related(lines)
    dateline = None
    paragraphs: list[str] = []
    for line in body:
        if not line.strip():
            continue
        if is_noise_line(line):
            if not paragraphs and dateline is None and re.search(r"(--|—|–)\s*$", line):
                dateline = line.strip()
            continue
        paragraphs.append(" ".join(line.split()))
    return paragraphs, related, dateline
