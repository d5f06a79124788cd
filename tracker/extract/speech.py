"""Who speaks in a sentence: a speaker (person, "both leaders", "he", "Lee's office") directly before a
speech verb, a trailing ", Ko said.", or "according to X"."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tracker.extract.alternation import one_of
from tracker.extract.guard import AtEnd, guarded, may_match
from tracker.extract.participants import Mention, count_ending_by

# Speech verbs and phrases, in the order they are tried.
SPEECH_VERBS = (
    *"""said says stressed stresses pledged pledges warned warns added adds noted notes told tells asked
    replied suggested proposed urged urges insisted argued emphasized emphasised emphasizes highlighted
    expressed described thanked credited congratulated reaffirmed reaffirms vowed vows promised announced
    announces explained stated declared maintained claimed acknowledged admitted complained criticized
    criticised condemned denied confirmed welcomed wrote tweeted repeated conveyed reiterated accused
    demanded voiced lamented hailed praised calling saying describing warning urging stressing insisting""".split(),
    "called for",
    "calls for",
    "committed to",
    "quoted as saying",
    "quoted as telling",
)
SPEECH_VERB = guarded(rf"\b{one_of(SPEECH_VERBS)}\b")
# Not speech, but what follows it is intention, not a report of an event ("agreed to meet annually").
_INTENT = r"\b(?:agreed|agreeing|pledging|vowing|promising|hoped|hopes|wants|wanted|plans|planned)\b"
INTENT_VERB = guarded(_INTENT)
_MAY_STATE_INTENT = may_match(_INTENT)
# What may stand between a speaker and the speech verb: ", a ministry official," and words such
# as "also", "had", "publicly" (`_gap_start` finds where they begin)
_ADVERBS = (
    "also later then again further repeatedly earlier separately jointly has had have was were would publicly "
    "privately firmly strongly once first reportedly both"
).split()
_ADVERB_SET = frozenset(_ADVERBS)
_INSERTION = 140  # the longest ", ... ," insertion, between its commas
PRONOUN = AtEnd(r"\b(?P<p>[Hh]e|[Ss]he)")
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
    if ending:
        speakers = [ending[-1]]
        # "Lee Jae Myung and Japanese Prime Minister Shigeru Ishiba pledged", "Moon, Abe and Li said": all
        joined_by_and = False
        while True:
            before = count_ending_by(people, speakers[0].start)
            if not before:
                break
            previous = people[before - 1]
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


GOVERNMENT_OF = guarded(
    r"\b(?:government|administration|cabinet|office|ministry|embassy)\s+of\s+"
    r"(?:(?:[A-Z][\w.]*|the)\s+){0,3}$",
    re.IGNORECASE,
)
# "announced a plan" is an act; "announced that ..." reports words
ANNOUNCED_THING = re.compile(r"\s+(?:a|an|the|its|his|her|their|new|plans?)\b")
WINDOW = 300  # characters before a speech verb where its speaker can stand
PARTICIPLE = re.compile(r"(?:calling|saying|describing|warning|urging|stressing|insisting)$")
COORDINATED = guarded(r"(?:,|\band)\s+(?:(?:also|then|later)\s+)?$")
# between two speakers named one after the other: "Moon, Abe and Li said"
JOINED_BY_AND = re.compile(r",?\s+and\s+(?:[A-Z][\w.]*\s+){0,4}")
JOINED_BY_COMMA = re.compile(r",\s+(?:[A-Z][\w.]*\s+){0,4}")


def find_speech(text: str, people: list[Mention]) -> list[Speech]:
    found = []
    for m in SPEECH_VERB.finditer(text):
        verb = m.group(0)
        if verb in ("announced", "announces") and ANNOUNCED_THING.match(text, m.end()):
            continue
        speakers, pronoun, group = _speaker_before(text, m.start(), people)
        if not (speakers or pronoun or group) and COORDINATED.search(text[max(0, m.start() - 20) : m.start()]):
            # "Kono summoned the envoy and told him ...", "..., calling the ruling regrettable": the subject
            # (the first person named is the only one that can be: mentions are in text order)
            if people and people[0].start < 60 and people[0].end <= m.start():
                speakers = (people[0],)
        elif PARTICIPLE.match(verb) and not speakers:
            continue  # "saying" without a subject is not attributed
        found.append(Speech(m.start(), m.end(), speakers, pronoun, group))
    return found


def reported_regions(text: str, speech: list[Speech]) -> list[tuple[int, int]]:
    """Spans holding a person's reported words (to the end of the sentence) or intentions (to the next
    comma): trigger words inside them are what someone said or meant to do, not events."""
    regions = []
    # where clauses begin and commas stand, found once: a long sentence is not searched again from each verb
    stops: list[int] | None = None
    for s in speech:
        if s.speakers or s.pronoun or s.group:
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


# every position where a clause of other words begins (matches may overlap, hence the lookahead)
CLAUSE_STARTS = re.compile(r"(?=,\s+while\b|;\s|\swhile\s|,\s+as\s+(?:the|they|both)\b)")


def _first_at_or_after(positions: list[int], position: int, default: int) -> int:
    i = bisect.bisect_left(positions, position)
    return positions[i] if i < len(positions) else default
