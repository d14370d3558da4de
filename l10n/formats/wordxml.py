"""A Word document's reading order, in its XML (WordprocessingML): the paragraphs of a body in
the order a reader meets them, tables cell by cell, and a paragraph's runs. Pure: lxml elements
in, elements out; l10n.formats.docx reads and writes what this finds.

python-docx sees a body's paragraphs and tables and a paragraph's runs and hyperlinks, but not
what Word wraps them in: content controls (``w:sdt``), tracked insertions (``w:ins``,
``w:moveTo``), smart tags, custom XML and simple fields (``w:fldSimple``). Their text is on the
page, so it is read here through every wrapper; what a reader does not see is not (tracked
deletions ``w:del``/``w:moveFrom``, hidden runs). A HYPERLINK field's shown text is a link, as a
``w:hyperlink`` is. A table is walked by its own cell elements,
never by python-docx's grid view (which gives a merged cell once per grid square it covers): a
cell merged across columns is one element, and the continuation of a cell merged down rows is
left out, so every cell is read once, row by row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from l10n.model import CellPlace

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(name: str) -> str:
    """A WordprocessingML element or attribute name in lxml's notation."""
    return f"{{{W_NS}}}{name}"


P, R, TBL, TR, TC, HYPERLINK = w("p"), w("r"), w("tbl"), w("tr"), w("tc"), w("hyperlink")
SDT, SDT_CONTENT = w("sdt"), w("sdtContent")
# Wrappers whose content a reader sees as if they were not there.
_BLOCK_WRAPPERS = frozenset({w("customXml"), w("ins"), w("moveTo")})
_INLINE_WRAPPERS = frozenset(
    {w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("fldSimple"), w("dir"), w("bdo")}
)
# What a run holds that is not text and is kept as it is: pictures, embedded objects, notes.
OBJECTS = {
    w("drawing"): "img",
    w("pict"): "img",
    w("object"): "img",
    w("footnoteReference"): "note",
    w("endnoteReference"): "note",
    w("footnoteRef"): "note",  # a note's own number, at its start
    w("endnoteRef"): "note",
}

Element = Any  # an lxml element (python-docx's oxml classes are lxml elements)


def children(container: Element, wrappers: frozenset[str]) -> Iterator[Element]:
    """A container's children, with the content of wrappers (and content controls) in their
    place."""
    for child in container:
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from children(content, wrappers)
        elif child.tag in wrappers:
            yield from children(child, wrappers)
        else:
            yield child


def paragraphs(body: Element) -> Iterator[tuple[Element, CellPlace | None]]:
    """Every paragraph of a body (``w:body``, a header...) in reading order, with its table
    cell's place when it is in a table (a table inside a cell counts as that cell)."""
    return _block_content(body, None, itertools.count())


def _block_content(
    container: Element, cell: CellPlace | None, tables: Iterator[int]
) -> Iterator[tuple[Element, CellPlace | None]]:
    for child in children(container, _BLOCK_WRAPPERS):
        if child.tag == P:
            yield child, cell
        elif child.tag == TBL:
            number = next(tables)
            for tc, place in table_cells(child, number):
                yield from _block_content(tc, cell or place, tables)


def _int(element: Element | None, default: int) -> int:
    value = element.get(w("val")) if element is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _merge(tc: Element) -> str:
    """How a cell continues a merged one: "v" (down rows), "h" (Word 97's across), or ""."""
    for name, kind in (("vMerge", "v"), ("hMerge", "h")):
        merge = tc.find(f"{w('tcPr')}/{w(name)}")
        if merge is not None and merge.get(w("val"), "continue") == "continue":
            return kind
    return ""


def table_cells(tbl: Element, number: int) -> list[tuple[Element, CellPlace]]:
    """A table's cells, row by row, each once, with its place in the table's grid. A cell that
    says it continues a merge with nothing to continue (no cell above, or before it) is a cell."""
    rows = [tr for tr in children(tbl, _BLOCK_WRAPPERS) if tr.tag == TR]
    starts: list[tuple[Element, int, int, int]] = []  # (cell, row, column, colspan)
    placed: set[tuple[int, int]] = set()  # (row, column) of every cell, merged or not
    continued: set[tuple[int, int]] = set()
    width = len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"))
    for row_number, tr in enumerate(rows):
        column = _int(tr.find(f"{w('trPr')}/{w('gridBefore')}"), 0)
        for tc in children(tr, _BLOCK_WRAPPERS):
            if tc.tag != TC:
                continue
            span = max(1, _int(tc.find(f"{w('tcPr')}/{w('gridSpan')}"), 1))
            merge = _merge(tc)
            if (merge == "v" and (row_number - 1, column) in placed) or (merge == "h" and column > 0):
                continued.add((row_number, column))
            else:
                starts.append((tc, row_number, column, span))
            placed.add((row_number, column))
            column += span
        width = max(width, column)
    cells = []
    for tc, row, column, span in starts:
        rowspan = 1
        while (row + rowspan, column) in continued:
            rowspan += 1
        cells.append((tc, CellPlace(number, row, column, span, rowspan, len(rows), width)))
    return cells


def runs(paragraph: Element) -> Iterator[tuple[Element, Element | None]]:
    """A paragraph's runs in reading order, each with the hyperlink it is in (or None): a
    ``w:hyperlink``, or for the shown text of a HYPERLINK field a stand-in element carrying the
    field's address in ``FIELD_TARGET`` (the same element for all of that field's runs)."""
    fields: list[_Field] = []
    for child in children(paragraph, _INLINE_WRAPPERS):
        if child.tag == R:
            _follow_fields(child, fields)
            shown = next((f for f in reversed(fields) if f.shown), None)
            yield child, shown.link if shown is not None else None
        elif child.tag == HYPERLINK:
            for inner in children(child, _INLINE_WRAPPERS):
                if inner.tag == R:
                    yield inner, child


FIELD_TARGET = "{urn:l10n}target"
_HYPERLINK_FIELD = re.compile(r'\s*HYPERLINK\s+(?:"([^"]+)"|([^\s\\"]+))', re.IGNORECASE)


@dataclass
class _Field:
    """A complex field being read: its code, and whether its shown text is being read."""

    code: str = ""
    shown: bool = False
    link: Element | None = None


def _follow_fields(run: Element, fields: list[_Field]) -> None:
    """Field characters and codes in a run (begin, code, separate, shown text, end)."""
    for child in run:
        if child.tag == w("fldChar"):
            kind = child.get(w("fldCharType"))
            if kind == "begin":
                fields.append(_Field())
            elif kind == "separate" and fields:
                field = fields[-1]
                field.shown = True
                target = _HYPERLINK_FIELD.match(field.code)
                if target is not None:
                    field.link = etree.Element(HYPERLINK, {FIELD_TARGET: target.group(1) or target.group(2)})
            elif kind == "end" and fields:
                fields.pop()
        elif child.tag == w("instrText") and fields:
            fields[-1].code += child.text or ""


def hidden(run: Element) -> bool:
    """A run formatted as hidden text (``w:vanish``): not on the page, not read."""
    vanish = run.find(f"{w('rPr')}/{w('vanish')}")
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


def run_object(run: Element) -> str:
    """What a run holds besides text that must be kept: "img", "note", or ""."""
    return next((OBJECTS[child.tag] for child in run if child.tag in OBJECTS), "")
