"""Photo captions and link lists yield no event, and the people named only there take part in none."""

from __future__ import annotations

from tracker.extract.captions import is_page_noise

from extraction_cases import events_of, extract


def test_a_caption_with_a_position_marker_yields_no_meeting() -> None:
    x = extract(
        "SEOUL, March 14 -- Prime Minister Fumio Kishida (left) shakes hands with President Yoon Suk Yeol "
        "before their talks in Seoul on Tuesday.",
    )
    assert events_of(x) == []


def test_a_caption_ending_with_a_photo_credit_yields_no_event() -> None:
    x = extract("SEOUL, March 14 -- Yoon Suk Yeol and Fumio Kishida meet in Tokyo on Tuesday (Yonhap)")
    assert events_of(x) == []


def test_people_of_a_caption_are_not_taken_into_the_next_sentence() -> None:
    x = extract(
        "SEOUL, March 14 -- President Yoon Suk Yeol (right) greets Chinese Premier Li Qiang on Tuesday. [AP Photo]\n"
        "Yoon met Japanese Prime Minister Fumio Kishida on Wednesday. They agreed to resume shuttle diplomacy.",
    )
    assert events_of(x) == [
        ("meeting", "2024-03-13", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR")),
        ("agreement", "2024-03-13", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR")),
    ]


def test_a_link_list_is_noise() -> None:
    assert is_page_noise("ALSO READ Kishida to visit Seoul for summit with Yoon")


def test_a_story_sentence_with_a_parenthesis_is_not_a_caption() -> None:
    assert not is_page_noise("Yoon met Kishida (who arrived on Monday) in Seoul on Tuesday.")
    x = extract("SEOUL, March 14 -- Yoon Suk Yeol met Fumio Kishida (who arrived on Monday) in Seoul on Tuesday.")
    assert [e[0] for e in events_of(x)] == ["meeting"]
