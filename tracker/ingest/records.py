"""One record at a time: a JSON record, a line of JSON Lines or a feed entry that fails costs
itself alone, and text that cannot be stored as given is refused here, the same on both engines."""

from __future__ import annotations

from collections.abc import Callable

from tracker.errors import InputError
from tracker.model import Article

# (the name messages use, e.g. "batch.json[3]"; the article, or why that record failed)
Parsed = tuple[str, Article | InputError]


def parse_record(name: str, make: Callable[[], Article]) -> Parsed:
    """`make()`'s article, checked, or the reason it failed (never an exception)."""
    try:
        return name, check_text(make())
    except InputError as exc:
        return name, exc
    except RecursionError:
        return name, InputError("nested too deeply")
    except Exception as exc:  # a parser library failing on odd input costs this record only
        return name, InputError(f"could not read it ({type(exc).__name__}: {exc})")


def check_text(article: Article) -> Article:
    """Refuse text the database cannot hold as given.

    A NUL character: PostgreSQL refuses it and SQLite stores it, and no article text has one; a
    file is refused as binary for the same byte. A lone surrogate ("\\ud800" in JSON): half of a
    UTF-16 pair, so the text was cut inside a character by whatever wrote it; it cannot be encoded
    as UTF-8 for either engine. Refused rather than replaced by U+FFFD, so that what is stored is
    what the source said, and the user sees which record to fix."""
    fields = {
        "title": article.title,
        "body": article.body,
        "related links": "\n".join(article.related),
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
    }
    for field, value in fields.items():
        if not value:
            continue
        if "\x00" in value:
            raise InputError(f"the {field} contains a NUL character (\\x00), which is not text")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(
                    f"the {field} is not valid Unicode: a lone surrogate U+{ord(value[exc.start]):04X}"
                ) from None
    article.content_hash  # noqa: B018 -- computed (and cached) here, where a failure is this record's
    return article
