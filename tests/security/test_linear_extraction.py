"""Extraction of one long paragraph does work in proportion to its length (issue #21, item 6).

The work is counted, not timed: every line of Python the extraction runs is one step (a trace
function counts them), which is the same on every machine and under any load. A paragraph four
times as long must take at most about four times the steps; a step that compares each mention, date
or event with all the others takes sixteen times as many.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from locations import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from long_paragraph import article_with, long_paragraph

import tracker
from tracker.extract import extract_article
from tracker.extract.sentences import split_sentences

TRACKER = str(Path(tracker.__file__).parent)
SMALL, LARGE = 10_000, 40_000  # characters; LARGE is four times SMALL


def steps_to_extract(body: str) -> int:
    """Lines of the tracker's own code run to extract an article of this body (the second time: the
    caches that the first extraction fills are not part of the count)."""
    extract_article(article_with(body))
    steps = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal steps
        if event == "line":
            steps += 1
        return trace

    def enter(frame: FrameType, event: str, arg: Any) -> Any:
        # dataclass methods (__eq__, __hash__) are generated code, compiled from "<string>"
        name = frame.f_code.co_filename
        return trace if name.startswith(TRACKER) or name == "<string>" else None

    article = article_with(body)
    sys.settrace(enter)
    try:
        extract_article(article)
    finally:
        sys.settrace(None)
    return steps


@pytest.mark.parametrize("shape", ["sentences", "one-sentence", "quotes"])
def test_work_grows_linearly_with_paragraph_length(shape: str) -> None:
    small = steps_to_extract(long_paragraph(SMALL, shape))
    large = steps_to_extract(long_paragraph(LARGE, shape))
    assert small > 10_000  # the count sees the extraction's work
    assert large < 4.6 * small, f"{large} steps for {LARGE:,} characters, {small} for {SMALL:,}"


def test_the_paragraph_is_made_of_what_news_is_made_of() -> None:
    """The text the count runs on names people, quotes them and dates what they did."""
    extraction = extract_article(article_with(long_paragraph(SMALL)))
    assert {s.kind for s in extraction.statements} == {"quote", "reported"}
    assert {"Moon Jae-in", "Shinzo Abe", "Donald Trump"} <= {s.speaker.name for s in extraction.statements}
    assert {"meeting"} <= {e.type for e in extraction.events}
    assert len(split_sentences(article_with(long_paragraph(SMALL)))) > 50
    assert len(split_sentences(article_with(long_paragraph(SMALL, "one-sentence")))) == 1
