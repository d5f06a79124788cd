"""Event frames: which words tell an event, who takes part in it, and what is not an event."""

from __future__ import annotations

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
    assert events_of(
        extract(
            "SEOUL, March 14 -- Yoon Suk Yeol and Fumio Kishida agreed on the importance of trilateral "
            "cooperation on Tuesday."
        )
    ) == []
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
