"""The bundled knowledge base: countries, people with their offices, organizations and places.

Facts live in the JSON files under data/ (not in code); country codes and official names come from
pycountry (exact lookups only: its fuzzy search maps "Republic of Korea" to North Korea).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

DATA_FILES = ("people.json", "countries.json", "places.json", "korean_surnames.json")


@dataclass(frozen=True)
class KnownOffice:
    title: str
    country: str | None
    start: dt.date
    end: dt.date | None  # the last day in office (inclusive); None: still in office

    def held_on(self, day: dt.date) -> bool:
        # On a handover day both may match; callers prefer the later start (the new holder).
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KnownParticipant:
    name: str
    kind: str  # person | country | organization
    country: str | None
    aliases: tuple[str, ...] = ()
    offices: tuple[KnownOffice, ...] = ()
    gender: str | None = None  # "f" / "m": lets "she" and "he" find the right antecedent


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    seats: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    kind: str  # city | venue | forum | region
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    people: tuple[KnownParticipant, ...]
    organizations: tuple[KnownParticipant, ...]
    countries: tuple[Country, ...]
    places: tuple[Place, ...]
    fingerprint: str
    korean_surnames: frozenset[str] = frozenset()
    countries_by_code: dict[str, Country] = field(default_factory=dict, compare=False, hash=False)

    def country(self, code: str) -> Country | None:
        return self.countries_by_code.get(code)

    def participants(self) -> list[KnownParticipant]:
        """Every participant to sync into a database: countries, people, organizations."""
        countries = [
            KnownParticipant(c.name, "country", c.code, tuple(n for n in c.names if n != c.name))
            for c in self.countries
        ]
        return [*countries, *self.people, *self.organizations]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _participant(raw: dict[str, Any]) -> KnownParticipant:
    offices = tuple(
        KnownOffice(o["title"], o.get("country"), dt.date.fromisoformat(o["start"]), _date(o.get("end")))
        for o in raw.get("offices", [])
    )
    return KnownParticipant(
        raw["name"],
        raw.get("kind", "person"),
        raw.get("country"),
        tuple(raw.get("aliases", [])),
        offices,
        raw.get("gender"),
    )


def _pycountry_names(code: str) -> list[str]:
    import pycountry

    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        raise ValueError(f"countries.json: {code} is not an ISO 3166-1 alpha-2 code")
    return [n for n in (getattr(record, "common_name", None), record.name) if n and "," not in n]


def _countries(raw: list[dict[str, Any]]) -> tuple[Country, ...]:
    import pycountry

    out: list[Country] = []
    listed = set()
    for item in raw:
        code = item["code"]
        listed.add(code)
        names = list(dict.fromkeys([*item.get("names", []), *_pycountry_names(code)]))
        out.append(
            Country(
                code,
                names[0],
                tuple(names),
                tuple(item.get("demonyms", [])),
                item.get("capital"),
                tuple(item.get("government_seats", [])),
            )
        )
    # every other country by its plain ISO name, so that "Canada" or "Peru" is still recognised
    for record in pycountry.countries:
        if record.alpha_2 in listed:
            continue
        names = _pycountry_names(record.alpha_2)
        if names:
            out.append(Country(record.alpha_2, names[0], tuple(names), (), None, ()))
    return tuple(out)


def _read(name: str) -> bytes:
    return resources.files("tracker.knowledge").joinpath("data", name).read_bytes()


@cache
def data_file(name: str) -> Any:
    """A lexicon file of data/ (titles, words that are never names, name order), read once a process.
    These shape extraction only; the database holds none of them, so they stay out of the fingerprint."""
    return json.loads(_read(name))


@cache
def load_knowledge() -> KnowledgeBase:
    blobs = {name: _read(name) for name in DATA_FILES}
    fingerprint = hashlib.sha256(b"".join(blobs[n] for n in DATA_FILES)).hexdigest()[:32]
    people_raw = json.loads(blobs["people.json"])
    countries = _countries(json.loads(blobs["countries.json"]))
    places = tuple(
        Place(p["name"], p.get("country"), p.get("kind", "city"), tuple(p.get("aliases", [])))
        for p in json.loads(blobs["places.json"])
    )
    people = tuple(_participant(p) for p in people_raw if p.get("kind", "person") == "person")
    organizations = tuple(_participant(p) for p in people_raw if p.get("kind") == "organization")
    korean = frozenset(s.lower() for s in json.loads(blobs["korean_surnames.json"])["surnames"])
    return KnowledgeBase(people, organizations, countries, places, fingerprint, korean, {c.code: c for c in countries})
