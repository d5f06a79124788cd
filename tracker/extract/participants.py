"""Who a sentence mentions: people (full names in any order and spelling, surnames, titles, new
people found by their title), countries (names, capitals and seats of government used as metonyms)
and group references ("the two leaders", "the two countries").

One ParticipantResolver lives for one article: it remembers whom the article has named, so that
"Lee", "President Lee" and "the prime minister" resolve to the full names seen earlier.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.extract.alternation import one_of
from tracker.extract.guard import guarded, may_match
from tracker.extract.lexicon import Lexicon, family_name, load_name_rules, load_titles
from tracker.knowledge import KnownParticipant, data_file
from tracker.knowledge.names import name_tokens, normalize_name
from tracker.model import ParticipantRef

# Capitalized words (a word: letters and apostrophes, then "-letters" parts), found only where a
# word can begin: not inside one, nor after a hyphen that continues one. Names are made of these.
# The tests of what stands before the capital come after it (their look-behinds one character
# longer): a pattern that begins with a class is scanned for by `re` in its own fast loop, twice as
# fast as behind a lookahead, and capitals are few.
CAPITALIZED_WORD = re.compile(r"[A-Z](?<![A-Za-z’'].)(?<![A-Za-z’']-.)[A-Za-z’']*(?:-[A-Za-z]+)*")
_TITLES = load_titles()
_NAME_RULES = load_name_rules()
# "-led", "-era": a hyphenated part that makes a name an adjective ("the Abe-led cabinet") is no name part
_NOT_A_NAME_PART = rf"(?!{one_of(_NAME_RULES.adjective_suffixes)}\b)"
# "Kim", "McCaskill", "DuVernay", "O'Neill", "Lee Jae-myung"'s parts
_NAME_PART = rf"[A-Z][a-z]+(?:[A-Z][a-z]+|['’][A-Z][a-z]+)?(?:-{_NOT_A_NAME_PART}[A-Za-z][a-z]+)?"
NAME = rf"{_NAME_PART}(?:\s{_NAME_PART}){{1,2}}"

# A title (capitalized, possibly "Trade, Industry and Energy Minister", or with the lower-case words
# of titles.json: "foreign ministry spokesperson") right before a name.
_ROLE = one_of(_TITLES.head_words)
_TITLE_WORD = one_of(sorted(_TITLES.modifiers, key=len, reverse=True))
TITLE_BEFORE_NAME = guarded(
    rf"(?P<title>(?:(?:[A-Z][a-z]+|{_TITLE_WORD})(?:,)?\s+){{0,5}}{_ROLE})\s+(?P<name>{NAME})(?![\w-])"
)
APPOSITIVE = guarded(
    rf"(?P<name>{NAME}),\s+(?:a|an|the|[A-Z][a-z]+['’]s)\s+(?P<title>[^,]{{0,80}}?(?:director|minister|spokesman|spokeswoman|"
    r"spokesperson|adviser|advisor|official|ambassador|secretary|chief|head|envoy|negotiator)\b[^,]{0,80}),"
)
# "Kenji Sato, deputy chief of mission at the Japanese Embassy", "Park Min-ho, director general of the
# ministry's bureau": an official not in the knowledge base, named by a post after the name without an article
OFFICIAL_AFTER_NAME = guarded(
    rf"(?P<name>{NAME}),\s+(?P<title>(?:acting\s+|senior\s+)?(?:(?:deputy\s+)?chief\s+of\s+mission|minister|"
    r"counsell?or|consul[- ]general|ambassador|charge\s+d'affaires|(?:deputy\s+)?director[- ]general)"
    r"\s+(?:at|of|to|for|in)\s+[^,;]{2,80})"
)
# the verbs a person named just before speaks with ("Dan McGrath explained"), from speech_verbs.json
_SUBJECT_VERB = one_of(data_file("speech_verbs.json")["subject_verbs"])
# "..., Ko Min-jung said.": a hyphenated given name or a two-to-three word name right before a speech verb
NAME_BEFORE_SPEECH = re.compile(
    rf"(?P<name>[A-Z](?<![\w.].)[a-z]+(?:-{_NOT_A_NAME_PART}[A-Za-z][a-z]+)?(?:\s[A-Z]\.)?(?:\s{_NAME_PART}){{1,2}})"
    r"(?P<title>)"
    # "Quina Jones, 25, said", "Claire McCaskill (D-Mo.) said", "John Wilson, of Springfield, said",
    # "Michael Tanner, an analyst at the Cato Institute, said"
    r"(?:,\s(?:\d{1,3}|of\s[^,]{1,40}(?:,\s[A-Z][\w.]{1,5})?),|\s\([^()]{1,25}\)"
    r"|,\s+(?:(?:a|an|the)\b|(?!(?:and|or|but|who|which|that|while|as|when|where|whose|with|after|before|if|because)\b)[a-z][\w-]*|(?:[A-Z][\w.-]*\s+){1,3}(?:of|at|for)\b)[^;:\"“”()]{0,200}?,)?"
    rf"\s+(?:also\s+)?{_SUBJECT_VERB}\b"
)
# '"...," said David Wasserman, an analyst.': the name right after a speech verb that follows a comma or a quote
_SPOKE = r"(?:said|says|added|asked|wrote|explained|noted|continued|argued|recalled|replied|told\s+(?:[a-z]+\s+){0,2}?)"
NAME_AFTER_SPEECH = re.compile(
    rf"[,\"”'’]\s*{_SPOKE}\s+(?P<title>(?:the\s+)?(?:(?:[a-z]+|[A-Z][A-Za-z.]*(?:['’]s)?)\s+){{0,4}}?)(?P<name>{NAME})"
    r"(?=\s*[,.;:(]|\s*$|\s+(?:in|on|at|of|who|during|after|when)\b)"
)
_TITLE_HEADS = frozenset(w.title() for h in _TITLES.head_words for w in h.split())
WRITTEN_NAME = re.compile(rf"(?<![\w.])(?:{_NAME_PART})(?:\s(?:[A-Z]\.\s)?{_NAME_PART})+(?![\w-])")
# '"...," Wasserman said.', 'Fowler noted that ...': a lone capitalized word as the subject of a speech verb
SURNAME_SPEAKER = re.compile(
    r"(?:^|[,\"”'’:;]\s+|\band\s+|\bbut\s+|\b(?:Mr|Mrs|Ms|Dr)\.\s+)(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)(?:['’]s)?"
    rf"\s+(?:also\s+|then\s+|later\s+)?{_SUBJECT_VERB}\b"
)
# "Lee Chun-sik, 94, ...": a Korean family name and a hyphenated given name is a person, known or not
KOREAN_NAME = re.compile(r"(?P<name>[A-Z](?<![\w.-].)[a-z]{1,5}\s[A-Z][a-z]+-[a-z]+)(?P<title>)(?![\w-])")
NAME_OF_OFFICE = guarded(
    rf"(?P<name>{NAME})\s+of\s+the\s+(?P<title>(?:presidential\s+)?[A-Z][\w ]{{2,60}}?"
    r"(?:Office|Ministry|Council|Agency|Secretariat))"
)
TITLE_ONLY = guarded(
    r"\b(?:(?P<the>[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?P<dem>[A-Z][\w.]*+(?:\s[A-Z][\w.]*+)?)\s+)?"
    r"|(?P<cty>[A-Z][\w.]*+(?:\s[A-Z][\w.]*+)?)'s\s+(?:new\s+|newly\s+elected\s+)?)"
    rf"(?P<title>(?i:{one_of(_TITLES.forms(), ignore_case=True)}))\b(?!,?\s+[A-Z])"
)
_MAY_NAME_A_TITLE = may_match(TITLE_ONLY.pattern, TITLE_ONLY.flags)
GROUP_PEOPLE = guarded(
    r"\b(?:[Tt]he (?P<n1>two|three|four) (?:leaders|heads of state|men|sides)|[Bb]oth (?:leaders|men|sides)|"
    r"[Tt]he leaders|[Tt]he (?P<n2>two|three)\b(?! (?:countries|nations|neighbors|neighbours|governments|"
    r"allies|sides|leaders|heads|men))|[Tt]he trio|[Tt]hey)"
)
GROUP_COUNTRIES = guarded(
    r"\b(?:[Tt]he|[Bb]oth) (?:two |three )?(?:countries|nations|neighbors|neighbours|governments|sides|allies)\b"
)
# Each pattern that finds a new person, with a quick test of something its matches must contain.
# (Written to begin with a literal where they can, which `re` finds fastest: " of the " as
# "of(?<=\sof)\s+the\s", a hyphen between lower-case letters as "-(?<=[a-z]-)[a-z]".)
_NEW_PERSON_PATTERNS = (
    (TITLE_BEFORE_NAME, re.compile(rf"{_ROLE}\s+[A-Z]")),
    (APPOSITIVE, re.compile(r",\s+(?:a|an|the|[A-Z])")),
    (
        OFFICIAL_AFTER_NAME,
        re.compile(r",\s+(?:acting\s+|senior\s+)?(?:deputy|chief|minister|counsel|consul|ambassador|charg|director)"),
    ),
    (NAME_OF_OFFICE, re.compile(r"of(?<=\sof)\s+the\s")),
    (NAME_BEFORE_SPEECH, re.compile(rf"\s{_SUBJECT_VERB}\b")),
    (NAME_AFTER_SPEECH, re.compile(rf"{_SPOKE}\s+(?:the\s+)?[A-Z]")),
    (KOREAN_NAME, re.compile(r"-(?<=[a-z]-)[a-z]")),
)
LOCATIVE_BEFORE = guarded(
    r"(?:\b(?:in|at|to|from|into|near|via|outside|visited|visit|visiting|leaving|left|"
    r"toward|towards|for|reach|reached|arrived|landed)\s+)$",
    re.IGNORECASE,
)
TITLE_PREFIX = guarded(
    rf"(?:{one_of(sorted({*_TITLES.before_surname, *_TITLES.by_form}, key=len, reverse=True), ignore_case=True)})\s+$",
    re.IGNORECASE,
)


POSSESSIVE_END = re.compile(r"['’]s$")


@lru_cache(maxsize=65536)
def _pieces(word: str) -> tuple[str, ...]:
    """The name tokens of a word, without a possessive "'s" (the same words recur in every article)."""
    return tuple(name_tokens(POSSESSIVE_END.sub("", word)))


@dataclass(slots=True)
class Mention:
    start: int  # offsets within the sentence text
    end: int
    ref: ParticipantRef
    how: str  # name | new | surname | title | group | country | capital | seat
    possessive: bool = False


def mentions_between(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions (in text order) that begin at or after `start` and before `end`."""
    first = bisect.bisect_left(mentions, start, key=_start_of)
    return mentions[first : bisect.bisect_left(mentions, end, lo=first, key=_start_of)]


