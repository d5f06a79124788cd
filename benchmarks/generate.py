"""A deterministic generator of articles in the seed format (about 250 words each), for benchmarks.

    python benchmarks/generate.py OUT_DIR --count 10000 [--seed 7]

Every article tells one meeting or phone call between two leaders of the knowledge base who held
office on its date, with datelines, relative dates, quotes, reported speech, two paragraphs of
background drawn from a pool (earlier meetings, a leader taking office, protests, trade figures,
criticism) and an ALSO READ block, so that the whole extraction runs on each one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from tracker.knowledge import KnownParticipant, load_knowledge

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CITIES = {
    "KR": ["Seoul", "Busan", "Gyeongju"],
    "JP": ["Tokyo", "Osaka", "Hiroshima"],
    "US": ["Washington"],
    "CN": ["Beijing"],
}
TOPICS = [
    "supply chains",
    "North Korea's missile programme",
    "wartime history",
    "youth exchanges",
    "energy security",
    "semiconductors",
    "climate policy",
    "tourism",
    "fisheries",
    "export controls",
]
HEADLINES = [
    "Five things to know about the regional economy",
    "Autumn festivals draw record crowds",
    "Markets close higher on tech rally",
    "A guide to the city's best night markets",
    "Weather: heavy rain expected across the south",
]


COUNTRY_NAMES = {"KR": "South Korea", "JP": "Japan", "US": "the United States", "CN": "China"}
INSTITUTES = [
    "Asan Institute",
    "Japan Institute of International Affairs",
    "Korea Development Institute",
    "Sejong Institute",
]
HISTORY = ["wartime forced labor", "the comfort women issue", "a disputed set of islands", "textbook revisions"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _background(
    rng: random.Random,
    day: dt.date,
    a: KnownParticipant,
    b: KnownParticipant,
    names: tuple[str, str],
    city: str,
    b_country: str,
    topics: tuple[str, str],
) -> list[str]:
    """Two paragraphs of background, in the order the pool gives them."""
    surname_a, surname_b = names
    topic, other = topics
    office = next((o for o in a.offices if o.held_on(day)), None)
    took_office = office.start if office else day - dt.timedelta(days=400)
    # an earlier meeting while both held office, else one of the other paragraphs
    both_since = max(
        [o.start for person in (a, b) for o in person.offices if o.held_on(day) and o.start], default=took_office
    )
    earlier = day - dt.timedelta(days=rng.randrange(60, 900))
    pool = [
        f"{surname_a} took office in {MONTHS[took_office.month - 1]} {took_office.year}, promising a more pragmatic "
        f"approach to relations with {COUNTRY_NAMES[b_country]} and closer coordination on {other}.",
        f"The two leaders last met in {MONTHS[earlier.month - 1]} {earlier.year} on the sidelines of a regional "
        f"forum, where they discussed {topic} for about {rng.randrange(20, 60)} minutes."
        if earlier >= both_since
        else f"Officials in {city} said the two governments had prepared the exchange for "
        f"{rng.choice(['weeks', 'months'])}.",
        f"Ahead of the talks, about {rng.randrange(50, 400)} protesters gathered outside the venue in {city}, "
        f"calling for an apology over {rng.choice(HISTORY)}. Police said there were no arrests.",
        f"Trade between the two countries reached ${rng.randrange(20, 300)} billion last year, according to "
        f"government data, though exporters have warned that demand for {other} is slowing.",
        f"Opposition lawmakers criticized the outcome on {WEEKDAYS[(day.weekday() + 1) % 7]}, saying the government "
        f"had given too much ground on {topic} without securing commitments in return.",
        f"Analysts at the {rng.choice(INSTITUTES)} said the meeting was the "
        f"{rng.choice(['second', 'third', 'fourth'])} between {surname_a} and {surname_b} since "
        f"{took_office.year} and reflected a steady thaw.",
        f"A senior official told reporters on condition of anonymity that the sides had narrowed their "
        f"differences on {topic}, but that {rng.choice(['two', 'three', 'four', 'five'])} issues remained unresolved.",
    ]
    return rng.sample(pool, 2)


def _leaders(day: dt.date, country: str) -> list[KnownParticipant]:
    titles = ("President", "Prime Minister", "Foreign Minister", "Premier")
    return [
        p
        for p in load_knowledge().people
        if p.country == country
        and any(o.title in titles and o.country == country and o.held_on(day) for o in p.offices)
    ]


def _title(person: KnownParticipant, day: dt.date) -> str:
    for office in person.offices:
        if office.held_on(day):
            return office.title
    return "Minister"


def articles(count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(file name, text) pairs."""
    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    demonym = {"KR": "South Korean", "JP": "Japanese", "US": "U.S.", "CN": "Chinese"}
    produced = 0
    while produced < count:
        day = start + dt.timedelta(days=rng.randrange(0, 3800))
        a_country, b_country = rng.choice([("KR", "JP"), ("KR", "JP"), ("KR", "US"), ("JP", "US"), ("KR", "CN")])
        a_people, b_people = _leaders(day, a_country), _leaders(day, b_country)
        if not a_people or not b_people:
            continue
        a, b = rng.choice(a_people), rng.choice(b_people)
        published = day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
        weekday = WEEKDAYS[day.weekday()]
        city = rng.choice(CITIES.get(a_country, ["Seoul"]))
        topic, other = rng.sample(TOPICS, 2)
        kind = rng.choice(["held talks", "held a summit", "spoke by phone"])
        where = "" if kind == "spoke by phone" else f" in {city}"
        surname_a, surname_b = (
            a.name.split()[0 if a_country in ("KR", "CN") else -1],
            b.name.split()[-1 if b_country not in ("KR", "CN") else 0],
        )
        month = published.strftime("%b.")
        body = [
            f"{city.upper()}, {month} {published.day} -- {demonym[a_country]} {_title(a, day)} {a.name} and "
            f"{demonym[b_country]} {_title(b, day)} {b.name} {kind}{where} on {weekday}, agreeing to deepen "
            f"cooperation on {topic} and to keep in close contact.",
            f"The meeting lasted about {rng.randrange(30, 120)} minutes. {surname_a} said the two countries "
            f"should work together on {other} and stressed that trust between the leaders mattered.",
            f'"We will not let differences over the past stand in the way of the future," {surname_b} told '
            f"reporters afterwards, adding that both sides would hold working-level talks soon.",
            f"According to {surname_a}'s office, the two leaders also discussed regional security and "
            f"agreed to meet again later this year. Officials said a joint statement was not expected.",
            f"Relations between the neighbors have had ups and downs in recent years, and analysts said the "
            f"talks showed a shared interest in stability. The two governments plan to launch a dialogue on "
            f"{topic} next month, officials said.",
            *_background(rng, day, a, b, (surname_a, surname_b), city, b_country, (topic, other)),
            f"{surname_b} is scheduled to return home on {WEEKDAYS[(day.weekday() + 2) % 7]}. "
            f"Business groups in both countries welcomed the outcome, saying trade had suffered from "
            f"uncertainty over {other}.",
            "(With inputs from agencies.)",
            "ALSO READ",
            *rng.sample(HEADLINES, 3),
        ]
        headline = f"{surname_a}, {surname_b} pledge closer cooperation on {topic} ({produced})"
        text = f" date {published.isoformat()} {headline}\n" + "\n".join(body) + "\n"
        produced += 1
        yield f"{published.isoformat()}-{produced:06d}.txt", text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in articles(args.count, args.seed):
        (args.out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
