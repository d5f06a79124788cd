"""Page noise that tells no event: photo captions, publishers' blurbs and link lists left in a page's text.

A caption names the people in a picture ("Lee (right) shakes hands with ...") and ends with the
photo's credit ("(Yonhap)", "[AP Photo]"); the event it shows, if any, is told in the story itself,
and the people named only there are not its participants.
"""

from __future__ import annotations

import re

# "(right)", "(second from left)", "(L)": where a person stands in the picture
_POSITION = (
    r"\((?:(?:second|third|fourth|far|front|back|top|bottom)\s+(?:from\s+)?)?"
    r"(?:right|left|center|centre|row|L|R|C)\)"
)
# a trailing credit: "(Yonhap)", "(AP Photo/Ahn Young-joon)", "[Office of the President]", "(Photo: Kyodo)"
_CREDIT = (
    r"[(\[][^()\[\]]{0,40}\b(?:Photo|Photos|Yonhap|AFP|AP|Reuters|Kyodo|Jiji|Xinhua|EPA|Getty Images|Pool|"
    r"Office of the President|Presidential Office|Prime Minister's Office|Cheong Wa Dae)\b"
    r"[^()\[\]]{0,40}[)\]]\s*\.?\s*$"
)
# ", right,", ", from left,", ", second from right,": the same, written between commas
_POSITION_BETWEEN_COMMAS = (
    r",\s+(?:(?:second|third|fourth|far)\s+)?(?:from\s+)?(?:left|right)(?:\s+to\s+(?:left|right))?,"
)
# "In this file photo, ...", "FILE PHOTO: ...": a caption announcing itself
_PHOTO_OPENING = r"^\s*(?:In\s+this\s+(?:\w+\s+){0,2}(?:photo|picture|image)\b|(?i:file\s+photo)\s*:)"
# "..., in Seoul, South Korea, Nov. 22, 2019.": a caption ends with the place and the day of the picture
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PICTURE_DAY = rf",\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\.?\s*$"
# a publisher's blurb: "Sign up for a free preview", "X combines ... news into a daily information service"
_BLURB = (
    r"^\s*(?:Sign\s+up|Subscribe)\b|\b(?:information\s+service|unlock\s+the\s+rest|free\s+(?:preview|trial)|"
    r"(?:its|our)\s+(?:[\w-]+\s+){0,2}(?:readers|subscribers))\b"
)
_LINK_LIST = r"^\s*(?:ALSO READ|READ MORE|RELATED|Related Articles?|Most Popular|Recommended)\b"
PAGE_NOISE = re.compile(
    f"{_POSITION}|{_POSITION_BETWEEN_COMMAS}|{_PHOTO_OPENING}|{_CREDIT}|{_PICTURE_DAY}|{_BLURB}|{_LINK_LIST}"
)


def is_page_noise(text: str) -> bool:
    """Whether this sentence is a photo caption or a list of links."""
    return PAGE_NOISE.search(text) is not None


def is_headline(text: str, headline: str) -> bool:
    """Whether this sentence is the article's headline, repeated above the story: it tells what the
    story tells, on no day of its own."""
    return bool(headline) and _words(text) == _words(headline)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