def count_ending_by(mentions: list[Mention], position: int) -> int:
    """How many of the mentions (in text order, not overlapping) end at or before `position`: they
    are the first ones."""
    return bisect.bisect_right(mentions, position, key=_end_of)


def _start_of(mention: Mention) -> int:
    return mention.start


def _end_of(mention: Mention) -> int:
    return mention.end


@dataclass
class ParticipantResolver:
    lexicon: Lexicon
    day: dt.date  # the article's reference date: offices are looked up on it
    focus: tuple[str, ...] = ()  # the article's main countries, most mentioned first
    seen: dict[str, ParticipantRef] = field(default_factory=dict)  # normalized key -> person
    by_family: dict[str, ParticipantRef] = field(default_factory=dict)
    new_people: dict[str, ParticipantRef] = field(default_factory=dict)
    # the words names are made of: the knowledge base's and those of the people seen (new ones included)
    name_words: set[str] = field(default_factory=set)
    known_refs: dict[str, ParticipantRef] = field(default_factory=dict)  # knowledge-base name -> ref on the day
    country_refs: dict[str, ParticipantRef] = field(default_factory=dict)  # country code -> ref
    # full names the article writes (known or not), by lower-case family name: "Wasserman said" is
    # the David Wasserman named before, though no title introduced him
    written_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.name_words.update(self.lexicon.name_words)

    # -- people -----------------------------------------------------------------------------

    def _known(self, person: KnownParticipant) -> ParticipantRef:
        ref = self.known_refs.get(person.name)  # a person is named several times an article
        if ref is None:
            ref = ParticipantRef(
                person.name, "person", person.country, self.lexicon.office_on(person, self.day), gender=person.gender
            )
            self.known_refs[person.name] = ref
        return ref

    def _remember(self, ref: ParticipantRef) -> ParticipantRef:
        self.seen[normalize_name(ref.name)] = ref
        self.name_words.update(name_tokens(ref.name))
        self.by_family[family_name(ref.name, ref.country).lower()] = ref
        return ref

    def people_in(self, text: str) -> list[Mention]:
        """The people a sentence names, in text order. Mentions never overlap (a span is taken by
        the first rule that finds a person in it), so their ends are in text order too."""
        mentions: list[Mention] = []
        taken = bytearray(len(text))  # 1 where a mention already stands

        def free(start: int, end: int) -> bool:
            return taken.find(1, start, end) == -1

        def add(start: int, end: int, ref: ParticipantRef, how: str) -> None:
            possessive = text[end : end + 2] in ("'s", "’s")
            mentions.append(Mention(start, end, ref, how, possessive))
            taken[start:end] = b"\x01" * (end - start)

        words = [(m.start(), m.end(), m.group(0)) for m in CAPITALIZED_WORD.finditer(text)]
        # a word that can be part of a name: (for speed) every piece a known name word
        usable = [self.name_words.issuperset(_pieces(w[2])) for w in words]
        # full names from the knowledge base or seen earlier, in either order, longest first
        i, count = 0, len(words)
        while i < count:
            if not usable[i]:
                i += 1
                continue
            matched = False
            for n in (4, 3, 2):
                if i + n > count or not all(usable[i : i + n]):
                    continue
                chunk = words[i : i + n]
                if any(text[a[1] : b[0]] != " " for a, b in itertools.pairwise(chunk)):
                    continue
                start, end = chunk[0][0], chunk[-1][1]
                span = POSSESSIVE_END.sub("", text[start:end])
                end = start + len(span)
                key = normalize_name(span)
                known = self.lexicon.people_by_key.get(key)
                ref = self._remember(self._known(known)) if known else self.seen.get(key)
                if ref:
                    add(start, end, ref, "name")
                    i += n
                    matched = True
                    break
            if not matched:
                i += 1
        # new people introduced by a title or an appositive
        for pattern, needs in _NEW_PERSON_PATTERNS:
            if needs.search(text) is None:
                continue  # cheaper than letting the pattern fail at every position
            for m in pattern.finditer(text):
                found = split_title_from_name(m["name"], m["title"] or "")
                if found is None:
                    continue
                name, title = found
                end = m.end("name")
                start = end - len(name)
                if not free(start, end):
                    continue
                if m.re in (NAME_BEFORE_SPEECH, NAME_AFTER_SPEECH) and not self._plausible_name(name):
                    continue
                if m.re is KOREAN_NAME and name.split()[0].lower() not in self.lexicon.korean_surnames:
                    continue
                ref = self._new_person(name, title, text, m.start())
                if ref:
                    add(start, end, ref, "new")
        # surnames of people already named, or of office holders ("President Lee")
        families = self.lexicon.people_by_family
        for start, end, word in words:
            core = word[:-2] if word.endswith(("'s", "’s")) else word
            family = core.lower()
            if family not in self.by_family and family not in families:
                continue  # no one of that family name, seen or known
            end = start + len(core)
            if not free(start, end):
                continue
            ref = self.by_family.get(family)
            if ref is None:
                ref = self._holder_by_surname(core, text, start)
            if ref:
                add(start, end, ref, "surname")
        # a lone name speaking: the full name the article wrote, else the name as written
        for m in SURNAME_SPEAKER.finditer(text) if self.written_names or '"' in text or "”" in text else ():
            start, end = m.span("name")
            if not free(start, end) or not self._plausible_name(m["name"]):
                continue
            full = self.written_names.get(m["name"].lower())
            quoted = text[:start].rstrip().endswith(('"', "”", "’", "'"))
            if full is None and not quoted:
                continue  # "Politifact ruled", "Democrats said": only a name the article wrote, or one closing a quote
            full_key = normalize_name(full) if full else None
            known = self.lexicon.people_by_key.get(full_key) if full_key else None
            ref = self._remember(self._known(known)) if known else (self.seen.get(full_key) if full_key else None)
            ref = ref or self._new_person(full or m["name"], "", text, start)
            if ref:
                add(start, end, ref, "surname")
        # titles alone: "the prime minister", "Japan's prime minister"
        for m in TITLE_ONLY.finditer(text) if _MAY_NAME_A_TITLE(text) else ():
            start, end = m.span()
            if not free(start, end):
                continue
            ref = self._by_title(m["title"], m["dem"] or m["cty"])
            if ref:
                add(start, end, ref, "title")
        mentions.sort(key=lambda mention: mention.start)
        return mentions

    def learn_written_names(self, body: str) -> None:
        """The full names an article writes, by family name, for the lone names that speak later:
        the last two or three words of each run of capitalized words ("Ohio Secretary of State Jon
        Husted" -> "Jon Husted") that make a plausible name. A family name two different full names
        share is left out (it names neither for sure)."""
        found: dict[str, str | None] = {}
        for m in WRITTEN_NAME.finditer(body):
            words = m.group(0).split()
            for size in (3, 2):
                tail = words[-size:]
                if len(tail) < size or tail[0] in _NAME_RULES.determiners or tail[0] in _NAME_RULES.phrase_openers:
                    continue
                name = " ".join(tail)
                if any(w in _TITLE_HEADS for w in tail) or not self._plausible_name(name):
                    continue
                korean = tail[0].lower() in self.lexicon.korean_surnames and "-" in name
                family = (tail[0] if korean else tail[-1]).lower()
                if found.setdefault(family, name) not in (name, None):
                    found[family] = None
                break
        self.written_names = {family: name for family, name in found.items() if name}

    def _plausible_name(self, name: str) -> bool:
        """A bare capitalized pair before "said" is a person only if it is not a place or a country."""
        lowered = name.lower()
        return not (
            self.code_of(name)
            or lowered in self.lexicon.places
            or lowered in self.lexicon.demonyms
            or any(w.lower() in _NAME_RULES.not_names or self.code_of(w) for w in name.split())
        )

    def _new_person(self, name: str, title: str, text: str, at: int) -> ParticipantRef | None:
        key = normalize_name(name)
        if key in self.seen:
            return self.seen[key]
        if any(w.lower() in _NAME_RULES.not_names for w in name.split()):
            return None
        country = (
            self._country_of_title(title)
            or self._country_of_name(name)
            or self._nearest_country(text, at, korean=False)
        )
        clean_title = " ".join(w for w in title.split() if w.lower() not in self.lexicon.demonyms)
        ref = ParticipantRef(
            name, "person", country, role=clean_title.strip(", ") or None, title=clean_title.strip(", ") or None
        )
        self.new_people[key] = ref
        return self._remember(ref)

    def _country_of_title(self, title: str) -> str | None:
        for m in self.lexicon.demonym_pattern.finditer(title):
            return self.lexicon.demonyms[m.group(0).lower()]
        for m in self.lexicon.country_pattern.finditer(title):
            return self.code_of(m.group(0))
        return _TITLES.implied_country(title)

    def _country_of_name(self, name: str) -> str | None:
        """Korean names are recognisable: a common family name first and a hyphenated or two-word
        given name ("Kang Yu-jung", "Kim Jong Un")."""
        words = name.split()
        if words[0].lower() in self.lexicon.korean_surnames and ("-" in name or len(words) == 3):
            return "KR"
        return None

    def _nearest_country(self, text: str, at: int, korean: bool = True) -> str | None:
        """The country cue nearest to the name; a name that does not look Korean is not given to
        either Korea by proximity alone."""
        cues = [(abs(m.start() - at), self.code_of(m.group(0))) for m in self.lexicon.country_pattern.finditer(text)]
        cues += [
            (abs(m.start() - at), self.lexicon.demonyms[m.group(0).lower()])
            for m in self.lexicon.demonym_pattern.finditer(text)
        ]
        cues = [c for c in cues if c[1] and (korean or c[1] not in ("KR", "KP"))]
        if cues:
            return min(cues)[1]
        focus = [c for c in self.focus if korean or c not in ("KR", "KP")]
        return focus[0] if focus else None

    def _holder_by_surname(self, surname: str, text: str, start: int) -> ParticipantRef | None:
        """The one office holder of that family name on the day, when a title stands before it
        ("President Lee") or the holder's country is one of the article's main countries."""
        candidates = self.lexicon.people_by_family.get(surname.lower(), ())
        if not candidates:
            return None
        in_office = [p for p in candidates if any(o.held_on(self.day) for o in p.offices)]
        if len(in_office) == 1 and (
            in_office[0].country in self.focus or TITLE_PREFIX.search(text[max(0, start - 60) : start])
        ):
            return self._remember(self._known(in_office[0]))
        return None

    def _by_title(self, title_text: str, country_text: str | None) -> ParticipantRef | None:
        office = _TITLES.by_form.get(" ".join(title_text.lower().split()))
        if office is None:
            return None
        title = office.title
        country = None
        if country_text:
            country = self.lexicon.demonyms.get(country_text.lower()) or self.code_of(country_text)
            if country is None:
                return None
        for ref in reversed(list(self.seen.values())):  # the latest person named with that office
            if ref.role and ref.role.startswith(title) and (country is None or ref.country == country):
                return ref
        country = country or office.country  # "the chief cabinet secretary" is Japan's
        if country is None:
            return None
        holders = self.lexicon.holders(title, country, self.day)
        if not holders or (not office.single_holder and len(holders) > 1):
            return None  # of several spokespersons on the day, the title alone names none
        return self._remember(self._known(holders[0]))

    # -- countries ----------------------------------------------------------------------------

    def code_of(self, phrase: str) -> str | None:
        lowered = phrase.lower()
        return (
            self.lexicon.country_names.get(lowered)
            or self.lexicon.capitals.get(lowered)
            or self.lexicon.seats.get(lowered)
        )

    def country_ref(self, code: str) -> ParticipantRef:
        ref = self.country_refs.get(code)  # a country is named several times an article
        if ref is None:
            country = self.lexicon.countries.get(code)
            ref = self.country_refs[code] = ParticipantRef(country.name if country else code, "country", code)
        return ref

    def countries_in(self, text: str) -> list[Mention]:
        """Countries named as actors: names anywhere, capitals and seats only where they stand for
        the government (not "in Seoul", not "Seoul National Cemetery")."""
        out = []
        for m in self.lexicon.country_pattern.finditer(text):
            phrase = m.group(0)
            lowered = phrase.lower()
            code = self.code_of(phrase)
            if code is None:
                continue
            how = (
                "country"
                if lowered in self.lexicon.country_names
                else ("capital" if lowered in self.lexicon.capitals else "seat")
            )
            if how != "country":
                after = text[m.end() : m.end() + 20]
                if LOCATIVE_BEFORE.search(text[max(0, m.start() - 60) : m.start()]) or re.match(r"\s+[A-Z]", after):
                    continue
            possessive = text[m.end() : m.end() + 2] in ("'s", "’s")
            out.append(Mention(m.start(), m.end(), self.country_ref(code), how, possessive))
        if len(self.focus) >= 2:
            for m in GROUP_COUNTRIES.finditer(text):
                out.extend(Mention(m.start(), m.end(), self.country_ref(c), "group") for c in self.focus[:2])
        out.sort(key=lambda mention: mention.start)
        return out


