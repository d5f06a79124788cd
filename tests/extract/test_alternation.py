"""A word list written as a tree matches exactly what the plain alternation matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.alternation import one_of


def test_shared_beginnings_are_tested_once() -> None:
    assert one_of(["said", "says", "stressed", "told"]) == "(?:s(?:a(?:id|ys)|tressed)|told)"


def test_a_word_that_begins_another_keeps_its_place() -> None:
    # "a" before "ab": the shorter is tried first, as in (?:a|ab)
    assert one_of(["a", "ab"]) == "(?:a(?:|b))"
    assert one_of(["ab", "a"]) == "(?:a(?:b|))"


def test_the_empty_word_is_a_barrier() -> None:
    # (?:b1||b2): "b2" may only be tried after the empty word, never before it
    assert one_of(["b1", "", "b2"]) == "(?:b1||b2)"
    assert re.compile(one_of(["b1", "", "b2"]) + "2?").match("b2").group(0) == ""


def test_ignore_case_merges_what_differs_only_in_case() -> None:
    assert one_of(["Will", "will", "'ll"], ignore_case=True) == "(?:Will|'ll)"
    with pytest.raises(ValueError, match="ASCII"):
        one_of(["été"], ignore_case=True)
    with pytest.raises(ValueError, match="at least one word"):
        one_of([])


def test_special_characters_are_escaped() -> None:
    pattern = re.compile(one_of(["Jan.", "U.S.", "a+b", "(x)"]))
    assert [m.group(0) for m in pattern.finditer("Jan. Janx U.S. USA a+b ab (x)")] == ["Jan.", "U.S.", "a+b", "(x)"]


WORDS = st.lists(st.text(alphabet="aAb -.", max_size=3), min_size=1, max_size=8)
# what follows the list decides which word wins, through backtracking
ENDINGS = ["", r"\b", r"(?![a-z])", "b", r"a?\.", r"(?=\s)", "$"]


@settings(max_examples=500, deadline=None)
@given(st.data(), WORDS, st.sampled_from(ENDINGS), st.booleans())
def test_the_tree_finds_what_the_alternation_finds(
    data: st.DataObject, words: list[str], ending: str, ignore_case: bool
) -> None:
    # a text made of the words themselves and a few other characters
    pieces = data.draw(
        st.lists(st.one_of(st.sampled_from(words), st.text(alphabet="aAb -.x", max_size=2)), max_size=12)
    )
    text = "".join(pieces)
    flags = re.IGNORECASE if ignore_case else 0
    tree = re.compile(f"({one_of(words, ignore_case)}){ending}", flags)
    plain = re.compile(f"((?:{'|'.join(map(re.escape, words))})){ending}", flags)
    assert [(m.span(), m.group(1)) for m in tree.finditer(text)] == [
        (m.span(), m.group(1)) for m in plain.finditer(text)
    ]


NON_EMPTY_WORDS = st.lists(st.text(alphabet="aAb -.", min_size=1, max_size=3), min_size=1, max_size=8)


@settings(max_examples=500, deadline=None)
@given(st.data(), NON_EMPTY_WORDS, st.sampled_from(ENDINGS))
def test_a_look_behind_after_the_first_character_finds_what_it_finds_before_it(
    data: st.DataObject, words: list[str], ending: str
) -> None:
    # `(?<![\w.])word` written as `w(?<![\w.].)ord`, as the lexicon's phrase patterns are
    pieces = data.draw(
        st.lists(st.one_of(st.sampled_from(words), st.text(alphabet="aAb -.x\n_", max_size=2)), max_size=12)
    )
    text = "".join(pieces)
    moved = re.compile(one_of(words, after_first=r"(?<![\w.].)") + ending)
    before = re.compile(r"(?<![\w.])" + one_of(words) + ending)
    assert [m.span() for m in moved.finditer(text)] == [m.span() for m in before.finditer(text)]


def test_after_first_needs_words_of_one_character_at_least() -> None:
    assert one_of(["said", "says", "told"], after_first="(?<!x.)") == "(?:s(?<!x.)(?:a(?:id|ys))|t(?<!x.)old)"
    with pytest.raises(ValueError, match="at least one character"):
        one_of(["a", ""], after_first="(?<!x.)")
