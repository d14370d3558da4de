"""Documents -> templates, and templates merged into existing catalogs. Pure.

``merge`` is a small msgmerge: it never loses a translation. Unchanged sentences keep theirs; a
sentence whose boundaries moved (two old ones joined, or one split) gets the old translations as
a fuzzy guess; a changed sentence gets the closest old translation as a fuzzy guess with the old
msgid (``#|``); a removed sentence's translation becomes obsolete (``#~``) and comes back if the
sentence does.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from l10n import __version__
from l10n.dismissals import flags_as_comments
from l10n.drafts import person_comments
from l10n.model import Catalog, Document, Entry, TemplateEntry
from l10n.mtproblems import settled
from l10n.po.corrections import AutoUpdate, carried_over, skeleton
from l10n.segment import template_entries

# msgmerge's threshold for offering an old translation as a fuzzy guess.
FUZZY_CUTOFF = 0.6
GENERATOR = f"l10n {__version__}"
DATE_FORMAT = "%Y-%m-%d %H:%M%z"


def format_date(moment: datetime) -> str:
    return moment.strftime(DATE_FORMAT)


def template_header(project: str, slug: str, created: datetime) -> tuple[tuple[str, str], ...]:
    return (
        ("Project-Id-Version", f"{project} {slug}"),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", format_date(created)),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", GENERATOR),
    )


def template_catalog(document: Document, project: str, created: datetime) -> Catalog:
    """The POT of an article: one entry per unique sentence, no positions, contexts as comments."""
    entries = tuple(Entry(msgid=t.msgid, comment=t.comment) for t in template_entries(document))
    return Catalog(
        header=template_header(project, document.slug, created),
        entries=entries,
        header_comment=f"Template for “{document.slug}”, written by l10n extract. Do not edit.",
        header_flags=("fuzzy",),
    )


def _set(header: Sequence[tuple[str, str]], name: str, value: str) -> tuple[tuple[str, str], ...]:
    """Replace a header field's value, or append the field when it is missing."""
    if any(key == name for key, _ in header):
        return tuple((key, value if key == name else old) for key, old in header)
    return tuple(header) + ((name, value),)


def new_catalog_header(
    template: Catalog, lang: str, language_name: str, plural_forms: str
) -> tuple[tuple[str, str], ...]:
    """A new PO's header: the template's, with the language, its plural rule and real dates."""
    header = template.header
    created = template.header_value("POT-Creation-Date") or ""
    header = _set(header, "PO-Revision-Date", created)
    header = _set(header, "Last-Translator", "")
    header = _set(header, "Language-Team", language_name)
    header = _set(header, "Language", lang)
    header = _set(header, "Plural-Forms", plural_forms)
    return header


def merge(
    template: Sequence[TemplateEntry] | Sequence[Entry],
    existing: Sequence[Entry],
    auto: AutoUpdate | None = None,
) -> tuple[Entry, ...]:
    """Bring a catalog's entries in line with the template without losing any translation. With
    ``auto``, a sentence that changed only in protected spans keeps its reviewed translation,
    updated (see corrections)."""
    wanted = [(t.msgid, t.comment) for t in template]
    wanted_ids = {msgid for msgid, _ in wanted}
    by_msgid: dict[str, Entry] = {}
    for entry in existing:
        simple = entry.msgctxt is None and not entry.msgid_plural
        # A live entry wins over an obsolete copy of the same msgid.
        if simple and (entry.msgid not in by_msgid or by_msgid[entry.msgid].obsolete):
            by_msgid[entry.msgid] = entry
    leftovers = [
        e
        for e in existing
        if (e.msgctxt is not None or e.msgid_plural or e.msgid not in wanted_ids) and e.has_text
    ]
    guesses = {e.msgid: e for e in leftovers if e.msgctxt is None and not e.msgid_plural}
    used_for_guess: set[str] = set()

    # The old sentences no longer wanted, in document order (untranslated ones too: a joined
    # sentence may span one).
    order = [
        e
        for e in existing
        if e.msgctxt is None and not e.msgid_plural and e.msgid and e.msgid not in wanted_ids
    ]
    carry = _carrier(guesses.values(), auto)
    merged: list[Entry] = []
    for msgid, comment in wanted:
        old = by_msgid.get(msgid)
        if old is not None:
            merged.append(replace(old, comment=comment, obsolete=False, occurrences=()))
            continue
        # In order of certainty: spans changed, boundaries moved, the closest old sentence.
        entry, parts = carry(msgid) or moved_boundary_guess(msgid, order) or _closest(msgid, guesses)
        used_for_guess.update(parts)
        merged.append(replace(entry, comment=comment))

    for entry in leftovers:
        if entry.msgctxt is None and not entry.msgid_plural and entry.msgid in used_for_guess:
            continue  # its translation lives on in the fuzzy guess, with its msgid as "#|"
        merged.append(replace(entry, obsolete=True, occurrences=()))
    return tuple(merged)


def _closest(msgid: str, guesses: dict[str, Entry]) -> tuple[Entry, tuple[str, ...]]:
    """The closest old translation as a fuzzy guess with the old msgid as ``#|`` (as msgmerge
    does), or an empty entry."""
    match = difflib.get_close_matches(msgid, list(guesses), n=1, cutoff=FUZZY_CUTOFF)
    if not match:
        return Entry(msgid=msgid), ()
    source = guesses[match[0]]
    guess = Entry(
        msgid=msgid,
        msgstr=source.msgstr,
        flags=("fuzzy",),
        tcomment=source.tcomment,
        previous_msgid=source.msgid,
    )
    return guess, (source.msgid,)


