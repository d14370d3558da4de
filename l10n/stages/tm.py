"""The translation memory kept in step with the catalogs (every reviewed entry, dated by its
file), rebuilt from them, and moved in and out as TMX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from l10n.errors import SourceError
from l10n.fileio import write_atomic
from l10n.model import Catalog
from l10n.po.files import load_catalog
from l10n.review_state import entry_state
from l10n.workspace import Workspace

if TYPE_CHECKING:
    from l10n.memory import Memory

# The translation memory and TMX (sqlite3, XML) are imported where they are used: status, check
# and build never need them, and every command starts faster without them.


def open_memory(workspace: Workspace) -> Memory:
    """The workspace's translation memory (derived state in .l10n/)."""
    from l10n.memory import Memory

    return Memory(workspace.state_dir / "tm.sqlite")


def reviewed_pairs(catalog: Catalog) -> list[tuple[str, str]]:
    return [
        (e.msgid, e.msgstr)
        for e in catalog.entries
        if not e.msgid_plural and e.msgctxt is None and entry_state(e) == "reviewed"
    ]


def sync_memory(memory: Memory, article: str, lang: str, path: Path, catalog: Catalog | None = None) -> int:
    """The memory holds exactly the catalog's reviewed entries for this article and language,
    dated by the catalog file (when its translator last saved it)."""
    catalog = catalog if catalog is not None else load_catalog(path)
    mtime = path.stat().st_mtime
    count = memory.replace_origin(article, lang, reviewed_pairs(catalog), trusted=True, updated=mtime)
    memory.mark_synced(article, lang, mtime)
    return count


def refresh_memory(workspace: Workspace, memory: Memory) -> None:
    """Bring the memory up to date with every catalog saved since it last looked (a stat per
    catalog; only changed files are parsed)."""
    for source in workspace.sources():
        for lang in workspace.config.targets:
            path = workspace.catalog_path(lang.code, source.stem)
            if lang.derived_from or not path.exists():
                continue
            if memory.synced_at(source.stem, lang.code) != path.stat().st_mtime:
                sync_memory(memory, source.stem, lang.code, path)


def tm_rebuild(workspace: Workspace) -> int:
    """Refill the memory from every reviewed entry of every catalog; imported TMX units stay."""
    total = 0
    with open_memory(workspace) as memory, memory.batch():  # one transaction, not one per catalog
        memory.clear(keep_imported=True)
        for source in workspace.sources():
            for lang in workspace.config.targets:
                path = workspace.catalog_path(lang.code, source.stem)
                if not lang.derived_from and path.exists():
                    total += sync_memory(memory, source.stem, lang.code, path)
    return total


def tm_import(workspace: Workspace, path: Path, trusted: bool) -> int:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror}") from exc
    from l10n.memory import Unit
    from l10n.tmx import parse_tmx

    units = parse_tmx(data, path, workspace.config.source_language)
    updated = path.stat().st_mtime
    origin = f"tmx:{path.name}"
    with open_memory(workspace) as memory:
        # A unit keeps the trusted status the file records (l10n's own exports do); otherwise
        # --trusted decides for the whole file.
        return memory.add(
            Unit(u.source, u.lang, u.target, origin, trusted if u.trusted is None else u.trusted, updated)
            for u in units
        )


def tm_export(workspace: Workspace, path: Path, lang: str) -> int:
    """Every unit of the language pair, trusted ones and suggestions alike, each marked."""
    workspace.languages([lang])  # an unknown code is an error, not an empty file
    with open_memory(workspace) as memory:
        units = memory.units(lang)
    from l10n.tmx import write_tmx

    write_atomic(path, write_tmx(((u.source, u.origin, u.target, u.trusted) for u in units), lang))
    return len(units)
