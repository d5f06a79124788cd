"""Event frames: which words tell an event, who takes part in it, and what is not an event."""

from __future__ import annotations

from tracker.extract.captions import is_page_noise

from extraction_cases import events_of, extract

# -- summons and recalls: a protest between the summoner and the summoned diplomat ------------------


def test_a_diplomat_named_by_a_post_after_the_name_is_summoned() -> None:
    x = extract(
        "SEOUL, March 14 -- Deputy Foreign Minister Park Soo-hyun summoned Kenji Sato, deputy chief of mission "
        "at the Japanese Embassy in Seoul, on Wednesday to protest Tokyo's renewed claim to the islets."
    )
    assert events_of(x) == [("protest", "2024-03-13", "day", ("Kenji Sato", "Park Soo-hyun"), ("JP", "KR"))]


def test_an_official_named_by_a_post_summons_a_minister_of_an_embassy() -> None:
    x = extract(
        "SEOUL, March 14 -- Lee Min-ho, director general of the ministry's Asian affairs bureau, summoned "
        "Takashi Mori, minister at the Japanese Embassy, on Monday."
    )
    assert events_of(x) == [("protest", "2024-03-11", "day", ("Lee Min-ho", "Takashi Mori"), ("JP", "KR"))]


def test_an_institution_calling_in_a_diplomat_protests_between_two_states() -> None:
    x = extract(
        "SEOUL, March 14 -- South Korea's foreign ministry called in a senior Chinese diplomat on Tuesday "
        "over the drills near the border."
    )
    assert events_of(x) == [("protest", "2024-03-12", "day", (), ("CN", "KR"))]


def test_a_recalled_consul_general_is_a_protest_and_halted_talks_are_no_meeting() -> None:
    x = extract(
        "TOKYO, March 14 -- Japan recalled its consul-general in Busan on Friday and halted currency swap talks, "
        "Chief Cabinet Secretary Yoshimasa Hayashi said."
    )
    assert events_of(x) == [("protest", "2024-03-08", "day", (), ("JP", "KR"))]


def test_a_cabinet_summoned_is_no_protest() -> None:
    x = extract("SEOUL, March 14 -- The prime minister summoned his cabinet on Monday to discuss the budget.")
    assert events_of(x) == []


def test_a_protest_promised_in_a_quotation_is_no_protest() -> None:
    x = extract(
        "SEOUL, March 14 -- South Korea summoned the Japanese ambassador on Tuesday. "
        '"We will protest any new survey in our waters," the ministry spokesman said on Wednesday.\n'
        "“We will strongly protest any drilling near the islands and demand that it stop.”"
    )
    assert events_of(x) == [("protest", "2024-03-12", "day", (), ("JP", "KR"))]


def test_an_act_in_protest_of_another_is_not_a_protest() -> None:
    x = extract("SEOUL, March 14 -- Seoul ended the pact on Tuesday in protest of Tokyo's export curbs.")
    assert events_of(x) == [("policy", "2024-03-12", "day", (), ("JP", "KR"))]


# -- decisions about a standing agreement are policies, not new agreements ------------------------------


def test_prolonging_extending_or_renewing_a_pact_is_a_policy() -> None:
    for body in (
        "SEOUL, March 14 -- South Korea decided on Tuesday to extend its intelligence-sharing pact with Japan "
        "for another year.",
        "TOKYO, March 14 -- Japan said on Tuesday it has decided to renew the currency swap deal with South Korea.",
        "SEOUL, March 14 -- South Korea has decided to prolong its military pact with Japan, officials said Tuesday.",
    ):
        assert [e[0] for e in events_of(extract(body))] == ["policy"], body


def test_a_war_that_ended_with_an_armistice_ends_no_pact() -> None:
    x = extract(
        "SEOUL, March 14 -- The two Koreas remain technically at war because the 1950-53 conflict ended "
        "with an armistice, not a treaty."
    )
    assert events_of(x) == []


def test_agreeing_on_the_importance_of_something_is_no_agreement() -> None:
    assert (
        events_of(
            extract(
                "SEOUL, March 14 -- Yoon Suk Yeol and Fumio Kishida agreed on the importance of trilateral "
                "cooperation on Tuesday."
            )
        )
        == []
    )
    assert events_of(
        extract("SEOUL, March 14 -- Yoon Suk Yeol and Fumio Kishida agreed on Tuesday to resume shuttle diplomacy.")
    ) == [("agreement", "2024-03-12", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))]


# -- clauses ---------------------------------------------------------------------------------------------


def test_an_acting_title_is_no_participle_and_a_clause_after_a_subject_keeps_its_people_apart() -> None:
    x = extract(
        "SEOUL, March 14 -- Kim Ji-won, director-general for Asian affairs, summoned Ichiro Kato, acting deputy "
        "chief of mission at the Japanese Embassy, to lodge a protest after Tokyo adopted its new defense white "
        "paper on Friday."
    )
    assert events_of(x) == [
        ("protest", "2024-03-14", "day", ("Ichiro Kato", "Kim Ji-won"), ("JP", "KR")),
        ("policy", "2024-03-08", "day", (), ("JP",)),
    ]


# -- thoughts, plans and many talks are not events -------------------------------------------------------