def _carrier(
    old: Iterable[Entry], auto: AutoUpdate | None
) -> Callable[[str], tuple[Entry, tuple[str, ...]] | None]:
    """A lookup: new msgid -> (carried-over entry, (old msgid,)), for sentences that changed only
    in protected spans. Old sentences are indexed by skeleton, so each lookup is one dict get."""
    if auto is None:
        return lambda msgid: None
    terms = auto.glossary_index()  # built once: every old and new sentence is looked up in it
    by_skeleton: dict[str, list[Entry]] = {}
    for entry in old:
        if entry.msgctxt is None and not entry.msgid_plural and entry.translated and not entry.fuzzy:
            by_skeleton.setdefault(skeleton(entry.msgid, terms), []).append(entry)

    def carry(msgid: str) -> tuple[Entry, tuple[str, ...]] | None:
        for entry in by_skeleton.get(skeleton(msgid, terms), []):
            done = carried_over(entry, msgid, auto, terms)
            if done is not None:
                return done, (entry.msgid,)
        return None

    return carry


class MovedBoundary(NamedTuple):
    entry: Entry  # the fuzzy guess
    parts: tuple[str, ...]  # the old msgids whose translations it carries


def moved_boundary_guess(msgid: str, old: Sequence[Entry]) -> MovedBoundary | None:
    """A guess for a sentence whose boundaries moved (a new splitter, or an edited source).

    Two or more consecutive old sentences that make up this one, joined by a space, give their
    translations joined, with the old msgids, one per line, as ``#|``; an old sentence of which
    this one is a part gives its whole translation, for the translator to cut. Either way the
    entry is fuzzy, and nothing reviewed is lost. ``old``: leftover entries in document order."""
    for start, first in enumerate(old):
        if not msgid.startswith(first.msgid + " "):
            continue
        parts, text = [first], first.msgid
        for following in old[start + 1 :]:
            text += " " + following.msgid
            if not msgid.startswith(text):
                break
            parts.append(following)
            if text == msgid:
                translations = [p.msgstr for p in parts if p.msgstr]
                if not translations:
                    break
                previous = "\n".join(p.msgid for p in parts)
                return MovedBoundary(
                    _guess(msgid, " ".join(translations), previous, parts), tuple(p.msgid for p in parts)
                )
    for whole in old:
        if whole.msgstr and len(whole.msgid) > len(msgid) and _is_piece(msgid, whole.msgid):
            return MovedBoundary(_guess(msgid, whole.msgstr, whole.msgid, [whole]), (whole.msgid,))
    return None


def _is_piece(piece: str, whole: str) -> bool:
    """``piece`` is a run of whole words of ``whole`` (a sentence cut out of it)."""
    at = whole.find(piece)
    while at >= 0:
        end = at + len(piece)
        if (at == 0 or whole[at - 1] == " ") and (end == len(whole) or whole[end] == " "):
            return True
        at = whole.find(piece, at + 1)
    return False


def _guess(msgid: str, msgstr: str, previous: str, parts: Sequence[Entry]) -> Entry:
    comments = dict.fromkeys(line for p in parts for line in person_comments(p))
    return Entry(
        msgid=msgid, msgstr=msgstr, flags=("fuzzy",), tcomment="\n".join(comments), previous_msgid=previous
    )


def update_catalog(
    existing: Catalog | None,
    template: Catalog,
    lang: str,
    language_name: str,
    plural_forms: str,
    auto: AutoUpdate | None = None,
) -> Catalog:
    """The language catalog after extraction. Returns ``existing`` itself when nothing changed,
    so the caller writes nothing (not even a new date)."""
    if existing is None:
        return Catalog(
            header=new_catalog_header(template, lang, language_name, plural_forms),
            entries=merge(template.entries, ()),
            header_comment=f"{language_name} translation of “{template.header_value('Project-Id-Version')}”.",
        )
    entries = merge(template.entries, existing.entries, auto)
    # A draft's problem a translator has fixed ("⁇" translated, the number put back) loses its
    # l10n-mt-problem line here, on the next extract; the raw draft line stays for the report.
    targets = dict(auto.targets) if auto else {}
    # Dismissals written as flags become comments, which Poedit keeps (l10n.dismissals).
    entries = tuple(flags_as_comments(settled(entry, lang, targets)) for entry in entries)
    header = existing.header
    if not existing.header_value("Language"):
        header = _set(header, "Language", lang)
    if not existing.header_value("Plural-Forms"):
        header = _set(header, "Plural-Forms", plural_forms)
    if entries == existing.entries and header == existing.header:
        return existing
    created = template.header_value("POT-Creation-Date")
    if entries != existing.entries and created:
        header = _set(header, "POT-Creation-Date", created)
    return replace(existing, header=header, entries=entries)


def refresh_template(existing: Catalog | None, fresh: Catalog) -> Catalog:
    """Keep the old template (and its date) when its entries are unchanged."""
    if existing is not None and existing.entries == fresh.entries:
        return existing
    return fresh
