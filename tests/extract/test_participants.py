"""People, countries and titles found in sentences (no database)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.lexicon import load_lexicon
from tracker.extract.participants import ParticipantResolver


def resolver(day: str = "2025-06-17") -> ParticipantResolver:
    return ParticipantResolver(load_lexicon(), dt.date.fromisoformat(day), ("KR", "JP"))


def people(r: ParticipantResolver, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[m.start : m.end], m.ref.name, m.ref.country) for m in r.people_in(text)]


def test_spelling_variants_and_name_order_resolve_to_one_person() -> None:
    r = resolver()
    assert people(r, "Lee Jae Myung met Ishiba Shigeru.") == [
        ("Lee Jae Myung", "Lee Jae-myung", "KR"),
        ("Ishiba Shigeru", "Shigeru Ishiba", "JP"),
    ]
    assert people(r, "Yoon Suk-yeol and Kishida Fumio spoke.")[0][1] == "Yoon Suk Yeol"


def test_surnames_and_titles_resolve_to_the_full_name_seen_earlier() -> None:
    r = resolver()
    people(r, "South Korean President Lee Jae-myung arrived.")
    assert people(r, "President Lee thanked his hosts, and Lee left.") == [
        ("Lee", "Lee Jae-myung", "KR"),
        ("Lee", "Lee Jae-myung", "KR"),
    ]


def test_japans_prime_minister_depends_on_the_day() -> None:
    assert people(resolver("2025-06-17"), "Japan's prime minister said so.")[0][1] == "Shigeru Ishiba"
    assert people(resolver("2025-11-01"), "Japan's prime minister said so.")[0][1] == "Sanae Takaichi"


def test_unknown_people_are_found_by_their_title_with_its_country() -> None:
    r = resolver()
    found = people(r, "South Korean Deputy Trade Minister Han Seo-yeon spoke, as did Vice Minister Ota Kenji.")
    assert found[0] == ("Han Seo-yeon", "Han Seo-yeon", "KR")
    r2 = resolver()
    assert people(r2, "Park Min-so, a senior official of the presidential National Security Office, said it.") == [
        ("Park Min-so", "Park Min-so", "KR")
    ]


def test_capitals_stand_for_governments_but_not_as_places() -> None:
    r = resolver()
    text = "Seoul and Tokyo agreed to meet in Beijing, at Seoul National Cemetery."
    assert [(text[m.start : m.end], m.ref.country) for m in r.countries_in(text)] == [("Seoul", "KR"), ("Tokyo", "JP")]


def test_focus_countries_count_family_names_as_whole_words_and_break_ties_by_first_mention() -> None:
    from tracker.extract.context import focus_countries

    lexicon = load_lexicon()
    r = resolver("2024-05-27")
    # Kishida (JP) and Li (CN) once each: the first named leads; "Lie", "Li_x" and "Li2" are other words
    assert focus_countries("Talks", "Kishida Fumio met Li Qiang. Lie, Li_x and Li2 do not count.", lexicon, r) == (
        "JP",
        "CN",
    )
    assert focus_countries("Talks", "Li Qiang met Kishida Fumio.", lexicon, r) == ("CN", "JP")
    # a tie goes to the family name read first, even when its full name comes later
    assert focus_countries("Talks", "Kishida said Li Qiang met Kishida Fumio. Li left.", lexicon, r) == ("JP", "CN")
    # any case counts; the headline counts three times
    assert focus_countries("Talks", "Li Qiang met Kishida Fumio. KISHIDA left.", lexicon, r) == ("JP", "CN")
    assert focus_countries("Li visits", "Kishida Fumio met Li Qiang. Kishida left.", lexicon, r) == ("CN", "JP")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Kim", "kim", "KIM", "Kimchi", "ΠΑΠΑΣ", "παπας", "İ", "ı", "'s", "_", "-", " ", "\n", "."]),
        max_size=12,
    ),
    st.sampled_from(["kim", "παπας"]),
)
def test_whole_words_counts_as_a_word_by_word_pass(parts: list[str], word: str) -> None:
    import re

    from tracker.extract.context import _whole_words

    text = "".join(parts)
    places = [m.start() for m in re.finditer(r"\w+", text) if m.group().lower() == word]
    assert _whole_words(text, word) == ((places[0], len(places)) if places else (len(text), 0))
