"""A Word article's other stories: footnotes, endnotes, headers and footers, read after the
body and translated in the edition.

python-docx keeps the notes parts as bytes. Each is parsed once per read or edition (with
python-docx's own parser, so paragraphs get its classes; no entities, no network); the edition
rewrites their paragraphs in that tree and writes the tree back before the document is saved.
Word's separator "notes" (the rule above the notes) hold no text and are skipped. Headers and
footers are python-docx's own parts, edited in place. A header or footer paragraph holding a
field (a page number, a date, "page 2 of 5") is left as it is: its words would be translated at
the cost of a field frozen at the value it showed when the file was saved.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from l10n.formats.wordxml import R_NS, paragraphs, w

_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_NOTES = (w("footnote"), w("endnote"))
_KINDS = {w("footnote"): "fn", w("endnote"): "en"}


@dataclass(frozen=True)
class NotesPart:
    """A footnotes or endnotes part and its parsed tree."""

    part: Any  # python-docx's Part: its blob, its relationships (a note's hyperlinks)
    element: Any

    def write_back(self) -> None:
        from lxml import etree

        self.part._blob = etree.tostring(
            self.element, xml_declaration=True, encoding="UTF-8", standalone=True
        )


@dataclass(frozen=True)
class _Story:
    """What python-docx's Paragraph asks of its parent: the part its relationships live in."""

    part: Any


class BrokenNotes(ValueError):
    """A notes part that is not XML (the caller names the file)."""


def notes_parts(document: Any) -> list[NotesPart]:
    """The document's footnotes part, then its endnotes part, where it has them. BrokenNotes:
    one is not well-formed XML (whatever its declared content type), as Word would refuse it."""
    from docx.oxml.parser import parse_xml
    from lxml.etree import XMLSyntaxError

    found = []
    for reltype in (_FOOTNOTES, _ENDNOTES):
        rel = next(
            (r for r in document.part.rels.values() if r.reltype == reltype and not r.is_external), None
        )
        if rel is None:
            continue
        try:
            found.append(NotesPart(rel.target_part, parse_xml(rel.target_part.blob)))
        except XMLSyntaxError as exc:
            raise BrokenNotes(f"its part {rel.target_part.partname} is not well-formed XML: {exc}") from exc
    return found


NoteKey = tuple[str, str]  # ("fn" or "en", the note's w:id)


def note_paragraphs(notes: NotesPart, deleted: Collection[NoteKey] = ()) -> Iterator[tuple[Any, NoteKey]]:
    """The paragraphs of each real note (not the separators, nor one whose references are all
    ``deleted``), in the part's order, as python-docx Paragraphs whose ``part`` is the notes
    part, with their note's key."""
    from docx.text.paragraph import Paragraph

    story = _Story(notes.part)
    for note in notes.element:
        if note.tag in _NOTES and note.get(w("type"), "normal") == "normal":
            key = (_KINDS[note.tag], note.get(w("id")) or "")
            if key in deleted:
                continue
            for element, _ in paragraphs(note):
                yield Paragraph(element, story), key  # a part is all it asks of its parent


# --- numbers in the HTML edition --------------------------------------------------------------
# Word numbers notes itself: footnotes 1, 2, 3 and endnotes i, ii, iii in the order the text
# refers to them. The HTML edition shows the same numbers: a reference's tag (``<note3/>``) gets
# the target "#fn-2" (a link to the second footnote) and a note's own mark the target "fn-2"
# (its anchor), through the block's link targets (l10n.render.pages draws them).

_REFERENCES = {w("footnoteReference"): "fn", w("endnoteReference"): "en"}
_OWN_MARKS = {w("footnoteRef"): "fn", w("endnoteRef"): "en"}


def deleted_notes(body: Any) -> frozenset[NoteKey]:
    """The notes whose every reference is in a tracked deletion or a move away: an edition
    accepts the change, so Word would show them nowhere, and neither may an edition."""
    kept: set[NoteKey] = set()
    gone: set[NoteKey] = set()
    for reference in body.iter(*_REFERENCES):
        deleted = any(a.tag in _GONE for a in reference.iterancestors())
        (gone if deleted else kept).add((_REFERENCES[reference.tag], reference.get(w("id")) or ""))
    return frozenset(gone - kept)


