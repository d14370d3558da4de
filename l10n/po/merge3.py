"""Three-way merge of PO catalogs, entry by entry: what the git merge driver (``l10n merge-po``)
does. Pure; l10n.stages.gitmerge reads the three files and writes the result.

Git merges lines, and a PO file is not lines: a ``#, fuzzy`` flag cleared next to a line changed
on the other branch, a ``PO-Revision-Date`` saved on both, the same entry added twice all
conflict, and msgcat-based drivers leave ``#-#-#-#-#`` markers or duplicate msgids. Here a
catalog is a set of entries keyed by (msgctxt, msgid):

- an entry changed on one branch only is that branch's entry (text, flags, comments, obsolete);
- changed alike on both, it is taken once;
- changed on both, it is merged field by field: flags and translator comment lines as sets (a
  union of what each side added, without what either removed), tool-written fields (``#.``,
  ``#:``, ``#|``) from ours when both changed them;
- the translation changed differently on both (or added on both with different texts) is a
  conflict: ours' text is kept, the entry is fuzzy, and theirs' text is recorded in a translator
  comment (``# l10n-conflict: theirs: …``, one per plural form) for a person to choose;
- deleted or made obsolete on one side and changed by a person on the other: kept live, with the
  change, fuzzy and a conflict note.

"ours" is the branch being merged into (git's %A), "theirs" the other (%B).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TypeVar

from l10n.drafts import PROBLEM, PROVENANCE, RAW, comment_escape, comment_unescape
from l10n.model import Catalog, Entry
from l10n.team.signoff import SIGNOFF  # "l10n-reviewed: NAME DAY DIGEST": one per entry, the newest wins

CONFLICT = "l10n-conflict:"
# A machine draft's lines describe its text: they go with the side whose text is kept.
_TEXT_BOUND = (PROVENANCE, RAW, PROBLEM)

Key = tuple[str | None, str]
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Conflict:
    """An entry a person must look at: what happened, in one line."""

    msgctxt: str | None
    msgid: str
    what: str


@dataclass(frozen=True)
class MergeResult:
    catalog: Catalog
    conflicts: tuple[Conflict, ...]


def conflict_notes(entry: Entry) -> list[str]:
    """The entry's merge-conflict records (the text after ``l10n-conflict:``)."""
    lines = entry.tcomment.split("\n") if entry.tcomment else []
    return [line[len(CONFLICT) :].strip() for line in lines if line.startswith(CONFLICT)]


def recorded_theirs(entry: Entry) -> list[str]:
    """Theirs' texts a conflict recorded (one per plural form), as written: what a person chooses
    from (the workbench offers them)."""
    found = (_THEIRS.match(note) for note in conflict_notes(entry))
    return [comment_unescape(match.group(1)) for match in found if match]


_THEIRS = re.compile(r"theirs(?:\[\d+\])?:\s?(.*)", re.DOTALL)


def merge_catalogs(base: Catalog, ours: Catalog, theirs: Catalog) -> MergeResult:
    """The three-way merge of a catalog (see the module's docstring). Never a duplicate key."""
    b, o, t = _index(base.entries), _index(ours.entries), _index(theirs.entries)
    entries: list[Entry] = []
    conflicts: list[Conflict] = []
    for key in _order(list(o), list(t)):
        entry, what = _merge_key(b.get(key), o.get(key), t.get(key))
        if entry is None:
            continue
        entries.append(entry)
        if what:
            conflicts.append(Conflict(key[0], key[1], what))
    header, comment, flags = merge_header(base, ours, theirs)
    # Live entries first, obsolete ones after them, as every PO writer lays them out.
    entries.sort(key=lambda entry: entry.obsolete)
    catalog = Catalog(header=header, entries=tuple(entries), header_comment=comment, header_flags=flags)
    return MergeResult(catalog, tuple(conflicts))


def _index(entries: Iterable[Entry]) -> dict[Key, Entry]:
    """Entries by key, in file order. A live entry wins over an obsolete copy of the same key
    (msgfmt refuses the pair, so the result may keep only one)."""
    found: dict[Key, Entry] = {}
    for entry in entries:
        old = found.get(entry.key)
        if old is None or (old.obsolete and not entry.obsolete):
            found[entry.key] = entry
    return found


def _order(ours: Sequence[K], theirs: Sequence[K]) -> list[K]:
    """Ours' order; a key only theirs has goes after the key it follows in theirs."""
    present = set(ours)
    after: dict[K | None, list[K]] = {}
    anchor: K | None = None
    for key in theirs:
        if key in present:
            anchor = key
        else:
            after.setdefault(anchor, []).append(key)
    keys: list[K] = list(after.get(None, []))
    for key in ours:
        keys.append(key)
        keys += after.get(key, [])
    return keys


