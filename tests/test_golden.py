"""Golden extractions of the seeds: every change of output shows as a change of JSON in the diff.

Each seed article is read the way `tracker load` reads it and extracted by the pure extractor;
`tests/golden/<seed>.json` holds what it yielded. On a difference the test fails with a short
unified diff; `pytest --update-golden` rewrites the files instead, for a reviewer to read in git.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from tracker.extract import extract_article
from tracker.model import Article, DateValue, ExtractedEvent, Extraction, ParticipantRef
from tracker.pipeline import read_articles

from locations import REPO, SEEDS

GOLDEN = REPO / "tests" / "golden"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
DIFF_LINES = 60


def read_seed(path: Path) -> Article:
    """The one article of a seed file, through the same reader as `tracker load`."""
    [(name, article)] = list(read_articles([str(path)]))
    assert isinstance(article, Article), f"{name}: {article}"
    return article


def _date(value: DateValue) -> dict[str, str]:
    return {"date": value.date.isoformat(), "precision": value.precision}


def _party(ref: ParticipantRef) -> str:
    """One line per participant, so that a diff hunk shows whose event or statement changed."""
    return f"{ref.name} ({ref.kind}, {ref.country})" if ref.country else f"{ref.name} ({ref.kind})"


def _event(event: ExtractedEvent) -> dict[str, Any]:
    return {
        "type": event.type,
        **_date(event.date),
        "status": event.status,
        "location": event.location,
        "participants": [_party(p) for p in sorted(event.participants, key=lambda p: (p.kind, p.name))],
        "sources": [
            {"start": s.start, "end": s.end, "sentence": s.text} for s in sorted(event.sentences, key=lambda s: s.start)
        ],
    }


def _event_order(event: dict[str, Any]) -> tuple[int, str, str, str]:
    first = event["sources"][0]["start"] if event["sources"] else -1
    return first, event["type"], event["date"], "; ".join(event["participants"])


def as_golden(extraction: Extraction) -> dict[str, Any]:
    """What an article yielded, as plain JSON in a stable order: events by their first sentence,
    statements by their sentence, each statement naming its event by its index in that order."""
    events = [_event(e) for e in extraction.events]
    order = sorted(range(len(events)), key=lambda i: _event_order(events[i]))
    position = {old: new for new, old in enumerate(order)}
    statements = [
        {
            "speaker": _party(s.speaker),
            "kind": s.kind,
            "text": s.text,
            **_date(s.date),
            "event": None if s.event_index is None else position[s.event_index],
            "sentence_start": s.sentence.start,
        }
        for s in extraction.statements
    ]
    return {
        "title": extraction.article.title,
        "published": extraction.article.published.isoformat(),
        "events": [events[i] for i in order],
        "statements": sorted(statements, key=lambda s: (s["sentence_start"], s["speaker"], s["text"])),
        "new_people": sorted(
            ({"person": _party(p), "title": p.title} for p in extraction.new_people), key=lambda p: p["person"]
        ),
    }


def golden_text(seed: Path) -> str:
    found = as_golden(extract_article(read_seed(seed)))
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"


def short_diff(expected: str, actual: str, name: str) -> str:
    lines = list(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"tests/golden/{name}", "extraction now", lineterm=""
        )
    )
    if len(lines) > DIFF_LINES:
        lines = [*lines[:DIFF_LINES], f"... ({len(lines) - DIFF_LINES} more diff lines)"]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_seed_extraction_matches_golden(seed: Path, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / f"{seed.stem}.json"
    actual = golden_text(seed)
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}; run pytest --update-golden to accept", pytrace=False)
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = short_diff(expected, actual, golden.name)
        pytest.fail(f"{seed.name} extracts differently:\n{diff}\nrun pytest --update-golden to accept", pytrace=False)


def test_every_golden_file_has_its_seed(request: pytest.FixtureRequest) -> None:
    stale = sorted(p for p in GOLDEN.glob("*.json") if not (SEEDS / f"{p.stem}.txt").exists())
    if request.config.getoption("--update-golden"):
        for path in stale:
            path.unlink()
        return
    assert [p.name for p in stale] == [], "golden files of removed seeds; run pytest --update-golden to accept"
