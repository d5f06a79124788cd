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

from tracker.event_types import ACTOR, BY_NAME, COUNTERPART, REGISTRY, SUBJECT, TWO_PARTIES
from tracker.extract.captions import is_headline, is_page_noise
from tracker.extract.clauses import Clause, clause_at
from tracker.extract.context import ArticleContext, SentenceAnalysis
from tracker.extract.dates import DatePhrase, speaks_of_future
from tracker.extract.event_dates import dates_another_noun, year_of_means, year_of_noun
from tracker.extract.guard import guarded
from tracker.extract.participants import GROUP_PEOPLE, Mention, count_ending_by, mentions_between
from tracker.extract.triggers import Trigger, is_anaphoric, is_infinitive
from tracker.model import DateValue, ExtractedEvent, ParticipantRef, Sentence
from tracker.same_event import Report
from tracker.same_event import same_event as same_report

NEEDS_TWO = frozenset(t.name for t in REGISTRY if t.frame == TWO_PARTIES)
COUNTERPART_TYPES = frozenset(t.name for t in REGISTRY if t.frame == COUNTERPART)  # acts aimed at another country
SUBJECT_TYPES = frozenset(t.name for t in REGISTRY if t.frame == SUBJECT)  # one visits, one takes office
ACTOR_TYPES = frozenset(t.name for t in REGISTRY if t.frame == ACTOR)
# "built under Ishiba's predecessor, Fumio Kishida": neither takes part; "met Suga's predecessor, Abe": Abe does
EXCLUDED_APPOSITIVE = guarded(
    r"\b(?:(?:under|by|from|of|to)\s+(?:\w+['’]s\s+)?(?:predecessor|successor)|father|mother|wife|husband|son|"
    r"daughter)\s*,?\s*$"
)
# "the office of President Moon said it decided": the head of an institution does not act in its acts;
# "Takaichi, a protégé of former Prime Minister Abe, opened the meeting": nor does the one someone is related to
NAMED_AS_RELATION = guarded(
    r"\b(?:(?:office|administration|government|cabinet)\s+of\s+(?:[A-Z][\w.'’-]*\s+){0,4}"
    r"|(?:protégé|protege|mentor|ally|aide|disciple|rival|widow|grandson|granddaughter)\s+of\s+(?:[\w.'’-]+\s+){0,4})$"
)
# "Yoon's inauguration", "the swearing-in of Lee": whose office it is
OWNER_BEFORE = guarded(r"['’]s\s+(?:[\w-]+\s+){0,2}$")
OF_AFTER = guarded(r"\s+(?:ceremony\s+)?(?:of|for)\s+(?:[\w-]+\s+){0,4}$")
POSSESSOR_OF_RELATIVE = guarded(r"['’]s\s+(?:predecessor|successor|father|mother|wife|husband|son|daughter)\b")
PRONOUN_SUBJECT = guarded(r"\b(?P<p>he|she|He|She)\b")
# "his first summit on Oct. 30 was with X": the owner of the event noun takes part in it
POSSESSIVE_BEFORE = guarded(r"\b(?P<p>[Hh]is|[Hh]er)\s+(?:[\w-]+\s+){0,2}$")
LOCATIVE = guarded(r"\b(?:in|at|to|near|outside|visited|visit|visiting)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}$")
SEPARATE_WITH = guarded(r"\bwith\s+(?P<first>[^,;]{2,60}?)\s+and\s+(?:then\s+|later\s+|also\s+)?with\s+")
EACH_WITH = guarded(
    r"\beach (?:had )?(?:held|hold|holding|had) (?:separate |individual |their own )?"
    r"(?:talks|meetings|summits) with\b"
)
# "in Japan": `\bin (?P<c>...)\b` written to begin with its literal, which `re` searches for by
# itself; the look-behind tests the character before "in" as \b did
IN_NAME = re.compile(r"in (?<!\w...)(?P<c>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
WHO = re.compile(r",\s+who\b")
# a meeting told as one of more than two parties: not the same as the pair's talks that day
GROUP_MEETING = guarded(
    r"\b(?:[Tt]ri-?lateral|[Tt]hree-(?:way|nation|party|country)|[Mm]ultilateral|"
    r"[Tt]he three (?:leaders|ministers|men))\b"
)
ATTRIBUTIVE_TITLE = re.compile(r"\s+[A-Z]")  # "visiting Prime Minister ...": the participle before a title
DEMONYM_CAPITAL = guarded(r"\bthe\s+(?P<d>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital\b")


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
    background: bool = False  # named with its year ("a 1965 treaty"): the narrative does not move to it

    def person_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.persons)