def _merge_key(base: Entry | None, ours: Entry | None, theirs: Entry | None) -> tuple[Entry | None, str]:
    """One key's merged entry (None: deleted) and, for a conflict, what happened."""
    if ours is None or theirs is None:
        kept = ours if theirs is None else theirs
        if kept is None or base is None:
            return kept, ""
        gone, other = ("theirs", "ours") if theirs is None else ("ours", "theirs")
        if not _person_changed(base, kept):
            # Deleted on one side, untouched on the other, unless the other brought an obsolete
            # entry back into use (its sentence returned): only the obsolete copy was deleted.
            return (kept if base.obsolete and not kept.obsolete else None), ""
        note = f"{gone} deleted this entry; kept with {other}' change"
        return _flagged(kept, [f"{CONFLICT} {note}"]), f"{gone} deleted it, {other} changed it: kept"
    if ours == theirs or theirs == base:
        return ours, ""
    if ours == base:
        return theirs, ""
    if base is None:
        return _merge_entries(_blank(ours, theirs), ours, theirs, added=True)
    return _merge_entries(base, ours, theirs, added=False)


def _blank(ours: Entry, theirs: Entry) -> Entry:
    """The base of an entry added on both sides: no text, flags or comments; tool-written
    fields as theirs has them, so that ours' are kept where both differ."""
    return replace(
        theirs,
        msgid_plural=ours.msgid_plural,
        msgstr="",
        msgstr_plural=tuple((i, "") for i, _ in ours.msgstr_plural),
        flags=(),
        tcomment="",
        obsolete=ours.obsolete and theirs.obsolete,
    )


def _text(entry: Entry) -> tuple[str, str, tuple[tuple[int, str], ...]]:
    return entry.msgid_plural, entry.msgstr, entry.msgstr_plural


def _person_changed(before: Entry, after: Entry) -> bool:
    """Whether a person's part of the entry changed: its text, flags or translator comments."""
    return (
        _text(before) != _text(after)
        or set(before.flags) != set(after.flags)
        or before.tcomment != after.tcomment
    )


def _merge_entries(base: Entry, ours: Entry, theirs: Entry, added: bool) -> tuple[Entry, str]:
    text_o, text_t, text_b = _text(ours), _text(theirs), _text(base)
    clash = text_o != text_t and text_o != text_b and text_t != text_b
    # Whose text is kept: ours when it changed (a conflict included), else theirs when it did.
    text_from = "ours" if text_o != text_b else "theirs" if text_t != text_b else ""
    source = theirs if text_from == "theirs" else ours
    flags = _merge_flags(base.flags, ours.flags, theirs.flags)
    notes: list[str] = []
    what = ""
    if clash:
        notes = _record(theirs)
        what = (
            "added on both branches with different translations"
            if added
            else "both branches changed the translation"
        ) + ": kept ours, theirs recorded"
    obsolete = _pick(base.obsolete, ours.obsolete, theirs.obsolete)
    live = ours  # whose tool-written fields (#., #:) the entry keeps
    if obsolete and not base.obsolete and not (ours.obsolete and theirs.obsolete):
        gone, kept, other = ("ours", theirs, "theirs") if ours.obsolete else ("theirs", ours, "ours")
        if _person_changed(base, kept):
            obsolete, live = False, kept
            notes.append(f"{CONFLICT} {gone} made this entry obsolete; kept with {other}' change")
            what = what or f"{gone} made it obsolete, {other} changed it: kept"
    lines = _with_notes(_merge_comments(base, ours, theirs, text_from), notes)
    # Approval goes with a text: a fuzzy text taken from one side stays fuzzy even where the
    # other side cleared the flag on its own (older) text. An entry with a conflict is fuzzy.
    if any(line.startswith(CONFLICT) for line in lines) or (text_from and source.fuzzy):
        flags = flags if "fuzzy" in flags else ("fuzzy", *flags)
    entry = replace(
        ours,
        msgid_plural=source.msgid_plural,
        msgstr=source.msgstr,
        msgstr_plural=source.msgstr_plural,
        flags=flags,
        tcomment="\n".join(lines),
        comment=live.comment if live is not ours else _pick(base.comment, ours.comment, theirs.comment),
        occurrences=live.occurrences
        if live is not ours
        else _pick(base.occurrences, ours.occurrences, theirs.occurrences),
        previous_msgctxt=_pick(base.previous_msgctxt, ours.previous_msgctxt, theirs.previous_msgctxt),
        previous_msgid=_pick(base.previous_msgid, ours.previous_msgid, theirs.previous_msgid),
        previous_msgid_plural=_pick(
            base.previous_msgid_plural, ours.previous_msgid_plural, theirs.previous_msgid_plural
        ),
        obsolete=obsolete,
    )
    return entry, what


def _record(theirs: Entry) -> list[str]:
    """Theirs' translation as conflict lines: one line, or one per plural form."""
    if theirs.msgid_plural:
        forms = [(f"theirs[{i}]", text) for i, text in theirs.msgstr_plural]
    else:
        forms = [("theirs", theirs.msgstr)]
    # Written as the writer would write them back (no trailing space), so a merge is idempotent.
    return [f"{CONFLICT} {label}: {comment_escape(text)}".rstrip() for label, text in forms]


def _with_notes(lines: list[str], notes: list[str]) -> list[str]:
    """The conflict lines added where not already there (a merge run again records nothing twice)."""
    return lines + [note for note in dict.fromkeys(notes) if note not in lines]


