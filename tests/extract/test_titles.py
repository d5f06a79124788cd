"""Titles, words that are never names and forums: the lexicons of tracker/knowledge/data read as data
(no database). Sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

from tracker.extract.lexicon import forum_names, load_lexicon, load_titles
from tracker.extract.participants import ParticipantResolver, split_title_from_name


def found(text: str, day: str = "2024-03-01") -> list[tuple[str, str, str | None, str | None]]:
    """(span, name, country, title or role) of every person the sentence mentions."""
    r = ParticipantResolver(load_lexicon(), dt.date.fromisoformat(day), ("KR", "JP"))
    return [(text[m.start : m.end], m.ref.name, m.ref.country, m.ref.title or m.ref.role) for m in r.people_in(text)]


def names(text: str, day: str = "2024-03-01") -> list[str]:
    return [name for _, name, _, _ in found(text, day)]


# -- a country, a title and the day name the office holder ---------------------------------------


def test_country_title_and_day_resolve_to_the_holder() -> None:
    assert names("Japan's defense minister said the drills would go on.") == ["Minoru Kihara"]
    assert names("The Japanese defence minister told lawmakers so on Friday.") == ["Minoru Kihara"]
    assert names("Japan's minister of defense flew to Manila.", "2025-02-01") == ["Gen Nakatani"]
    assert names("The South Korean foreign minister arrived late.", "2016-05-02") == ["Yun Byung-se"]


def test_a_title_with_no_holder_or_no_country_names_nobody() -> None:
    assert names("Canada's defense minister said the drills would go on.") == []
    assert names("A defense minister said the drills would go on.") == []


def test_titles_that_imply_a_country_need_no_country_word() -> None:
    assert names("The chief cabinet secretary said Tokyo would protest.") == ["Yoshimasa Hayashi"]
    assert names("Japan's top government spokesman called the move regrettable.", "2019-05-01") == ["Yoshihide Suga"]
    assert names("The top government spokeswoman declined to comment.", "2022-02-01") == ["Hirokazu Matsuno"]
    # the title is Japan's: another country's "chief cabinet secretary" is nobody known
    assert names("South Korea's chief cabinet secretary said nothing.") == []


def test_offices_rank_by_the_order_of_titles_json() -> None:
    titles = load_titles()
    assert titles.rank("President") < titles.rank("Prime Minister") < titles.rank("Foreign Minister")
    assert titles.rank("No Such Office") == len(titles.offices)
    assert titles.by_form["defence minister"].title == "Defense Minister"
    assert titles.by_form["top government spokesman"].country == "JP"


# -- "-led", "-era": a name joined to an adjective suffix is no mention ------------------------


def test_a_name_with_an_adjective_suffix_is_not_a_person() -> None:
    assert names("The Shinzo Abe-led cabinet said it would act.") == []
    assert names("Officials of the Moon Jae-in-era government told reporters so.") == []
    assert names("Prime Minister Tomas Verbeek-backed lawmakers said no.") == []
    assert names("A Trump-style rally drew crowds.") == []


def test_a_hyphenated_given_name_is_still_a_name() -> None:
    assert found("Defense ministry spokesman Jeon Ha-kyu said the drill ended.") == [
        ("Jeon Ha-kyu", "Jeon Ha-kyu", "KR", "Defense ministry spokesman")
    ]


# -- clause openers and titles are not the first words of a new name --------------------------


def test_clause_openers_are_dropped_from_a_new_name() -> None:
    assert names("When Maria Gonzalez said it, the hall went quiet.") == ["Maria Gonzalez"]
    assert names("While Tom Becker told reporters the plan was dead, aides disagreed.") == ["Tom Becker"]
    assert names("Meanwhile Greta Lund said little.") == ["Greta Lund"]
    # one word left is not a new name
    assert names("When Gonzalez said it, the hall went quiet.") == []


def test_a_name_beginning_with_an_opener_like_word_is_kept() -> None:
    assert names("Whitney Carlsen said the vote was close.") == ["Whitney Carlsen"]


def test_titles_move_out_of_a_new_name_into_its_title() -> None:
    assert found("Senator Bob Harlan said the deal was weak.")[0][1:4:2] == ("Bob Harlan", "Senator")
    assert found("Sen. Ann Lowe told reporters she would vote no.")[0][1:4:2] == ("Ann Lowe", "Sen.")
    assert found("Gov. Tim Rourke said the state was ready.")[0][1:4:2] == ("Tim Rourke", "Gov.")
    assert found("Director-General Kim Sang-hoon told reporters the talks went well.") == [
        ("Kim Sang-hoon", "Kim Sang-hoon", "KR", "Director-General")
    ]
    # a title and a single word is no name
    assert names("General Motors said sales rose.") == []


def test_split_title_from_name() -> None:
    assert split_title_from_name("When Senator Bob Harlan", "") == ("Bob Harlan", "Senator")
    assert split_title_from_name("Director-General Lee Min-ho", "") == ("Lee Min-ho", "Director-General")
    assert split_title_from_name("The Asahi Shimbun", "") is None
    assert split_title_from_name("After Clinton", "") is None
    assert split_title_from_name("Kim Sang-hoon", "Director") == ("Kim Sang-hoon", "Director")


# -- unknown officials named with a title ------------------------------------------------------


def test_unknown_officials_are_found_with_their_lower_case_title() -> None:
    assert found('"We regret it," said foreign ministry spokesperson Choi Min-gyu.') == [
        ("Choi Min-gyu", "Choi Min-gyu", "KR", "foreign ministry spokesperson")
    ]
    assert found("Japan's foreign ministry spokesman Hideo Tanabe said Tokyo disagreed.") == [
        ("Hideo Tanabe", "Hideo Tanabe", "JP", "foreign ministry spokesman")
    ]
    assert found("South Korean vice foreign minister Park Yoon-ho met him.")[0][1:] == (
        "Park Yoon-ho",
        "KR",
        "South Korean vice foreign minister",
    )


def test_a_lower_case_word_outside_the_title_words_stays_out_of_the_title() -> None:
    assert found('"No," said spokesperson Choi Min-gyu.') == [("Choi Min-gyu", "Choi Min-gyu", "KR", "spokesperson")]


# -- forums ------------------------------------------------------------------------------------


def test_forum_names_come_from_places_json_without_their_gathering_word() -> None:
    forums = forum_names()
    for name in ("G7", "G-7", "Group of Seven", "APEC", "Asia-Pacific Economic Cooperation", "East Asia", "NATO"):
        assert name in forums
    assert "G7 summit" not in forums
    assert not any("trilateral" in f for f in forums)  # the trilateral summit is the meeting itself
    assert list(forums) == sorted(forums, key=len, reverse=True)


def test_trade_defence_and_spokesperson_titles_name_the_holder_of_the_day() -> None:
    assert names("South Korea's trade minister said the curbs were unfair.", "2019-08-01") == ["Sung Yun-mo"]
    assert names("Japan's economy, trade and industry minister told reporters so.", "2019-08-01") == ["Hiroshige Seko"]
    assert names("The U.S. defense secretary arrived in Seoul.", "2018-05-01") == ["Jim Mattis"]
    assert names("Russia's foreign ministry spokeswoman said Moscow objected.", "2019-08-01") == ["Maria Zakharova"]


def test_a_title_several_people_hold_at_once_names_nobody_alone() -> None:
    # China has several foreign ministry spokespersons on most days
    assert names("China's foreign ministry spokesperson said Beijing objected.", "2019-08-01") == []


def test_clause_words_before_a_title_stay_out_of_it() -> None:
    assert found("In March, Gov. Ella Brandt said the budget had passed.")[0][1:4:2] == ("Ella Brandt", "Gov.")
    assert found("However, Rep. Tom Castell told reporters otherwise.")[0][1:4:2] == ("Tom Castell", "Rep.")
    assert found("Aides of Senator Joan Pike and of Senator Ray Dunn said no.")[1][1:4:2] == ("Ray Dunn", "Senator")
    assert found("But Attorney General Dan Okafor said the case was closed.")[0][1:4:2] == (
        "Dan Okafor",
        "Attorney General",
    )
    # commas inside a title are kept
    assert found("Trade, Industry and Energy Minister Lee Ho-sung said so.")[0][1:4:2] == (
        "Lee Ho-sung",
        "Trade, Industry and Energy Minister",
    )


def test_organisation_words_make_no_new_person() -> None:
    assert names("The Tax Policy Center said the plan would cost more.") == []
    assert names("Harbor Hospital said two were hurt.") == []
    assert names("Everything Trump said was checked.") == []
    assert names("Arsenio Hall said he would host.") == ["Arsenio Hall"]
