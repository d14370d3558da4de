"""Reading PO/POT text: text -> Catalog, as GNU gettext reads it (``parse_po``). Pure; files are
read by po/files.py, and po/write.py writes the other way.
"""

from __future__ import annotations

import re
from pathlib import Path

from l10n.errors import CatalogError
from l10n.model import Catalog, Entry

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


def _previous_line(current: _EntryBuilder, rest: str) -> None:
    """A ``#|`` line (the msgid before a fuzzy match): a keyword or a continued string. Rare, so
    a function of its own costs the reader's loop nothing."""
    if current.phase != 0:
        raise _Syntax
    if rest[:1] == '"':
        if current.target is None:
            raise _Syntax
        current.target.append(_string(rest))
        return
    keyword, value = _keyword(rest)
    if keyword not in ("msgctxt", "msgid", "msgid_plural") or keyword in current.previous:
        raise _Syntax
    current.target = current.previous[keyword] = [value]


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
                        _previous_line(current, line[2:].strip())
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
    """A translated plural entry must have as many forms as the header's Plural-Forms says.

    As ``msgfmt -c``: it drops untranslated (``msgstr[0] ""``) and fuzzy entries before checking,
    so Django's ``kn`` catalogs, whose untranslated entries carry one form of two, are accepted
    and read as untranslated (``Entry.translated`` looks at the first form only).
    """
    declared = _NPLURALS.search(header.get("Plural-Forms", ""))
    if not declared:
        return
    expected = int(declared.group(1))
    for line, entry in read:
        if (
            entry.msgid_plural
            and not entry.obsolete
            and entry.translated
            and not entry.fuzzy
            and len(entry.msgstr_plural) != expected
        ):
            raise CatalogError(
                path,
                f"entry {entry.msgid!r} has {len(entry.msgstr_plural)} plural forms, "
                f"the header says nplurals={expected}",
                line=line,
                hint="give it one msgstr[N] per form, or fix Plural-Forms in the header",
            )
