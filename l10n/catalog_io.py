"""The only module that reads and writes PO/POT files.

Parsing and rendering are pure (text <-> Catalog); ``load_catalog`` and ``save_catalog`` are the
file edges: UTF-8 only, atomic (temporary file in the same folder, then rename) and never touching
a file whose bytes would not change.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from pathlib import Path

from l10n.errors import CatalogError
from l10n.model import Catalog, Entry

# gettext's own tools (msgmerge, msgcat) and Poedit wrap at 79 columns; so do we, so a file that
# passes through them and back keeps its line breaks.
WRAP_WIDTH = 79

_CHARSET = re.compile(r"charset=([\w.-]+)", re.IGNORECASE)


# --- reading ---------------------------------------------------------------------------------
# Our own reader: polib's took two thirds of `l10n extract` on a large archive (a finite-state
# machine with a method call per line and a linear duplicate search per entry). This one follows
# GNU gettext's grammar; tests check it against polib and msgfmt on real and generated catalogs.

_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "a": "\a", "\\": "\\", '"': '"'}
_ESCAPE_SEQUENCE = re.compile(r"\\(.)")
# A quote inside a string that is not escaped (preceded by an even number of backslashes), or a
# string whose last backslash would escape its closing quote.
_BAD_STRING = re.compile(r'(?:^|[^\\])(?:\\\\)*(?:"|\\$)')
_SYNTAX_HINT = "fix the file in a PO editor (or msgcat --use-first) or restore it from git, then run again"


class _Syntax(Exception):
    """A syntax error at the current line (turned into a CatalogError by parse_po)."""


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE_SEQUENCE.sub(lambda m: _UNESCAPES.get(m.group(1), m.group(0)), text)


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

    __slots__ = ("tcomment", "comment", "occurrences", "flags", "previous", "fields", "plurals", "target", "phase", "obsolete", "line")

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
            previous_msgid_plural=None if "msgid_plural" not in previous else "".join(previous["msgid_plural"]),
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
                            if keyword not in ("msgctxt", "msgid", "msgid_plural") or keyword in current.previous:
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
                if phase < 2 or "msgid_plural" in current.fields or current.plurals or "msgstr" in current.fields:
                    raise _Syntax
                current.phase = 3
            elif keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
                index = int(keyword[7:-1])
                if phase < 2 or "msgid_plural" not in current.fields or "msgstr" in current.fields or index in current.plurals:
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
    fields: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return tuple(fields.items())


def parse_po(text: str, path: Path | str = "<string>") -> Catalog:
    """Parse PO/POT text. Syntax errors become a CatalogError naming the file and line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        read = _read_entries(text)
    except _SyntaxAt as error:
        what = f" ({error.what})" if error.what else ""
        raise CatalogError(path, f"syntax error{what}, not a valid PO file", line=error.line, hint=_SYNTAX_HINT) from None
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
        header_flags=("fuzzy",) if header and header.flags else (),
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
                f"entry {entry.msgid!r} has {len(entry.msgstr_plural)} plural forms, the header says nplurals={expected}",
                line=line,
                hint="give it one msgstr[N] per form, or fix Plural-Forms in the header",
            )


def render_po(catalog: Catalog) -> str:
    """Catalog -> PO text, formatted as GNU gettext formats it. Deterministic."""
    blocks: list[str] = []
    head: list[str] = [_comment("# ", line) for line in catalog.header_comment.split("\n")] if catalog.header_comment else []
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
    lines += [_comment("# ", line) for line in entry.tcomment.split("\n")] if entry.tcomment else []
    lines += [_comment("#. ", line) for line in entry.comment.split("\n")] if entry.comment else []
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

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\r": "\\r", "\n": "\\n", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
_NO_BREAK_BEFORE = set("!?,.;:)]}/")  # closing punctuation, infix separators, solidus (LB13)
_OPENING = set("([{")
_QUOTES = set("\"'«»‘’“”‹›")


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _break_points(text: str) -> list[int]:
    """Indices before which an escaped string may be broken."""
    points = []
    for i in range(1, len(text)):
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
        elif before == "\\" or (i >= 2 and text[i - 2] == "\\" and before in "\"\\tnrabfv"):
            continue  # never inside an escape sequence
        elif before in "-/." and not here.isdigit() and here != "/":
            points.append(i)
        elif before == "–" or (before == "—") != (here == "—"):
            points.append(i)
    return points


def _wrap_piece(piece: str, indent: int) -> list[str]:
    """Greedy: each line as long as fits in WRAP_WIDTH (quotes included); an unbreakable run
    longer than that stays whole."""
    points = _break_points(piece) + [len(piece)]
    lines, start = [], 0
    while start < len(piece):
        chosen = None
        for point in points:
            if point <= start:
                continue
            if chosen is not None and indent + _columns(piece[start:point]) + 2 > WRAP_WIDTH:
                break
            chosen = point
        assert chosen is not None
        lines.append(piece[start:chosen])
        start = chosen
    return lines


def _field(keyword: str, text: str, prefix: str = "") -> list[str]:
    """One keyword and its string, wrapped as gettext wraps it."""
    pieces = [_escape(p) for p in re.findall(r"[^\n]*\n|[^\n]+", text)] or [""]
    whole = f'{prefix}{keyword} "{"".join(pieces)}"'
    if len(pieces) == 1 and (_columns(whole) <= WRAP_WIDTH or not _break_points(pieces[0])):
        return [whole]
    indent = len(prefix)
    lines = [f'{prefix}{keyword} ""']
    for piece in pieces:
        lines += [f'{prefix}"{line}"' for line in _wrap_piece(piece, indent)]
    return lines


