"""PO/POT and MO files on disk: the only module that reads and writes them.

UTF-8 only; atomic (temporary file in the same folder, then rename); a file whose bytes would not
change is never touched. Parsed catalogs may be cached by content (see fileio).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from l10n.errors import CatalogError
from l10n.fileio import cache_load, cache_store, code_version, write_atomic
from l10n.model import Catalog
from l10n.po.read import parse_po
from l10n.po.write import render_po

_CHARSET = re.compile(r"charset=([\w.-]+)", re.IGNORECASE)


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
        raise CatalogError(path, "not valid UTF-8", line=line, hint="save the file as UTF-8") from exc


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
        raise CatalogError(path, f"cannot read: {exc.strerror}") from exc
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

    return code_version(__name__, "l10n.po.read", model.__name__).encode() + b"\0" + data


def save_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; False when the file already has these exact bytes."""
    try:
        return write_atomic(path, render_po(catalog).encode("utf-8"))
    except OSError as exc:
        raise CatalogError(path, f"cannot write: {exc.strerror}") from exc


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
            pairs[f"{key}\0{entry.msgid_plural}".encode()] = "\0".join(
                forms[i] for i in sorted(forms)
            ).encode()
        else:
            pairs[key.encode()] = entry.msgstr.encode()
    # msgfmt leaves POT-Creation-Date out of the compiled header; so do we.
    pairs[b""] = "".join(
        f"{key}: {value}\n" for key, value in catalog.header if key != "POT-Creation-Date"
    ).encode()
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
        raise CatalogError(path, f"cannot write: {exc.strerror}") from exc
