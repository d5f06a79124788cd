"""Statements: speakers of quotes and reported speech, pronouns, groups, offices (no database)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.speech import _ADVERBS, _gap_start

from extraction_cases import extract, statements_of

# the search `_gap_start` stands for, as the speaker-gap pattern was written
BETWEEN = re.compile(rf"(?=[,\s]|$)(?:,[^,]{{1,140}},)?(?:\s+(?:{'|'.join(_ADVERBS)}))*\s*$")


def test_reported_speech_and_pronouns() -> None:
    x = extract(
        "Japanese Foreign Minister Yoshimasa Hayashi met South Korean Foreign Minister Park Jin on Monday. "
        "Hayashi said the two countries should cooperate. He stressed that trust was vital.",
        published="2022-07-19",
    )
    assert statements_of(x) == [("Yoshimasa Hayashi", "reported"), ("Yoshimasa Hayashi", "reported")]


def test_direct_quote_with_trailing_attribution() -> None:
    x = extract(
        'South Korean President Moon Jae-in spoke on Monday. "We will not lose to Japan again," Moon said.',
        published="2019-08-03",
    )
    assert statements_of(x) == [("Moon Jae-in", "quote")]


def test_office_said_is_the_leaders_statement_and_according_to() -> None:
    x = extract(
        "President Yoon Suk Yeol met Prime Minister Fumio Kishida on Monday. Yoon's office said the talks "
        "went well. According to Kishida, the two agreed to meet again.",
        published="2023-03-17",
    )
    assert statements_of(x) == [("Yoon Suk Yeol", "reported"), ("Fumio Kishida", "reported")]


def test_both_leaders_speak_for_the_group() -> None:
    x = extract(
        "Lee Jae-myung and Shigeru Ishiba held talks in Tokyo on Saturday. Both leaders emphasized the value "
        "of cooperation.",
        published="2025-08-24",
    )
    assert statements_of(x) == [("Lee Jae-myung", "reported"), ("Shigeru Ishiba", "reported")]


def test_unnamed_speakers_are_not_statements() -> None:
    x = extract(
        "A ministry official told reporters that trust had been lost. Analysts said ties would suffer.",
        published="2019-07-02",
    )
    assert statements_of(x) == []


def test_coordinated_and_participle_speech_belongs_to_the_subject() -> None:
    x = extract(
        "Foreign Minister Taro Kono summoned Ambassador Lee Su-hoon on Tuesday and told him the ruling "
        "was unacceptable. Kono lodged a protest, calling the decision extremely regrettable.",
        published="2018-10-31",
    )
    assert statements_of(x) == [("Taro Kono", "reported"), ("Taro Kono", "reported")]


def test_quoted_as_saying_and_a_pronoun_inside_the_sentence() -> None:
    x = extract(
        '"We must move forward," Moon Jae-in was quoted as saying. Kang Kyung-wha told reporters she '
        "had urged Tokyo to reconsider.",
        published="2019-08-02",
    )
    assert statements_of(x) == [("Moon Jae-in", "quote"), ("Kang Kyung-wha", "reported")]


def test_a_named_speaker_unknown_to_the_knowledge_base_reports_and_takes_no_part() -> None:
    x = extract(
        "Moon Jae-in and Shinzo Abe met in Chengdu on Tuesday. The leaders agreed the matter should be "
        "resolved through dialogue, Ko Min-jung said.",
        published="2019-12-24",
    )
    assert statements_of(x) == [("Ko Min-jung", "reported")]
    assert all("Ko Min-jung" not in e.persons for e in x.events)


def test_a_korean_name_unknown_to_the_knowledge_base_is_its_own_person() -> None:
    x = extract(
        "Prime Minister Lee Nak-yon said on Tuesday the government respected the ruling. Choi Min-ho, "
        "92, one of the plaintiffs, told reporters he had waited too long.",
        published="2018-10-31",
    )
    assert statements_of(x) == [("Lee Nak-yon", "reported"), ("Choi Min-ho", "reported")]
    assert x.statements[1].speaker.country == "KR"


def test_a_possessive_appositive_introduces_the_speaker() -> None:
    x = extract(
        "President Yoon Suk Yeol met Prime Minister Fumio Kishida on Monday. Jeon Min-su, Yoon's adviser "
        "for foreign affairs, told reporters that the talks went well.",
        published="2023-03-17",
    )
    assert statements_of(x) == [("Jeon Min-su", "reported")]


def test_a_government_announcing_a_plan_is_not_a_persons_statement() -> None:
    x = extract(
        "The government of President Moon Jae-in announced in November that it would close the "
        "foundation. Foreign Minister Park Jin announced a plan to compensate the victims on Monday.",
        published="2023-03-07",
    )
    assert statements_of(x) == []


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("also", "had", "have", "both", "once,", "Kim", "x" * 70, "a", ","),
                *(" ", "  ", "\n", "\t", "\u2003", "\x1c", "\x85", "\u2028", "\u3000"),
            ]
        ),
        max_size=14,
    )
)
def test_gap_start_is_where_the_between_pattern_begins(parts: list[str]) -> None:
    text = "".join(parts)
    assert _gap_start(text) == BETWEEN.search(text).start()  # type: ignore[union-attr]


def test_gap_start_examples() -> None:
    assert _gap_start("Kim also ") == 3
    assert _gap_start("Kim, a ministry official, has repeatedly") == 3  # the insertion and the adverbs
    assert _gap_start("Kim," + "y" * 141 + ", also") == 4 + 141 + 1  # an insertion longer than 140: not one
    assert _gap_start(" also") == 0
    assert _gap_start("also") == 4  # no space before it
