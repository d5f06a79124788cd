"""Statements: direct quotes and reported speech, attributed to their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
            if ctx.institutions and ctx.institutions.last_speaker:
                speakers.append(ctx.institutions.last_speaker)
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
    if not speakers and ctx.open_quote_speaker and _continues_quote(text):
        speakers.extend(ctx.open_quote_speaker)
    unique = list(dict.fromkeys(speakers))
    if not unique:  # no statement; a quote left open here has no speaker to carry on
        ctx.open_quote_speaker = ()
        if a.people and a.people[0].start < 40:
            ctx.last_subject = a.people[0].ref
        return []
    kind = "quote" if QUOTE.search(text) or (ctx.open_quote_speaker and _continues_quote(text)) else "reported"
    ctx.open_quote_speaker = tuple(unique) if _continues_quote(text) else ()
    if unique[-1].kind == "person":
        ctx.last_subject = unique[-1]
    if ctx.institutions:
        ctx.institutions.last_speaker = unique[-1]
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


def _continues_quote(text: str) -> bool:
    return len(QUOTE_CHARS.findall(text)) % 2 == 1
