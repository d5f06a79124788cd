"""Page noise that tells no event: photo captions and link blurbs left in a page's text.

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
_LINK_LIST = r"^\s*(?:ALSO READ|READ MORE|RELATED|Related Articles?|Most Popular|Recommended)\b"
PAGE_NOISE = re.compile(f"{_POSITION}|{_CREDIT}|{_LINK_LIST}")


def is_page_noise(text: str) -> bool:
    """Whether this sentence is a photo caption or a list of links."""
    return PAGE_NOISE.search(text) is not None
