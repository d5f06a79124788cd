"""Events from sentences: a trigger word, the date and the participants of its clause.

Candidates from every sentence are then merged: one real event told by several sentences is one
event with several sources (same type, same people, dates that agree within their precision).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from operator import itemgetter

from tracker.extract.clauses import Clause, clause_at
from tracker.extract.context import ArticleContext, SentenceAnalysis
from tracker.extract.dates import DatePhrase, speaks_of_future
from tracker.extract.guard import guarded
from tracker.extract.participants import GROUP_PEOPLE, count_ending_by, mentions_between
from tracker.extract.triggers import Trigger, is_anaphoric, is_infinitive
from tracker.model import DateValue, ExtractedEvent, ParticipantRef, Sentence
from tracker.same_event import Report
from tracker.same_event import same_event as same_report

NEEDS_TWO = frozenset({"meeting", "call", "agreement"})
COUNTERPART_TYPES = frozenset({"policy", "protest", "ruling"})  # acts aimed at another country
# "built under Ishiba's predecessor, Fumio Kishida": neither takes part; "met Suga's predecessor, Abe": Abe does
EXCLUDED_APPOSITIVE = guarded(
    r"\b(?:(?:under|by|from|of|to)\s+(?:\w+['’]s\s+)?(?:predecessor|successor)|father|mother|wife|husband|son|"
    r"daughter)\s*,?\s*$"
)
POSSESSOR_OF_RELATIVE = guarded(r"['’]s\s+(?:predecessor|successor|father|mother|wife|husband|son|daughter)\b")
PRONOUN_SUBJECT = guarded(r"\b(?P<p>he|she|He|She)\b")
LOCATIVE = guarded(r"\b(?:in|at|to|near|outside|visited|visit|visiting)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}$")
ATTRIBUTIVE_YEAR = guarded(r"\b(?P<y>19\d\d|20\d\d)\s+(?:[\w-]+\s+)?$")
SEPARATE_WITH = guarded(r"\bwith\s+(?P<first>[^,;]{2,60}?)\s+and\s+(?:then\s+|later\s+|also\s+)?with\s+")
EACH_WITH = guarded(
    r"\beach (?:had )?(?:held|hold|holding|had) (?:separate |individual |their own )?"
    r"(?:talks|meetings|summits) with\b"
)
# "in Japan": `\bin (?P<c>...)\b` written to begin with its literal, which `re` searches for by
# itself; the look-behind tests the character before "in" as \b did
IN_NAME = re.compile(r"in (?<!\w...)(?P<c>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
WHO = re.compile(r",\s+who\b")


@dataclass
class Candidate:
    type: str
    date: DateValue
    status: str
    persons: tuple[ParticipantRef, ...]
    countries: tuple[str, ...]
    sentences: dict[Sentence, None]  # the sentences that tell it, in text order (a dict: an ordered set)
    location: str | None
    summary: str
    anaphoric: bool = False
    inherited: bool = False  # the date came from the narrative, not from the event's own clause

    def person_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.persons)


def _nearest_date(dates: list[DatePhrase], clause: Clause, trigger: Trigger) -> DatePhrase | None:
    """The clause's date phrase for this trigger: English puts the time after the verb, so the
    nearest one after the trigger, else the nearest one before it. `dates` are in text order."""
    first = bisect.bisect_left(dates, clause.start, key=_start_of)
    end = bisect.bisect_left(dates, clause.end, lo=first, key=_start_of)
    after = bisect.bisect_left(dates, trigger.start, lo=first, hi=end, key=_start_of)
    if after < end:
        return dates[after]
    return dates[end - 1] if end > first else None


def _start_of(phrase: DatePhrase) -> int:
    return phrase.start


def _own_dates(a: SentenceAnalysis, trigger: Trigger) -> list[DatePhrase]:
    """Date phrases that can date this trigger: not those inside someone's reported words."""
    if a.in_reported(trigger.start):
        return a.dates
    return a.unreported_dates


