"""Lookup tables built once from the knowledge base: names, surnames, countries, places, titles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from tracker.extract.alternation import one_of
from tracker.knowledge import Country, KnownParticipant, Place, data_file, load_knowledge
from tracker.knowledge.names import normalize_name


@dataclass(frozen=True)
class OfficeTitle:
    title: str  # canonical, as stored in the knowledge base's offices
    forms: tuple[str, ...]  # lower-case written forms
    country: str | None  # the country the title alone implies
    single_holder: bool  # one holder at a time per country


@dataclass(frozen=True)
class Titles:
    """titles.json: every title list the extractor reads."""

    offices: tuple[OfficeTitle, ...]  # in rank order
    by_form: dict[str, OfficeTitle]  # lower-case written form -> office
    by_title: dict[str, OfficeTitle]  # canonical title -> office
    head_words: tuple[str, ...]  # the last word of a title before a name, longest first
    before_surname: tuple[str, ...]  # forms that point a bare family name to its office holder
    modifiers: frozenset[str]  # lower-case words allowed inside a title before its head word

    def forms(self) -> list[str]:
        """Every written form of an office, longest first (so "acting president" wins over "president")."""
        return sorted(self.by_form, key=len, reverse=True)

    def implied_country(self, title_text: str) -> str | None:
        """The country a title implies when the text does not say ("Chief Cabinet Secretary" -> JP)."""
        lowered = title_text.lower()
        for office in self.offices:
            if office.country and any(form in lowered for form in office.forms):
                return office.country
        return None

    def rank(self, title: str) -> int:
        office = self.by_title.get(title)
        return self.offices.index(office) if office else len(self.offices)


@dataclass(frozen=True)
class NameRules:
    """not_names.json and name_order.json: what is never a name and how names are ordered."""

    not_names: frozenset[str]  # lower-case words never part of a person's name
    determiners: frozenset[str]  # a capitalised run that begins with one is a noun phrase, not a name
    phrase_openers: frozenset[str]  # capitalised words that open a phrase, never a name's first word
    adjective_suffixes: tuple[str, ...]  # "-led", "-era": a name joined to one is an adjective
    family_name_first: frozenset[str]  # country codes


@cache
def load_titles() -> Titles:
    raw = data_file("titles.json")
    offices = tuple(
        OfficeTitle(o["title"], tuple(f.lower() for f in o["forms"]), o.get("country"), o.get("single_holder", True))
        for o in raw["offices"]
    )
    by_form: dict[str, OfficeTitle] = {}
    for office in offices:
        for form in office.forms:
            by_form.setdefault(form, office)
    return Titles(
        offices,
        by_form,
        {o.title: o for o in offices},
        tuple(sorted(raw["head_words"], key=len, reverse=True)),
        tuple(raw["before_surname"]),
        frozenset(raw.get("modifiers", ())),
    )


@cache
def load_name_rules() -> NameRules:
    raw = data_file("not_names.json")
    order = data_file("name_order.json")
    return NameRules(
        frozenset(w.lower() for w in raw["words"]),
        frozenset(raw["determiners"]),
        frozenset(raw["phrase_openers"]),
        tuple(raw["adjective_suffixes"]),
        frozenset(order["family_name_first"]),
    )


# the trailing words of a forum's name that name the gathering rather than the forum ("G7 summit")
_GATHERING_WORDS = frozenset({"summit", "meeting", "forum", "conference", "dialogue", "leaders'", "leaders"})


@cache
def forum_names() -> tuple[str, ...]:
    """The names of the forums in places.json without their gathering word ("G7", "Group of Seven",
    "APEC", "East Asia"), longest first: a "summit" or "meeting" right after one is the forum's
    gathering, not a meeting of the article's parties. A forum named by a plain description
    ("trilateral summit") is the meeting itself and is left out."""
    heads: set[str] = set()
    for place in load_knowledge().places:
        if place.kind != "forum" or (not place.name[:1].isupper() and not place.name[:1].isdigit()):
            continue
        for name in (place.name, *place.aliases):
            words = name.split()
            while len(words) > 1 and words[-1].lower() in _GATHERING_WORDS:
                words.pop()
            heads.add(" ".join(words))
    return tuple(sorted(heads, key=len, reverse=True))


def family_name(name: str, country: str | None) -> str:
    tokens = name.replace("-", " - ").split()
    words = [t for t in tokens if t != "-"]
    if not words:
        return name
    return words[0] if country in load_name_rules().family_name_first else words[-1]


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
        titles = load_titles()
        office = min(offices, key=lambda o: titles.rank(o.title))
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