def _nearest_date(dates: list[DatePhrase], clause: Clause, trigger: Trigger, text: str) -> DatePhrase | None:
    """The clause's date phrase for this trigger: English puts the time after the verb, so the
    nearest one after the trigger, else the nearest one before it; never one that dates another
    thing the clause names ("lifted the curbs imposed in 2019"). `dates` are in text order."""
    first = bisect.bisect_left(dates, clause.start, key=_start_of)
    end = bisect.bisect_left(dates, clause.end, lo=first, key=_start_of)
    after = bisect.bisect_left(dates, trigger.start, lo=first, hi=end, key=_start_of)
    if after < end and not dates_another_noun(text, trigger, dates[after]):
        return dates[after]
    return dates[after - 1] if after > first else None


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
    if clause.kind in ("rel", "purpose", "shift"):
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


def _owner(a: SentenceAnalysis, ctx: ArticleContext, trigger: Trigger) -> ParticipantRef | None:
    """ "his talks", "her first summit": the person the possessive stands for, named before it in
    the sentence or, failing that, the subject of the sentence before."""
    text = a.sentence.text
    m = POSSESSIVE_BEFORE.search(text, max(0, trigger.start - 40), trigger.start)
    if m is None:
        return None
    female = m["p"].lower() == "her"
    ref = _resolve_pronoun(a, m.start(), "she" if female else "he")
    if ref is None and not any(p.end <= m.start() for p in a.people):
        ref = ctx.last_subject
    if ref is None or ref.kind != "person" or (ref.gender and (ref.gender == "f") != female):
        return None
    return ref


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
        if a.in_reported(mention.start) and clause.kind != "purpose":
            continue
        if EXCLUDED_APPOSITIVE.search(text[max(0, mention.start - 30) : mention.start]):
            continue
        if mention.start > trigger.end and mention.start in a.speaker_starts:
            continue  # ", Ko said": the source of the report, not a participant
        if POSSESSOR_OF_RELATIVE.match(text, mention.end):
            continue
        if NAMED_AS_RELATION.search(text[max(0, mention.start - 60) : mention.start]):
            continue
        if mention.possessive and not any(_owns(text, mention, t) for t in a.triggers):
            continue  # "Moon's letter to Abe at their meeting": Moon is not at the meeting
        mentions.append(mention)
    if not BY_NAME[trigger.type].people_take_part:
        return []  # a court rules; the people named around it are not parties to the ruling
    if trigger.type == "office" and trigger.noun:
        # "the inauguration of Yoon", "Kishida's resignation": the one whose office it is, not the
        # subject of the sentence (who may only attend it)
        return [m.ref for m in mentions if _owns(text, m, trigger) or _owned_by(text, m, trigger)][:1]
    if trigger.type in SUBJECT_TYPES:  # one takes office; the visitors are the subject: who comes before
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
        elif ATTRIBUTIVE_TITLE.match(text, trigger.end):
            mentions = mentions[:1]  # "Visiting Foreign Minister Kim and Park ...": the visitor is Kim
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
    owner = _owner(a, ctx, trigger) if trigger.noun else None
    if owner is not None:
        people.insert(0, owner)
    unique: dict[str, ParticipantRef] = {}
    for p in people:
        unique.setdefault(p.name, p)
    if len(unique) < 2 and trigger.type not in SUBJECT_TYPES:
        for p in _group_people(a, ctx, clause, date):
            unique.setdefault(p.name, p)
    return list(unique.values())


def _owns(text: str, mention: Mention, trigger: Trigger) -> bool:
    """ "Lee's visit", "Ishiba's first summit": a possessive right before the event noun."""
    return mention.end <= trigger.start and OWNER_BEFORE.match(text, mention.end, trigger.start) is not None