_GONE = (w("del"), w("moveFrom"))


def note_keys(notes: Iterable[NotesPart]) -> frozenset[NoteKey]:
    """The notes there are (separators aside): what a reference may point to."""
    return frozenset(
        (_KINDS[note.tag], note.get(w("id")) or "")
        for part in notes
        for note in part.element
        if note.tag in _NOTES and note.get(w("type"), "normal") == "normal"
    )


def note_numbers(runs: Iterable[Any], there: Collection[NoteKey]) -> dict[NoteKey, int]:
    """Each note's number, from the body's runs in reading order (first reference counts); a
    reference to a note that is not ``there`` has none (Word would refuse the file)."""
    numbers: dict[NoteKey, int] = {}
    counts = {"fn": 0, "en": 0}
    for run in runs:
        for child in run:
            kind = _REFERENCES.get(child.tag)
            key = (kind or "", child.get(w("id")) or "")
            if kind is not None and key in there and key not in numbers:
                counts[kind] += 1
                numbers[key] = counts[kind]
    return numbers


def note_target(run: Any, own: NoteKey | None, numbers: dict[NoteKey, int]) -> str:
    """The target of a run's note tag: "#fn-2" for a reference, "fn-2" for a note's own mark
    (``own``: the note the run is in), "" for a note nothing in the body refers to and for a
    reference in a note (Word has no notes of notes: its link would be a second anchor)."""
    for child in run:
        if child.tag in _REFERENCES and own is None:
            key = (_REFERENCES[child.tag], child.get(w("id")) or "")
            return f"#{key[0]}-{numbers[key]}" if key in numbers else ""
        if child.tag in _OWN_MARKS and own is not None and own in numbers:
            return f"{own[0]}-{numbers[own]}"
    return ""


def drop_notes(notes: Sequence[NotesPart], keys: Collection[NoteKey]) -> None:
    """In an edition: the notes ``deleted_notes`` found go from their parts, words and all."""
    for part in notes:
        for note in list(part.element):
            if note.tag in _NOTES and (_KINDS[note.tag], note.get(w("id")) or "") in keys:
                part.element.remove(note)


def drop_stray_references(body: Any, notes: Sequence[NotesPart]) -> int:
    """In an edition: references to notes that are not there, and references inside notes,
    go (the run stays): Word and LibreOffice refuse a file that has them. Returns how many."""
    there = note_keys(notes)
    stray = [
        child
        for child in body.iter(*_REFERENCES)
        if (_REFERENCES[child.tag], child.get(w("id")) or "") not in there
    ]
    stray += [child for part in notes for child in part.element.iter(*_REFERENCES)]
    for child in stray:
        child.getparent().remove(child)
    return len(stray)


# --- headers and footers ----------------------------------------------------------------------

_REFERENCES_OF_SECTION = (w("headerReference"), w("footerReference"))
_FIELD_MARKS = (w("fldChar"), w("instrText"), w("fldSimple"), w("pgNum"))


def running_heads(document: Any) -> Iterator[Any]:
    """The paragraphs of the document's headers and footers, each part once, section by section
    (headers, then footers, as the section lists them), but those that hold a field; as
    python-docx Paragraphs whose ``part`` is the header's or footer's."""
    from docx.text.paragraph import Paragraph

    seen: set[int] = set()
    for section in document.element.body.iter(w("sectPr")):
        for tag in _REFERENCES_OF_SECTION:
            for reference in section.iterchildren(tag):
                rel = document.part.rels.get(reference.get(f"{{{R_NS}}}id") or "")
                part = None if rel is None or rel.is_external else rel.target_part
                if part is None or id(part) in seen or not hasattr(part, "element"):
                    continue
                seen.add(id(part))
                story = _Story(part)
                for element, _ in paragraphs(part.element):
                    if not any(True for _ in element.iter(*_FIELD_MARKS)):
                        yield Paragraph(element, story)  # a part is all it asks of its parent