def split_title_from_name(name: str, title: str) -> tuple[str, str] | None:
    """A new name as matched, less its leading words that are not name: a determiner makes the
    whole a noun phrase ("The Asahi Shimbun": None); a clause opener is dropped ("When Clinton");
    a title word joins the title ("Senator", "Director-General"). None when under two words remain."""
    words = name.split()
    if words[0] in _NAME_RULES.determiners:
        return None
    while words and (words[0] in _NAME_RULES.phrase_openers or words[0] in _HEAD_WORDS):
        word = words.pop(0)
        if word in _HEAD_WORDS:
            title = f"{title} {word}"
    if len(words) < 2:
        return None
    return " ".join(words), clean_title(title)


def clean_title(title: str) -> str:
    """A title less the words before it that belong to the clause: a leading connective ("and of
    Senator"), a clause opener up to its comma ("In May, Gov.", "However, Rep.") or alone ("But
    Attorney General"), and "then" ("then Prime Minister")."""
    words = title.split()
    while words:
        first = words[0].rstrip(",")
        if first in _CONNECTIVES:
            words.pop(0)
        elif first in _NAME_RULES.phrase_openers or first.capitalize() in _NAME_RULES.phrase_openers:
            comma = next((i for i, w in enumerate(words) if w.endswith(",")), None)
            del words[: (comma + 1 if comma is not None and comma < len(words) - 1 else 1)]
        else:
            break
    return " ".join(words)


_CONNECTIVES = frozenset({"and", "of", "for", "or", "then"})
_HEAD_WORDS = frozenset(_TITLES.head_words)
