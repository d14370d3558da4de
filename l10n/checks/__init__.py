"""Quality checks on translated entries. Pure: each check is a small function of (entry,
context) that yields one message per finding, declared once with ``@check(severity)`` (see
base.py): its id is its name, its docstring its documentation, from which the table in
docs/commands.md is generated. Calibrated on professional Russian and Kazakh news translations
(scripts/eval_checks.py measures them).

A finding has a check id, a severity ("error" only where a defect is near certain) and a message.
A translator dismisses one check on one entry with a comment ``# l10n-ignore: <check> — reason``
(the older flag ``#, ignore-<check>`` is read too; see l10n.dismissals).

- content.py: what the translation says (numbers, protected spans, language, acronyms, glossary)
- form.py: how it is written (punctuation, brackets, quotes, length, whitespace, MT artefacts)
- spelling.py: likely typos (Hunspell; Kazakh by stems)
- conflicts.py: what a git merge left for a person to choose (every live entry, plural ones too)
- here: the list of checks, running them on an entry and on a catalog (one finding for a
  catalog-wide quote style), the workspace-wide consistency check's declaration, the doc table
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from l10n.checks.base import Check, CheckContext, Declared, Finding
from l10n.checks.conflicts import check_merge_conflict
from l10n.checks.content import (
    check_acronym,
    check_glossary,
    check_language,
    check_latin,
    check_name_case,
    check_numbers,
    check_protected,
    check_romanised_acronym,
    check_untranslated,
    spelled_out_acronyms,
)
from l10n.checks.form import (
    QUOTE_STYLES,
    check_brackets,
    check_end_punctuation,
    check_length,
    check_markup,
    check_mt_unknown,
    check_quotes,
    check_repeated_word,
    check_source_changed,
    check_unreviewed_draft,
    check_whitespace,
    quote_style,
)
from l10n.checks.spelling import StemCounts, check_spelling, vocabulary
from l10n.dismissals import dismissed
from l10n.formats import markup
from l10n.model import Entry

__all__ = [
    "CHECKS",
    "CONSISTENCY",
    "Check",
    "CheckContext",
    "Declared",
    "Finding",
    "catalog_context",
    "catalog_findings",
    "check_entry",
    "check_table",
]

CHECKS: tuple[Check, ...] = (
    check_numbers,
    check_protected,
    check_untranslated,
    check_latin,
    check_romanised_acronym,
    check_language,
    check_acronym,
    check_glossary,
    check_name_case,
    check_spelling,
    check_end_punctuation,
    check_brackets,
    check_markup,
    check_quotes,
    check_length,
    check_whitespace,
    check_repeated_word,
    check_mt_unknown,
    check_unreviewed_draft,
    check_source_changed,
    check_merge_conflict,
)
# Checks that read every live entry, untranslated and plural ones too (the others read
# translated singular entries only).
ANY_ENTRY: frozenset[Check] = frozenset({check_merge_conflict})

# A workspace-wide check: it compares catalogs (stages/review.py), so it has no function on one entry.
CONSISTENCY = Declared(
    "consistency",
    "warning",
    "One English sentence reviewed differently in two articles.\n\n"
    "Workspace-wide: the first article's version is quoted.",
)


def check_table(checks: Sequence[Declared] = (*CHECKS, CONSISTENCY)) -> str:
    """The table of checks in docs/commands.md, made from their declarations
    (``scripts/check_table.py`` writes it there)."""
    rows = ["| check id | severity | what |", "| --- | --- | --- |"]
    for declared in checks:
        severity = f"{declared.severity} ({declared.lesser})" if declared.lesser else declared.severity
        what = f"{declared.title} {declared.details}".strip().replace("|", "\\|")
        rows.append(f"| `{declared.id}` | {severity} | {what} |")
    return "\n".join(rows) + "\n"


def _checked(entry: Entry) -> bool:
    return not (entry.obsolete or not entry.msgid or not entry.msgstr or entry.msgid_plural)


def check_entry(entry: Entry, ctx: CheckContext, checks: Sequence[Check] = CHECKS) -> list[Finding]:
    """Findings on one entry; a dismissal (``# l10n-ignore: latin — reason``) silences one.
    Inline markup is checked by ``markup``; every other check reads the text without it."""
    if entry.obsolete or not entry.msgid:
        return []
    if not _checked(entry):
        checks = [check for check in checks if check in ANY_ENTRY]
        if not checks:
            return []
    silenced = dismissed(entry)
    text = _without_markup(entry)
    return [
        f
        for check in checks
        for f in check(entry if check is check_markup else text, ctx)
        if f.check not in silenced
    ]


def _without_markup(entry: Entry) -> Entry:
    if not (markup.has_markup(entry.msgid) or markup.has_markup(entry.msgstr)):
        return entry
    return replace(entry, msgid=markup.plain(entry.msgid), msgstr=markup.plain(entry.msgstr))


def catalog_context(entries: Sequence[Entry], ctx: CheckContext) -> CheckContext:
    """The context with what the catalog itself tells the checks (its words, their stems, the
    sources' Latin words): one entry checked alone (the workbench's save) reads the same."""
    checked = [e for e in entries if _checked(e)]
    words = vocabulary(e.msgstr for e in checked)
    return replace(
        ctx,
        vocabulary=words,
        stems=StemCounts(words) if ctx.lang == "kk" else {},
        source_words=frozenset(w.lower() for e in checked for w in re.findall(r"[A-Za-z]+", e.msgid)),
        spelled_out=spelled_out_acronyms(e.msgid for e in checked),
    )


def catalog_findings(
    entries: Sequence[Entry], ctx: CheckContext, checks: Sequence[Check] = CHECKS
) -> list[tuple[str, Finding]]:
    """(msgid, finding) for a catalog, in entry order. Quotes: where most quoting entries use
    «…», an entry that does not is a slip and is reported; where most use straight or English
    quotes in five entries or more, that is the translator's house style: one finding for the
    catalog (msgid "") that lists the entries, not one per entry."""
    ctx = catalog_context(entries, ctx)
    found = [(entry.msgid, f) for entry in entries for f in check_entry(entry, ctx, checks)]
    styles = Counter(
        style for entry in entries if _checked(entry) and (style := quote_style(entry.msgstr)) is not None
    )
    if not styles:
        return found
    main_style, _ = styles.most_common(1)[0]
    quoted = [msgid for msgid, f in found if f.check == "quotes"]
    if main_style == "guillemets" or len(quoted) < HOUSE_STYLE_ENTRIES:
        return found  # a slip, or too few entries to call a style: each entry says so
    used = ", ".join(f"{QUOTE_STYLES[s]} in {n}" for s, n in styles.most_common() if s != "guillemets")
    note = check_quotes.finding(
        f"this catalog quotes with {used} entries: ru and kk use «…» (inner „…“); entries: {_listed(quoted)}"
    )
    return [("", note)] + [(msgid, f) for msgid, f in found if f.check != "quotes"]


# From this many entries quoted in another style, a catalog's quotes are one finding (a house
# style, fixed at once) that lists the entries; below it each entry has its own finding.
HOUSE_STYLE_ENTRIES = 5
_LISTED = 8


def _listed(msgids: list[str]) -> str:
    """The entries a catalog-wide finding is about, by the start of their source text."""
    shown = [f"“{m[:40]}…”" if len(m) > 40 else f"“{m}”" for m in msgids[:_LISTED]]
    more = f" and {len(msgids) - _LISTED} more" if len(msgids) > _LISTED else ""
    return "; ".join(shown) + more
