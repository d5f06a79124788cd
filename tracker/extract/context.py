"""What extraction knows about one article as it reads it: the reference date, the narrative date,
the people named so far, and each sentence's analysis (computed once, used by every extractor)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from tracker.extract.clauses import Clause, split_clauses
from tracker.extract.dates import DatePhrase, find_dates
from tracker.extract.institutions import InstitutionResolver
from tracker.extract.lexicon import Lexicon, family_name
from tracker.extract.participants import Mention, ParticipantResolver
from tracker.extract.speech import Speech, find_speech, reported_regions
from tracker.extract.triggers import RawTrigger, Trigger, find_triggers
from tracker.model import DateValue, ParticipantRef, Sentence

T = TypeVar("T")


class computed_once(Generic[T]):
    """`functools.cached_property` without its lock: Python 3.11 takes one lock, shared by every
    instance, on each first access, which costs twice the access itself here (a few dozen a
    sentence; an analysis is never shared between threads). The value is stored in the instance's
    `__dict__`, where later reads find it without calling this descriptor."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name  # the name it is stored under, also when not the function's own

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> computed_once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | computed_once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass
class ArticleContext:
    lexicon: Lexicon
    published: dt.date
    ref: dt.date  # the dateline's date, else the publication date: "on Monday" counts back from it
    resolver: ParticipantResolver
    lead_date: DateValue | None = None  # the date the article's news happened
    paragraph_dates: dict[int, DateValue] = field(default_factory=dict)
    anchor: dt.date | None = None  # the latest day the narrative reached, for "a day earlier"
    groups: list[tuple[dt.date, tuple[ParticipantRef, ...]]] = field(default_factory=list)
    last_subject: ParticipantRef | None = None
    trigger_scan: list[RawTrigger] = field(default_factory=list)  # the body scanned once for triggers
    date_scan: list[re.Match[str]] = field(default_factory=list)  # ... and for date phrases
    institutions: InstitutionResolver | None = None
    headline: str = ""  # the article's title: a page repeats it above the story

    def narrative_date(self, paragraph: int) -> DateValue:
        return self.paragraph_dates.get(paragraph) or self.lead_date or DateValue(self.ref, "day")

    def note_date(self, paragraph: int, value: DateValue) -> None:
        """An event dated in the text moves the narrative along (future plans do not)."""
        if value.future:
            return
        if self.lead_date is None and paragraph == 0 and value.precision == "day":
            self.lead_date = value
        self.paragraph_dates[paragraph] = value
        if value.precision == "day":
            self.anchor = value.date

    def lead_group(self) -> tuple[ParticipantRef, ...]:
        return self.groups[0][1] if self.groups else ()

    def group_of_size(self, size: int) -> tuple[ParticipantRef, ...]:
        lead = self.lead_group()
        if len(lead) == size:
            return lead
        for _, people in reversed(self.groups):
            if len(people) == size:
                return people
        return ()

    def recent_group(self) -> tuple[ParticipantRef, ...]:
        return self.groups[-1][1] if self.groups else ()