def _clause_date(a: SentenceAnalysis, ctx: ArticleContext, clause: Clause, own: DatePhrase | None) -> DateValue | None:
    """The trigger's date: its own phrase in the clause, else what the clause's kind implies."""
    if own:
        return own.value
    if clause.kind == "since":
        return None  # "since he took office": background without a date of its own
    if clause.kind in ("rel", "shift"):
        main = _main_date(a, ctx)
        if clause.kind == "shift" and main.precision == "day":
            return DateValue(main.date + dt.timedelta(days=clause.shift_days), "day", main.future)
        return main
    return ctx.narrative_date(a.sentence.paragraph)


def _main_date(a: SentenceAnalysis, ctx: ArticleContext) -> DateValue:
    main = a.clauses[0]
    first = bisect.bisect_left(a.dates, main.start, key=_start_of)  # the dates are in text order
    inside = first < len(a.dates) and a.dates[first].start < main.end
    return a.dates[first].value if inside else ctx.narrative_date(a.sentence.paragraph)


def _resolve_pronoun(a: SentenceAnalysis, position: int, pronoun: str) -> ParticipantRef | None:
    """he/she -> the nearest person named before it in the sentence, unless a pronoun of the same
    kind stands between (then it refers to someone else)."""
    text = a.sentence.text
    female = pronoun.lower() == "she"
    same = r"\b(?:she|her|hers)\b" if female else r"\b(?:he|him|his)\b"
    for i in range(count_ending_by(a.people, position) - 1, -1, -1):  # the nearest first
        mention = a.people[i]
        if re.search(same, text[mention.end : position], re.IGNORECASE):
            return None
        if mention.ref.gender and (mention.ref.gender == "f") != female:
            continue  # "she" is not Abe
        return mention.ref
    return None


def _group_people(
    a: SentenceAnalysis, ctx: ArticleContext, clause: Clause, date: DateValue | None
) -> list[ParticipantRef]:
    text = a.sentence.text
    for m in GROUP_PEOPLE.finditer(text, clause.start, clause.end):
        count = m["n1"] or m["n2"]
        word = m.group(0).lower()
        if count:
            group = ctx.group_of_size({"two": 2, "three": 3, "four": 4}[count])
        elif word in ("they", "their"):
            group = ctx.recent_group()
        else:
            group = ctx.lead_group()
            lead_date = ctx.groups[0][0] if ctx.groups else None
            if group and date and lead_date and abs((date.date - lead_date).days) > 31:
                group = ()  # "when the leaders met in 2019": not this article's leaders
        if not group and word not in ("they", "their"):
            # nothing told yet: "Moon told Abe ..., as the two leaders held their first call"
            named = _named_before(a, m.start())
            if len(named) == ({"two": 2, "three": 3, "four": 4}[count] if count else len(named)) and len(named) >= 2:
                group = tuple(named)
        if group:
            return list(group)
    return []


def _named_before(a: SentenceAnalysis, position: int) -> list[ParticipantRef]:
    """The persons the sentence names before `position`, each once, in the order first named."""
    first = a.first_named
    return [ref for _, ref in first[: bisect.bisect_right(first, position, key=itemgetter(0))]]


