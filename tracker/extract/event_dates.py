"""Which date phrase of a clause dates which event: background things named with their own date.

A clause often names an older thing next to its news: "lifted the curbs imposed in 2019", "a ruling
on the treaty signed in 1965", "agreed to end the dispute in a 2015 deal". The date that follows
another noun's participle dates that noun, not the trigger; a year written before an event noun
("a 1965 treaty", "a 2016 military intelligence-sharing pact") dates that noun.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from tracker.event_types import BY_NAME
from tracker.extract.clauses import Clause
from tracker.extract.dates import DatePhrase
from tracker.extract.guard import guarded
from tracker.extract.triggers import Trigger
from tracker.model import DateValue

# participles that make or impose a thing: "the deal reached", "curbs it imposed", "a treaty signed"
_MAKING = (
    r"signed|reached|struck|concluded|imposed|adopted|introduced|announced|issued|enacted|set up|"
    r"established|launched|unveiled|brokered|inked|sealed|ratified|passed"
)
# "NOUN imposed in" / "NOUN (that|which) it imposed in" / "NOUN that Tokyo had imposed in", right
# before the date phrase; the noun is a thing, not a helper verb, a pronoun or the parties ("it was
# signed in 2016", "the pact between the two countries signed in 2016" tell the event itself)
BELONGS_TO_NOUN = re.compile(
    r"\b(?!(?:and|or|but|was|were|is|are|been|be|being|has|have|had|it|they|he|she|we|who|which|that|then|"
    r"also|jointly|formally|first|officially|finally|countries|nations|sides|leaders|governments|neighbou?rs|"
    r"ministers|officials|allies|parties|states|two|both)\b)(?P<noun>[a-z][\w-]*)"
    r"(?:\s+(?:that|which))?(?:\s+(?:it|they|he|she|we|[A-Z][\w-]+))?(?:\s+(?:had|has|have))?"
    rf"\s+(?:{_MAKING})\s+(?:\w+\s+)?$"
)
# "a 1965 treaty", "Japan's 2019 export curbs", "a 2016 military intelligence-sharing pact"
ATTRIBUTIVE_YEAR = guarded(r"\b(?P<y>19\d\d|20\d\d)\s+(?:[\w-]+\s+){0,3}$")
_YEAR_REACH = 45  # how far before a noun its year may stand: a year and three words


def dates_another_noun(text: str, trigger: Trigger, phrase: DatePhrase) -> bool:
    """Whether a phrase after the trigger dates another thing the clause names ("the ruling on the
    treaty signed in 1965", "lifted the curbs it imposed in 2019"). After a noun trigger, a
    participle right after it still tells the trigger's own thing ("the deal reached on Dec. 28")."""
    if phrase.start < trigger.end:
        return False
    m = BELONGS_TO_NOUN.search(text, trigger.start, phrase.start)
    if m is None:
        return False
    return not trigger.noun or m.start("noun") >= trigger.end


def year_of_noun(text: str, noun: Trigger) -> DateValue | None:
    """The year written before an event noun ("a 1965 treaty"), or None."""
    m = _year_before(text, noun)
    return DateValue(dt.date(int(m["y"]), 1, 1), "year") if m else None


def _year_before(text: str, noun: Trigger) -> re.Match[str] | None:
    if not noun.noun:
        return None
    return ATTRIBUTIVE_YEAR.search(text, max(0, noun.start - _YEAR_REACH), noun.start)


def year_of_means(text: str, clause: Clause, trigger: Trigger) -> DateValue | None:
    """ "the two sides agreed to settle it in a 2015 deal": a verb's event told through a noun of its
    own type that carries a year takes that year."""
    m = _means_of(trigger.type).search(text, trigger.end, clause.end)
    return DateValue(dt.date(int(m["y"]), 1, 1), "year") if m else None


@cache
def _means_of(event_type: str) -> re.Pattern[str]:
    """ "in a 2015 deal", "under the 1965 treaty": a dated noun of the type as the means of a verb."""
    nouns = "|".join(BY_NAME[event_type].nouns) or "(?!)"
    return re.compile(
        rf"\b(?:in|under|through|via|with)\s+(?:a|an|the|their|its)\s+(?P<y>19\d\d|20\d\d)\s+"
        rf"(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b",
        re.IGNORECASE,
    )
