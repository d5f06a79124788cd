"""Statements: direct quotes and reported speech, attributed to their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.extract.context import ArticleContext, SentenceAnalysis
from tracker.extract.guard import guarded
from tracker.extract.participants import Mention, count_ending_by
from tracker.extract.speech import ACCORDING_TO, MAY_SAY_ACCORDING_TO
from tracker.model import DateValue, ParticipantRef, Sentence

QUOTE = guarded(r"[\"“][^\"”]{10,}[\"”]|(?<!\w)['‘]\w[^'’]{14,}['’](?=[\s,.]|$)")
QUOTE_CHARS = re.compile(r"[\"“”]")
THREE = re.compile(r"\bthree\b")
TWO_OR_BOTH = re.compile(r"\btwo\b|\b[Bb]oth\b")


@dataclass
class StatementCandidate:
    speaker: ParticipantRef
    kind: str
    text: str
    date: DateValue
    sentence: Sentence


def _group(ctx: ArticleContext, text: str) -> tuple[ParticipantRef, ...]:
    if THREE.search(text):
        return ctx.group_of_size(3)
    if TWO_OR_BOTH.search(text):
        return ctx.group_of_size(2) or ctx.lead_group()
    return ctx.lead_group()


def statement_candidates(a: SentenceAnalysis, ctx: ArticleContext, date: DateValue) -> list[StatementCandidate]:
    text = a.sentence.text
    speakers: list[ParticipantRef] = []
    for speech in a.speech:
        if speech.speakers:
            speakers.extend(m.ref for m in speech.speakers)
        elif speech.pronoun == "it":
            # "It said ...": the institution quoted last
            if ctx.institutions and ctx.institutions.last_voice:
                speakers.append(ctx.institutions.last_voice)
        elif speech.pronoun:
            # "Kang told reporters she had urged ...": the nearest person named before, else the last subject
            female = speech.pronoun == "she"
            earlier = _nearest_before(a.people, speech.verb_start, female)
            if earlier:
                speakers.append(earlier)
            elif ctx.last_subject:
                speakers.append(ctx.last_subject)
        elif speech.group:
            speakers.extend(_group(ctx, text[: speech.verb_start]))
    according = ACCORDING_TO.search(text) if MAY_SAY_ACCORDING_TO(text) else None
    if according:
        pool = sorted([*a.people, *a.bodies], key=lambda m: m.start)
        after = [m for m in pool if m.start >= according.end()]
        at_start = according.start() < 3
        if at_start:  # "According to the presidential office, Abe repeated his apology"
            comma = text.find(",", according.end())
            subject = [m for m in pool if comma != -1 and comma < m.start <= comma + 3]
            if subject and subject[0].ref not in speakers:
                speakers.insert(0, subject[0].ref)
            elif not speakers and after:
                speakers.append(after[0].ref)
        else:
            near = [m for m in after if m.start - according.end() <= 60]
            # "according to Cheong Wa Dae spokesman Kang Min-seok": Kang
            source = ([m for m in near if m.ref.kind == "person"] or near)[:1]
            if source and not speakers:
                speakers.append(source[0].ref)
    unique = list(dict.fromkeys(speakers))
    if not unique:
        if a.people and a.people[0].start < 40:
            ctx.last_subject = a.people[0].ref
        return []
    kind = "quote" if QUOTE.search(text) else "reported"
    if unique[-1].kind == "person":
        ctx.last_subject = unique[-1]
    if ctx.institutions:
        ctx.institutions.last_speaker = unique[-1]
        if unique[-1].kind != "person":
            ctx.institutions.last_voice = unique[-1]
    said = " ".join(text.split())
    return [StatementCandidate(s, kind, said, date, a.sentence) for s in unique]


def _nearest_before(people: list[Mention], position: int, female: bool) -> ParticipantRef | None:
    """The person named last before `position` whom the pronoun can stand for (of that gender, or
    of none known)."""
    for i in range(count_ending_by(people, position) - 1, -1, -1):
        ref = people[i].ref
        if ref.gender is None or (ref.gender == "f") == female:
            return ref
    return None


OPENING_QUOTE = re.compile(r"\s*[\"“‘']")


@dataclass
class Quotations:
    """The sentences of a quotation whose attribution stands in another sentence: each is a statement
    of the one speaker the paragraph gives it ('"We agreed. It is a start," Abe said.', 'Abe said:
    "We agreed. It is a start."', '"We agreed," Abe said. "It is a start."'), and a paragraph that is
    only a quotation, right after a paragraph that ended quoting someone, goes on quoting them."""

    speakers: tuple[ParticipantRef, ...] = ()  # who speaks the quotation under way
    speakers_paragraph: int = -1  # the paragraph their attribution stands in
    paragraph: int = -1  # the paragraph being read
    open: bool = False  # a quotation runs on past the sentence read last
    carried: tuple[ParticipantRef, ...] = ()  # who the previous paragraph ended quoting
    pending: list[tuple[Sentence, DateValue]] = field(default_factory=list)  # quoted, no speaker yet

    def follow(self, a: SentenceAnalysis, said: list[StatementCandidate], date: DateValue) -> list[StatementCandidate]:
        """The statements of this sentence, and of earlier ones its attribution now covers."""
        sentence, out = a.sentence, []
        if sentence.paragraph != self.paragraph:
            out = self._settle()
            self.carried = self.speakers if self.speakers_paragraph == self.paragraph else ()
            self.paragraph, self.open = sentence.paragraph, False
        marks = len(QUOTE_CHARS.findall(sentence.text))
        if said:
            if marks or self.open:  # the attribution of a quotation: its earlier sentences are theirs too
                self.speakers = tuple(dict.fromkeys(s.speaker for s in said))
                self.speakers_paragraph = sentence.paragraph
                out += [statement for s, d in self.pending for statement in _quoted(s, self.speakers, d)]
                self.pending = []
            out += said
        elif self.speakers_paragraph == sentence.paragraph and (
            self.open or (marks and OPENING_QUOTE.match(sentence.text))
        ):
            out += _quoted(sentence, self.speakers, date)
        elif marks or self.open:
            self.pending.append((sentence, date))
        if marks % 2:
            self.open = not self.open
        return out

    def finish(self) -> list[StatementCandidate]:
        return self._settle()

    def _settle(self) -> list[StatementCandidate]:
        """At a paragraph's end: quoted sentences no one in it spoke belong to whom the paragraph
        before ended quoting, when the paragraph opens with the quotation."""
        pending, self.pending = self.pending, []
        if not (pending and self.carried and OPENING_QUOTE.match(pending[0][0].text)):
            return []
        if self.speakers_paragraph == self.paragraph:
            return []  # someone was quoted by name in this paragraph: the rest is not the carried speaker's
        return [statement for s, d in pending for statement in _quoted(s, self.carried, d)]


def _quoted(sentence: Sentence, speakers: tuple[ParticipantRef, ...], date: DateValue) -> list[StatementCandidate]:
    said = " ".join(sentence.text.split())
    return [StatementCandidate(s, "quote", said, date, sentence) for s in speakers]
