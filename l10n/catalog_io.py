"""The only module that reads and writes PO/POT files (through polib).

Parsing and rendering are pure (text <-> Catalog); ``load_catalog`` and ``save_catalog`` are the
file edges: UTF-8 only, atomic (temporary file in the same folder, then rename) and never touching
a file whose bytes would not change.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import polib

from l10n.errors import CatalogError
from l10n.model import Catalog, Entry

# gettext's own tools (msgmerge, msgcat) and Poedit wrap at 79 columns; so do we, so a file that
# passes through them and back keeps its line breaks.
WRAP_WIDTH = 79

_CHARSET = re.compile(r"charset=([\w.-]+)", re.IGNORECASE)
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_OBSOLETE_PREVIOUS = re.compile(r"^#~\|[ \t]?", re.MULTILINE)


def _to_entry(po: polib.POEntry) -> Entry:
    return Entry(
        msgid=po.msgid,
        msgstr=po.msgstr,
        msgctxt=po.msgctxt,
        msgid_plural=po.msgid_plural,
        msgstr_plural=tuple(sorted((int(k), v) for k, v in po.msgstr_plural.items())),
        flags=tuple(po.flags),
        comment=po.comment,
        tcomment=po.tcomment,
        occurrences=tuple((str(f), str(n)) for f, n in po.occurrences),
        previous_msgid=po.previous_msgid,
        previous_msgctxt=po.previous_msgctxt,
        previous_msgid_plural=po.previous_msgid_plural,
        obsolete=bool(po.obsolete),
    )


def _to_polib(entry: Entry) -> polib.POEntry:
    po = polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural={k: v for k, v in entry.msgstr_plural},
        flags=list(entry.flags),
        comment=entry.comment,
        tcomment=entry.tcomment,
        occurrences=list(entry.occurrences),
        obsolete=entry.obsolete,
    )
    # polib writes these only when set; assigning None keeps them out of the file.
    po.msgctxt = entry.msgctxt
    po.previous_msgid = entry.previous_msgid
    po.previous_msgctxt = entry.previous_msgctxt
    po.previous_msgid_plural = entry.previous_msgid_plural
    return po


def parse_po(text: str, path: Path | str = "<string>") -> Catalog:
    """Parse PO/POT text. Syntax errors become a CatalogError naming the file and line."""
    # polib skips the previous msgid of obsolete entries ("#~| msgid"); given as "#|" it keeps it,
    # and the "#~ msgid" lines that follow still mark the entry obsolete.
    text = _OBSOLETE_PREVIOUS.sub("#| ", text)
    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        message = str(exc)
        line = _POLIB_LINE.search(message)
        duplicate = "already exists" in message or "duplicate" in message.lower()
        raise CatalogError(
            path,
            "duplicate entry" if duplicate else "syntax error, not a valid PO file",
            line=int(line.group(1)) if line else None,
            hint="fix the file in a PO editor (or msgcat --use-first) or restore it from git, then run again",
        ) from None
    header = tuple(po.metadata.items())
    _check_plurals(po, path)
    entries = tuple(_to_entry(e) for e in po)
    return Catalog(
        header=header,
        entries=entries,
        header_comment=po.header,
        header_flags=("fuzzy",) if po.metadata_is_fuzzy else (),
    )


_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def _check_plurals(po: polib.POFile, path: Path | str) -> None:
    """A plural entry must have as many forms as the header's Plural-Forms says (msgfmt agrees)."""
    declared = _NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    if not declared:
        return
    expected = int(declared.group(1))
    for entry in po:
        if entry.msgid_plural and not entry.obsolete and len(entry.msgstr_plural) != expected:
            raise CatalogError(
                path,
                f"entry {entry.msgid!r} has {len(entry.msgstr_plural)} plural forms, the header says nplurals={expected}",
                line=entry.linenum,
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


def load_catalog(path: Path) -> Catalog:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(path, f"cannot read: {exc.strerror}") from None
    return parse_po(decode_po_bytes(data, path), path)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename. Returns False (and writes
    nothing) when the file already holds exactly these bytes, so its date does not change either."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        # Interrupted or failed: the old file is untouched; remove the half-written temporary.
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True


def save_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; False when the file already has these exact bytes."""
    try:
        return write_atomic(path, render_po(catalog).encode("utf-8"))
    except OSError as exc:
        raise CatalogError(path, f"cannot write: {exc.strerror}") from None


def mo_bytes(catalog: Catalog, locale: str) -> bytes:
    """Compile with Babel; fuzzy and untranslated entries are left out, as msgfmt does."""
    import io

    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.mofile import write_mo

    from datetime import datetime, timezone

    def date(name: str) -> datetime:
        # Babel writes these dates itself (default: now); take them from the PO so that an
        # unchanged catalog compiles to the same bytes and the MO file is not rewritten.
        try:
            return datetime.strptime(catalog.header_value(name) or "", "%Y-%m-%d %H:%M%z")
        except ValueError:
            return datetime(1970, 1, 1, tzinfo=timezone.utc)

    babel = BabelCatalog(locale=locale, fuzzy=False, creation_date=date("POT-Creation-Date"), revision_date=date("PO-Revision-Date"))
    babel.mime_headers = [(k, v) for k, v in catalog.header if k not in ("POT-Creation-Date", "PO-Revision-Date")]
    for entry in catalog.entries:
        if entry.obsolete or not entry.msgid or entry.fuzzy or not entry.translated:
            continue
        if entry.msgid_plural:
            forms = dict(entry.msgstr_plural)
            babel.add((entry.msgid, entry.msgid_plural), tuple(forms[i] for i in sorted(forms)), context=entry.msgctxt)
        else:
            babel.add(entry.msgid, entry.msgstr, context=entry.msgctxt)
    buffer = io.BytesIO()
    write_mo(buffer, babel, use_fuzzy=False)
    return buffer.getvalue()


def save_mo(path: Path, catalog: Catalog, locale: str) -> bool:
    try:
        return write_atomic(path, mo_bytes(catalog, locale))
    except OSError as exc:
        raise CatalogError(path, f"cannot write: {exc.strerror}") from None
