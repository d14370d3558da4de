"""Spans no sentence rule, MT engine or check may cut or change: one set of patterns, so that
segmentation, masking and checks agree on what a URL or an e-mail address is. Pure.

Each pattern is linear in its input: character classes with possessive or bounded repeats and
no nested quantifiers, because a pasted token or a dot leader must not make a run hang.
"""

from __future__ import annotations

import re

# A URL ends before trailing sentence punctuation and closing quotes: "see https://x.kz/a." ends
# the sentence after "a". (Tried only where "http" or "www." starts; backtracks over the tail only.)
URL = r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"”’»]"
# An e-mail address: the local part must start a token (not be retried from every position of
# a long run of word characters, which made a 200 KB token take minutes).
EMAIL = r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"
# Markdown inline code, a link or image destination, an autolink.
MD_CODE = r"(`+)[\s\S]*?\1"
MD_TARGET = r"\]\([^)]*+\)"
MD_AUTOLINK = r"<[^>\s]++>"

PROTECTED_TXT = re.compile(f"{URL}|{EMAIL}")
PROTECTED_MD = re.compile(f"{MD_CODE}|{MD_TARGET}|{MD_AUTOLINK}|{URL}|{EMAIL}")
