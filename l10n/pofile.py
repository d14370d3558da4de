"""The PO/POT grammar, both ways: text -> Catalog (``parse_po``, GNU gettext's reading) and
Catalog -> text (``render_po``, laid out exactly as msgcat writes it). Pure; files are read and
written by catalog_io.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from l10n.errors import CatalogError
from l10n.model import Catalog, Entry

# gettext's own tools (msgmerge, msgcat) and Poedit wrap at 79 columns; so do we, so a file that
# passes through them and back keeps its line breaks.
WRAP_WIDTH = 79


# --- reading ---------------------------------------------------------------------------------
# Our own reader: polib's took two thirds of `l10n extract` on a large archive (a finite-state
# machine with a method call per line and a linear duplicate search per entry). This one follows
# GNU gettext's grammar; tests check it against polib and msgfmt on real and generated catalogs.

_UNESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "v": "\v",
    "b": "\b",
    "f": "\f",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}
# GNU gettext's control sequences: the C escapes, octal (up to three digits) and hexadecimal
# (as many digits as follow) byte values. Anything else after a backslash (\' or \?, which C
# allows) is an error for msgfmt, and so for us.
_ESCAPE_SEQUENCE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)")
# A quote inside a string that is not escaped (preceded by an even number of backslashes), or a
# string whose last backslash would escape its closing quote.
_BAD_STRING = re.compile(r'(?:^|[^\\])(?:\\\\)*(?:"|\\$)')
_SYNTAX_HINT = "fix the file in a PO editor (or msgcat --use-first) or restore it from git, then run again"


class _Syntax(Exception):
    """A syntax error at the current line (turned into a CatalogError by parse_po)."""


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    if not re.search(r"\\(?:x|[0-7])", text):
        return _ESCAPE_SEQUENCE.sub(_control, text)
    # Byte escapes make bytes, which together with the text around them must be UTF-8.
    out = bytearray()
    last = 0
    for match in _ESCAPE_SEQUENCE.finditer(text):
        out += text[last : match.start()].encode("utf-8")
        code = match.group(1)
        if code[0] == "x":
            out.append(int(code[1:], 16) & 0xFF)
        elif code[0] in "01234567":
            out.append(int(code, 8) & 0xFF)
        else:
            out += _control(match).encode("utf-8")
        last = match.end()
    out += text[last:].encode("utf-8")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise _Syntax from None


def _control(match: re.Match[str]) -> str:
    value = _UNESCAPES.get(match.group(1))
    if value is None:
        raise _Syntax  # msgfmt: "invalid control sequence"
    return value


def _string(token: str) -> str:
    """A quoted PO string token -> its text."""
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise _Syntax
    inner = token[1:-1]
    if ('"' in inner or inner.endswith("\\")) and _BAD_STRING.search(inner):
        raise _Syntax
    return _unescape(inner)


def _keyword(line: str) -> tuple[str, str]:
    """'msgid "x"' -> ('msgid', 'x')."""
    quote = line.find('"')
    if quote <= 0:
        raise _Syntax
    return line[:quote].rstrip(), _string(line[quote:])


def _one_space(text: str) -> str:
    return text[1:] if text[:1] == " " else text


def _occurrences(text: str) -> list[tuple[str, str]]:
    found = []
    for token in text.split():
        name, sep, line = token.rpartition(":")
        found.append((name, line) if sep and line.isdigit() else (token, ""))
    return found


class _EntryBuilder:
    """The fields of the entry being read; ``phase``: 0 comments, 1 msgctxt, 2 msgid, 3 msgstr."""

    __slots__ = (
        "tcomment",
        "comment",
        "occurrences",
        "flags",
        "previous",
        "fields",
        "plurals",
        "target",
        "phase",
        "obsolete",
        "line",
    )

    def __init__(self) -> None:
        self.tcomment: list[str] = []
        self.comment: list[str] = []
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous: dict[str, list[str]] = {}
        self.fields: dict[str, list[str]] = {}
        self.plurals: dict[int, list[str]] = {}
        self.target: list[str] | None = None  # where a continuation line ("...") goes
        self.phase = 0
        self.obsolete = False
        self.line = 0  # of the msgid

    def entry(self) -> Entry:
        fields, previous = self.fields, self.previous
        ctxt = fields.get("msgctxt")
        return Entry(
            msgid="".join(fields["msgid"]),
            msgstr="".join(fields.get("msgstr", ())),
            msgctxt=None if ctxt is None else "".join(ctxt),
            msgid_plural="".join(fields.get("msgid_plural", ())),
            msgstr_plural=tuple((k, "".join(v)) for k, v in sorted(self.plurals.items())),
            flags=tuple(self.flags),
            comment="\n".join(self.comment),
            tcomment="\n".join(self.tcomment),
            occurrences=tuple(self.occurrences),
            previous_msgid=None if "msgid" not in previous else "".join(previous["msgid"]),
            previous_msgctxt=None if "msgctxt" not in previous else "".join(previous["msgctxt"]),
            previous_msgid_plural=None
            if "msgid_plural" not in previous
            else "".join(previous["msgid_plural"]),
            obsolete=self.obsolete,
        )


def _read_entries(text: str) -> list[tuple[int, Entry]]:
    """PO text -> (line of msgid, entry) in file order, the header entry included."""
    done: list[tuple[int, Entry]] = []
    current = _EntryBuilder()
    lineno = 0
    try:
        for lineno, raw in enumerate(text.split("\n"), 1):
            line = raw.strip()
            if not line:
                continue
            obsolete = False
            if line[0] == "#":
                if line[1:2] == "~":
                    if line[2:3] == "|":
                        line = "#|" + line[3:]
                    else:
                        line = line[2:].strip()
                        if not line:
                            continue
                        obsolete = True
                if not obsolete:
                    if current.phase == 3:
                        done.append((current.line, current.entry()))
                        current = _EntryBuilder()
                    kind = line[1:2]
                    if kind == ".":
                        current.comment.append(_one_space(line[2:]))
                    elif kind == ":":
                        current.occurrences += _occurrences(line[2:])
                    elif kind == ",":
                        current.flags += [f for f in (part.strip() for part in line[2:].split(",")) if f]
                    elif kind == "|":
                        rest = line[2:].strip()
                        if current.phase != 0:
                            raise _Syntax
                        if rest[:1] == '"':
                            if current.target is None:
                                raise _Syntax
                            current.target.append(_string(rest))
                        else:
                            keyword, value = _keyword(rest)
                            if (
                                keyword not in ("msgctxt", "msgid", "msgid_plural")
                                or keyword in current.previous
                            ):
                                raise _Syntax
                            current.target = current.previous[keyword] = [value]
                    else:
                        current.tcomment.append(_one_space(line[1:]))
                    continue
            if line[0] == '"':
                if current.target is None or current.phase == 0:
                    raise _Syntax
                current.target.append(_string(line))
                continue
            keyword, value = _keyword(line)
            phase = current.phase
            if keyword == "msgid" or keyword == "msgctxt":
                if phase == 3:
                    done.append((current.line, current.entry()))
                    current = _EntryBuilder()
                elif phase == 2 or (phase == 1 and keyword == "msgctxt"):
                    raise _SyntaxAt(current.line or lineno, "missing msgstr")
                current.phase = 2 if keyword == "msgid" else 1
                current.obsolete = obsolete
                if keyword == "msgid":
                    current.line = lineno
            elif keyword == "msgid_plural":
                if phase != 2 or "msgid_plural" in current.fields:
                    raise _Syntax
            elif keyword == "msgstr":
                if (
                    phase < 2
                    or "msgid_plural" in current.fields
                    or current.plurals
                    or "msgstr" in current.fields
                ):
                    raise _Syntax
                current.phase = 3
            elif keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
                index = int(keyword[7:-1])
                if (
                    phase < 2
                    or "msgid_plural" not in current.fields
                    or "msgstr" in current.fields
                    or index in current.plurals
                ):
                    raise _Syntax
                current.phase = 3
                current.target = current.plurals[index] = [value]
                continue
            else:
                raise _Syntax
            if obsolete != current.obsolete:
                raise _Syntax  # half of an entry commented out
            current.target = current.fields[keyword] = [value]
        if current.phase == 3:
            done.append((current.line, current.entry()))
        elif current.phase:
            raise _SyntaxAt(current.line or lineno, "missing msgstr")  # the file ends inside an entry
    except _Syntax:
        raise _SyntaxAt(lineno) from None
    return done


class _SyntaxAt(Exception):
    def __init__(self, line: int, what: str = "") -> None:
        self.line, self.what = line, what


def _metadata(msgstr: str) -> tuple[tuple[str, str], ...]:
    """Header fields, read as polib and gettext read them ("Key: value" lines; a line without a
    colon continues the previous value)."""
    fields: list[list[str]] = []  # a field given twice stays twice: nothing of the file is dropped
    for line in msgstr.split("\n"):
        name, sep, value = line.partition(":")
        if sep:
            fields.append([name, value.strip()])
        elif fields and line.strip():
            fields[-1][1] += "\n" + line.strip()
    return tuple((name, value) for name, value in fields)


def parse_po(text: str, path: Path | str = "<string>") -> Catalog:
    """Parse PO/POT text. Syntax errors become a CatalogError naming the file and line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        read = _read_entries(text)
    except _SyntaxAt as error:
        what = f" ({error.what})" if error.what else ""
        raise CatalogError(
            path, f"syntax error{what}, not a valid PO file", line=error.line, hint=_SYNTAX_HINT
        ) from None
    header: Entry | None = None
    entries: list[Entry] = []
    seen: set[tuple[str | None, str]] = set()
    for line, entry in read:
        if entry.obsolete:
            entries.append(entry)
            continue
        key = entry.key
        if key in seen or (header is not None and key == (None, "")):
            raise CatalogError(path, "duplicate entry", line=line, hint=_SYNTAX_HINT)
        if key == (None, "") and header is None:
            header = entry
            continue
        seen.add(key)
        entries.append(entry)
    fields = _metadata(header.msgstr) if header else ()
    _check_plurals(dict(fields), read, path)
    return Catalog(
        header=fields,
        entries=tuple(entries),
        header_comment=header.tcomment if header else "",
        header_flags=tuple(header.flags) if header else (),
    )


_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def _check_plurals(header: dict[str, str], read: list[tuple[int, Entry]], path: Path | str) -> None:
    """A plural entry must have as many forms as the header's Plural-Forms says (msgfmt agrees)."""
    declared = _NPLURALS.search(header.get("Plural-Forms", ""))
    if not declared:
        return
    expected = int(declared.group(1))
    for line, entry in read:
        if entry.msgid_plural and not entry.obsolete and len(entry.msgstr_plural) != expected:
            raise CatalogError(
                path,
                f"entry {entry.msgid!r} has {len(entry.msgstr_plural)} plural forms, "
                f"the header says nplurals={expected}",
                line=line,
                hint="give it one msgstr[N] per form, or fix Plural-Forms in the header",
            )


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