def _owned_by(text: str, mention: Mention, trigger: Trigger) -> bool:
    """ "the inauguration ceremony of President Yoon": the person the event noun is of."""
    return trigger.end <= mention.start and OF_AFTER.match(text, trigger.end, mention.start) is not None


def _clause_countries(a: SentenceAnalysis, clause: Clause) -> list[str]:
    text = a.sentence.text
    codes = []
    for mention in a.countries:
        if _currency(text, mention.end):
            continue
        if clause.start <= mention.start < clause.end and mention.ref.country:
            codes.append(mention.ref.country)
    return list(dict.fromkeys(codes))


def _clause_demonyms(a: SentenceAnalysis, ctx: ArticleContext, clause: Clause) -> list[str]:
    lexicon = ctx.lexicon
    found = lexicon.demonym_pattern.finditer(a.sentence.text, clause.start, clause.end)
    return [lexicon.demonyms[m.group(0).lower()] for m in found if not _currency(a.sentence.text, m.end())]


def _currency(text: str, end: int) -> bool:
    """ "US$88,000": a country's name or adjective that writes its currency."""
    return text[end : end + 1] == "$"


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
    capital = DEMONYM_CAPITAL.search(text, clause.start, clause.end)
    if capital:  # "visiting the South Korean capital"
        code = ctx.lexicon.demonyms.get(capital["d"].lower())
        if code:
            return capital.group(0), code
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
    if not a.triggers or is_page_noise(text) or is_headline(text, ctx.headline):
        return out  # a caption's picture is told in the story, if at all
    seen_types: set[tuple[int, str]] = set()
    triggers = a.triggers
    told = {(clause_at(a.clauses, t.start), t.type) for t in triggers if not is_anaphoric(text, t)}
    for trigger in triggers:
        index = clause_at(a.clauses, trigger.start)
        purpose = a.clauses[index].kind == "purpose"  # "to discuss the summit": what is discussed, not said
        if (a.in_reported(trigger.start) or _inside_quotes(text, trigger.start)) and not purpose:
            # what someone said or intends is not an event, but "said Japan protested" is one
            if not BY_NAME[trigger.type].counts_when_reported:
                continue
            if speaks_of_future(text[a.clauses[index].start : trigger.start]):
                continue  # "we will protest": a threat, not a protest
        if (index, trigger.type) in seen_types:
            continue
        if any((index, other) in told for other in BY_NAME[trigger.type].yields_to):
            continue  # "visited Tokyo for talks with Kishida" is the meeting
        clause = a.clauses[index]
        own = _nearest_date(_own_dates(a, trigger), clause, trigger, text)  # the trigger's own date phrase
        date = _clause_date(a, ctx, clause, own)
        # "a 1965 treaty", "agreed ... in a 2015 deal": a thing of that year, not of the narrative's day
        year = year_of_noun(text, trigger) or (None if own else year_of_means(text, clause, trigger))
        if year and not (own and own.value.date.year == year.date.year):
            date = year
        planned = False
        if BY_NAME[trigger.type].planned_when_intended and not purpose and is_infinitive(text, trigger):
            if not speaks_of_future(text[clause.start : trigger.start]):
                continue
            planned = True
        anaphoric = is_anaphoric(text, trigger) and (own is None or not _dates_the_noun(text, trigger, own))
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
        if not persons or trigger.type in COUNTERPART_TYPES or trigger.type in ACTOR_TYPES:
            countries += _clause_countries(a, clause)
        if trigger.type in COUNTERPART_TYPES:
            # "summoned the Japanese ambassador", "a South Korean court": the states a demonym names
            countries += _clause_demonyms(a, ctx, clause)
        if location_country and (trigger.type == "visit" or trigger.type in COUNTERPART_TYPES):
            countries.append(location_country)  # "recalled its consul general in Busan"
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
                inherited=own is None and date is not year,
                background=year is not None and date is year,
            )
        )
    return out


# a speech verb between an event noun and a date phrase: the date is the saying's ("asked about the
# latest ruling, the minister said on Friday")
_SAID_BETWEEN = re.compile(r"\b(?:said|says|told|added|noted|stressed|announced)\b")


