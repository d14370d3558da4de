"""Spans no sentence rule, MT engine or check may cut or change: one set of patterns, so that
segmentation, masking and checks agree on what a URL, an e-mail address, inline code or a link
target is. Pure.

Each pattern is linear in its input: possessive or bounded repeats and no nested quantifiers,
because a pasted token or a dot leader must not make a run hang.
"""

from __future__ import annotations

import re

# A URL ends before trailing sentence punctuation and closing quotes: "see https://x.kz/a." ends
# the sentence after "a". (Tried only where "http" or "www." starts; backtracks over the tail only.)
URL = r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’»]"
# An e-mail address. The local part must start a token: it is not retried from every position
# of a long run of word characters (a 200 KB pasted token took minutes).
EMAIL = r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"
# A bare domain name ("socialistworld.net"), as news text writes one without a scheme.
# (Tried only where a token starts; backtracks over that token's own dots.)
DOMAIN = r"(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?:net|org|com|info|kz|ru|uk|eu|io|gov|edu)\b"
# Inline code: a run of backticks up to the same run (CommonMark), so "``a`b``" is one span.
CODE = r"(?P<ticks>`++)(?:(?!(?P=ticks))[\s\S])*+(?P=ticks)"
# A Markdown link or image destination: the target itself, inside "](...)".
LINK_TARGET = r"(?<=\]\()[^)\s]++(?=\))"
# A Markdown destination as a whole, title included, and an autolink: never cut by a sentence.
_MD_DESTINATION = r"\]\([^)]*+\)"
_MD_AUTOLINK = r"<[^>\s]++>"

# A group or decimal mark between digits: space, no-break or narrow space, comma, full stop.
NUMBER_MARKS = " \u00a0\u202f,."
_MARK = re.compile(f"[{NUMBER_MARKS}]")


def number_value(token: str) -> str | None:
    """A number's value whatever its style: "100,000" = "100 000" = "100 000" = "100000", and
    "3,5" = "3.5"; the token itself when it has no marks; None when its marks are ambiguous
    ("1.2.3")."""
    groups, marks = _MARK.split(token), _MARK.findall(token)
    if len(groups) == 1:
        return token
    if all(len(g) == 3 for g in groups[1:]) and len(set(marks)) == 1:
        return "".join(groups)
    if len(groups) == 2 and marks[0] in ",.":
        return f"{groups[0]}.{groups[1]}"
    return None


URL_RE = re.compile(URL)
EMAIL_RE = re.compile(EMAIL)
CODE_RE = re.compile(CODE)
LINK_TARGET_RE = re.compile(LINK_TARGET)
# A line that is only an address, or a short label and one: "More information: https://…".
LINK_LINE = re.compile(rf"(?:[^:\n]{{1,60}}:[ \t]*)?(?:{URL})[.]?$")

# What segmentation protects: in plain text, URLs and e-mail addresses; in Markdown also code,
# link destinations and autolinks.
PROTECTED_TXT = re.compile(f"{URL}|{EMAIL}")
PROTECTED_MD = re.compile(f"{CODE}|{_MD_DESTINATION}|{_MD_AUTOLINK}|{URL}|{EMAIL}")
