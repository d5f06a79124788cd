"""Institutions that speak for a state: ministries, presidential offices, courts, parliaments,
militaries ("Japan's foreign ministry said", "the court said"), their unnamed staff ("a ministry
official said") and their documents ("the statement said").

The vocabulary is data (knowledge/data/institutions.json). An institution's country comes from the
text ("Seoul's foreign ministry", "the Japanese government", "the Embassy of Japan"), else from the
body itself (Cheong Wa Dae is South Korea's), else from an earlier mention of the same kind of body
("the ministry" after "Japan's foreign ministry"), else from the article's home country (its
dateline's, or the most mentioned).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from tracker.extract.lexicon import Lexicon
from tracker.extract.participants import Mention
from tracker.model import ParticipantRef


@dataclass(frozen=True)
class Body:
    label: str
    country: str | None = None  # fixed: the body belongs to one state
    refers_back: bool = False  # "the ministry", "the court": the last such body named, if any
    as_country: bool = False  # "the Japanese government" speaks as Japan itself
    head: str | None = None  # the office its country must have ("Presidential Office": a President)


@dataclass(frozen=True)
class InstitutionVocabulary:
    bodies: dict[str, Body]  # lower-case form -> body
    body_pattern: re.Pattern[str]
    staff_pattern: re.Pattern[str]
    document_pattern: re.Pattern[str]
    # a word each pattern's matches contain, lower-cased: a sentence without any is not searched
    body_words: tuple[str, ...]
    staff_words: tuple[str, ...]
    document_words: tuple[str, ...]

    def may_hold(self, lowered: str, words: tuple[str, ...]) -> bool:
        for word in words:  # noqa: SIM110 - substring tests run in C; a generator costs more here
            if word in lowered:
                return True
        return False


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


@cache
def load_institutions() -> InstitutionVocabulary:
    raw = json.loads(resources.files("tracker.knowledge").joinpath("data/institutions.json").read_text("utf-8"))
    bodies: dict[str, Body] = {}
    folded: list[str] = []
    exact: list[str] = []
    for entry in raw["bodies"]:
        body = Body(
            entry["label"],
            entry.get("country"),
            entry.get("refers_back", False),
            entry["label"] == "Government",
            entry.get("head"),
        )
        for form in entry["forms"]:
            bodies[form.lower()] = body
            (exact if entry.get("case_sensitive") or form.isupper() else folded).append(form)
    body_pattern = re.compile(
        rf"(?<![\w-])(?:(?P<exact>{_alternation(exact)})|(?i:(?P<folded>{_alternation(folded)})))(?![\w-])"
    )
    modifiers = _alternation([*raw["staff_modifiers"], *(f for f in bodies if f.islower())])
    staff = re.compile(
        rf"(?i:(?<![\w-])(?:(?:{modifiers}|[A-Z][\w.]*)\s+){{0,4}}(?P<staff>{_alternation(raw['staff'])}))(?![\w-])"
    )
    documents = re.compile(
        r"(?<![\w-])(?i:the|a|its|this|that|their)\s+(?:(?i:joint|written|official|brief|separate|press|court['’]s)\s+)?"
        rf"(?i:(?P<doc>{_alternation(raw['documents'])}))(?![\w-])"
    )
    return InstitutionVocabulary(
        bodies,
        body_pattern,
        staff,
        documents,
        _shortest_cover(list(bodies)),
        _shortest_cover([w.lower() for w in raw["staff"]]),
        _shortest_cover([w.lower() for w in raw["documents"]]),
    )


# words too common in news to tell a sentence that may name a body
_COMMON = frozenset(
    "of the and japan korea president president's prime minister minister's national white foreign".split()
)


def _shortest_cover(forms: list[str]) -> tuple[str, ...]:
    """One lower-case word of each form (its longest), without words another kept word contains:
    every match of the forms contains one of them."""
    words = {max([w for w in f.split() if w not in _COMMON] or f.split(), key=len).strip(",") for f in forms}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


# between a country word and the body it qualifies: "Japan's foreign ministry", "the South Korean top court"
_MODIFIER_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}")
_OF_COUNTRY = re.compile(r"\s+(?:of|for|in)\s+(?:the\s+)?")
_NAME_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+)")
_STAFF_TAIL = re.compile(
    r"\s+(?:in|at|from|for|of|with)\s+(?:the\s+)?(?P<what>[A-Za-z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)
_PROPER = re.compile(r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?")
# "Chief Cabinet Secretary", "Foreign Ministry Spokesman Kim": the body names an office, not itself
_TITLE_AFTER = re.compile(r"\s+(?:Secretary|Minister|Spokes(?:man|woman|person)|Director|Chief|Official)\b")
# "the country's foreign ministry", "its embassy": the country named last before it
_ITS = re.compile(r"(?:\bthe\s+country['’]s|\bits)\s+(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)
# "the official", "the spokesman": the one quoted last
_THE_ONE = re.compile(r"(?i:the)\s+(?:[a-z-]+\s+)?(?:official|spokes(?:man|woman|person)|diplomat|source|aide)$")


class _Places:
    """Where country words stand in a sentence (names, capitals, demonyms), for lookups by offset."""

    def __init__(self, places: list[tuple[int, int, str]]) -> None:
        self.by_start = places  # sorted by start
        self.starts = [p for p, _, _ in places]
        self.by_end = sorted(places, key=lambda x: x[1])
        self.ends = [q for _, q, _ in self.by_end]

    def last_before(self, position: int) -> tuple[int, int, str] | None:
        i = bisect.bisect_right(self.ends, position)
        return self.by_end[i - 1] if i else None

    def modifying(self, text: str, position: int) -> tuple[int, int, str] | None:
        """The country word that qualifies what begins at `position`: "Japan's", "the Japanese"."""
        place = self.last_before(position)
        if place and (place[1] == position or _MODIFIER_GAP.fullmatch(text, place[1], position)):
            return place
        return None

    def inside(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.by_start) and self.by_start[i][1] <= end:
            return self.by_start[i][2]
        return None


@dataclass
class InstitutionResolver:
    """One per article: remembers the bodies named so far, for "the ministry" and "the statement"."""

    lexicon: Lexicon
    home: str | None  # the article's home country
    day: dt.date  # the article's date: who held which office then
    focus: tuple[str, ...] = ()  # the article's main countries, most mentioned first
    vocabulary: InstitutionVocabulary = field(default_factory=load_institutions)
    last_by_label: dict[str, ParticipantRef] = field(default_factory=dict)
    last_body: ParticipantRef | None = None
    last_speaker: ParticipantRef | None = None  # whoever was quoted last: "the official added"
    last_voice: ParticipantRef | None = None  # the institution or country quoted last: "It said"
    refs: dict[tuple[str, str | None], ParticipantRef] = field(default_factory=dict)

    def institutions_in(self, text: str, people: list[Mention], countries: list[Mention]) -> list[Mention]:
        """Bodies, unnamed staff and documents named in a sentence, as mentions of organizations
        (or of the country itself, for its government). None overlaps a person's mention."""
        taken = bytearray(len(text) + 1)  # characters already in a mention
        for person in people:
            taken[person.start : person.end] = b"\x01" * (person.end - person.start)
        people_taken = bytes(taken)
        places = _Places(self._country_words(text, countries))
        bodies: list[Mention] = []
        vocabulary = self.vocabulary
        lowered = text.lower()
        for m in vocabulary.body_pattern.finditer(text) if vocabulary.may_hold(lowered, vocabulary.body_words) else ():
            if taken.find(1, m.start(), m.end()) >= 0 or _TITLE_AFTER.match(text, m.end()):
                continue
            body = self.vocabulary.bodies[m.group(0).lower() if m["folded"] else m["exact"].lower()]
            if body.label == "Diet" and not text[max(0, m.start() - 4) : m.start()].lower().endswith("the "):
                continue  # "Diet" is Japan's parliament as "the Diet"
            country, start, end, told = self._country_of(text, m.start(), m.end(), body, places)
            if body.refers_back and not told and body.label in self.last_by_label:
                ref = self.last_by_label[body.label]  # "the ministry": the one named before
            elif country is None:
                continue
            else:
                ref = self._ref(body, country)
            bodies.append(Mention(start, end, ref, "institution"))
            taken[start:end] = b"\x01" * (end - start)
            self._remember_body(body, ref)
        body_starts = [x.start for x in bodies]
        dropped: set[int] = set()  # bodies inside a staff mention ("a foreign ministry official")
        others: list[Mention] = []
        for m in (
            vocabulary.staff_pattern.finditer(text) if vocabulary.may_hold(lowered, vocabulary.staff_words) else ()
        ):
            start, end = m.start(), m.end()
            if people_taken.find(1, start, end) >= 0 or _NAME_AFTER.match(text, end):
                continue  # "ministry spokesperson Choi Young-sam": the person speaks
            first, last = bisect.bisect_left(body_starts, start), bisect.bisect_left(body_starts, end)
            inside = [i for i in range(first, last) if bodies[i].end <= end]
            dropped.update(range(first, last))
            if _THE_ONE.fullmatch(m.group(0)) and self.last_speaker is not None:
                others.append(Mention(start, end, self.last_speaker, "staff"))
                continue
            inner = [bodies[i] for i in inside]
            country = places.inside(start, end)
            tail = _STAFF_TAIL.match(text, end)
            if tail:  # "a spokeswoman for the presidential office", "an official in Tokyo"
                at = bisect.bisect_left(body_starts, tail.start("what"))
                body_after = bodies[at] if at < len(bodies) and body_starts[at] == tail.start("what") else None
                where = self._code(tail["what"]) if body_after is None and tail["what"][0].isupper() else None
                if body_after is not None:
                    inner, end = [body_after], body_after.end
                    dropped.add(at)
                elif where:
                    country, end = where, tail.end()
                    inner = [self._ref_like(x, where) for x in inner]
            if inner:
                ref = inner[-1].ref
            else:
                before = places.modifying(text, start)
                if before:  # "Japan's top government spokesman": the mention begins at "Japan's"
                    country, start = before[2], before[0]
                country = country or self.home
                if country is None:
                    continue
                ref = self._ref(Body("Government", as_country=True), country)
            others.append(Mention(start, end, ref, "staff"))
            taken[start:end] = b"\x01" * (end - start)
        may_name_a_document = vocabulary.may_hold(lowered, vocabulary.document_words)
        for m in vocabulary.document_pattern.finditer(text) if may_name_a_document else ():
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            issuer = self.last_voice or self.last_body or (self._home_ref() if self.home else None)
            if issuer is not None:
                others.append(Mention(m.start(), m.end(), issuer, "document"))
        found = [x for i, x in enumerate(bodies) if i not in dropped] + others
        found.sort(key=lambda x: x.start)
        return found

    def _remember_body(self, body: Body, ref: ParticipantRef) -> None:
        self.last_body = ref
        self.last_by_label[body.label] = ref
        if "Ministry" in body.label:
            self.last_by_label["Ministry"] = ref
        if "Court" in body.label:
            self.last_by_label["Court"] = ref

    def _country_words(self, text: str, countries: list[Mention]) -> list[tuple[int, int, str]]:
        places = [(m.start, m.end, m.ref.country) for m in countries if m.ref.country and m.how != "group"]
        for m in self.lexicon.demonym_pattern.finditer(text):
            places.append((m.start(), m.end(), self.lexicon.demonyms[m.group(0).lower()]))
        return sorted(places)

    def _country_of(
        self, text: str, start: int, end: int, body: Body, places: _Places
    ) -> tuple[str | None, int, int, bool]:
        """The body's country, where its mention starts and ends (with the country words around
        it: "Japan's foreign ministry", "the Embassy of Japan"), and whether the text said which."""
        if body.country:
            return body.country, start, end, True
        before = places.modifying(text, start)
        if before:
            return before[2], before[0], end, True
        its = places.last_before(start)
        if its and _ITS.search(text, its[1], start):  # "the country's foreign ministry"
            return its[2], start, end, True
        of = _OF_COUNTRY.match(text, end)
        # "the Embassy of Japan", "the ministry in Tokyo"; but the embassy in Seoul is not Seoul's
        if of and not (body.label == "Embassy" and of.group(0).strip().startswith("in")):
            named = _PROPER.match(text, of.end())
            after = self._code(named.group(0)) if named else None
            if named and after:
                return after, start, named.end(), True
        if body.head and self.home and not self._has_office(self.home, body.head):
            for code in self.focus:
                if self._has_office(code, body.head):
                    return code, start, end, False
        return self.home, start, end, False

    def _ref_like(self, mention: Mention, country: str) -> Mention:
        """The same kind of body, of the country the text places it in ("a Foreign Ministry official
        in Tokyo")."""
        bodies = self.vocabulary.bodies.values()
        label = next((b.label for b in bodies if mention.ref.name.startswith(b.label + " of")), None)
        if label is None:
            return mention
        return Mention(mention.start, mention.end, self._ref(Body(label), country), mention.how)

    def _code(self, words: str) -> str | None:
        """The country a name ("Japan", "South Korea", "Tokyo") stands for, or its first word's."""
        lower = words.lower()
        lex = self.lexicon
        for key in (lower, lower.split()[0]):
            code = lex.country_names.get(key) or lex.capitals.get(key) or lex.demonyms.get(key)
            if code:
                return code
        return None

    def _has_office(self, country: str, title: str) -> bool:
        return bool(self.lexicon.holders(title, country, self.day))

    def _ref(self, body: Body, country: str) -> ParticipantRef:
        key = (body.label, country)
        ref = self.refs.get(key)
        if ref is None:
            named = self.lexicon.countries.get(country)
            country_name = named.name if named else country
            if body.as_country:
                ref = ParticipantRef(country_name, "country", country)
            else:
                label = "Court" if body.label == "Court" else body.label
                ref = ParticipantRef(f"{label} of {country_name}", "organization", country)
            self.refs[key] = ref
        return ref

    def _home_ref(self) -> ParticipantRef:
        assert self.home is not None
        return self._ref(Body("Government", as_country=True), self.home)