def _dates_the_noun(text: str, trigger: Trigger, own: DatePhrase) -> bool:
    """Whether the date phrase of the clause is the event noun's own ("the meeting on Friday") rather
    than that of someone's saying."""
    if own.start >= trigger.end:
        return _SAID_BETWEEN.search(text, trigger.end, own.start) is None
    return _SAID_BETWEEN.search(text, own.end, trigger.start) is None


def _inside_quotes(text: str, position: int) -> bool:
    """Whether `position` stands inside a quotation: someone's words, told with or without a speech
    verb in the sentence (a quotation that goes on from the sentence before has none)."""
    before = text[:position]
    curly = before.count("“") - before.count("”")
    return curly > 0 or before.count('"') % 2 == 1


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
    if c.type in SUBJECT_TYPES:
        return len(c.persons) >= 1
    return True


def same_event(a: Candidate, b: Candidate) -> bool:
    """The one same-event rule (`tracker.same_event`), persons known by their names; within one
    article, also one meeting told once with one name more (`_one_name_more`)."""
    if a.type != b.type:  # most pairs of an article's events: decided before building the reports
        return False
    if same_report(
        Report(a.type, a.date, a.person_names(), frozenset(a.countries), a.inherited),
        Report(b.type, b.date, b.person_names(), frozenset(b.countries), b.inherited),
    ):
        return True
    return bool(a.persons) and bool(b.persons) and _one_name_more(a, b)


def _one_name_more(a: Candidate, b: Candidate) -> bool:
    """The same pair where one telling adds one more name ("their talks on Saturday, ahead of
    Lee's summit with Trump"), on the same day, one of them its own: one event unless that telling
    says the meeting was of a group ("the trilateral summit"), which is another event than the
    pair's. (Only the article's text tells this, so the store's rule does not have it.)"""
    names_a, names_b = a.person_names(), b.person_names()
    if (a.inherited and b.inherited) or not a.date.agrees_with(b.date):
        return False
    small, big = (a, b) if len(names_a) < len(names_b) else (b, a)
    fewer, more = small.person_names(), big.person_names()
    return len(fewer) >= 2 and fewer < more and len(more) == len(fewer) + 1 and not GROUP_MEETING.search(big.summary)


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
        if not BY_NAME[candidate.type].kept_unresolved:
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
            if candidate.person_names() != existing.person_names() and candidate.status == "occurred":
                ctx.groups.append((candidate.date.date, candidate.persons))  # "the two" may mean this pair
            return existing
    events.append(candidate)
    if len(candidate.persons) >= 2 and candidate.status == "occurred":
        ctx.groups.append((candidate.date.date, candidate.persons))
    return candidate


def narrative_date_after(candidate: Candidate, kept: Candidate | None) -> DateValue | None:
    """The date the narrative is at once this candidate is told: the date of the event it was
    merged into (which may carry the day the text gave it elsewhere). "Moon and Kim held the summit"
    re-telling an event with its people brings the narrative back to that event's day; a bare
    reference ("the summit"), a plan and a thing named with its year ("a 1965 treaty") do not move it."""
    if candidate.status != "occurred" or candidate.background:
        return None
    if candidate.anaphoric and (kept is None or kept is candidate or kept.inherited or len(candidate.persons) < 2):
        return None
    return (kept or candidate).date


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
            if event.type in NEEDS_TWO:
                event.persons = _people_met_that_day(events, event)
        kept.append(event)
    return kept


def _people_met_that_day(events: list[Candidate], event: Candidate) -> tuple[ParticipantRef, ...]:
    """ "Seoul and Tokyo agreed to ..." on the day their leaders met: those leaders made it."""
    for meeting in events:
        if (
            meeting.type == "meeting"
            and meeting.date.precision == event.date.precision == "day"
            and meeting.date.date == event.date.date
            and len(meeting.persons) >= 2
            and {p.country for p in meeting.persons} == set(event.countries)
        ):
            return meeting.persons
    return ()


def to_extracted(c: Candidate, ctx: ArticleContext) -> ExtractedEvent:
    participants = [*c.persons, *(ctx.resolver.country_ref(code) for code in c.countries)]
    return ExtractedEvent(c.type, c.date, c.status, tuple(participants), tuple(c.sentences), c.location, c.summary)
