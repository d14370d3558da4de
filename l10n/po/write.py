"""Writing PO/POT text: Catalog -> text, laid out exactly as GNU gettext's msgcat writes it
(``render_po``): deterministic, wrapped at 79 columns by Unicode's line-breaking rules, so a file
that passes through msgcat, Poedit or Weblate and back keeps its line breaks. Pure.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from l10n.model import Catalog, Entry

# gettext's own tools (msgmerge, msgcat) and Poedit wrap at 79 columns; so do we, so a file that
# passes through them and back keeps its line breaks.
WRAP_WIDTH = 79


def render_po(catalog: Catalog) -> str:
    """Catalog -> PO text, formatted as GNU gettext formats it. Deterministic."""
    blocks: list[str] = []
    head: list[str] = (
        [_comment("# ", line) for line in catalog.header_comment.split("\n")]
        if catalog.header_comment
        else []
    )
    if catalog.header_flags:
        head.append("#, " + ", ".join(catalog.header_flags))
    header_text = "".join(f"{key}: {value}\n" for key, value in catalog.header)
    head += _field("msgid", "") + _field("msgstr", header_text)
    blocks.append("\n".join(head))
    live = [e for e in catalog.entries if not e.obsolete]
    obsolete = [e for e in catalog.entries if e.obsolete]
    blocks.extend(_render_entry(e) for e in live + obsolete)
    return "\n\n".join(blocks) + "\n"


def _render_entry(entry: Entry) -> str:
    lines: list[str] = []
    lines += [_comment("# ", line) for line in _comment_lines(entry.tcomment)]
    lines += [_comment("#. ", line) for line in _comment_lines(entry.comment)]
    if entry.occurrences:
        refs = [f"{path}:{line}" if line else path for path, line in entry.occurrences]
        lines += _wrap_references(refs)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    prev = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += _field("msgctxt", entry.previous_msgctxt, prev)
    if entry.previous_msgid is not None:
        lines += _field("msgid", entry.previous_msgid, prev)
    if entry.previous_msgid_plural is not None:
        lines += _field("msgid_plural", entry.previous_msgid_plural, prev)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _field("msgctxt", entry.msgctxt, prefix)
    lines += _field("msgid", entry.msgid, prefix)
    if entry.msgid_plural:
        lines += _field("msgid_plural", entry.msgid_plural, prefix)
        for index, text in entry.msgstr_plural:
            lines += _field(f"msgstr[{index}]", text, prefix)
    else:
        lines += _field("msgstr", entry.msgstr, prefix)
    return "\n".join(lines)


_LINE_BREAK = re.compile(r"\r\n?|[\n\u2028\u2029]")


def _comment_lines(text: str) -> list[str]:
    """A comment's lines. Any line break in it (a bare CR from an old-Mac article, a Unicode line
    separator) starts a new comment line: written raw, it would end the line for some readers
    (polib, Poedit) and not for others."""
    return _LINE_BREAK.split(text) if text else []


def _comment(prefix: str, line: str) -> str:
    text = f"{prefix}{line}".rstrip()
    # GNU gettext's reader joins a line that ends with a backslash to the next one (even in a
    # comment), which would swallow the msgid below; a space after it prevents that, and readers
    # strip it again.
    return text + " " if text.endswith("\\") else text


def _wrap_references(refs: list[str]) -> list[str]:
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if current != "#:" and len(current) + 1 + len(ref) > WRAP_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    lines.append(current)
    return lines


# --- gettext-compatible string layout -------------------------------------------------------
# GNU gettext breaks long strings with Unicode line breaking (UAX #14, via libunistring). This is
# the subset that occurs in prose; tests compare our output with msgcat's on real catalogs.

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\t": "\\t",
    "\r": "\\r",
    "\n": "\\n",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_NO_BREAK_BEFORE = set("!?,.;:)]}/")  # closing punctuation, infix separators, solidus (LB13)
_OPENING = set("([{")
_QUOTES = set("\"'«»‘’“”‹›")


_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_TABLE)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


@functools.cache
def _wide_bmp() -> re.Pattern[str]:
    """The wide and full-width characters of the Basic Multilingual Plane as one regex class
    (made once, on first need: ~20 ms), so columns are counted at C speed."""
    ranges, start = [], None
    for code in range(0x10001):
        wide = code < 0x10000 and not 0xD800 <= code <= 0xDFFF and _is_wide(chr(code))
        if wide and start is None:
            start = code
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile("[" + "".join(ranges) + "]")


def _columns(text: str) -> int:
    """Terminal columns, as gettext counts them: East Asian wide and full-width characters are 2."""
    if text.isascii():
        return len(text)
    if max(text) <= "\uffff":
        return len(text) + len(_wide_bmp().findall(text))
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _column_offsets(text: str) -> list[int]:
    """Columns of every prefix of ``text``: offsets[i] = _columns(text[:i])."""
    if text.isascii() or (max(text) <= "\uffff" and not _wide_bmp().search(text)):
        return list(range(len(text) + 1))
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if _is_wide(ch) else 1))
    return offsets


# Where a break point can be at all: after a space, a hyphen, a solidus, a full stop or a dash,
# or before an em dash. Only these positions are looked at (a few per word, not every character).
_CANDIDATE = re.compile(r"(?<=[ \-/.–—])(?=[\s\S])|(?<=[\s\S])(?=—)")


def _break_points(text: str) -> list[int]:
    """Indices before which an escaped string may be broken (gettext's rules, after Unicode's
    line breaking: not before closing punctuation, not after an opening bracket, never inside an
    escape sequence)."""
    points = []
    for candidate in _CANDIDATE.finditer(text):
        i = candidate.start()
        before, here = text[i - 1], text[i]
        if here == " " or here in _NO_BREAK_BEFORE:
            continue
        if before == " ":
            j = i - 1
            while j > 0 and text[j] == " ":
                j -= 1
            if text[j] in _OPENING or (here in _OPENING and text[j] in _QUOTES):
                continue
            points.append(i)
        elif before == "\\" or (i >= 2 and text[i - 2] == "\\" and before in '"\\tnrabfv'):
            continue  # never inside an escape sequence
        elif (
            before in "-/."
            and not here.isdigit()
            and here != "/"
            or before == "–"
            or (before == "—") != (here == "—")
        ):
            points.append(i)
    return points


def _wrap_piece(piece: str, indent: int, points: list[int] | None = None) -> list[str]:
    """Greedy: each line as long as fits in WRAP_WIDTH (quotes included); an unbreakable run
    longer than that stays whole. Linear: every break point and character is looked at once."""
    points = (_break_points(piece) if points is None else points) + [len(piece)]
    offsets = _column_offsets(piece)
    lines, start, k = [], 0, 0
    while start < len(piece):
        while points[k] <= start:
            k += 1
        # The first break point always; then each further one while the line still fits.
        limit = offsets[start] + WRAP_WIDTH - indent - 2
        while k + 1 < len(points) and offsets[points[k + 1]] <= limit:
            k += 1
        lines.append(piece[start : points[k]])
        start = points[k]
    return lines


def _field(keyword: str, text: str, prefix: str = "") -> list[str]:
    """One keyword and its string, wrapped as gettext wraps it."""
    pieces = [_escape(p) for p in re.findall(r"[^\n]*\n|[^\n]+", text)] or [""]
    whole = f'{prefix}{keyword} "{"".join(pieces)}"'
    if len(pieces) == 1 and len(whole) <= WRAP_WIDTH and _columns(whole) <= WRAP_WIDTH:
        return [whole]
    points = _break_points(pieces[0]) if len(pieces) == 1 else None
    if points is not None and (_columns(whole) <= WRAP_WIDTH or not points):
        return [whole]
    indent = len(prefix)
    lines = [f'{prefix}{keyword} ""']
    for number, piece in enumerate(pieces):
        lines += [f'{prefix}"{line}"' for line in _wrap_piece(piece, indent, points if number == 0 else None)]
    return lines