def test_considering_weighing_and_hoping_tell_no_event() -> None:
    for body in (
        "TOKYO, March 14 -- Japan is considering easing curbs on chip materials, the Nikkei reported on Tuesday.",
        "SEOUL, March 14 -- Yoon Suk Yeol and Fumio Kishida shared hopes of meeting again on Tuesday.",
        "SEOUL, March 14 -- Seoul is weighing whether to hold talks with Tokyo next week.",
    ):
        assert events_of(extract(body)) == [], body


def test_a_series_of_talks_and_a_postponed_summit_are_no_meeting() -> None:
    assert events_of(extract("SEOUL, March 14 -- South Korea postponed the summit with Japan on Tuesday.")) == []
    assert events_of(extract("SEOUL, March 14 -- The curbs may ease as the neighbors hold a series of talks.")) == []
    x = extract(
        "SEOUL, March 14 -- Yoon Suk Yeol considered the summit a success after he met Fumio Kishida on Tuesday."
    )
    assert events_of(x) == [("meeting", "2024-03-12", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))]


# -- page noise ------------------------------------------------------------------------------------------


def test_captions_blurbs_and_a_repeated_headline_are_noise() -> None:
    for sentence in (
        "A woman holds a sign calling for an apology near the embassy in Seoul, South Korea, Nov. 22, 2019.",
        "Kim Jong-un, right, shakes hands with Xi Jinping at the summit.",
        "The three ministers, from left, stand together during their meeting in Munich.",
        "In this file photo, taken Nov. 23, 2016, two ministers sign the pact.",
        "FILE PHOTO: Yoon shakes hands with Kishida.",
        "Trade Weekly combines export control news into a single daily information service for its readers.",
        "Sign up for a free preview to unlock the rest of this article",
    ):
        assert is_page_noise(sentence), sentence
    assert not is_page_noise("The deal was signed in Tokyo on Dec. 28, 2015.")
    x = extract(
        "Yoon meets Kishida, trade on agenda\nSEOUL, March 14 -- Yoon Suk Yeol will meet Fumio Kishida in Tokyo on Monday.",
        title="Yoon meets Kishida, trade on agenda",
    )
    assert events_of(x) == [("meeting", "2024-03-18", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))]


# -- a reference and the date of someone's saying -----------------------------------------------------------


def test_the_latest_ruling_dated_by_a_saying_refers_to_the_ruling_told() -> None:
    x = extract(
        "SEOUL, March 14 -- A South Korean court ordered Japan on Monday to compensate 12 women.\n"
        "When asked about the latest court ruling, Japan's foreign minister said on Wednesday that Tokyo "
        "would not accept it."
    )
    assert events_of(x) == [("ruling", "2024-03-11", "day", (), ("JP", "KR"))]
    x = extract(
        "SEOUL, March 14 -- Fumio Kishida and Yoon Suk Yeol met in Seoul on Tuesday. The summit, the prime "
        "minister's office announced on Wednesday, lasted two hours."
    )
    assert events_of(x) == [("meeting", "2024-03-12", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))]


# -- who takes part: owners, heads of institutions, relations ------------------------------------------------


def test_an_inauguration_is_of_the_one_inaugurated_not_of_its_guest() -> None:
    x = extract("SEOUL, March 14 -- Yoon Suk Yeol attended Fumio Kishida's inauguration on Monday.")
    assert events_of(x) == [("office", "2024-03-11", "day", ("Fumio Kishida",), ("JP",))]
    x = extract(
        "SEOUL, March 14 -- Japanese Foreign Minister Yoko Kamikawa is visiting the South Korean capital to attend "
        "the inauguration ceremony of Lee Jae Myung on Wednesday."
    )
    assert events_of(x) == [
        ("visit", "2024-03-14", "day", ("Yoko Kamikawa",), ("JP", "KR")),
        ("office", "2024-03-13", "day", ("Lee Jae-myung",), ("KR",)),
    ]
    assert events_of(extract("SEOUL, March 14 -- Yoon Suk Yeol attended the inauguration on Monday.")) == []


def test_the_owner_of_a_thing_that_is_no_event_takes_no_part() -> None:
    x = extract(
        "SEOUL, March 14 -- Yoon Suk Yeol delivered Moon Jae-in's letter to Fumio Kishida during their meeting "
        "on Monday."
    )
    assert events_of(x) == [("meeting", "2024-03-11", "day", ("Fumio Kishida", "Yoon Suk Yeol"), ("JP", "KR"))]


def test_the_head_of_an_institution_and_a_mentor_take_no_part() -> None:
    x = extract(
        "SEOUL, March 14 -- The office of President Yoon Suk Yeol said it had decided on Monday to end the pact "
        "with Japan."
    )
    assert events_of(x) == [("policy", "2024-03-11", "day", (), ("JP", "KR"))]
    x = extract(
        "TOKYO, March 14 -- Sanae Takaichi, a protégé of former Prime Minister Shinzo Abe, opened the meeting "
        "with Donald Trump on Tuesday."
    )
    assert events_of(x) == [("meeting", "2024-03-12", "day", ("Donald Trump", "Sanae Takaichi"), ("JP", "US"))]


def test_a_ruling_is_between_the_courts_state_and_the_defendants_not_a_currency() -> None:
    for body in (
        "SEOUL, March 14 -- A South Korean court on Monday ordered Japan to pay 200 million won (about US$150,000) "
        "to each plaintiff.",
        "SEOUL, March 14 -- A South Korean court on Monday ordered a Japanese steelmaker to compensate four men.",
    ):
        assert events_of(extract(body)) == [("ruling", "2024-03-11", "day", (), ("JP", "KR"))], body
