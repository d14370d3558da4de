"""Saving from the workbench: nothing a translator wrote is ever lost, theirs or anyone else's.

Every change (a save, a dismissal, an undo) re-reads the catalog as it is on disk now, under the
workspace lock, changes the one entry, and writes the file through the project's own PO writer,
atomically, with PO-Revision-Date and Last-Translator set. So an edit made meanwhile in Poedit, by
git or by another page to any other entry is kept (a merge); when the same entry changed since the
page read it (its version differs), nothing is written and the caller gets both versions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from l10n.catalog_io import read_catalog, remember_catalog
from l10n.errors import WorkspaceBusy
from l10n.fileio import write_atomic
from l10n.merge import format_date
from l10n.model import Catalog, Entry
from l10n.powrite import render_po
from l10n.stages.shared import build_time, catalog_cache
from l10n.workbench.pagedata import Key, find_entry, version
from l10n.workbench.sitedata import stamp
from l10n.workspace import Workspace, workspace_lock

_THREADS = threading.Lock()  # one writer thread at a time in this process; the flock for the rest
LOCK_WAIT = 10.0  # seconds a save waits for another l10n command to release the workspace


class Conflict(Exception):
    """The entry changed on disk since the page read it (``theirs``: None when it is gone)."""

    def __init__(self, theirs: Entry | None) -> None:
        super().__init__("the entry changed on disk since it was read")
        self.theirs = theirs


@dataclass(frozen=True)
class Changed:
    before: Entry
    after: Entry
    catalog: Catalog  # the catalog as written (or as it was, when nothing changed)
    written: bool


@contextmanager
def locked(workspace: Workspace, wait: float = LOCK_WAIT) -> Iterator[None]:
    """The workspace lock, waited for (an `l10n translate` may hold it for a while; after
    ``wait`` seconds the save is refused with WorkspaceBusy, nothing written)."""
    deadline = time.monotonic() + wait
    with _THREADS:
        while True:
            try:
                with workspace_lock(workspace, "serve (saving)"):
                    yield
                return
            except WorkspaceBusy:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


def with_text(entry: Entry, msgstr: str | list[str], approve: bool) -> Entry:
    """The entry with a translator's text. Approving clears fuzzy and the previous source (as
    Poedit does); saving without approving leaves text fuzzy (needs review); an empty text is
    untranslated, never fuzzy."""
    if isinstance(msgstr, list):
        changed = replace(entry, msgstr_plural=tuple(enumerate(msgstr)))
    else:
        changed = replace(entry, msgstr=msgstr)
    others = tuple(f for f in entry.flags if f != "fuzzy")
    if not changed.has_text:
        return replace(changed, flags=others)
    if approve:
        return replace(
            changed, flags=others, previous_msgid=None, previous_msgctxt=None, previous_msgid_plural=None
        )
    return replace(changed, flags=("fuzzy", *others))


def with_header(catalog: Catalog, translator: str) -> Catalog:
    """PO-Revision-Date now and Last-Translator set, in place (added when missing)."""
    wanted = {"PO-Revision-Date": format_date(build_time()), "Last-Translator": translator}
    header = [(key, wanted.pop(key, value)) for key, value in catalog.header]
    header += list(wanted.items())
    return replace(catalog, header=tuple(header))


def change_entry(
    workspace: Workspace,
    path: Path,
    key: Key,
    expected: str | None,
    change: Callable[[Entry], Entry],
    translator: str,
) -> Changed:
    """Apply ``change`` to the entry ``key`` of the catalog at ``path`` as it is on disk now.
    ``expected``: the version the page read (None: take the entry as it is). Raises Conflict
    (nothing written) when the entry is gone or changed since."""
    with locked(workspace):
        for _ in range(5):
            seen = stamp(path)
            catalog, _data = read_catalog(path, catalog_cache(workspace))
            current = find_entry(catalog, key)
            if current is None or (expected is not None and version(current) != expected):
                raise Conflict(current)
            after = change(current)
            if after == current:
                return Changed(current, current, catalog, False)
            entries = tuple(after if e is current else e for e in catalog.entries)
            new = with_header(replace(catalog, entries=entries), translator)
            text = render_po(new).encode("utf-8")
            # An editor that takes no lock (Poedit) may have saved while we merged: read again.
            if stamp(path) != seen:
                continue
            write_atomic(path, text)
            remember_catalog(catalog_cache(workspace), path, text, new)
            return Changed(current, after, new, True)
    raise WorkspaceBusy(f"{path} keeps changing on disk", "save again in a moment")
