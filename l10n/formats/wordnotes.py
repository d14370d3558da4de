"""A Word article's footnotes and endnotes: read after the body, translated in the edition.

python-docx keeps the notes parts as bytes. Each is parsed once per read or edition (with
python-docx's own parser, so paragraphs get its classes; no entities, no network); the edition
rewrites their paragraphs in that tree and writes the tree back before the document is saved.
Word's separator "notes" (the rule above the notes) hold no text and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from l10n.formats.wordxml import paragraphs, w

_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_NOTES = (w("footnote"), w("endnote"))


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


def notes_parts(document: Any) -> list[NotesPart]:
    """The document's footnotes part, then its endnotes part, where it has them."""
    from docx.oxml.parser import parse_xml

    found = []
    for reltype in (_FOOTNOTES, _ENDNOTES):
        rel = next(
            (r for r in document.part.rels.values() if r.reltype == reltype and not r.is_external), None
        )
        if rel is not None:
            found.append(NotesPart(rel.target_part, parse_xml(rel.target_part.blob)))
    return found


def note_paragraphs(notes: NotesPart) -> Iterator[Any]:
    """The paragraphs of each real note (not the separators), in the part's order, as
    python-docx Paragraphs whose ``part`` is the notes part."""
    from docx.text.paragraph import Paragraph

    story = _Story(notes.part)
    for note in notes.element:
        if note.tag in _NOTES and note.get(w("type"), "normal") == "normal":
            for element, _ in paragraphs(note):
                yield Paragraph(element, story)  # a part is all it asks of its parent
