"""Lookup tables built once from the knowledge base: names, surnames, countries, places, titles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from tracker.extract.alternation import one_of
from tracker.knowledge import Country, KnownParticipant, Place, load_knowledge
from tracker.knowledge.names import normalize_name

# Countries whose people's names are written family name first in English-language news.
FAMILY_NAME_FIRST = frozenset({"KR", "KP", "CN", "TW", "HK", "MO", "VN", "KH", "MN"})

# Office titles as written in text -> the canonical title stored in the knowledge base.
TITLE_WORDS = {
    "president": "President",
    "acting president": "Acting President",
    "prime minister": "Prime Minister",
    "premier": "Premier",
    "foreign minister": "Foreign Minister",
    "chief cabinet secretary": "Chief Cabinet Secretary",
    "secretary of state": "Secretary of State",
    "defense minister": "Defense Minister",
    "defence minister": "Defense Minister",
    "unification minister": "Unification Minister",
    "leader": "Supreme Leader",
}

# What a title implies about the holder's country when the text does not say.
TITLE_COUNTRY = {
    "Chief Cabinet Secretary": "JP",
    "Secretary of State": "US",
    "Unification Minister": "KR",
    "Premier": "CN",
}


def family_name(name: str, country: str | None) -> str:
    tokens = name.replace("-", " - ").split()
    words = [t for t in tokens if t != "-"]
    if not words:
        return name
    return words[0] if country in FAMILY_NAME_FIRST else words[-1]


@dataclass(frozen=True)
class Lexicon:
    people_by_key: dict[str, KnownParticipant]
    people_by_family: dict[str, tuple[KnownParticipant, ...]]
    country_names: dict[str, str]  # "south korea" -> KR (names and common abbreviations)
    capitals: dict[str, str]  # "seoul" -> KR
    seats: dict[str, str]  # "cheong wa dae" -> KR
    demonyms: dict[str, str]  # "japanese" -> JP
    countries: dict[str, Country]
    places: dict[str, Place]  # lower-case name or alias -> place
    country_pattern: re.Pattern[str]
    demonym_pattern: re.Pattern[str]
    place_pattern: re.Pattern[str]
    name_words: frozenset[str] = frozenset()  # every word of every known person's names, normalized
    person_spellings: dict[str, KnownParticipant] = field(default_factory=dict)  # lower-case spelling -> person
    korean_surnames: frozenset[str] = frozenset()
    spelling_starts: frozenset[str] = frozenset()  # the first word of every key of person_spellings

    def holders(self, title: str, country: str | None, day: dt.date) -> list[KnownParticipant]:
        """Who held `title` (in `country`, if given) on `day`, the most recent start first."""
        found = []
        for person in self.people_by_key.values():
            for office in person.offices:
                if office.title == title and (country is None or office.country == country) and office.held_on(day):
                    found.append((office.start, person))
        unique: dict[str, tuple[dt.date, KnownParticipant]] = {}
        for start, person in found:
            if person.name not in unique or unique[person.name][0] < start:
                unique[person.name] = (start, person)
        return [p for _, p in sorted(unique.values(), key=lambda sp: sp[0], reverse=True)]

    def office_on(self, person: KnownParticipant, day: dt.date) -> str | None:
        """The person's office on `day`, as a role: "President of South Korea"."""
        offices = [o for o in person.offices if o.held_on(day)]
        if not offices:
            return None
        rank = list(TITLE_WORDS.values())
        office = min(offices, key=lambda o: rank.index(o.title) if o.title in rank else len(rank))
        country = self.countries.get(office.country or "")
        return f"{office.title} of {country.name}" if country else office.title


def _phrase_pattern(phrases: list[str], ending: str) -> re.Pattern[str]:
    """Any of `phrases` as a whole word, longest first: a tree of their shared beginnings, where the
    engine tests one letter per level where a plain list would try hundreds of branches. The test
    that no word character or full stop comes before, `(?<![\\w.])`, stands after the first letter
    (`(?<![\\w.].)`: the same character), so that the pattern begins with letters and `re` skips
    the positions where none of them stands in its own fast loop (twice as fast as a lookahead)."""
    words = sorted(set(phrases), key=len, reverse=True)
    return re.compile(one_of(words, after_first=r"(?<![\w.].)") + ending)


@cache
def load_lexicon() -> Lexicon:
    kb = load_knowledge()
    people_by_key: dict[str, KnownParticipant] = {}
    people_by_family: dict[str, list[KnownParticipant]] = {}
    for person in kb.people:
        for spelling in (person.name, *person.aliases):
            people_by_key.setdefault(normalize_name(spelling), person)
        people_by_family.setdefault(family_name(person.name, person.country).lower(), []).append(person)
    spellings: dict[str, KnownParticipant] = {}
    for person in kb.people:
        for spelling in (person.name, *person.aliases):
            words = spelling.replace("-", " ").split()
            for variant in (spelling, " ".join(words), " ".join(reversed(words))):
                spellings.setdefault(variant.lower(), person)
    country_names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    seats: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for c in kb.countries:
        for n in c.names:
            country_names.setdefault(n.lower(), c.code)
        if c.capital:
            capitals.setdefault(c.capital.lower(), c.code)
        for s in c.seats:
            seats.setdefault(s.lower(), c.code)
        for d in c.demonyms:
            demonyms.setdefault(d.lower(), c.code)
    places: dict[str, Place] = {}
    for p in kb.places:
        for n in (p.name, *p.aliases):
            places.setdefault(n.lower(), p)
    country_phrases = [
        *(n for c in kb.countries for n in c.names),
        *(c.capital for c in kb.countries if c.capital),
        *(s for c in kb.countries for s in c.seats),
    ]
    demonym_phrases = [d for c in kb.countries for d in c.demonyms]
    return Lexicon(
        people_by_key,
        {k: tuple(v) for k, v in people_by_family.items()},
        country_names,
        capitals,
        seats,
        demonyms,
        {c.code: c for c in kb.countries},
        places,
        _phrase_pattern(country_phrases, r"(?![\w$-])"),
        _phrase_pattern(demonym_phrases, r"(?![\w-])"),
        _phrase_pattern([n for p in kb.places for n in (p.name, *p.aliases)], r"(?![\w-])"),
        name_words=frozenset(word for key in people_by_key for word in key.split()),
        person_spellings=spellings,
        korean_surnames=kb.korean_surnames,
        spelling_starts=frozenset(spelling.split(" ")[0] for spelling in spellings),
    )
