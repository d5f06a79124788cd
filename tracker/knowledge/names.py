"""Name normalization: the one rule every lookup of a person, country or alias goes through.

Case, accents, hyphens, apostrophes, spaces and word order do not matter:
"Lee Jae-myung" = "LEE JAE MYUNG" = "lee jae myung"; "Kishida Fumio" = "Fumio Kishida".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[str, ...]:
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    ascii_only = ascii_only.replace("'", "").replace("\u2019", "")
    return tuple(t for t in _NON_WORD.split(ascii_only) if t)


def name_tokens(name: str) -> list[str]:
    """Lower-case ASCII word tokens of a name, in their original order."""
    return list(_tokens(name))


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The order-free key stored in aliases.normalized."""
    return " ".join(sorted(name_tokens(name)))
