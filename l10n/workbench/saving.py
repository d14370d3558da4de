"""Saving from the workbench: nothing a translator wrote is ever lost, theirs or anyone else's.

Every change (a save, a dismissal, an undo) re-reads the catalog as it is on disk now, under the
workspace lock, changes the one entry, and writes the file through the project's own PO writer,
atomically, with PO-Revision-Date and Last-Translator set. So an edit made meanwhile in Poedit, by
git or by another page to any other entry is kept (a merge); when the same entry changed since the
page read it (its version differs), nothing is written and the caller gets both versions.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from l10n.errors import L10nError, WorkspaceBusy
from l10n.fileio import write_atomic
from l10n.model import Catalog, Entry
from l10n.po.files import read_catalog, remember_catalog
from l10n.po.merge import format_date
from l10n.po.merge3 import CONFLICT
from l10n.po.read import parse_po
from l10n.po.write import render_po
from l10n.stages.catalogs import catalog_cache
from l10n.stages.clock import build_time
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
    Poedit does) and a git merge's conflict notes; saving without approving leaves text fuzzy
    (needs review); an empty text is untranslated, never fuzzy."""
    if isinstance(msgstr, list):
        changed = replace(entry, msgstr_plural=tuple(enumerate(msgstr)))
    else:
        changed = replace(entry, msgstr=msgstr)
    others = tuple(f for f in entry.flags if f != "fuzzy")
    if not changed.has_text:
        return replace(changed, flags=others)
    if approve:  # the person chose: a git merge's conflict notes are settled
        lines = [line for line in entry.tcomment.split("\n") if not line.startswith(CONFLICT)]
        return replace(
            changed,
            flags=others,
            tcomment="\n".join(lines) if entry.tcomment else entry.tcomment,
            previous_msgid=None,
            previous_msgctxt=None,
            previous_msgid_plural=None,
        )
    return replace(changed, flags=("fuzzy", *others))


def unfit(entry: Entry, msgstr: str | list[str]) -> str | None:
    """Why a translator's text cannot go into this entry (what `msgfmt -c` would refuse, or a
    text the writer would drop), or None: plural forms for a plural entry only, as many as it
    has; each form begins and ends with a newline exactly when the source does."""
    forms = [msgstr] if isinstance(msgstr, str) else msgstr
    if bool(entry.msgid_plural) != isinstance(msgstr, list):
        kind = "a list of plural forms" if entry.msgid_plural else "a string (it has no plural forms)"
        return f"this entry takes 'msgstr' as {kind}"
    if not forms:
        return "'msgstr' holds no plural form"
    if entry.msgstr_plural and len(forms) != len(entry.msgstr_plural):
        return f"this entry has {len(entry.msgstr_plural)} plural forms, not {len(forms)}"
    for edge, test in (("begin", str.startswith), ("end", str.endswith)):
        if any(form and test(form, "\n") != test(entry.msgid, "\n") for form in forms):
            where = "does" if test(entry.msgid, "\n") else "does not"
            return f"the translation must {edge} with a newline exactly when the source {where}"
    return None


def with_header(catalog: Catalog, translator: str) -> Catalog:
    """PO-Revision-Date now and Last-Translator set, in place (added when missing). A control
    character in the name (a newline) would start a header field of its own: made a space."""
    translator = re.sub(r"[\x00-\x1f\x7f]", " ", translator)
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
    written: Callable[[Changed], None] = lambda _: None,
) -> Changed:
    """Apply ``change`` to the entry ``key`` of the catalog at ``path`` as it is on disk now.
    ``expected``: the version the page read (None: take the entry as it is). Raises Conflict
    (nothing written) when the entry is gone or changed since."""
    with locked(workspace):
        for _ in range(5):
            seen = stamp(path)
            catalog, data = read_catalog(path, catalog_cache(workspace))
            current = find_entry(catalog, key)
            if current is None or (expected is not None and version(current) != expected):
                raise Conflict(current)
            after = change(current)
            if after == current:
                return Changed(current, current, catalog, False)
            index = catalog.entries.index(current)
            entries = tuple(after if i == index else e for i, e in enumerate(catalog.entries))
            new = with_header(replace(catalog, entries=entries), translator)
            text = (spliced(data.decode("utf-8"), catalog, new, index) or render_po(new)).encode("utf-8")
            # An editor that takes no lock (Poedit) may have saved while we merged: read again.
            if stamp(path) != seen:
                continue
            write_atomic(path, text)
            remember_catalog(catalog_cache(workspace), path, text, new)
            done = Changed(current, after, new, True)
            written(done)  # still under the lock: the audit trail's order is the file's
            return done
    raise WorkspaceBusy(f"{path} keeps changing on disk", "save again in a moment")


def spliced(old: str, catalog: Catalog, new: Catalog, index: int) -> str | None:
    """The file's text with only the header and entry ``index`` rewritten, everything else as it
    was, byte for byte: a save shows in `git diff` as that entry's lines (and the header's), even
    in a file another editor laid out. None when the text's blocks do not map one to one onto the
    catalog's header and entries (then the caller writes the whole catalog)."""
    if old.startswith("\ufeff") or "\r" in old or not old.endswith("\n"):
        return None
    blocks = old[:-1].split("\n\n")
    live = [e for e in catalog.entries if not e.obsolete]
    if len(blocks) != 1 + len(catalog.entries) or catalog.entries[: len(live)] != tuple(live):
        return None  # obsolete entries not last: our writer would reorder them anyway
    try:
        found = parse_po(blocks[index + 1] + "\n").entries
    except L10nError:
        return None
    if len(found) != 1 or found[0] != catalog.entries[index]:
        return None
    head = render_po(replace(new, entries=()))[:-1]
    alone = render_po(replace(new, entries=(new.entries[index],)))[:-1]
    if len(head.split("\n\n")) != 1 or not alone.startswith(head + "\n\n"):
        return None
    blocks[0], blocks[index + 1] = head, alone[len(head) + 2 :]
    return "\n\n".join(blocks) + "\n"


def restored(entry: Entry, before: Entry) -> Entry:
    """Undo: the text, state and previous source as they were before a save; comments added
    since (a dismissal) stay."""
    return replace(
        entry,
        msgstr=before.msgstr,
        msgstr_plural=before.msgstr_plural,
        flags=before.flags,
        previous_msgid=before.previous_msgid,
        previous_msgctxt=before.previous_msgctxt,
        previous_msgid_plural=before.previous_msgid_plural,
    )