class SentenceAnalysis:
    """One sentence as the extractors see it. People, speech and triggers are found at once (the
    people keep the article's running context); dates, clauses, reported regions and countries
    are only worked out when an extractor asks, which in a sentence with no trigger and no speech
    verb none does. Each is computed from values fixed when the sentence was read (the narrative's
    date among them), so that when it is asked for changes nothing."""

    def __init__(self, sentence: Sentence, ctx: ArticleContext) -> None:
        text = sentence.text
        self.sentence = sentence
        self.people: list[Mention] = ctx.resolver.people_in(text)
        self._ctx = ctx
        self.bodies: list[Mention] = (
            ctx.institutions.institutions_in(text, self.people, self.countries) if ctx.institutions else []
        )
        self.speech: list[Speech] = find_speech(text, self.people, self.speakers_besides_people)
        self.triggers: list[Trigger] = find_triggers(text, ctx.trigger_scan, sentence.start)
        self._anchor = ctx.anchor or ctx.ref

    @computed_once
    def countries(self) -> list[Mention]:
        return self._ctx.resolver.countries_in(self.sentence.text)

    @property
    def speakers_besides_people(self) -> list[Mention]:
        """Institutions, and countries named as actors ("Tokyo said"), that can speak."""
        taken = bytearray(len(self.sentence.text) + 1)
        for b in self.bodies:
            taken[b.start : b.end] = b"\x01" * (b.end - b.start)
        countries = [
            c for c in self.countries if c.how != "group" and taken.find(1, c.start, c.end) < 0
        ]  # "the presidential Blue House" speaks as the office, not as the country its name also means
        return [*self.bodies, *countries]

    @computed_once
    def dates(self) -> list[DatePhrase]:
        return find_dates(self.sentence.text, self._ctx.ref, self._anchor, self._ctx.date_scan, self.sentence.start)

    @computed_once
    def clauses(self) -> list[Clause]:
        return split_clauses(self.sentence.text)

    @computed_once
    def reported(self) -> list[tuple[int, int]]:
        return reported_regions(self.sentence.text, self.speech)

    @computed_once
    def reported_spans(self) -> tuple[list[int], list[int]]:
        """The reported regions merged into disjoint spans in text order (their starts, their ends),
        so that a position is looked up by bisection, not against every region of a long sentence."""
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(self.reported):
            if start >= end:
                continue  # an empty region holds no position
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return starts, ends

    @computed_once
    def unreported_dates(self) -> list[DatePhrase]:
        """The date phrases outside anyone's reported words."""
        return [d for d in self.dates if not self.in_reported(d.start)]

    @computed_once
    def speaker_starts(self) -> set[int]:
        """Where the speakers of the sentence's speech verbs begin."""
        return {m.start for s in self.speech for m in s.speakers}

    @computed_once
    def first_named(self) -> list[tuple[int, ParticipantRef]]:
        """Each person the sentence names, with the end of the first mention of them, in text order."""
        first: dict[ParticipantRef, int] = {}
        for mention in self.people:
            if mention.ref.kind == "person":
                first.setdefault(mention.ref, mention.end)
        return [(end, ref) for ref, end in first.items()]

    def in_reported(self, position: int) -> bool:
        starts, ends = self.reported_spans
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and position < ends[i]


def analyse_sentence(sentence: Sentence, ctx: ArticleContext) -> SentenceAnalysis:
    return SentenceAnalysis(sentence, ctx)


CAPITALIZED_RUN = re.compile(r"[A-Z][\w-]*(?:\s[A-Z][\w-]*)+")


def focus_countries(title: str, body: str, lexicon: Lexicon, resolver: ParticipantResolver) -> tuple[str, ...]:
    """The article's main countries: the most mentioned (names, capitals, and the countries of the
    known people named, by full name or later by surname), the headline counting three times.
    One regular-expression pass per kind, so that it costs little next to the extraction itself."""
    counts: Counter[str] = Counter()
    families: dict[str, str] = {}
    starts = lexicon.spelling_starts
    for run in CAPITALIZED_RUN.finditer(body):
        words = run.group(0).lower().split()
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                if words[i] not in starts:
                    continue  # no known spelling begins with this word
                person = lexicon.person_spellings.get(" ".join(words[i : i + size]))
                if person and person.country:
                    families[family_name(person.name, person.country).lower()] = person.country
    # family names as whole words: found with str.find in the lower-cased text (a lookup per word
    # costs ten times more, and compiling a pattern of them more still)
    by_word = all(_WORD.fullmatch(f) for f in families)
    family_pattern = _family_pattern(tuple(families)) if families and not by_word else None
    for text, weight in ((body, 1), (title, 3)):
        if families and by_word:
            # in the order of first appearance, as a word-by-word pass would count them (ties in
            # most_common keep that order)
            for _, found, country in sorted((*_whole_words(text, f), c) for f, c in families.items()):
                if found:
                    counts[country] += weight * found
        elif family_pattern:
            for m in family_pattern.finditer(text):
                counts[families[m.group(1).lower()]] += weight
        for m in lexicon.country_pattern.finditer(text):
            code = resolver.code_of(m.group(0))
            if code:
                counts[code] += weight
    return tuple(code for code, _ in counts.most_common(3))


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _whole_words(text: str, word: str) -> tuple[int, int]:
    """Where `word` first stands as a whole word (a `\\w+` run) of `text` once lower-cased, and how
    often; `word` is a lower-case run of word characters."""
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:  # lower-casing moved offsets or looked around: word by word
        places = [m.start() for m in _WORD.finditer(text) if m.group().lower() == word]
        return (places[0] if places else len(text), len(places))
    first, count = len(text), 0
    at = lowered.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _WORD_CHAR.match(text, at - 1)) and not _WORD_CHAR.match(text, end):
            first = min(first, at)
            count += 1
        at = lowered.find(word, at + 1)
    return first, count


def _family_pattern(families: tuple[str, ...]) -> re.Pattern[str]:
    """Family names as whole words, for the rare ones that are not a single word."""
    return re.compile(r"\b(" + "|".join(map(re.escape, families)) + r")\b", re.IGNORECASE)
