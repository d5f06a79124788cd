"""The trigger scan equals the plain patterns of the event types, and the registry is the one
place a type or a trigger word is added."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker.event_types import REGISTRY, EventType
from tracker.extract import triggers
from tracker.extract.guard import MultiScan
from tracker.extract.triggers import find_triggers, scan_triggers
from tracker.vocabulary import EVENT_TYPES, PLOVER

from extraction_cases import events_of, extract

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_DIRS = [ROOT / "seeds", ROOT.parent / "shared" / "devset" / "articles"]
ARTICLES = sorted(p for d in ARTICLE_DIRS if d.is_dir() for p in d.glob("*.txt"))


def _plain_scan(body: str) -> list[tuple[int, str, int, int]]:
    """Each type's patterns, compiled as written and ignoring case, run over the mixed-case text."""
    plain = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in triggers._PATTERNS]
    found = [(rank, kind, m.start(), m.end()) for rank, (kind, p) in enumerate(plain) for m in p.finditer(body)]
    return sorted(found, key=lambda t: t[2])


def test_there_are_whole_articles_to_compare_on() -> None:
    assert len([p for p in ARTICLES if p.parent.name == "seeds"]) >= 10


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_the_scan_of_a_whole_article_equals_the_plain_patterns(path: Path) -> None:
    body = path.read_text(encoding="utf-8")
    assert scan_triggers(body) == _plain_scan(body), f"the fast trigger scan differs from the plain patterns on {path}"
    assert find_triggers(body) == find_triggers(body, _plain_scan(body))


def test_a_trigger_written_with_capitals_matches_in_any_case() -> None:
    scan = MultiScan([re.compile(r"\b(?:Joint Fact Sheet|G7 summit)\b", re.IGNORECASE)], folded=True)
    text = "They issued a JOINT fact sheet after the g7 Summit.".lower()
    assert [m.group(0) for _, m in scan.scan(text)] == ["joint fact sheet", "g7 summit"]


def test_a_trigger_that_asks_for_a_case_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match=r"demo: trigger .*asks for a case"):
        triggers._check(EventType("demo", "CONSULT", "demo", "subject", 99, verbs=(r"(?-i:Met)",)))


def test_every_type_is_in_the_vocabulary_with_its_plover_category() -> None:
    assert tuple(t.name for t in REGISTRY) == EVENT_TYPES
    assert PLOVER["sanction"] == "COERCE"
    assert {t.frame for t in REGISTRY} <= {"two parties", "counterpart", "subject", "actor"}


def test_the_cli_help_lists_the_registry_types() -> None:
    from typer.testing import CliRunner

    from tracker.cli import app

    out = CliRunner().invoke(app, ["timeline", "--help"], env={"COLUMNS": "200"}).output
    for name in EVENT_TYPES:
        assert name in out


# sanction: a type added as one registry record (docs/extending.md)


def test_a_state_imposing_sanctions_is_a_sanction_on_the_target() -> None:
    x = extract("SEOUL, March 14 -- The United States imposed new sanctions on North Korea on Tuesday.")
    assert events_of(x) == [("sanction", "2024-03-12", "day", (), ("KP", "US"))]


def test_a_sanction_told_with_another_verb() -> None:
    x = extract("TOKYO, March 14 -- Japan on Wednesday froze the assets of banks that help Russia.")
    assert events_of(x) == [("sanction", "2024-03-13", "day", (), ("JP", "RU"))]


def test_sanctions_slapped_on_a_country_by_name() -> None:
    x = extract("WASHINGTON, March 14 -- Washington slapped fresh financial sanctions on Pyongyang on Monday.")
    assert [e[0] for e in events_of(x)] == ["sanction"]


def test_sanctions_only_threatened_are_no_event() -> None:
    x = extract("SEOUL, March 14 -- Seoul said it could impose sanctions on Pyongyang if the launches continue.")
    assert events_of(x) == []