def _clause_people(
    a: SentenceAnalysis, ctx: ArticleContext, clause_index: int, trigger: Trigger, date: DateValue | None
) -> list[ParticipantRef]:
    text = a.sentence.text
    clause = a.clauses[clause_index]
    # ", Ko said.": a source named after the event it reports is not a participant
    # (a speaker stands before the speech verb, so a speaker after the trigger speaks after it)
    mentions = []
    for mention in mentions_between(a.people, clause.start, clause.end):
        if a.in_reported(mention.start):
            continue
        if EXCLUDED_APPOSITIVE.search(text[max(0, mention.start - 30) : mention.start]):
            continue
        if mention.start > trigger.end and mention.start in a.speaker_starts:
            continue  # ", Ko said": the source of the report, not a participant
        if POSSESSOR_OF_RELATIVE.match(text, mention.end):
            continue
        mentions.append(mention)
    if trigger.type == "ruling":
        return []  # a court rules; the people named around it are not parties to the ruling
    if trigger.type in ("office", "visit"):  # one takes office; the visitors are the subject: who comes before
        before = [m for m in mentions if m.start < trigger.start]
        if trigger.type == "office":
            mentions = before[-1:]
            start = mentions[0].end if mentions else clause.start
            pronoun = PRONOUN_SUBJECT.search(text, start, trigger.start)
            if pronoun:  # "Lee congratulated her on the day she took office": she, not Lee
                ref = _resolve_pronoun(a, pronoun.start(), pronoun["p"])
                return [ref] if ref else []
        elif before:
            mentions = before
    if clause.kind == "resume" and clause_index >= 2:
        # "Kishida, who is not running again, met Yoon on Friday": the subject stands before ", who"
        subject = a.clauses[clause_index - 2]
        mentions = mentions_between(a.people, subject.start, subject.end)[-1:] + mentions
    people: list[ParticipantRef] = [m.ref for m in mentions]
    # "Lee, who took office in June": the relative pronoun's antecedent
    if clause.kind == "rel" and WHO.match(text[clause.start - 6 : clause.start + 4] or ""):
        ended = count_ending_by(a.people, clause.start)
        if ended:
            people.append(a.people[ended - 1].ref)
    if not people or trigger.type != "office":
        for m in PRONOUN_SUBJECT.finditer(text, clause.start, trigger.start):
            ref = _resolve_pronoun(a, m.start(), m["p"])
            if ref:
                people.append(ref)
                break
    unique: dict[str, ParticipantRef] = {}
    for p in people:
        unique.setdefault(p.name, p)
    if len(unique) < 2 and trigger.type not in ("office", "visit"):
        for p in _group_people(a, ctx, clause, date):
            unique.setdefault(p.name, p)
    return list(unique.values())


def _clause_countries(a: SentenceAnalysis, clause: Clause) -> list[str]:
    codes = []
    for mention in a.countries:
        if clause.start <= mention.start < clause.end and mention.ref.country:
            codes.append(mention.ref.country)
    return list(dict.fromkeys(codes))


def _location(a: SentenceAnalysis, ctx: ArticleContext, clause: Clause) -> tuple[str | None, str | None]:
    text = a.sentence.text
    best = None
    for m in ctx.lexicon.place_pattern.finditer(text, clause.start, clause.end):
        place = ctx.lexicon.places[m.group(0).lower()]
        if place.kind == "forum" or not LOCATIVE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if best is None:
            best = place
    if best:
        return best.name, best.country
    named = IN_NAME.search(text[clause.start : clause.end])
    if named:
        code = ctx.lexicon.country_names.get(named["c"].lower())
        if code:
            return named["c"], code
    return None, None


def event_candidates(a: SentenceAnalysis, ctx: ArticleContext) -> list[Candidate]:
    text = a.sentence.text
    summary = _summary(text)
    out: list[Candidate] = []
    seen_types: set[tuple[int, str]] = set()
    triggers = a.triggers
    meeting_clauses = {
        clause_at(a.clauses, t.start) for t in triggers if t.type == "meeting" and not is_anaphoric(text, t)
    }
    for trigger in triggers:
        if a.in_reported(trigger.start) and trigger.type != "protest":
            continue  # what someone said or intends is not an event, but "said Japan protested" is one
        index = clause_at(a.clauses, trigger.start)
        if (index, trigger.type) in seen_types:
            continue
        if trigger.type == "visit" and index in meeting_clauses:
            continue  # "visited Tokyo for talks with Kishida" is the meeting
        clause = a.clauses[index]
        own = _nearest_date(_own_dates(a, trigger), clause, trigger)  # the trigger's own date phrase
        date = _clause_date(a, ctx, clause, own)
        year = ATTRIBUTIVE_YEAR.search(text, max(0, trigger.start - 20), trigger.start) if trigger.noun else None
        if year:  # "a 1965 treaty": a thing of that year, not of the narrative's day
            date = DateValue(dt.date(int(year["y"]), 1, 1), "year")
        planned = False
        if trigger.type in ("meeting", "call", "visit") and is_infinitive(text, trigger):
            if not speaks_of_future(text[clause.start : trigger.start]):
                continue
            planned = True
        anaphoric = own is None and is_anaphoric(text, trigger)
        if date is None:
            continue
        persons = _clause_people(a, ctx, index, trigger, date)
        if trigger.type == "meeting" and EACH_WITH.search(text, clause.start, clause.end):
            out.extend(_distributed(a, ctx, clause, date, persons, summary))
        if trigger.type == "meeting" and SEPARATE_WITH.search(text, clause.start, clause.end):
            separate = _separate(a, clause, date, summary)
            if separate:
                out.extend(separate)
                seen_types.add((index, trigger.type))
                continue
        countries = [p.country for p in persons if p.country]
        location, location_country = _location(a, ctx, clause)
        if not persons or trigger.type in COUNTERPART_TYPES or trigger.type == "military":
            countries += _clause_countries(a, clause)
        if trigger.type == "visit" and location_country:
            countries.append(location_country)
        countries = list(dict.fromkeys(c for c in countries if c))
        if trigger.type in COUNTERPART_TYPES and len(countries) == 1 and len(ctx.resolver.focus) >= 2:
            countries += [c for c in ctx.resolver.focus[:2] if c not in countries][:1]
        future_marker = speaks_of_future(text[max(clause.start, trigger.start - 80) : trigger.end + 40])
        status = (
            "planned"
            if date.date > ctx.ref or date.future or planned or (future_marker and date.date >= ctx.ref)
            else "occurred"
        )
        seen_types.add((index, trigger.type))
        out.append(
            Candidate(
                trigger.type,
                date,
                status,
                tuple(persons),
                tuple(countries),
                {a.sentence: None},
                location,
                summary,
                anaphoric,
                inherited=own is None,
            )
        )
    return out


