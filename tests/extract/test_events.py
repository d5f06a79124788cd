"""Events from the team's own sentences: types, dates, participants, merging (no database)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.events import IN_NAME

from extraction_cases import events_of, extract


def test_lead_summit_with_weekday_and_anaphora_is_one_event() -> None:
    x = extract(
        "BUSAN, March 14 (Yonhap) -- South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio "
        "Kishida held talks on Tuesday in Busan.\n"
        "The meeting lasted an hour, and the two leaders later dined together.",
        published="2024-03-14",
    )
    assert events_of(x) == [("meeting", "2024-03-12", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))]
    assert len(x.events[0].sentences) == 2


def test_phone_call_takes_the_lead_date_when_the_sentence_has_none() -> None:
    x = extract(
        "Japanese Prime Minister Shigeru Ishiba and South Korean President Lee Jae-myung spoke by phone "
        "on Monday.\nLater, Ishiba telephoned U.S. President Donald Trump.",
        published="2025-06-10",
    )
    assert events_of(x) == [
        ("call", "2025-06-09", "day", ("Lee Jae-myung", "Shigeru Ishiba"), ("JP", "KR")),
        ("call", "2025-06-09", "day", ("Donald Trump", "Shigeru Ishiba"), ("JP", "US")),
    ]


def test_background_with_month_precision_and_undated_background_is_dropped() -> None:
    x = extract(
        "South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in Seoul on Sunday.\n"
        "Yoon had visited Tokyo in March for talks with Kishida. Relations have long been strained since "
        "the two leaders met.",
        published="2023-05-08",
    )
    assert events_of(x) == [
        ("meeting", "2023-05-07", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR")),
        ("meeting", "2023-03-01", "month", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR")),
    ]


def test_government_measure_names_both_countries() -> None:
    x = extract(
        "Tokyo -- Japan announced on Friday it would tighten export controls on chemicals shipped to South Korea.",
        published="2019-07-06",
    )
    assert events_of(x) == [("policy", "2019-07-05", "day", (), ("JP", "KR"))]


def test_future_trip_to_meet_someone_is_a_planned_meeting() -> None:
    x = extract(
        "Japanese Foreign Minister Takeshi Iwaya will visit Seoul on Monday to meet South Korean Foreign "
        "Minister Cho Tae-yul.",
        published="2025-01-10",
    )
    assert [(e.type, e.date.date.isoformat(), e.status, tuple(sorted(e.persons))) for e in x.events] == [
        ("meeting", "2025-01-13", "planned", ("Cho Tae-yul", "Takeshi Iwaya"))
    ]


def test_future_visit_alone_is_a_planned_visit() -> None:
    x = extract("Japanese Prime Minister Shigeru Ishiba will visit Seoul on Monday.", published="2025-01-10")
    assert [(e.type, e.date.date.isoformat(), e.status) for e in x.events] == [("visit", "2025-01-13", "planned")]


def test_what_someone_said_is_not_an_event() -> None:
    x = extract(
        "South Korean President Moon Jae-in said on Monday that a summit with Japan was possible and "
        "that talks should resume.",
        published="2019-10-01",
    )
    assert events_of(x) == []


def test_office_taking_with_relative_clause_and_negated_meeting() -> None:
    x = extract(
        "Shigeru Ishiba, who took office on Oct. 1, has not met the South Korean president.", published="2024-10-05"
    )
    assert events_of(x) == [("office", "2024-10-01", "day", ("Shigeru Ishiba",), ("JP",))]


def test_each_held_separate_talks_gives_one_meeting_per_member() -> None:
    x = extract(
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Madrid on "
        "Wednesday. Later on Wednesday the two leaders joined NATO officials, after each had held "
        "separate talks with U.S. President Joe Biden.",
        published="2022-06-30",
    )
    assert ("meeting", "2022-06-29", "day", ("Fumio Kishida", "Joe Biden"), ("JP", "US")) in events_of(x)
    assert ("meeting", "2022-06-29", "day", ("Joe Biden", "Yoon Suk Yeol"), ("KR", "US")) in events_of(x)


def test_talks_with_one_and_then_another_are_two_meetings() -> None:
    x = extract(
        "Foreign Minister Park Jin held talks with Antony Blinken and then with Yoshimasa Hayashi in "
        "Phnom Penh on Thursday.",
        published="2022-08-05",
    )
    assert sorted(events_of(x)) == [
        ("meeting", "2022-08-04", "day", ("Antony Blinken", "Park Jin"), ("KR", "US")),
        ("meeting", "2022-08-04", "day", ("Park Jin", "Yoshimasa Hayashi"), ("JP", "KR")),
    ]


def test_a_government_act_is_credited_to_the_official_who_announces_it() -> None:
    x = extract(
        "Seoul decided on Monday to end the military pact with Japan. Chung Eui-yong, director of the "
        "presidential National Security Office, told reporters the pact no longer served the national "
        "interest.",
        published="2019-08-27",
    )
    assert events_of(x) == [("policy", "2019-08-26", "day", ("Chung Eui-yong",), ("JP", "KR"))]


def test_a_date_only_inherited_gives_way_to_the_events_own_day() -> None:
    x = extract(
        "Prime Minister Fumio Kishida flew home on Saturday from a trip during which he held a summit "
        "with President Yoon Suk Yeol.\nKishida, who leaves office this month, met Yoon on Friday.",
        published="2024-09-07",
    )
    assert [(e.type, e.date.date.isoformat()) for e in x.events] == [("meeting", "2024-09-06")]


def test_hypothetical_habitual_and_ruling_party_are_not_events() -> None:
    x = extract(
        "Shigeru Ishiba could meet Lee Jae-myung next month. Takaichi has regularly visited Yasukuni "
        "Shrine. Sanae Takaichi won the ruling party's leadership race on Saturday.",
        published="2025-10-06",
    )
    assert [e.type for e in x.events] == []


def test_she_is_not_the_man_named_before() -> None:
    x = extract(
        "Park Geun-hye has not held a summit with Shinzo Abe since she took office in February 2013.",
        published="2015-10-30",
    )
    assert events_of(x) == [("office", "2013-02-01", "month", ("Park Geun-hye",), ("KR",))]


def test_a_predecessor_named_in_passing_takes_no_part() -> None:
    x = extract(
        "Shigeru Ishiba and Yoon Suk Yeol held their first summit on Thursday, building on ties repaired "
        "under Ishiba's predecessor, Fumio Kishida.",
        published="2024-10-10",
    )
    assert events_of(x) == [("meeting", "2024-10-10", "day", ("Shigeru Ishiba", "Yoon Suk Yeol"), ("JP", "KR"))]


def test_a_court_ruling_has_countries_not_people() -> None:
    x = extract(
        "Foreign Minister Taro Kono protested on Tuesday, hours after South Korea's Supreme Court "
        "ordered Nippon Steel to compensate four Koreans.",
        published="2018-10-31",
    )
    rulings = [e for e in events_of(x) if e[0] == "ruling"]
    assert rulings == [("ruling", "2018-10-30", "day", (), ("JP", "KR"))]


def test_leaders_who_talked_met() -> None:
    x = extract(
        "Lee Jae-myung and Shigeru Ishiba agreed in Tokyo on Saturday to expand exchanges. The two leaders "
        "talked for nearly two hours at Ishiba's residence.",
        published="2025-08-24",
    )
    assert ("meeting", "2025-08-23", "day", ("Lee Jae-myung", "Shigeru Ishiba"), ("JP", "KR")) in events_of(x)


def test_the_two_leaders_are_the_two_just_named_when_nothing_was_told_before() -> None:
    x = extract(
        "President Moon Jae-in told Prime Minister Shinzo Abe on Thursday that the deal was hard to "
        "accept, as the two leaders held their first phone conversation.",
        published="2017-05-11",
    )
    assert events_of(x) == [("call", "2017-05-11", "day", ("Moon Jae-in", "Shinzo Abe"), ("JP", "KR"))]


def test_a_thing_of_a_year_is_dated_by_that_year() -> None:
    x = extract("Tokyo says the ruling violates a 1965 treaty between Japan and South Korea.", published="2019-07-02")
    assert [(e.type, e.date.date.isoformat(), e.date.precision) for e in x.events] == [
        ("agreement", "1965-01-01", "year")
    ]


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.sampled_from(["in", "in ", " ", "Japan", "South Korea", "x", "é", "_", "\n", ".", "Kin"]), max_size=12)
)
def test_in_name_finds_what_the_word_boundary_pattern_finds(parts: list[str]) -> None:
    text = "".join(parts)
    first = re.search(r"\bin (?P<c>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b", text)
    found = IN_NAME.search(text)
    assert (found and (found.span(), found["c"])) == (first and (first.span(), first["c"]))


# the owner of an event noun ("his summit", "her talks") takes part in it


def test_his_summit_with_someone_includes_the_subject_of_the_sentence_before() -> None:
    x = extract(
        "SEOUL, March 14 -- Fumio Kishida arrived in Busan on Friday.\n"
        "His summit on Saturday was with South Korean President Yoon Suk Yeol.",
        published="2024-03-14",
    )
    assert ("meeting", "2024-03-09", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR")) in events_of(x)


def test_her_meeting_with_someone_named_in_the_same_sentence() -> None:
    x = extract(
        "SEOUL, Nov. 5 -- Sanae Takaichi arrived in Seoul on Monday, a day before her meeting with Lee Jae-myung.",
        published="2025-11-05",
    )
    assert [e for e in events_of(x) if e[0] == "meeting"] == [
        ("meeting", "2025-11-04", "day", ("Lee Jae-myung", "Sanae Takaichi"), ("JP", "KR"))
    ]


def test_his_talks_held_by_phone_take_the_possessor() -> None:
    x = extract(
        "SEOUL, June 10 -- Lee Jae-myung took questions on Tuesday.\n"
        "His phone call with Shigeru Ishiba on Monday lasted 20 minutes.",
        published="2025-06-10",
    )
    assert ("call", "2025-06-09", "day", ("Lee Jae-myung", "Shigeru Ishiba"), ("JP", "KR")) in events_of(x)


def test_a_possessive_of_someone_else_is_not_the_owner() -> None:
    x = extract(
        "TOKYO, March 14 -- Shigeru Ishiba spoke on Friday.\nHe recalled his predecessor's summit with Yoon Suk Yeol.",
        published="2025-03-14",
    )
    assert [e for e in events_of(x) if e[0] == "meeting" and "Shigeru Ishiba" in e[3]] == []


# "to discuss ...": a purpose clause names another event, with its own date and people


def test_a_call_to_discuss_a_summit_of_others_keeps_both_apart() -> None:
    x = extract(
        "SEOUL, Nov. 19 -- Fumio Kishida and Yoon Suk Yeol spoke by phone on Monday to discuss the summit "
        "that Joe Biden and Xi Jinping held in Lima on Saturday.",
        published="2024-11-19",
    )
    assert events_of(x) == [
        ("call", "2024-11-18", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR")),
        ("meeting", "2024-11-16", "day", ("Joe Biden", "Xi Jinping"), ("CN", "US")),
    ]


def test_a_meeting_to_go_over_an_earlier_deal_of_others() -> None:
    x = extract(
        "TOKYO, Aug. 25 -- Lee Jae-myung met Shigeru Ishiba in Tokyo on Saturday to go over the deal that "
        "Yoon Suk Yeol and Fumio Kishida reached in March 2023.",
        published="2025-08-25",
    )
    assert events_of(x)[0] == ("meeting", "2025-08-23", "day", ("Lee Jae-myung", "Shigeru Ishiba"), ("JP", "KR"))
    assert ("agreement", "2023-03-01", "month", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR")) in events_of(x)


def test_a_purpose_clause_does_not_lend_its_date_to_the_main_event() -> None:
    x = extract(
        "SEOUL, March 14 -- Yoon Suk Yeol telephoned Fumio Kishida earlier in the day to review the "
        "missile launch North Korea conducted on Monday.",
        published="2024-03-14",
    )
    assert events_of(x)[0] == ("call", "2024-03-14", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))


def test_an_infinitive_of_intent_is_not_a_purpose_clause() -> None:
    x = extract(
        "SEOUL, March 14 -- Yoon Suk Yeol and Fumio Kishida agreed on Monday to hold talks in Seoul next month.",
        published="2024-03-14",
    )
    assert events_of(x)[0] == ("agreement", "2024-03-11", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))