def decode_po_bytes(data: bytes, path: Path | str) -> str:
    """PO files must be UTF-8 (our headers say so); anything else is refused with a hint."""
    head = data[:4096].decode("ascii", errors="replace")
    declared = _CHARSET.search(head)
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "charset"):
        raise CatalogError(
            path,
            f"charset {declared.group(1)} is not supported",
            hint="convert the file to UTF-8 (msgconv --to-code=UTF-8) and set charset=UTF-8 in its header",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(path, "not valid UTF-8", line=line, hint="save the file as UTF-8") from None


def load_catalog(path: Path, cache: Path | None = None) -> Catalog:
    """Read and parse a PO file. With ``cache`` (a folder), the parse is kept there keyed by a
    hash of the file's bytes and of this reader's code, so an unchanged catalog is not parsed
    again by the next status, check or build (5x faster on a large archive)."""
    return read_catalog(path, cache)[0]


def read_catalog(path: Path, cache: Path | None = None) -> tuple[Catalog, bytes]:
    """The catalog and the file's bytes (see load_catalog)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(path, f"cannot read: {exc.strerror}") from None
    if cache is None:
        return parse_po(decode_po_bytes(data, path), path), data
    catalog = cache_load(_catalog_slot(cache, path), _catalog_key(data))
    if not isinstance(catalog, Catalog):
        catalog = parse_po(decode_po_bytes(data, path), path)
        remember_catalog(cache, path, data, catalog)
    return catalog, data


def remember_catalog(cache: Path, path: Path, data: bytes, catalog: Catalog) -> None:
    """Store a parse in the cache: one slot per catalog file, so the cache never outgrows the
    archive."""
    cache_store(_catalog_slot(cache, path), _catalog_key(data), catalog)


def _catalog_slot(cache: Path, path: Path) -> Path:
    name = hashlib.blake2b(str(path.resolve()).encode(), digest_size=10).hexdigest()
    return cache / name[:2] / f"{path.stem}-{name}.pickle"


def _catalog_key(data: bytes) -> bytes:
    from l10n import model

    return code_version(__name__, model.__name__).encode() + b"\0" + data


# --- parse caches ------------------------------------------------------------------------------
# Derived data in the workspace's .l10n/cache/: a pickled parse in a slot file, valid only for the
# exact key it was stored with (the input's bytes and the parser's code). Never trusted over the
# input: a missing, stale or damaged slot just means parsing again.


def cache_load(slot: Path, key: bytes) -> object | None:
    digest = hashlib.blake2b(key, digest_size=20).digest()
    try:
        stored, value = pickle.loads(slot.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return value if stored == digest else None


def cache_store(slot: Path, key: bytes, value: object) -> None:
    """A failure to write (a read-only workspace) only costs the next reader a parse."""
    digest = hashlib.blake2b(key, digest_size=20).digest()
    try:
        write_atomic(slot, pickle.dumps((digest, value), protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass


@functools.lru_cache(maxsize=None)
def code_version(*modules: str) -> str:
    """A hash of these modules' source: a cached parse is only used by the code that made it,
    released or not."""
    import importlib

    code = b"".join(Path(importlib.import_module(name).__file__ or "").read_bytes() for name in modules)
    return hashlib.blake2b(code, digest_size=8).hexdigest()


def stage_file(path: Path, data: bytes, suffix: str = ".tmp", durable: bool = True) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (same folder, so the rename that
    commits it is atomic), synced to disk, with the permissions of the file it will replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
    except BaseException:
        # Interrupted or failed: remove the half-written temporary.
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return Path(tmp)


def commit_staged(staged: Path, path: Path) -> None:
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename. Returns False (and writes
    nothing) when the file already holds exactly these bytes, so its date does not change either.
    ``durable=False`` skips the fsync, for derived files (editions, MO) that a build remakes."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    commit_staged(stage_file(path, data, durable=durable), path)
    return True


def save_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; False when the file already has these exact bytes."""
    try:
        return write_atomic(path, render_po(catalog).encode("utf-8"))
    except OSError as exc:
        raise CatalogError(path, f"cannot write: {exc.strerror}") from None


def mo_bytes(catalog: Catalog) -> bytes:
    """GNU MO, as msgfmt compiles it: reviewed entries only (fuzzy and untranslated are left
    out), the header as the PO has it, originals sorted bytewise so readers can binary-search; no
    hash table (optional in the format; GNU gettext, Python's gettext and Babel read it)."""
    import struct

    pairs: dict[bytes, bytes] = {}
    for entry in catalog.entries:
        if entry.obsolete or not entry.msgid or entry.fuzzy or not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            forms = dict(entry.msgstr_plural)
            pairs[f"{key}\0{entry.msgid_plural}".encode()] = "\0".join(forms[i] for i in sorted(forms)).encode()
        else:
            pairs[key.encode()] = entry.msgstr.encode()
    # msgfmt leaves POT-Creation-Date out of the compiled header; so do we.
    pairs[b""] = "".join(f"{key}: {value}\n" for key, value in catalog.header if key != "POT-Creation-Date").encode()
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 28
    translations_at = originals_at + 8 * count
    data_at = translations_at + 8 * count
    tables: list[int] = []
    strings = bytearray()
    for column in (keys, [pairs[k] for k in keys]):
        for text in column:
            tables += [len(text), data_at + len(strings)]
            strings += text + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    return head + struct.pack(f"<{4 * count}I", *tables) + bytes(strings)


def save_mo(path: Path, catalog: Catalog) -> bool:
    try:
        return write_atomic(path, mo_bytes(catalog), durable=False)
    except OSError as exc:
        raise CatalogError(path, f"cannot write: {exc.strerror}") from None