def _distributed(
    a: SentenceAnalysis,
    ctx: ArticleContext,
    clause: Clause,
    date: DateValue,
    persons: list[ParticipantRef],
    summary: str,
) -> list[Candidate]:
    """ "after each had held separate talks with Biden": one meeting per member of the group."""
    text = a.sentence.text
    m = EACH_WITH.search(text, clause.start, clause.end)
    assert m is not None
    partners = [x.ref for x in a.people if x.start >= m.end()]
    if not partners:
        return []
    partner = partners[0]
    group = ctx.recent_group() or ctx.lead_group()
    return [
        Candidate(
            "meeting",
            date,
            "occurred",
            (member, partner),
            tuple(dict.fromkeys(c for c in (member.country, partner.country) if c)),
            {a.sentence: None},
            None,
            summary,
        )
        for member in group
        if member.name != partner.name
    ]


def _separate(a: SentenceAnalysis, clause: Clause, date: DateValue, summary: str) -> list[Candidate]:
    """ "talks that Yoon held with Li and then with Kishida": two meetings, one per partner."""
    text = a.sentence.text
    m = SEPARATE_WITH.search(text, clause.start, clause.end)
    assert m is not None
    hosts = [x.ref for x in a.people if clause.start <= x.start < m.start()]
    first = [x.ref for x in a.people if m.start("first") <= x.start < m.end("first")]
    second = [x.ref for x in a.people if m.end() <= x.start < clause.end]
    if not hosts or not first or not second:
        return []
    host = hosts[-1]
    return [
        Candidate(
            "meeting",
            date,
            "occurred",
            (host, partner),
            tuple(dict.fromkeys(c for c in (host.country, partner.country) if c)),
            {a.sentence: None},
            None,
            summary,
        )
        for partner in (first[0], second[0])
        if partner.name != host.name
    ]


def _summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:239] + "…"


def is_valid(c: Candidate) -> bool:
    if not c.persons and not c.countries:
        return False
    if c.type in NEEDS_TWO:
        return len(c.persons) >= 2 or (not c.persons and len(c.countries) >= 2)
    if c.type in ("visit", "office"):
        return len(c.persons) >= 1
    return True


def same_event(a: Candidate, b: Candidate) -> bool:
    """The one same-event rule (`tracker.same_event`), persons known by their names."""
    if a.type != b.type:  # most pairs of an article's events: decided before building the reports
        return False
    return same_report(
        Report(a.type, a.date, a.person_names(), frozenset(a.countries), a.inherited),
        Report(b.type, b.date, b.person_names(), frozenset(b.countries), b.inherited),
    )


