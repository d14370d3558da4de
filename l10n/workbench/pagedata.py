"""An article in a language as the workbench shows it: its blocks in reading order, each sentence
an entry with its state, provenance, findings, glossary terms, alternatives and previous source.
Everything comes from the same modules the CLI uses (review states, checks, glossary forms, the
translation memory): the page never has a rule of its own."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from l10n.checks import Finding
from l10n.dismissals import IGNORE, reasons
from l10n.drafts import person_comments, provenance, recorded_raw, suggestions
from l10n.glossary import Glossary
from l10n.model import BlockKind, Catalog, Document, Entry
from l10n.po.merge3 import recorded_theirs
from l10n.review_state import entry_state

AUTO = "l10n-auto:"
STATE_LABELS = {
    "untranslated": "untranslated",
    "draft": "draft",
    "needs_review": "needs review",
    "reviewed": "reviewed",
}
Key = tuple[str | None, str]


def entry_key(entry: Entry) -> Key:
    return (entry.msgctxt, entry.msgid)


def entry_id(key: Key) -> str:
    """A short, stable id for an entry in the page (its key's digest: survives reordering)."""
    ctxt, msgid = key
    return "e" + hashlib.blake2b(f"{ctxt}\x04{msgid}".encode(), digest_size=8).hexdigest()


def version(entry: Entry | None) -> str:
    """A digest of what a save replaces: the translation and whether it is approved (not the
    layout, not comments: a dismissal or an editor rewrapping a comment is no conflict). A save
    sends it back; a different digest on disk means someone else changed the text meanwhile."""
    if entry is None:
        return ""
    fields = [entry.msgstr, list(entry.msgstr_plural), entry.fuzzy, entry.previous_msgid, entry.obsolete]
    return hashlib.blake2b(json.dumps(fields, ensure_ascii=False).encode(), digest_size=12).hexdigest()


def find_entry(catalog: Catalog, key: Key) -> Entry | None:
    for entry in catalog.entries:
        if not entry.obsolete and entry_key(entry) == key:
            return entry
    return None


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces from ``old`` to ``new`` word by word: "=" kept, "-" removed, "+" added."""
    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", "".join(b[j1:j2])))
    return pieces


@lru_cache(maxsize=2048)
def term_forms(target: str, lang: str) -> tuple[tuple[str, str], ...]:
    """A glossary translation's case forms (``l10n glossary forms``), or none for a language
    without them."""
    from l10n.language.morphology import forms, supported

    base = lang.split("_")[0]
    if not supported(base) or not target.strip():
        return ()
    return tuple(forms(target, base).items())


@lru_cache(maxsize=256)
def _term_re(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def glossary_terms(msgid: str, glossary: Glossary, lang: str) -> list[dict[str, object]]:
    """The glossary terms the source contains, each with its translation and case forms."""
    found = []
    for en, target in glossary.for_language(lang):
        if _term_re(en).search(msgid):
            keep = target == en
            forms = [] if keep else [{"case": c, "form": f} for c, f in term_forms(target, lang)]
            found.append({"en": en, "target": target, "keep": keep, "forms": forms})
    return found


@dataclass(frozen=True)
class Others:
    """What the side column offers besides the entry itself: other languages' catalogs and the
    translation memory's matches (both looked up by msgid)."""

    catalogs: Mapping[str, Mapping[str, Entry]]  # lang -> msgid -> entry
    memory: Mapping[str, list[dict[str, object]]]  # msgid -> [{text, score, origin}]


def merge_conflicts(entry: Entry) -> list[str]:
    """The other branch's texts a git merge left on the entry (``# l10n-conflict: theirs: …``)."""
    return recorded_theirs(entry)


def alternatives(entry: Entry, others: Others) -> list[dict[str, object]]:
    """Insertable texts, in the order Alt+1..9 picks them: the other branch's text of a git merge
    conflict, the raw MT draft, the memory's matches, suggestions recorded in the entry, the
    other languages' translations."""
    found: list[dict[str, object]] = [
        {"kind": "merge", "label": "theirs (git merge conflict)", "text": text}
        for text in merge_conflicts(entry)
    ]
    raw = recorded_raw(entry)
    if raw:
        found.append({"kind": "mt", "label": f"MT ({provenance(entry) or 'engine'})", "text": raw})
    for match in others.memory.get(entry.msgid, []):
        found.append(
            {"kind": "tm", "label": f"TM {match['score']}% ({match['origin']})", "text": match["text"]}
        )
    for text in suggestions(entry):
        found.append({"kind": "tm", "label": "TM suggestion", "text": text})
    for lang, table in others.catalogs.items():
        other = table.get(entry.msgid)
        if other is not None and other.msgstr:
            label = f"{lang} ({STATE_LABELS[entry_state(other)]})"
            found.append({"kind": "lang", "label": label, "text": other.msgstr})
    seen: set[str] = set()
    unique = []
    for item in found:
        if item["text"] not in seen and item["text"] != entry.msgstr:
            seen.add(str(item["text"]))
            unique.append(item)
    return unique[:9]


def _origin(entry: Entry, last_translator: str) -> str:
    """Where the entry's text came from, in words."""
    engine = provenance(entry)
    if not entry.has_text:
        return ""
    if engine is not None and recorded_raw(entry) == entry.msgstr:
        return engine if engine.startswith("memory") else f"machine: {engine}"
    if engine is not None:
        return f"edited from machine draft ({engine}); last translator: {last_translator or 'unknown'}"
    return f"by a person; last translator: {last_translator or 'unknown'}"


def entry_json(
    entry: Entry, findings: Iterable[Finding], glossary: Glossary, lang: str, others: Others, last: str
) -> dict[str, object]:
    """Everything the page and the API show about one entry."""
    lines = (entry.tcomment or "").split("\n") if entry.tcomment else []
    auto = [line[len(AUTO) :].strip() for line in lines if line.startswith(AUTO)]
    state = entry_state(entry)
    return {
        "id": entry_id(entry_key(entry)),
        "msgid": entry.msgid,
        "msgctxt": entry.msgctxt,
        "msgstr": entry.msgstr,
        "msgid_plural": entry.msgid_plural or None,
        "msgstr_plural": [text for _, text in entry.msgstr_plural] if entry.msgid_plural else None,
        "state": state,
        "state_label": STATE_LABELS[state],
        "flags": list(entry.flags),
        "comments": [c for c in person_comments(entry) if not c.startswith((IGNORE, AUTO))],
        "extracted_comment": entry.comment,
        "provenance": _origin(entry, last),
        "findings": [{"check": f.check, "severity": f.severity, "message": f.message} for f in findings],
        "dismissed": [{"check": c, "reason": r} for c, r in sorted(reasons(entry).items())],
        "glossary": glossary_terms(entry.msgid, glossary, lang),
        "alternatives": alternatives(entry, others),
        "previous_msgid": entry.previous_msgid,
        "previous_diff": word_diff(entry.previous_msgid, entry.msgid) if entry.previous_msgid else None,
        "auto_change": auto[-1] if auto else None,
        "version": version(entry),
    }


def article_title(document: Document) -> str:
    """The article's English title: its metadata's, else its title block's, else its slug."""
    if document.meta.title:
        return document.meta.title
    for block in document.blocks:
        if block.kind is BlockKind.TITLE and block.segments:
            return " ".join(segment.msgid for segment in block.segments)
    return document.slug


def blocks_json(document: Document, catalog: Catalog) -> tuple[list[dict[str, object]], list[str]]:
    """The article's blocks in reading order, each a list of entry ids (a repeated sentence is one
    entry shown twice), and the ids of live entries no block holds (left over until the next
    extract)."""
    by_msgid = {e.msgid: e for e in catalog.entries if not e.obsolete and e.msgctxt is None and e.msgid}
    used: set[str] = set()
    blocks = []
    for block in document.blocks:
        if block.kind is BlockKind.IGNORED or not block.segments:
            continue
        ids = []
        for segment in block.segments:
            entry = by_msgid.get(segment.msgid)
            if entry is not None:
                ids.append(entry_id(entry_key(entry)))
                used.add(entry.msgid)
        if ids:
            blocks.append({"kind": str(block.kind), "line": block.line, "entries": ids})
    rest = [
        entry_id(entry_key(e))
        for e in catalog.entries
        if not e.obsolete and e.msgid and (e.msgctxt is not None or e.msgid not in used)
    ]
    return blocks, rest
