"""The first-character guard changes speed, never matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract import clauses, dates, participants, speech, triggers
from tracker.extract.guard import AtEnd, first_characters, guarded, may_match, required_literals


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\b(?:met|summit|talks)\b", 0, "mst"),
        (r"\b(?:tele)?phoned\b", 0, "pt"),
        (r"(?i:in|by)\s+\d", 0, "BIbi"),
        (r"\d+ days", 0, {r"\d"}),
        (r",?\s+when", 0, {",", r"\s"}),
        (r"[A-C]x|y", re.IGNORECASE, "ABCYabcy"),
    ],
)
def test_first_characters(pattern: str, flags: int, expected: str | set[str]) -> None:
    assert first_characters(pattern, flags) == frozenset(expected)


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\b(?:met|meets?|summit)\b", 0, {"met", "meet", "summit"}),
        (r"\b(?:tele)?phoned\b|\bby (?:tele)?phone\b", 0, {"phone"}),
        (r"\b(?:fired|launched)\b[^.;]{0,40}?\b(?:missiles?|rockets?)\b", 0, {"missile", "rocket"}),
        (r"(?:abc)+de", 0, {"abc"}),  # a repeat at least once requires what it repeats
        (r"x(?:abc)*y", 0, None),  # nothing three characters long is required
        (r"\bsummit\b", re.IGNORECASE, None),  # any case: unknown
        (r"\b(?i:summit)|talks", 0, None),
    ],
)
def test_required_literals(pattern: str, flags: int, expected: set[str] | None) -> None:
    assert required_literals(pattern, flags) == (frozenset(expected) if expected is not None else None)


def test_may_match_is_false_only_without_the_required_strings() -> None:
    agreed = may_match(r"\b(?:agreed|plans)\b")
    assert [agreed(t) for t in ("they agreed", "no plans", "disagreed", "nothing")] == [True, True, True, False]
    summit = may_match(r"\bsummit\b", re.IGNORECASE)  # any case: looked for in the lower-cased text
    assert [summit(t) for t in ("SUMMIT", "Summit talks", "talks", "sum mit")] == [True, True, False, False]
    # characters `re` matches to i and s, ignoring case, that lower-case to something else: always True
    assert [summit(t) for t in ("SUMMİT", "ſummit", "summıt")] == [True, True, True]
    assert all(re.search(r"\bsummit\b", t, re.IGNORECASE) for t in ("SUMMİT", "ſummit", "summıt"))
    assert may_match(r"\b\w+\b", re.IGNORECASE)("") is True  # nothing required: always True


def test_folded_literals_are_lower_case_and_count_the_parts_that_ignore_case() -> None:
    assert required_literals(r"\bsummit\b", re.IGNORECASE, fold=True) == {"summit"}
    assert required_literals(r"(?i:Acting) President", fold=True) == {" president"}
    assert required_literals(r"\b(?i:will|shall)\b", fold=True) == {"will", "shall"}
    assert required_literals(r"CAFÉS", re.IGNORECASE, fold=True) == {"caf"}  # non-ASCII letters end a run


@pytest.mark.parametrize("pattern", [r"x?", r".a", r"[^a]b", r"(?:a|)b?", r"\S"])
def test_unknown_or_empty_starts_get_no_guard(pattern: str) -> None:
    assert first_characters(pattern) is None
    assert guarded(pattern).pattern == pattern


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r",\s+(?:a|the)", 0), (r"['’]s\s+office", 0), (r"(?:said|told)\b", 0), (r"(?P<name>[A-Z][a-z]+) said", 0)],
)
def test_no_guard_where_the_engine_finds_the_starts_itself(pattern: str, flags: int) -> None:
    # a literal, a class or a choice of literals first: `re` scans for them faster than a lookahead
    assert guarded(pattern, flags).pattern == pattern


def test_a_guard_where_case_is_ignored_or_a_boundary_comes_first() -> None:
    assert guarded(r"(?:said|told)\b", re.IGNORECASE).pattern == r"(?=[STst])(?:(?:said|told)\b)"
    assert guarded(r"\bsaid").pattern == r"(?=[s])(?:\bsaid)"


PATTERNS = [
    dates.PHRASES,
    dates.ANCHORS,
    dates.FUTURE,
    participants.TITLE_BEFORE_NAME,
    participants.TITLE_ONLY,
    participants.GROUP_PEOPLE,
    clauses.BOUNDARY,
    speech.SPEECH_VERB,
    speech.INTENT_VERB,
]
WORDS = [
    "President Lee Jae-myung",
    "met",
    "the two leaders",
    "Sept. 21, 2022",
    "on Tuesday",
    "a day earlier",
    "last month",
    "will",
    "phoned",
    "Prime Minister",
    "agreed",
    "export controls",
    "Kim Dae-jung",
    "in March",
    "THE LEADERS",
    "1965",
    "x",
    ",",
    ".",
    "\n",
    "; ",
    ", when ",
    " a day after ",
    ", and the two",
    " two days before ",
    " in which ",
    ", as they",
    " whereas ",
    " until ",
    "\tat which ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=30))
def test_guarded_patterns_find_exactly_what_the_plain_ones_find(parts: list[str]) -> None:
    text = " ".join(parts)
    for pattern in PATTERNS:
        assert pattern.pattern.startswith("(?=[")
        plain = re.compile(pattern.pattern.split(")(?:", 1)[1][:-1], pattern.flags)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


TRIGGER_WORDS = [
    "held talks",
    "courtesy call",
    "spoke by phone",
    "ended the agreement",
    "lodged a strong protest",
    "the court ruled",
    "fired two missiles",
    "took office",
    "laid a wreath",
    "imposed export controls on",
    "signed",
]


def _every_match(patterns: list[re.Pattern[str]], text: str) -> list[tuple[int, tuple[int, int], str]]:
    return [(rank, m.span(), m.group(0)) for rank, p in enumerate(patterns) for m in p.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS + TRIGGER_WORDS), st.text(max_size=6)), max_size=30))
def test_the_trigger_scan_finds_what_each_pattern_finds(parts: list[str]) -> None:
    text = " ".join(parts).lower()
    found = [(rank, m.span(), m.group(0)) for rank, m in triggers.LOWER_SCAN.scan(text)]
    assert found == _every_match(triggers.LOWER_SCAN.patterns, text)


# patterns with what makes a scan by beginnings hard: overlapping beginnings, a lookbehind, one
# that may begin with any letter (scanned on its own), an optional beginning, matches that overlap
MIXED = [
    re.compile(r"end(?:ed|ing)?\b"),
    re.compile(r"(?<!x)ending"),
    re.compile(r"[a-z]+ed\b"),
    re.compile(r"(?:tele)?phone(?:d| call)"),
    re.compile(r"aba"),
    re.compile(r"(?:ab)+c|b[a-c]"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["end", "ended", "xending", "ending", "telephoned", "phone call", "ababa", "bc", " ", "x"]),
        max_size=20,
    )
)
def test_a_multi_scan_finds_what_finditer_finds(parts: list[str]) -> None:
    from tracker.extract.guard import MultiScan

    text = "".join(parts)
    scan = MultiScan(MIXED)
    assert scan.prefixes[2] is None  # scanned on its own
    assert [(rank, m.span(), m.group(0)) for rank, m in scan.scan(text)] == _every_match(MIXED, text)


def test_a_multi_scan_tests_word_boundaries_as_its_patterns_do() -> None:
    from tracker.extract.guard import MultiScan

    # with the ASCII flag, é is not a word character: "x" after it begins a word
    for pattern in (re.compile(r"\bx", re.ASCII), re.compile(r"(?a:\bx)")):
        assert [m.span() for _, m in MultiScan([pattern]).scan("éx x")] == [(1, 2), (3, 4)]
    assert [m.span() for _, m in MultiScan([re.compile(r"\bx")]).scan("éx x")] == [(3, 4)]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\b(?:met|meets?|summit)\b", 0, {"met", "meet", "summ"}),
        (r"\b(?:tele)?phoned\b", 0, {"tele", "phon"}),
        (r"by (?:tele)?phone", 0, {"by t", "by p"}),
        (r"withdr[ae]w", 0, {"withdra", "withdre"}),
        (r"(?:ab)+c", 0, {"ab"}),  # a repeat may be followed by more of itself: its first round only
        (r"x(?:ab)*y", 0, {"xy", "xab"}),
        (r"ab|a", 0, {"a"}),  # "ab" begins with "a": one string is enough
        (r"\bsummit", re.IGNORECASE, None),  # a letter in any case: not spelled out
        (r"[a-z]+ed", 0, None),  # a wide class
        (r"(?:x)?", 0, None),  # may be empty
    ],
)
def test_literal_prefixes(pattern: str, flags: int, expected: set[str] | None) -> None:
    from tracker.extract.guard import literal_prefixes

    longest = 7 if "withdr" in pattern else 4
    assert literal_prefixes(pattern, flags, longest) == (frozenset(expected) if expected is not None else None)


END_WORDS = [
    "he",
    "She",
    "Both leaders",
    "the two",
    "The three leaders",
    "the leaders of both countries",
    "x",
    " ",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(END_WORDS), st.text(max_size=4)), max_size=12), st.text(" \t\n", max_size=3))
def test_at_end_finds_what_a_search_of_the_whole_text_finds(parts: list[str], spaces: str) -> None:
    text = " ".join(parts) + spaces
    for at_end in (speech.PRONOUN, speech.GROUP_SPEAKER):
        plain = re.compile(at_end.pattern.pattern.split(")(?:", 1)[1][:-1])
        found, expected = at_end.search(text), plain.search(text)
        assert (
            (found.span(), found.groupdict()) == (expected.span(), expected.groupdict()) if expected else found is None
        )


def test_at_end_needs_a_longest_match() -> None:
    assert AtEnd(r"\bhe").longest == 2
    with pytest.raises(ValueError, match="no longest match"):
        AtEnd(r"\w+")


CASE_WORDS = ["the prime minister", "Japan's President", "WILL", "Next", "is to", "PREMİER", "ſhall", "leader", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(CASE_WORDS), st.text(max_size=5)), max_size=12))
def test_a_text_the_folded_test_rules_out_has_no_match(parts: list[str]) -> None:
    text = " ".join(parts)
    for pattern in (participants.TITLE_ONLY, dates.FUTURE):
        if not may_match(pattern.pattern, pattern.flags)(text):
            assert pattern.search(text) is None


# the name patterns as first written, with their look-behinds before the first capital
NAME_PATTERNS_BEFORE = [
    (participants.CAPITALIZED_WORD, r"(?<![A-Za-z’'])(?<![A-Za-z’']-)[A-Z][A-Za-z’']*(?:-[A-Za-z]+)*"),
    (
        participants.NAME_BEFORE_SPEECH,
        rf"(?<![\w.])(?P<name>{participants._NAME_PART}(?:\s{participants._NAME_PART}){{1,2}})(?P<title>)"
        r"\s+(?:said|says|told|added|stressed|noted)\b",
    ),
    (participants.KOREAN_NAME, r"(?<![\w.-])(?P<name>[A-Z][a-z]{1,5}\s[A-Z][a-z]+-[a-z]+)(?P<title>)(?![\w-])"),
]
NAME_PIECES = ["Lee", "Jae-myung", "Kim", "Min-jung", " ", "\n", "-", ".", "'", "’", "a", "_", "9", "é", "said", "O'"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAME_PIECES), st.text(alphabet="Aa-.'’ _\n", max_size=3)), max_size=16))
def test_name_patterns_with_the_look_behind_after_the_capital_find_what_they_found(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern, before in NAME_PATTERNS_BEFORE:
        found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in re.finditer(before, text)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([" of the ", "of", "the", " ", "\t", "\n", "-", "a", "Z", "x-y", "of  the\n"]), max_size=14
    )
)
def test_new_person_tests_written_literal_first_hold_where_they_held(parts: list[str]) -> None:
    text = "".join(parts)
    tests = {pattern: needs for pattern, needs in participants._NEW_PERSON_PATTERNS}
    before = {participants.NAME_OF_OFFICE: r"\sof\s+the\s", participants.KOREAN_NAME: r"[a-z]-[a-z]"}
    for pattern, first_form in before.items():
        assert (tests[pattern].search(text) is None) == (re.search(first_form, text) is None)
