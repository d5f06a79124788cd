"""Article -> Extraction: dated events, resolved participants and attributed statements.

Pure functions over plain values: no database, no terminal. The order of work is:
dateline -> sentences -> per sentence (people, countries, dates, clauses, speech) -> event and
statement candidates -> merge events within the article -> link statements to events.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache

from tracker.event_types import BY_NAME
from tracker.extract.context import ArticleContext, SentenceAnalysis, analyse_sentence, focus_countries
from tracker.extract.dates import find_dates, scan_dates
from tracker.extract.events import (
    Candidate,
    add_candidate,
    credit_announcer,
    event_candidates,
    finish_events,
    narrative_date_after,
    to_extracted,
)
from tracker.extract.institutions import InstitutionResolver
from tracker.extract.lexicon import load_lexicon
from tracker.extract.participants import ParticipantResolver
from tracker.extract.sentences import Dateline, find_dateline, split_sentences
from tracker.extract.statements import Quotations, StatementCandidate, statement_candidates
from tracker.extract.triggers import scan_triggers
from tracker.model import Article, DateValue, ExtractedStatement, Extraction, Sentence


@lru_cache(maxsize=4096)
def _reference_date(published: dt.date, dateline_date: str | None) -> dt.date:
    """The dateline's date ("SEOUL, Dec. 28 --") when it is near the publication date (the same
    few datelines recur for the articles of a day)."""
    if dateline_date:
        for phrase in find_dates(dateline_date, published):
            if phrase.value.precision == "day" and abs((phrase.value.date - published).days) <= 3:
                return phrase.value.date
    return published


def extract_article(article: Article) -> Extraction:
    lexicon = load_lexicon()
    dateline = find_dateline(article)
    ref = _reference_date(article.published, dateline.date_text if dateline else None)
    resolver = ParticipantResolver(lexicon, ref)
    resolver.focus = focus_countries(article.title, article.body, lexicon, resolver)
    resolver.learn_written_names(article.body)
    ctx = ArticleContext(lexicon, article.published, ref, resolver, headline=article.title)
    ctx.institutions = InstitutionResolver(lexicon, _home_country(dateline, resolver), ref, resolver.focus)
    ctx.trigger_scan = scan_triggers(article.body)
    ctx.date_scan = scan_dates(article.body)
    candidates: list[Candidate] = []
    statements: list[StatementCandidate] = []
    quotations = Quotations()
    unannounced: list[Candidate] = []  # government acts of the previous sentence, told without a name
    for sentence in split_sentences(article, dateline.end if dateline else 0):
        analysis = analyse_sentence(sentence, ctx)
        acts = []
        for candidate in event_candidates(analysis, ctx):
            kept = add_candidate(candidates, candidate, ctx)
            moved_to = narrative_date_after(candidate, kept)
            if moved_to is not None:
                ctx.note_date(sentence.paragraph, moved_to)
            if kept is not None and BY_NAME[kept.type].credited_to_announcer and not kept.persons:
                acts.append(kept)
        said = quotations.follow(
            analysis, statement_candidates(analysis, ctx, date := _statement_date(analysis, ctx)), date
        )
        for act in unannounced:
            credit_announcer(act, [s.speaker for s in said if s.speaker.kind == "person"])
        unannounced = acts
        statements.extend(said)
    statements.extend(quotations.finish())
    events = finish_events(candidates)
    extracted = [to_extracted(e, ctx) for e in events]
    event_for = _EventFinder(events)
    linked = [ExtractedStatement(s.speaker, s.kind, s.text, s.date, s.sentence, event_for(s)) for s in statements]
    return Extraction(article, tuple(extracted), tuple(linked), tuple(resolver.new_people.values()))


def _home_country(dateline: Dateline | None, resolver: ParticipantResolver) -> str | None:
    """The country an unnamed "foreign ministry" belongs to: the dateline's ("SEOUL, Jan. 8"), else
    the article's most mentioned."""
    if dateline:
        code = resolver.code_of(dateline.place.split(",")[0].strip().title())
        if code:
            return code
    return resolver.focus[0] if resolver.focus else None


def _statement_date(analysis: SentenceAnalysis, ctx: ArticleContext) -> DateValue:
    """The date next to the speech verb ("said on Monday", "told reporters late Thursday"), else the
    date the narrative is at."""
    for speech in analysis.speech:
        for phrase in analysis.dates:
            if speech.verb_end <= phrase.start <= speech.verb_end + 40 and not phrase.value.future:
                return phrase.value
    return ctx.narrative_date(analysis.sentence.paragraph)


class _EventFinder:
    """The event a statement is about: one told in the same sentence with the speaker taking part,
    else the speaker's meeting on the statement's date. The events are indexed by sentence and by
    the people of their meetings, so that a statement is not compared with every event."""

    def __init__(self, events: list[Candidate]) -> None:
        self.people = [event.person_names() for event in events]
        self.by_sentence: dict[Sentence, list[int]] = defaultdict(list)
        self.meetings_of: dict[str, list[tuple[int, DateValue]]] = defaultdict(list)
        for i, event in enumerate(events):
            for sentence in event.sentences:
                self.by_sentence[sentence].append(i)
            if event.type == "meeting":
                for name in self.people[i]:
                    self.meetings_of[name].append((i, event.date))

    def __call__(self, statement: StatementCandidate) -> int | None:
        speaker = statement.speaker.name
        for i in self.by_sentence.get(statement.sentence, ()):
            if speaker in self.people[i]:
                return i
        for i, date in self.meetings_of.get(speaker, ()):
            if date.agrees_with(statement.date):
                return i
        return None
