"""Which date an event takes: day-of-month phrases, background things with dates of their own,
hedged names, the narrative's day, and one event told twice (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract.dates import find_dates

from extraction_cases import events_of, extract

KR_JP = ("JP", "KR")
YOON_KISHIDA = ("Fumio Kishida", "Yoon Suk Yeol")


def phrases(text: str, ref: dt.date, anchor: dt.date | None = None) -> list[tuple[str, str]]:
    return [(p.text, p.value.date.isoformat()) for p in find_dates(text, ref, anchor)]


# --- "On the 17th": a day of the reference month (of the month before when still to come) --------


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("On the 17th (local time), the two ministers met in Ottawa.", "2025-06-18", [("On the 17th", "2025-06-17")]),
        ("The envoy returned home on the 3rd.", "2024-10-10", [("on the 3rd", "2024-10-03")]),
        ("On the 28th, the two sides signed the accord.", "2024-03-02", [("On the 28th", "2024-02-28")]),
    ],
)
def test_day_of_month_is_of_the_reference_month(text: str, ref: str, expected: list[tuple[str, str]]) -> None:
    assert phrases(text, dt.date.fromisoformat(ref)) == expected


def test_an_ordinal_without_on_is_not_a_day() -> None:
    assert phrases("The 17th party congress opened; the 3rd round of talks ended.", dt.date(2025, 6, 18)) == []


def test_day_of_month_dates_the_lead_meeting() -> None:
    x = extract(
        "On the 17th (local time), President Yoon Suk Yeol met Prime Minister Fumio Kishida in Madrid.",
        published="2022-06-18",
    )
    assert events_of(x) == [("meeting", "2022-06-17", "day", YOON_KISHIDA, KR_JP)]


# --- "Dec.28, 2015": an abbreviated month and its day with no space between ---------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the deal reached on Dec.28, 2015 in Seoul", [("Dec.28, 2015", "2015-12-28")]),
        ("They met on Sept.3 in Vladivostok.", [("Sept.3", "2023-09-03")]),
        ("Talks resumed Jan.5, 2020, after a pause.", [("Jan.5, 2020", "2020-01-05")]),
    ],
)
def test_abbreviated_month_needs_no_space_before_its_day(text: str, expected: list[tuple[str, str]]) -> None:
    assert phrases(text, dt.date(2024, 3, 14)) == expected


def test_other_abbreviations_before_a_number_are_not_dates() -> None:
    assert phrases("Art.9 of the charter and No.3 of the list; Sun.5 and Ma.4 too.", dt.date(2024, 3, 14)) == []


# --- "earlier in the day": the day the narrative is at --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders had spoken by phone earlier in the day.",
        "Later that day, the ministers dined together.",
        "The same day, Seoul summoned the envoy.",
    ],
)
def test_same_day_phrases_take_the_narrative_day(text: str) -> None:
    found = phrases(text, dt.date(2024, 3, 14), anchor=dt.date(2024, 3, 12))
    assert [date for _, date in found] == ["2024-03-12"]


def test_earlier_in_the_week_is_no_day() -> None:
    assert phrases("The two leaders had spoken by phone earlier in the week.", dt.date(2024, 3, 14)) == []


def test_call_earlier_in_the_day_is_not_dated_by_the_summit_it_discussed() -> None:
    x = extract(
        "President Moon Jae-in thanked Prime Minister Shinzo Abe on Sunday.\n"
        "Moon and Abe spoke by phone earlier in the day to discuss the summit between Moon and North Korean "
        "leader Kim Jong-un held Friday.",
        published="2018-05-06",
    )
    assert ("call", "2018-05-06", "day", ("Moon Jae-in", "Shinzo Abe"), KR_JP) in events_of(x)
    assert ("meeting", "2018-05-04", "day", ("Kim Jong Un", "Moon Jae-in"), ("KP", "KR")) in events_of(x)


# --- "what is expected to be his final summit": a hedged name is not the future -------------------


@pytest.mark.parametrize(
    "body",
    [
        "Fumio Kishida held what is expected to be his final summit with Yoon Suk Yeol in Seoul on Friday.",
        "Fumio Kishida arrived in Seoul on Friday for what is likely to be his last summit with Yoon Suk Yeol.",
        "Fumio Kishida met Yoon Suk Yeol on Friday in what was widely seen to be a farewell meeting.",
    ],
)
def test_hedged_name_leaves_a_past_weekday_in_the_past(body: str) -> None:
    x = extract(body, published="2024-09-07")  # a Saturday
    meetings = [(e.date.date.isoformat(), e.status) for e in x.events if e.type == "meeting"]
    assert meetings == [("2024-09-06", "occurred")]


def test_a_future_verb_around_the_hedge_still_makes_it_planned() -> None:
    x = extract(
        "Fumio Kishida will travel to Seoul for what is expected to be his last summit with Yoon Suk Yeol on Friday.",
        published="2024-09-04",
    )
    assert events_of(x) == [("meeting", "2024-09-06", "day", YOON_KISHIDA, KR_JP)]
    assert x.events[0].status == "planned"


# --- background things carry their own dates ------------------------------------------------------


def test_date_after_another_nouns_participle_dates_that_noun() -> None:
    x = extract(
        "Japan on Monday lifted the export curbs it imposed in 2019 on South Korea.\n"
        "A Seoul court on Tuesday issued a ruling on the treaty signed in 1965 with Japan.",
        published="2023-03-22",
    )
    dates = [(e.type, e.date.date.isoformat(), e.date.precision) for e in x.events if e.type != "agreement"]
    assert dates == [("policy", "2023-03-20", "day"), ("ruling", "2023-03-21", "day")]
    x = extract("Japan eased the restrictions that Tokyo had introduced in 2019 against South Korea.", "2023-03-22")
    assert events_of(x) == [("policy", "2023-03-22", "day", (), KR_JP)]


def test_participle_right_after_the_event_noun_dates_the_event() -> None:
    x = extract(
        "Fumio Kishida and Yun Byung-se stood by the deal reached on Dec.28, 2015, officials said.\n"
        "Seoul and Tokyo recalled the pact, which was signed in November 2016.",
        published="2019-08-20",
    )
    assert ("agreement", "2015-12-28", "day", ("Fumio Kishida", "Yun Byung-se"), KR_JP) in events_of(x)


@pytest.mark.parametrize(
    ("body", "year"),
    [
        ("Seoul decided to keep a 2016 military intelligence-sharing pact with Tokyo.", "2016"),
        ("Japan and South Korea agreed to end the feud in a 2015 deal on wartime labor.", "2015"),
        ("Tokyo and Seoul said the claims were closed under the 1965 treaty between Japan and South Korea.", None),
        ("Japan and South Korea agreed under their 2015 accord to set up a fund.", "2015"),
    ],
)
def test_a_year_before_the_event_noun_dates_the_event(body: str, year: str | None) -> None:
    x = extract(body, published="2019-11-22")
    agreements = [e.date for e in x.events if e.type == "agreement"]
    if year is None:  # the treaty is inside what they said: no event
        assert agreements == []
    else:
        assert [(d.date.isoformat(), d.precision) for d in agreements] == [(f"{year}-01-01", "year")]


def test_agreeing_to_honour_an_old_deal_is_not_the_old_deal() -> None:
    x = extract("Japan and South Korea agreed on Monday to honour the 2015 deal.", published="2019-11-22")
    assert [(e.type, e.date.date.isoformat()) for e in x.events] == [("agreement", "2019-11-18")]


def test_a_thing_named_with_its_year_does_not_move_the_narrative() -> None:
    x = extract(
        "South Korea's Supreme Court on Tuesday ordered a Japanese firm to compensate four workers.\n"
        "Tokyo maintains the claims were settled by a 1965 agreement between Japan and South Korea. "
        "South Korea's top court ruled that the agreement did not cover individual claims.",
        published="2018-10-31",
    )
    rulings = [e.date.date.isoformat() for e in x.events if e.type == "ruling"]
    assert rulings == ["2018-10-30"]


# --- the narrative goes back to an event told again with its people --------------------------------


@pytest.mark.parametrize(
    "told_again",
    [
        "Moon and Kim held the summit at the truce village. Moon and Kim agreed to end the war.",
        "Moon and Kim held that summit at the border. Moon and Kim signed a joint declaration there.",
        "Moon and Kim held their meeting in the truce village. There, Moon and Kim agreed to reunite families.",
    ],
)
def test_agreement_after_an_event_told_again_takes_its_day(told_again: str) -> None:
    x = extract(
        "President Moon Jae-in and Prime Minister Shinzo Abe spoke by phone on Sunday.\n"
        "Moon briefed Abe on his summit with North Korean leader Kim Jong-un on Friday.\n" + told_again,
        published="2018-04-29",
    )
    agreements = [(e.date.date.isoformat(), tuple(sorted(e.persons))) for e in x.events if e.type == "agreement"]
    assert agreements == [("2018-04-27", ("Kim Jong Un", "Moon Jae-in"))]


def test_a_bare_reference_does_not_move_the_narrative() -> None:
    x = extract(
        "President Moon Jae-in and Prime Minister Shinzo Abe spoke by phone on Sunday.\n"
        "Moon briefed Abe on his summit with North Korean leader Kim Jong-un on Friday.\n"
        "The summit drew wide praise. Moon and Abe agreed to meet soon.",
        published="2018-04-29",
    )
    agreements = [(e.date.date.isoformat(), tuple(sorted(e.persons))) for e in x.events if e.type == "agreement"]
    assert agreements == [("2018-04-29", ("Moon Jae-in", "Shinzo Abe"))]


# --- an agreement of states told on the day their leaders met is the leaders' -------------------


@pytest.mark.parametrize(
    "agreed",
    [
        "Seoul and Tokyo agreed to keep improving relations.",
        "South Korea and Japan agreed to resume shuttle diplomacy.",
        "Japan and South Korea also agreed to expand youth exchanges.",
    ],
)
def test_agreement_of_states_on_a_meeting_day_is_the_leaders(agreed: str) -> None:
    x = extract(
        "President Yoon Suk Yeol met Prime Minister Fumio Kishida in Seoul on Sunday.\n" + agreed,
        published="2024-05-27",
    )
    assert ("agreement", "2024-05-26", "day", YOON_KISHIDA, KR_JP) in events_of(x)


def test_agreement_of_other_states_keeps_no_people() -> None:
    x = extract(
        "President Yoon Suk Yeol met Prime Minister Fumio Kishida in Seoul on Sunday.\n"
        "China and Japan agreed to resume talks on fisheries.",
        published="2024-05-27",
    )
    assert ("agreement", "2024-05-26", "day", (), ("CN", "JP")) in events_of(x)


# --- one meeting told twice, once with a name more ------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "President Yoon Suk Yeol and Prime Minister Fumio Kishida held talks on Saturday ahead of Yoon's trip to "
        "see U.S. President Joe Biden.\nYoon and Kishida's summit on Saturday lasted two hours.",
        "President Yoon Suk Yeol met Prime Minister Fumio Kishida in Tokyo on Saturday.\n"
        "At the meeting on Saturday, Yoon, Kishida and Foreign Minister Park Jin discussed trade.",
        "Yoon Suk Yeol and Fumio Kishida met on Saturday.\n"
        "Yoon Suk Yeol, Fumio Kishida and Yoshimasa Hayashi held talks on March 11.",
    ],
)
def test_one_meeting_told_with_a_name_more_is_one_event(body: str) -> None:
    x = extract(body, published="2023-03-17")
    meetings = [e for e in x.events if e.type == "meeting"]
    assert len(meetings) == 1
    assert meetings[0].date.date.isoformat() == "2023-03-11"
    assert set(YOON_KISHIDA) <= set(meetings[0].persons)


def test_trilateral_meeting_and_the_pairs_talks_stay_two_events() -> None:
    x = extract(
        "President Yoon Suk Yeol, Prime Minister Fumio Kishida and President Joe Biden held a trilateral summit "
        "on Friday.\nYoon and Kishida met separately on Friday.",
        published="2023-08-19",
    )
    meetings = sorted(tuple(sorted(e.persons)) for e in x.events if e.type == "meeting")
    assert meetings == [("Fumio Kishida", "Joe Biden", "Yoon Suk Yeol"), YOON_KISHIDA]


def test_the_two_after_a_merged_telling_are_its_pair() -> None:
    x = extract(
        "Yoon Suk Yeol, Fumio Kishida and Park Jin met in Tokyo on Saturday.\n"
        "Yoon Suk Yeol met Fumio Kishida on Saturday, and the two leaders agreed to resume shuttle diplomacy.",
        published="2023-03-12",
    )
    assert ("agreement", "2023-03-11", "day", YOON_KISHIDA, KR_JP) in events_of(x)
