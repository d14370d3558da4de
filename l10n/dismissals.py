"""Dismissed check findings, recorded in the PO entry in a form every editor keeps. Pure.

A translator who decides a finding is wrong says so once, on the entry, with a reason:

    # l10n-ignore: numbers — "4-500" is the author's shorthand for 400–500

A translator comment survives a save in Poedit, Lokalize and Weblate and a msgmerge; a flag does
not (Poedit 3 drops the ``#, ignore-numbers`` flags it does not know). The flag form is still read,
and ``l10n extract`` rewrites it into the comment form.
"""

from __future__ import annotations

import re
from dataclasses import replace

from l10n.model import Entry

IGNORE = "l10n-ignore:"
FLAG_PREFIX = "ignore-"
_SEPARATOR = " — "  # between the check ids and the reason (an em dash, as people write it)
_LINE = re.compile(r"l10n-ignore:\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*(?:(?:—|--|-|:)\s*(.*))?$")
CHECK_ID = re.compile(r"[a-z][a-z0-9-]{0,40}")


def dismissed(entry: Entry) -> frozenset[str]:
    """The check ids dismissed on an entry: from ``# l10n-ignore:`` comments and ``ignore-`` flags."""
    found = {flag[len(FLAG_PREFIX) :] for flag in entry.flags if flag.startswith(FLAG_PREFIX)}
    for line in entry.tcomment.split("\n") if entry.tcomment else ():
        match = _LINE.match(line.strip())
        if match:
            found.update(part.strip() for part in match.group(1).split(","))
    return frozenset(found)


def reasons(entry: Entry) -> dict[str, str]:
    """Check id -> the reason written with its dismissal ("" when none was given)."""
    found: dict[str, str] = {}
    for line in entry.tcomment.split("\n") if entry.tcomment else ():
        match = _LINE.match(line.strip())
        if match:
            for part in match.group(1).split(","):
                found.setdefault(part.strip(), (match.group(2) or "").strip())
    for flag in entry.flags:
        if flag.startswith(FLAG_PREFIX):
            found.setdefault(flag[len(FLAG_PREFIX) :], "")
    return found


def comment_line(check: str, reason: str) -> str:
    """One dismissal as a translator comment line (the reason folded onto one line)."""
    reason = " ".join(reason.split())
    return f"{IGNORE} {check}{_SEPARATOR}{reason}" if reason else f"{IGNORE} {check}"


def with_dismissal(entry: Entry, check: str, reason: str) -> Entry:
    """The entry with one more dismissal (none added when the check is already dismissed)."""
    if check in dismissed(entry):
        return entry
    lines = [*(entry.tcomment.split("\n") if entry.tcomment else ()), comment_line(check, reason)]
    return replace(entry, tcomment="\n".join(lines))


def flags_as_comments(entry: Entry) -> Entry:
    """``#, ignore-CHECK`` flags rewritten as ``# l10n-ignore: CHECK`` comments (what extract
    does, so the next save in Poedit keeps them). The entry itself when it has no such flag."""
    flags = [flag for flag in entry.flags if flag.startswith(FLAG_PREFIX)]
    if not flags:
        return entry
    kept = tuple(f for f in entry.flags if not f.startswith(FLAG_PREFIX))
    rewritten = replace(entry, flags=kept)  # without the flags, only comments count as dismissed
    for flag in flags:
        rewritten = with_dismissal(rewritten, flag[len(FLAG_PREFIX) :], "")
    return rewritten