def _precise(a: DateValue, b: DateValue) -> DateValue:
    order = {"day": 0, "month": 1, "year": 2}
    return a if order[a.precision] <= order[b.precision] else b


def absorb(target: Candidate, other: Candidate) -> None:
    for sentence in other.sentences:
        target.sentences.setdefault(sentence)
    if target.inherited and not other.inherited and not other.anaphoric:
        target.date, target.inherited = other.date, False  # its own date beats an inherited one
    else:
        target.date = _precise(target.date, other.date)
    target.countries = tuple(dict.fromkeys([*target.countries, *other.countries]))
    target.location = target.location or other.location
    if target.status == "planned" and other.status == "occurred":
        target.status = "occurred"


def add_candidate(events: list[Candidate], candidate: Candidate, ctx: ArticleContext) -> Candidate | None:
    """Add to the article's events: merge into the same event, attach a reference ("the meeting")
    to the event it refers to, or append a new one."""
    if candidate.anaphoric:
        same_type = [e for e in events if e.type == candidate.type]
        antecedent = next(
            (e for e in reversed(same_type) if candidate.person_names() <= e.person_names()),
            same_type[-1] if same_type else None,
        )
        if antecedent is not None:
            if not antecedent.persons and len(candidate.persons) >= 2 and candidate.type in NEEDS_TWO:
                # "Seoul and Tokyo reached a deal" + "Yun and Kishida unveiled the accord": who made it
                antecedent.persons = candidate.persons
            absorb(antecedent, replace(candidate, date=antecedent.date, countries=()))
            return antecedent
        if candidate.type not in ("meeting", "call", "visit"):
            return None  # "the accord" with nothing to refer to is background, not news
        if not candidate.persons or len(candidate.persons) < 2:
            lead = ctx.lead_group()
            if not lead:
                return None
            candidate.persons = tuple(dict.fromkeys([*candidate.persons, *lead]))
            candidate.countries = tuple(dict.fromkeys([*candidate.countries, *(p.country for p in lead if p.country)]))
    if not is_valid(candidate):
        return None
    for existing in events:
        if same_event(existing, candidate):
            redated = existing.inherited and not candidate.inherited
            absorb(existing, candidate)
            if redated and existing is events[0] and existing.status == "occurred":
                ctx.lead_date = existing.date  # the lead's news happened on the day told later
            return existing
    events.append(candidate)
    if len(candidate.persons) >= 2 and candidate.status == "occurred":
        ctx.groups.append((candidate.date.date, candidate.persons))
    return candidate


def credit_announcer(event: Candidate, speakers: list[ParticipantRef]) -> None:
    """ "Seoul decided to end the pact. Kim, a deputy director of the security office, told reporters
    ...": a government act told without a name is credited to the official of that government who
    announces it in the next sentence."""
    if event.persons or not event.countries:
        return
    actor = event.countries[0]
    for speaker in speakers:
        if speaker.country == actor:
            event.persons = (speaker,)
            return


def finish_events(events: list[Candidate]) -> list[Candidate]:
    """An event told without people ("Seoul and Tokyo reached a deal") is the same as one told with
    the people who made it, on the same day, by the same countries."""
    kept: list[Candidate] = []
    for event in events:
        if not event.persons:
            match = next(
                (
                    e
                    for e in events
                    if e.persons
                    and e.type == event.type
                    and e.date.agrees_with(event.date)
                    and set(event.countries) == {p.country for p in e.persons if p.country}
                ),
                None,
            )
            if match is None:
                match = next(
                    (
                        e
                        for e in events
                        if e.persons
                        and e.type == event.type
                        and e.date.agrees_with(event.date)
                        and set(event.countries) <= set(e.countries)
                    ),
                    None,
                )
            if match is not None:
                absorb(match, event)
                continue
        kept.append(event)
    return kept


def to_extracted(c: Candidate, ctx: ArticleContext) -> ExtractedEvent:
    participants = [*c.persons, *(ctx.resolver.country_ref(code) for code in c.countries)]
    return ExtractedEvent(c.type, c.date, c.status, tuple(participants), tuple(c.sentences), c.location, c.summary)
