"""Sentences with offsets into the article body, and the dateline that may open the lead.

syntok splits each paragraph (never the whole document): it is linear-time and keeps "U.S.",
"Dr.", "p.m." and "Sept. 21" inside their sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

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


def split_sentences(article: Article, skip_until: int = 0) -> list[Sentence]:
    """Every sentence of the body, with offsets; text before `skip_until` (a dateline) is left out."""
    sentences: list[Sentence] = []
    for index, (offset, paragraph) in enumerate(article.paragraphs):
        local_skip = max(0, skip_until - offset) if offset < skip_until else 0
        text = paragraph[local_skip:]
        for para in segmenter.analyze(text):
            for tokens in para:
                if not tokens:
                    continue
                start = tokens[0].offset
                last = tokens[-1]
                end = last.offset + len(last.value)
                body_start = offset + local_skip + start
                body_end = offset + local_skip + end
                sentences.append(Sentence(article.body[body_start:body_end], body_start, body_end, index))
    return sentences
