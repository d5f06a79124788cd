"""Sentences with offsets into the article body, and the dateline that may open the lead.

BlingFire splits each paragraph (never the whole document): it is linear-time, returns offsets,
keeps "U.S.", "Dr.", "p.m." and "Sept. 21" inside their sentences, and is ~10x faster than syntok
(0.2 ms for a 250-word article), which matters at 500 articles per second.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import blingfire

from tracker.model import Article, Sentence

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'/-]*(?:[ /][A-Z][A-Z.'/-]*)*(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)?)"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:--|—|–)\s*"
)


@dataclass(frozen=True)
class Dateline:
    place: str
    date_text: str | None
    agency: str | None
    end: int  # offset in the body where the lead's own text starts


def find_dateline(article: Article) -> Dateline | None:
    paragraphs = article.paragraphs
    if not paragraphs:
        return None
    offset, text = paragraphs[0]
    match = DATELINE.match(text)
    if not match:
        return None
    return Dateline(match["place"], match["date"], match["agency"], offset + match.end())


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans. BlingFire's own offset mapping runs in Python and costs more than the split,
    so its sentences are located with str.find, falling back to that mapping if one is not found."""
    spans: list[tuple[int, int]] = []
    position = 0
    for sentence in blingfire.text_to_sentences(text).split("\n"):
        start = text.find(sentence, position)
        if start < 0:
            return [tuple(span) for span in blingfire.text_to_sentences_and_offsets(text)[1]]
        spans.append((start, start + len(sentence)))
        position = start + len(sentence)
    return spans


def split_sentences(article: Article, skip_until: int = 0) -> list[Sentence]:
    """Every sentence of the body, with offsets; text before `skip_until` (a dateline) is left out.

    One BlingFire call per article; a sentence never crosses a paragraph break (it does not know
    that a line without a full stop ends a paragraph, so spans are cut at newlines here)."""
    body = article.body
    starts = [offset for offset, _ in article.paragraphs]
    text = body[skip_until:]
    if not text.strip():
        return []
    sentences: list[Sentence] = []
    for start, end in _spans(text):
        position = skip_until + start
        for piece in body[position : skip_until + end].split("\n"):
            stripped = piece.strip()
            if stripped:
                begin = position + piece.index(stripped)
                paragraph = bisect.bisect_right(starts, begin) - 1
                sentences.append(Sentence(stripped, begin, begin + len(stripped), max(paragraph, 0)))
            position += len(piece) + 1
    return sentences
