"""Text that XML 1.0 can carry. Pure.

XML 1.0 forbids most C0 control characters (and U+FFFE, U+FFFF, lone surrogates) anywhere in a
document, even escaped: one of them in a title makes a feed not well-formed, and feed readers
drop the whole feed. Every XML output (feeds, the sitemap, a Word edition's properties) passes
its text through ``xml_text``; the same cleaning serves metadata read from an article's header.
"""

from __future__ import annotations

import re

# Line-like controls (vertical tab: Word's Shift+Enter pasted; form feed) read as a space; the
# rest is dropped. Tab, line feed and carriage return are allowed.
_AS_SPACE = re.compile(r"[\x0b\x0c]")
_FORBIDDEN = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced (a space) or dropped."""
    if not _FORBIDDEN.search(text) and not _AS_SPACE.search(text):
        return text
    return _FORBIDDEN.sub("", _AS_SPACE.sub(" ", text))


def one_line(text: str) -> str:
    """A metadata value (title, author) as one line of allowed text, white space folded."""
    return " ".join(xml_text(text).split())
