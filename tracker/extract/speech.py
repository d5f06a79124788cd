"""Who speaks in a sentence: a speaker (person, "both leaders", "he", "Lee's office") directly before a
speech verb, a trailing ", Ko said.", or "according to X"."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from tracker.extract.alternation import one_of
from tracker.extract.guard import AtEnd, guarded, may_match
from tracker.extract.participants import Mention, count_ending_by
from tracker.knowledge import data_file

# Speech verbs and phrases (knowledge/data/speech_verbs.json)
_SPEECH = data_file("speech_verbs.json")
SPEECH_VERBS = (*_SPEECH["verbs"], *_SPEECH["phrases"])
SPEECH_VERB = guarded(rf"\b{one_of(SPEECH_VERBS)}\b")
# Not speech, but what follows it is intention, not a report of an event ("agreed to meet annually").
_INTENT = r"\b(?:agreed|agreeing|pledging|vowing|promising|hoped|hopes|wants|wanted|plans|planned)\b"
INTENT_VERB = guarded(_INTENT)
_MAY_STATE_INTENT = may_match(_INTENT)
# What may stand between a speaker and the speech verb: ", a ministry official," and words such
# as "also", "had", "publicly" (`_gap_start` finds where they begin)
_ADVERBS = (
    "also later then again further repeatedly earlier separately jointly has had have was were would publicly "
    "privately firmly strongly once first reportedly both is are now continually"
).split()
_ADVERB_SET = frozenset(_ADVERBS)
_INSERTION = 140  # the longest ", ... ," insertion, between its commas
PRONOUN = AtEnd(r"\b(?P<p>[Hh]e|[Ss]he|[Ii]t)")
GROUP_SPEAKER = AtEnd(
    r"\b(?:[Bb]oth (?:leaders|sides|men|ministers)|[Tt]he two(?: leaders| sides| men| ministers)?|"
    r"[Tt]he three(?: leaders)?|[Tt]he leaders of both countries)"
)
OFFICE_OF = guarded(r"['’]s\s+(?:office|spokes(?:man|woman|person)|aides?)\s*$")
_ACCORDING_TO = r"\b[Aa]ccording to\b"
ACCORDING_TO = re.compile(_ACCORDING_TO)
MAY_SAY_ACCORDING_TO = may_match(_ACCORDING_TO)


@dataclass(slots=True)
class Speech:
    verb_start: int
    verb_end: int
    speakers: tuple[Mention, ...]  # empty when the speaker is not a person (a country, "a ministry official")
    pronoun: str | None = None  # "he" / "she" to be resolved by the caller
    group: bool = False  # "both leaders": the caller supplies the group


def _gap_start(left: str) -> int:
    r"""Where the search of `(?=[,\s]|$)(?:,[^,]{1,140},)?(?:\s+(?:also|later|...))*\s*$` (the
    words of `_ADVERBS`) in `left` begins, worked out from the end of `left` instead of tried at
    every space and comma: those words and the spaces before them are taken off the end, then a
    ", ... ," insertion that ends where they began."""
    kept = left.rstrip()
    while kept:
        word = kept.rsplit(None, 1)[-1]  # the last run of characters other than spaces
        if word not in _ADVERB_SET or len(word) == len(kept):
            break  # not such a word, or no space before it
        kept = kept[: len(kept) - len(word)].rstrip()
    end = len(kept)
    if end and kept[-1] == ",":
        comma = kept.rfind(",", 0, end - 1)
        if comma >= 0 and 1 <= end - 1 - (comma + 1) <= _INSERTION:
            return comma
    return end


def _speaker_before(text: str, position: int, people: list[Mention]) -> tuple[tuple[Mention, ...], str | None, bool]:
    # only the last stretch before the verb matters; bounding it keeps huge sentences linear
    base = max(0, position - WINDOW)
    left = text[base:position]
    head = left[: _gap_start(left)]
    office = OFFICE_OF.search(head)
    if office:
        head = head[: office.start()]
    # the mentions that end where the speaker would: only those ending in that short stretch are looked at
    nearest, farthest = base + len(head.rstrip()), base + len(head)
    near = people[count_ending_by(people, nearest - 1) : count_ending_by(people, farthest)]
    ending = [m for m in near if m.end == nearest or (office and m.end == farthest)]
    # "The government of President Moon announced": the government speaks, not Moon
    ending = [m for m in ending if not GOVERNMENT_OF.search(text, max(0, m.start - 60), m.start)]
    if not ending:
        ending = _before_appositive(text, position, people)
    if ending:
        speakers = [ending[-1]]
        # "Lee Jae Myung and Japanese Prime Minister Shigeru Ishiba pledged", "Moon, Abe and Li said": all
        joined_by_and = False
        while True:
            before = count_ending_by(people, speakers[0].start)
            if not before:
                break
            previous = people[before - 1]
            if previous.ref.kind != speakers[0].ref.kind:
                break  # "abducted by North Korea, and Moon expressed": Moon alone
            between = text[previous.end : speakers[0].start]
            if JOINED_BY_AND.fullmatch(between):
                joined_by_and = True
            elif not JOINED_BY_COMMA.fullmatch(between):
                break
            speakers.insert(0, previous)
        if not joined_by_and:
            speakers = speakers[-1:]
        return tuple(speakers), None, False
    if office:
        return (), None, False
    pronoun = PRONOUN.search(head)
    if pronoun:
        return (), pronoun["p"].lower(), False
    group = GROUP_SPEAKER.search(head)
    opening = text[: base + group.start()].rstrip() if group else ""
    if group and (len(opening) <= 1 or (opening.endswith(",") and "," not in opening[:-1])):
        return (), None, True  # only as the sentence's subject: "Both leaders emphasized", "During X, the two ..."
    return (), None, False


# "Michael Tanner, an analyst at the Cato Institute, said": a person, then what they are, then the verb
APPOSITIVE_GAP = re.compile(
    r",\s+(?:(?:a|an|the)\b|(?!(?:and|or|but|who|which|that|while|as|when|where|whose|with|after|before|if|because)\b)[a-z][\w-]*|[A-Z][\w.]*['’]s|(?:[A-Z][\w.-]*\s+){1,3}(?:of|at|for)\b)[^;:\"“”()]{0,200}?,"
    rf"\s*(?:(?:{'|'.join(_ADVERBS)})\s+)*$"
)


def _before_appositive(text: str, position: int, people: list[Mention]) -> list[Mention]:
    """The person whose appositive ends right before the verb (it may hold commas of its own:
    "Richard Revesz, director of the Institute for Policy Integrity at New York University, said")."""
    for i in range(count_ending_by(people, position) - 1, max(-1, count_ending_by(people, position) - 4), -1):
        m = people[i]
        if position - m.end > 230:
            break
        if m.ref.kind == "person" and APPOSITIVE_GAP.match(text, m.end, position):
            return [m]
    return []


GOVERNMENT_OF = guarded(
    r"\b(?:government|administration|cabinet|office|ministry|embassy)\s+of\s+"
    r"(?:(?:[A-Z][\w.]*|the)\s+){0,3}$",
    re.IGNORECASE,
)
# "announced a plan" is an act; "announced that ...", "announced: ..." and "..., announced X" report words
WORDS_ONLY_WITH_CONTENT = frozenset(_SPEECH["content_only"])
WORDS_ONLY_QUOTED = frozenset(_SPEECH["quote_only"])
QUOTE_FOLLOWS = re.compile(r"\s+(?:for|on)\b|[^.;:\"“”]{0,60}[\"“]|[^.;:\"“”]{0,60}''")  # "called for": a phrase
CONTENT_FOLLOWS = re.compile(r"\s*(?:that\b|:|[\"“'‘])|\s+(?:on|in|at|late|early)\s+[^,.]{0,30}?\bthat\b")
DOCUMENT_VERBS = frozenset({"said", "says", "stated", "added", "adds", "noted", "notes"})
WINDOW = 300  # characters before a speech verb where its speaker can stand
PARTICIPLE = re.compile(r"\w+ing$")  # "saying", "calling": only with a subject
COORDINATED = guarded(r"(?:,|\band)\s+(?:(?:also|then|later)\s+)?$")
# between two speakers named one after the other: "Moon, Abe and Li said"
JOINED_BY_AND = re.compile(r",?\s+and\s+(?:[A-Z][\w.]*\s+){0,4}")
JOINED_BY_COMMA = re.compile(r",\s+(?:[A-Z][\w.]*\s+){0,4}")


# "..., said X", "\"...,\" said the ministry": the verb after a comma or a closing quote, its
# speaker after it, with at most a title between ("said ministry spokesperson Choi")
INVERTED = re.compile(r"[,\"”'’]\s*$")
TITLE_GAP = re.compile(r"\s+(?:(?!(?:that|to|on|in|at|by|of|it|he|she|they)\s)[\w.’'-]+\s+){0,6}")


def _speaker_after(text: str, verb_start: int, verb_end: int, pool: list[Mention]) -> tuple[Mention, ...]:
    if not INVERTED.search(text, max(0, verb_start - 3), verb_start):
        return ()
    near = [m for m in pool if verb_end <= m.start <= verb_end + 80 and TITLE_GAP.fullmatch(text, verb_end, m.start)]
    people = [m for m in near if m.ref.kind == "person"]  # "said ministry spokesperson Choi": Choi
    return tuple((people or near)[:1])


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order, none overlapping (the longer one kept: "Japan's foreign minister"
    over "Japan"), so that their ends are in order too, as the speaker search needs."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda x: (x.start, x.start - x.end)):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def find_speech(text: str, people: list[Mention], others: list[Mention] | None = None) -> list[Speech]:
    """Speech verbs and who speaks: people, and (from `others`) the institutions and countries
    named as speakers ("the foreign ministry said", "Tokyo said")."""
    found = []
    pool = _without_overlaps([*people, *others]) if others else people
    for m in SPEECH_VERB.finditer(text):
        verb = m.group(0)
        inverted = INVERTED.search(text, max(0, m.start() - 3), m.start()) is not None
        if verb in WORDS_ONLY_WITH_CONTENT and not inverted and not CONTENT_FOLLOWS.match(text, m.end()):
            continue  # "announced a plan", "maintained a hard line": acts, not words
        if verb in WORDS_ONLY_QUOTED and not QUOTE_FOLLOWS.match(text, m.end()):
            continue  # "called a meeting": an act; "called the ruling \"regrettable\"": words
        speakers, pronoun, group = _speaker_before(text, m.start(), pool)
        if not (speakers or pronoun or group) and not PARTICIPLE.match(verb):
            speakers = _speaker_after(text, m.start(), m.end(), pool)
        if not (speakers or pronoun or group) and COORDINATED.search(text[max(0, m.start() - 20) : m.start()]):
            # "Kono summoned the envoy and told him ...", "..., calling the ruling regrettable": the subject
            # (only the first mentions can be: the subject stands in the first 60 characters)
            subject = []
            for p in pool:
                if p.start >= 60 or p.end > m.start():
                    break
                subject.append(p)
            subject = [p for p in subject if p.ref.kind == "person"] or subject
            if subject:
                speakers = (subject[0],)
        if (
            speakers
            and speakers[0].ref.kind == "country"
            and not CLAUSE_OPENING.search(text, max(0, speakers[0].start - 40), speakers[0].start)
        ):
            continue  # "a ruling Tokyo says violates the treaty": a relative clause, a standing claim
        if speakers and speakers[-1].how == "document" and verb not in DOCUMENT_VERBS:
            continue  # "the document reaffirmed a tax rate": its content, not its words
        elif PARTICIPLE.match(verb) and not speakers:
            continue  # "saying" without a subject is not attributed
        found.append(Speech(m.start(), m.end(), speakers, pronoun, group))
    return _outermost(text, found)


def _trailing(text: str, s: Speech) -> bool:
    """ "..., Hayashi told reporters.", "..., said the ministry.": the attribution follows the words."""
    if not s.speakers:
        return False
    first = s.speakers[0].start
    if first > s.verb_start:
        return True
    rest = text[s.verb_end : s.verb_end + 80]
    return bool(AFTER_COMMA.search(text, max(0, first - 80), first)) and TRAILING_REST.fullmatch(rest) is not None


# between the comma of a trailing attribution and its speaker: a title ("Japanese Chief Cabinet Secretary")
AFTER_COMMA = re.compile(r"[,\"”'’]\s*(?:(?:[A-Z][\w.’'-]*|of|the|a|an|for)\s+){0,6}$")
# what may follow the verb of a trailing attribution: "told reporters in Tokyo on Monday."
TRAILING_REST = re.compile(r"(?:\s+(?!that\b)[\w.’'-]+){0,8}\s*[.!?\"”]*\s*")


def _outermost(text: str, found: list[Speech]) -> list[Speech]:
    """A speech verb inside another speaker's words is what that speaker reports ("Kamikawa said
    Japan had expressed regret", "Japan conveyed its view, Hayashi told reporters"): not a
    speech of its own. The words of a trailing attribution are everything before it; those of
    any other speech run from its verb to where another clause begins."""
    if len(found) < 2:
        return found
    trailing = [s for s in found if _trailing(text, s)]
    if trailing:
        cut = max(min(s.verb_start, s.speakers[0].start) for s in trailing)
        found = [s for s in found if s in trailing or s.verb_start >= cut]
    stops = [stop.start() for stop in SPEECH_BREAKS.finditer(text)]
    spans = sorted(
        (s.verb_end, _first_at_or_after(stops, s.verb_end, len(text)))
        for s in found
        if (s.speakers or s.pronoun or s.group) and s not in trailing
    )
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))  # the farthest end so far
    kept = []
    for s in found:
        i = bisect.bisect_right(starts, s.verb_start)
        if s in trailing or not (i and reach[i - 1] > s.verb_start):
            kept.append(s)
    return kept


# where a clause, and so a subject, can begin (looked at only before a country named as a speaker)
CLAUSE_OPENING = re.compile(
    r"(?:^|[,;:\"“”—–-]|\b(?:and|but|both|while|as|when|after|before|because|since|whereas))\s*(?:the\s+)?$",
    re.IGNORECASE,
)


def reported_regions(text: str, speech: list[Speech]) -> list[tuple[int, int]]:
    """Spans holding a person's reported words (to the end of the sentence) or intentions (to the next
    comma): trigger words inside them are what someone said or meant to do, not events."""
    regions = []
    # where clauses begin and commas stand, found once: a long sentence is not searched again from each verb
    stops: list[int] | None = None
    for s in speech:
        # a state's or a ministry's words announce its own acts ("Japan said it would tighten
        # controls"): those stay events
        people = s.speakers and any(m.ref.kind == "person" for m in s.speakers)
        if people or s.pronoun in ("he", "she") or s.group:
            # "told Abe in a phone call on Thursday that ...": the words start at "that"
            that = re.compile(r"\bthat\b|:|[\"“]").search(text, s.verb_end, s.verb_end + 100)
            begin = that.start() if that else s.verb_end
            # the words end where another clause begins: "..., while Yoon said ..."
            if stops is None:
                stops = [stop.start() for stop in CLAUSE_STARTS.finditer(text)]
            regions.append((begin, _first_at_or_after(stops, begin, len(text))))
    commas: list[int] | None = None
    for m in INTENT_VERB.finditer(text) if _MAY_STATE_INTENT(text) else ():
        # "agreed on Saturday to resume visits": the intention starts at "to" / "that"
        start = re.compile(r"\b(?:to|that)\b").search(text, m.end(), m.end() + 80)
        if start is None:
            continue
        if commas is None:
            commas = [comma.start() for comma in re.finditer(",", text)]
        regions.append((start.start(), _first_at_or_after(commas, start.start(), len(text))))
    return regions


# where one speaker's words end and another's may begin: "Moon proposed X, and Suga said Y"
SPEECH_BREAKS = re.compile(r"(?=,\s+while\b|;\s|\swhile\s|,\s+as\s+(?:the|they|both)\b|,\s+(?:and|but)\s+[A-Z])")
# every position where a clause of other words begins (matches may overlap, hence the lookahead)
CLAUSE_STARTS = re.compile(r"(?=,\s+while\b|;\s|\swhile\s|,\s+as\s+(?:the|they|both)\b)")


def _first_at_or_after(positions: list[int], position: int, default: int) -> int:
    i = bisect.bisect_left(positions, position)
    return positions[i] if i < len(positions) else default
