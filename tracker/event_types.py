"""The event types: one record per type, read by the trigger scan, the event validation, the CLI
help and the stored PLOVER category. Adding a type is one record here plus its tests
(docs/extending.md).

Trigger patterns are regular expressions written as one would write them for the text: any
case, matched ignoring case, each a whole word or phrase (the scan adds the word boundaries).
Nothing else is needed: the scan's speed-ups are tested against these plain patterns.

This module imports nothing but dataclasses: the CLI reads it at start.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a type needs of its participants.
TWO_PARTIES = "two parties"  # a meeting: two people, or two countries when no one is named
COUNTERPART = "counterpart"  # an act aimed at another country: the acting and the targeted country
SUBJECT = "subject"  # one who visits or takes office: the person named before the trigger
ACTOR = "actor"  # a state acting on its own (a missile launch): the countries of its clause
FRAMES = (TWO_PARTIES, COUNTERPART, SUBJECT, ACTOR)

# The diplomats a state summons or recalls, by title
_DIPLOMAT = r"(?:ambassador|envoy|charge d'affaires|diplomats?|(?:deputy )?chief of mission|consul[- ]general)"

# Multilateral forums, as written (case matters: "the quad" is not the Quad). "the G20 summit" and
# "G7 leaders signed" tell a forum's gathering, not talks between the people named.
FORUMS = (
    r"(?-i:\bG-?7|\bG-?20|\bAPEC|\bASEAN(?:-related)?|\bNATO|\bGroup of (?:Seven|20|Twenty)|\bEast Asia|"
    r"\bGeneral Assembly|\bSecurity Council|\bNuclear Security|\bBRICS|\bQuad|\bCooperation\)?|\bEconomic Forum|"
    r"\bAssociation of Southeast Asian Nations)"
)


@dataclass(frozen=True)
class EventType:
    name: str
    plover: str  # the PLOVER category stored with each event
    description: str  # one line for the CLI help and the docs
    frame: str  # one of FRAMES
    # where triggers of two types overlap, the lower wins ("summoned the ambassador to protest the
    # ruling" is a protest first; "by phone" is a call, not a meeting)
    priority: int
    nouns: tuple[str, ...] = ()  # "summit", "phone call": generic uses ("annual summits") do not count
    verbs: tuple[str, ...] = ()  # "met", "held talks", "imposed ... sanctions"
    # triggers that win over any other type's trigger overlapping them ("ended the agreement" is a
    # policy, not an agreement)
    strong: tuple[str, ...] = ()
    # phrases holding a trigger that do not tell the event ("the ruling party")
    not_within: tuple[str, ...] = ()
    # "the meeting", "that deal": a noun after a determiner refers to an event already told. When
    # nothing was told before, `kept_unresolved` says whether it is still news ("the meeting lasted
    # an hour") or background ("the accord").
    kept_unresolved: bool = False
    people_take_part: bool = True  # False: a court rules; the people named around it are not parties
    # "to visit", "to hold talks": an intention, kept as a planned event when it speaks of the future
    planned_when_intended: bool = False
    yields_to: tuple[str, ...] = ()  # "visited Tokyo for talks": the visit is the meeting
    # told without a name, credited to the official of the acting state who announces it next
    credited_to_announcer: bool = False
    # "said Japan protested": an act told inside someone's words is still an event (other types
    # inside reported speech are plans, hopes or claims)
    counts_when_reported: bool = False


# In the order the CLI help lists them, the commonest first.
REGISTRY: tuple[EventType, ...] = (
    EventType(
        "meeting",
        "CONSULT",
        "a meeting, summit or talks",
        TWO_PARTIES,
        60,
        nouns=(
            r"summit",
            r"talks",
            r"meeting",
            r"encounter",
            r"courtesy call",
            r"dinner",
            r"luncheon",
            r"working lunch",
        ),
        verbs=(r"met", r"meets?", r"sat down", r"hosted", r"hosts", r"talked(?! about\b)"),
        strong=(r"courtesy call",),
        kept_unresolved=True,
        planned_when_intended=True,
    ),
    EventType(
        "call",
        "CONSULT",
        "a telephone or video call",
        TWO_PARTIES,
        30,
        nouns=(r"phone call",),
        verbs=(
            r"(?:tele)?phoned",
            r"(?:tele)?phone (?:call|talks|conversation)",
            r"by (?:tele)?phone",
            r"video (?:call|conference|summit|talks)",
            r"spoke on the (?:tele)?phone",
        ),
        kept_unresolved=True,
        planned_when_intended=True,
    ),
    EventType(
        "visit",
        "CONSULT",
        "a visit, a wreath laid, respects paid",
        SUBJECT,
        90,
        nouns=(r"visit",),
        verbs=(
            r"visit(?:ed|ing)",
            r"laid (?:a )?wreaths?",
            r"paid (?:a )?(?:tribute|(?:their |his |her )?respects)",
            r"pay (?:a )?(?:tribute|(?:their |his |her )?respects)",
            r"arrived (?:in|at)",
            r"landed (?:in|at)",
        ),
        kept_unresolved=True,
        planned_when_intended=True,
        yields_to=("meeting",),
    ),
    EventType(
        "agreement",
        "AGREE",
        "an agreement, a treaty, a joint statement",
        TWO_PARTIES,
        50,
        nouns=(
            r"agreement(?!s)",
            r"deal",
            r"accord",
            r"pact",
            r"treaty",
            r"settlement",
            r"joint (?:press )?(?:statement|declaration|communique)",
        ),
        verbs=(r"agreed", r"signed", r"adopted"),
        not_within=(
            # "the G7 leaders signed": the forum's documents, not an agreement between the parties
            rf"{FORUMS}\s+(?:[\w-]+\s+)?(?:signed|adopted)",
            # "agreed on the importance of": a shared view, not an agreement
            r"agreed\s+(?:on|about)\s+the\s+(?:importance|significance|value)",
        ),
    ),
    EventType(
        "policy",
        "CHANGE-POLICY",
        "a state changes a policy: export controls, a plan, ending a pact",
        COUNTERPART,
        40,
        verbs=(
            r"export (?:controls?|curbs|restrictions)",
            r"(?:tighten(?:ed|s|ing)?|lift(?:ed|s|ing)?|eas(?:ed|es|ing)|impos(?:e|ed|es|ing)|restor(?:e|ed|es)|"
            r"remov(?:e|ed|es|ing)|drop(?:ped|s|ping)?|strike|struck|reinstat(?:e|ed|es))\b[^.;]{0,40}?"
            r"\b(?:controls?|curbs|restrictions|sanctions|tariffs|white ?list|list of trusted)",
            r"white ?list",
            r"(?:unveil(?:ed|s)?|announc(?:ed|es)|launch(?:ed|es)|adopt(?:ed|s)|publish(?:ed|es)?)\b[^.;]{0,30}?"
            r"\b(?:plan|measures?|policy|program|programme|fund|compensation|white paper)",
        ),
        strong=(
            # "the war ended with an armistice, not a treaty": a thing that ended, not a pact ended
            r"(?:end|ending|ended|ends|scrap|scraps|scrapped|scrapping|terminate|terminated|terminating|"
            r"withdr[ae]w from|withdrawing from|pull(?:ed)? out of|dissolv(?:e|ed|es|ing)|suspend(?:ed|s)?|"
            r"halt(?:ed|s)?)\b(?!\s+(?:with|in|up)\b)[^.;]{0,60}?\b(?:agreement|pact|deal|accord|foundation|treaty|"
            r"arrangement)",
            # "decided to prolong the pact": a decision about a standing agreement, not a new one
            r"(?:prolong|extend|renew|continu)(?:e|es|ed|ing|s)?\b[^.;]{0,60}?\b(?:agreement|pact|deal|accord|treaty|"
            r"arrangement)",
        ),
        credited_to_announcer=True,
    ),
    EventType(
        "ruling",
        "ACCUSE",
        "a court rules",
        COUNTERPART,
        20,
        nouns=(r"ruling", r"verdict", r"judgment", r"judgement"),
        verbs=(
            r"(?:court|judges?|tribunal|panel)\b[^.;]{0,60}?\b(?:ruled|rules|ordered|orders|upheld|rejected|"
            r"dismissed|sided|found)",
        ),
        not_within=(r"ruling\s+(?:party|parties|coalition|bloc|camp)", r"ruling\s+(?-i:[A-Z])"),
        people_take_part=False,
    ),
    EventType(
        "protest",
        "PROTEST",
        "a state protests: a formal protest, a summoned diplomat, a recalled ambassador",
        COUNTERPART,
        10,
        counts_when_reported=True,
        verbs=(
            r"protest(?:ed|s)?",
            r"lodg(?:e|ed|es|ing) (?:a |an )?(?:strong |formal |stern )?(?:protest|complaint)",
            r"(?:express|voic|convey)(?:ed|es|ing|e) (?:its |his |her |their )?"
            r"(?:deep |strong |serious |grave |great )?(?:regret|displeasure)",
            # "summoned the Japanese ambassador", "called in a senior diplomat", "summoned Kenji Sato,
            # deputy chief of mission at the embassy": the summoned diplomat is named by a title
            rf"(?:summon(?:ed|s|ing)?|call(?:ed|s|ing)? in) (?:[\w'-]+ ){{0,3}}{_DIPLOMAT}",
            rf"summon(?:ed|s|ing)? (?:[\w'-]+ ){{1,3}}[\w'-]+, (?:acting |senior )?"
            rf"(?:{_DIPLOMAT}|minister|counsell?or)",
            rf"recall(?:ed|s|ing)? (?:its |their |the )?(?:\w+ )?{_DIPLOMAT}",
        ),
        # "decided to end the pact in protest of the curbs": the motive of another act
        not_within=(r"in protest (?:of|against|over|at)",),
    ),
    EventType(
        "military",
        "MOBILIZE",
        "a missile launch or a nuclear test",
        ACTOR,
        70,
        verbs=(
            r"(?:fired|launched|test-fired|fires|launches)\b[^.;]{0,40}?\b(?:missiles?|rockets?|projectiles?|satellite)",
            r"conducted (?:a |its )?(?:\w+ )?nuclear test",
        ),
    ),
    EventType(
        "office",
        "CHANGE-POLICY",
        "a leader takes office, is elected or resigns",
        SUBJECT,
        80,
        nouns=(r"inauguration", r"resignation"),
        verbs=(
            r"took office",
            r"taking office",
            r"takes office",
            r"sworn in",
            r"inaugurated",
            r"became (?:\w+'s )?(?:\w+ ){0,3}(?:prime minister|president|premier|foreign minister|leader)",
            r"(?:was|were|been|be|is|got) elected (?:as )?(?:\w+ )?(?:president|prime minister|premier)",
            r"won the (?:\w+ )?election",
            r"resign(?:ed|s)",
            r"stepped down",
            r"steps? down",
            r"return(?:ed|s|ing)? to (?:office|power)",
        ),
    ),
    EventType(
        "sanction",
        "COERCE",  # PLOVER files embargoes, boycotts and sanctions under COERCE (restrict)
        "a state imposes sanctions on another",
        COUNTERPART,
        25,
        verbs=(
            r"(?:impos(?:e|ed|es|ing)|slap(?:ped|s)?|levied|announced|adopted|expanded|tightened)"
            r" (?:[\w-]+ ){0,4}sanctions",
            r"sanctioned",
            r"froze (?:the )?assets",
            r"blacklisted",
        ),
        credited_to_announcer=True,
    ),
)

BY_NAME: dict[str, EventType] = {t.name: t for t in REGISTRY}
# the types in the order their triggers are tried
BY_PRIORITY: tuple[EventType, ...] = tuple(sorted(REGISTRY, key=lambda t: t.priority))