def _flagged(entry: Entry, notes: list[str]) -> Entry:
    flags = entry.flags if entry.fuzzy else ("fuzzy", *entry.flags)
    return replace(entry, flags=flags, tcomment="\n".join(_with_notes(_lines(entry), notes)), obsolete=False)


def _pick(base: T, ours: T, theirs: T) -> T:
    """A field three ways: the side that changed it; ours when both did."""
    return theirs if ours == base else ours


def _merge_flags(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> tuple[str, ...]:
    return tuple(_merge_lines(list(base), list(ours), list(theirs)))


def _merge_lines(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Lines as a set, three ways: ours' lines in ours' order without those theirs removed, then
    the lines theirs added."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    removed = set(base) - set(theirs)
    kept = [line for line in ours if line not in removed]
    return list(dict.fromkeys(kept + [line for line in theirs if line not in base]))


def _lines(entry: Entry) -> list[str]:
    return entry.tcomment.split("\n") if entry.tcomment else []


def _groups(entry: Entry) -> tuple[list[str], list[str], list[str], list[str]]:
    """Translator comment lines: (a person's and other notes, machine-draft lines, sign-offs,
    conflict records)."""
    other: list[str] = []
    bound: list[str] = []
    signoffs: list[str] = []
    conflicts: list[str] = []
    for line in _lines(entry):
        if line.startswith(_TEXT_BOUND):
            bound.append(line)
        elif line.startswith(SIGNOFF):
            signoffs.append(line)
        elif line.startswith(CONFLICT):
            conflicts.append(line)
        else:
            other.append(line)
    return other, bound, signoffs, conflicts


def _merge_comments(base: Entry, ours: Entry, theirs: Entry, text_from: str) -> list[str]:
    """Translator comments line by line: a union of what each side added; a machine draft's lines
    from the side whose text is kept (``text_from``); the newer sign-off."""
    if ours.tcomment == theirs.tcomment or theirs.tcomment == base.tcomment:
        return _lines(ours)
    if ours.tcomment == base.tcomment:
        return _lines(theirs)
    b, o, t = _groups(base), _groups(ours), _groups(theirs)
    bound = o[1] if text_from == "ours" else t[1] if text_from == "theirs" else _pick(b[1], o[1], t[1])
    signoffs = _newest_signoff(b[2], o[2], t[2])
    return _merge_lines(b[0], o[0], t[0]) + bound + signoffs + _merge_lines(b[3], o[3], t[3])


def _newest_signoff(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """One sign-off: the side that changed it, or the later of two (ours on the same day)."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if not (ours and theirs):
        return ours or theirs
    return [theirs[0] if _signoff_day(theirs[0]) > _signoff_day(ours[0]) else ours[0]]


def _signoff_day(line: str) -> str:
    parts = line[len(SIGNOFF) :].split()
    return parts[1] if len(parts) > 1 else ""


# --- the header --------------------------------------------------------------------------------

_NEWEST = ("PO-Revision-Date", "POT-Creation-Date")


def merge_header(
    base: Catalog, ours: Catalog, theirs: Catalog
) -> tuple[tuple[tuple[str, str], ...], str, tuple[str, ...]]:
    """Header fields, comment and flags merged; never a conflict. Dates: the newest. Any other
    field changed on both sides: from the side saved last (its PO-Revision-Date), ours on a tie."""
    newer = theirs if _date(theirs, "PO-Revision-Date") > _date(ours, "PO-Revision-Date") else ours
    b, o, t = _fields(base.header), _fields(ours.header), _fields(theirs.header)
    fields: list[tuple[str, str]] = []
    for key in _order(list(o), list(t)):
        name = key[0]
        value = _pick3(b.get(key), o.get(key), t.get(key), prefer_theirs=newer is theirs)
        if name in _NEWEST and o.get(key) is not None and t.get(key) is not None:
            value = max((o[key], t[key]), key=_parse_date)
        if value is not None:
            fields.append((name, value))
    comment = _pick3(base.header_comment, ours.header_comment, theirs.header_comment, newer is theirs)
    flags = _merge_flags(base.header_flags, ours.header_flags, theirs.header_flags)
    return tuple(fields), comment, flags


def _pick3(base: T, ours: T, theirs: T, prefer_theirs: bool) -> T:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return theirs if prefer_theirs else ours


def _fields(header: Iterable[tuple[str, str]]) -> dict[tuple[str, int], str]:
    """Header fields keyed (name, n-th time): a field given twice stays twice."""
    seen: dict[str, int] = {}
    found: dict[tuple[str, int], str] = {}
    for name, value in header:
        seen[name] = seen.get(name, 0) + 1
        found[(name, seen[name])] = value
    return found


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _parse_date(value: str) -> datetime:
    """A PO date ("2026-12-04 15:30+0600"); anything else (the template's placeholder) counts as
    older than every date."""
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M%z")
    except ValueError:
        return _EPOCH


def _date(catalog: Catalog, name: str) -> datetime:
    return _parse_date(catalog.header_value(name) or "")
