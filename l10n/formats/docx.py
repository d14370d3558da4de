"""Word articles (.docx) through python-docx: paragraphs -> a Document, and the translated
edition -> a copy of the source file with each paragraph's text replaced.

A paragraph's kind comes from its style (Title, Subtitle, Heading n, List…, Quote, Caption) or
its list numbering; table cells are blocks too, each once, in reading order, with their place in
the table (l10n.formats.wordxml reads the XML: text in tracked insertions, content controls,
smart tags and simple fields included); footnotes, endnotes, headers and footers follow the body
(l10n.formats.wordstories; a header or footer paragraph holding a field, a page number, is left as
it is). Bold and italic runs become ``<b>``/``<i>``, hyperlinks
``<a1>`` and pictures and note references ``<img2/>``/``<note3/>`` in the compact inline form
(l10n.formats.markup); the edition keeps each paragraph's style, the first run's character formatting
outside links and each link's own inside it, the links' targets and the pictures, and drops
what may not be published (l10n.formats.wordsafety). The summary is the document's "Comments"
property (dc:description), the date its creation time, the author its author.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from l10n.formats import wordxml
from l10n.formats.markup import Token, escape_text, markup_block, plain, tokens, unescape_text
from l10n.formats.wordsafety import OversizedDocx, check_package, strip_active_content
from l10n.formats.wordstories import (
    BrokenNotes,
    NoteKey,
    NotesPart,
    deleted_notes,
    drop_notes,
    drop_stray_references,
    note_keys,
    note_numbers,
    note_paragraphs,
    note_target,
    notes_parts,
    running_heads,
)
from l10n.model import ArticleMeta, Block, BlockKind, CellPlace, Document, Segment
from l10n.xmltext import xml_text

__all__ = ["NotADocx", "OversizedDocx", "compact", "edition_docx", "open_docx", "parse_docx"]

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph


class NotADocx(Exception):
    """The bytes are not a Word document python-docx can open (the caller names the file)."""


def open_docx(data: bytes) -> WordDocument:
    """The document, once its package is known not to inflate out of all proportion."""
    import docx  # on first use: only Word articles need it

    check_package(data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, KeyError and lxml errors alike
        raise NotADocx(str(exc) or type(exc).__name__) from exc


def _notes_parts(document: WordDocument) -> list[NotesPart]:
    """The document's notes parts (l10n.formats.wordstories); one that is not XML: NotADocx."""
    try:
        return notes_parts(document)
    except BrokenNotes as exc:
        raise NotADocx(str(exc)) from exc


def _style_kind(paragraph: Paragraph) -> BlockKind:
    name = (paragraph.style.name if paragraph.style is not None else "").lower()
    properties = paragraph._p.pPr
    if name == "title":
        return BlockKind.TITLE
    if name == "subtitle":
        return BlockKind.STANDFIRST
    if name.startswith("heading"):
        return BlockKind.HEADING
    if name.startswith("list") or (properties is not None and properties.numPr is not None):
        return BlockKind.LIST_ITEM
    if name in ("quote", "intense quote"):
        return BlockKind.QUOTE
    if name == "caption":
        return BlockKind.CAPTION
    return BlockKind.PARAGRAPH


@dataclass(frozen=True)
class _Found:
    """A paragraph with text, as the reader and the edition both find it."""

    paragraph: Paragraph
    kind: BlockKind
    cell: CellPlace | None
    note: NoteKey | None = None  # the footnote or endnote a note's paragraph is in


def _paragraphs(document: WordDocument, notes: Sequence[NotesPart]) -> list[_Found]:
    """Every paragraph with text, in reading order (l10n.formats.wordxml): the body's and its
    tables', each table cell once; then the footnotes', the endnotes' and the headers' and
    footers' (l10n.formats.wordstories)."""
    from docx.text.paragraph import Paragraph

    found = []
    for element, cell in wordxml.paragraphs(document.element.body):
        if _has_text(element):
            paragraph = Paragraph(element, document._body)
            kind = BlockKind.TABLE_CELL if cell is not None else _style_kind(paragraph)
            found.append(_Found(paragraph, kind, cell))
    deleted = deleted_notes(document.element.body)
    for part in notes:
        found += [
            _Found(p, BlockKind.NOTE, None, key)
            for p, key in note_paragraphs(part, deleted)
            if _has_text(p._p)
        ]
    found += [_Found(p, BlockKind.PAGE_HEADER, None) for p in running_heads(document) if _has_text(p._p)]
    return found


def _has_text(paragraph: Any) -> bool:
    runs, _ = _runs(paragraph)
    return bool("".join(run.text for run in runs).strip())


@dataclass(frozen=True)
class _Run:
    text: str
    bold: bool
    italic: bool
    link: int  # 0: not in a hyperlink; else the hyperlink's number in the paragraph
    thing: int = 0  # else the number of the picture or note it holds (a void tag: <img2/>)


@dataclass(frozen=True)
class _Shell:
    """A numbered tag's element in the source: a hyperlink ("a") or a run holding a picture
    ("img") or a note reference ("note")."""

    name: str
    element: Any


def _runs(paragraph: Any) -> tuple[list[_Run], list[_Shell]]:
    """A paragraph's visible runs in reading order, and the elements its numbered tags stand
    for (tag number - 1)."""
    from docx.text.run import Run

    runs: list[_Run] = []
    shells: list[_Shell] = []
    current: Any = None  # the hyperlink the last run was in (a link's runs are contiguous)
    link = 0
    for element, hyperlink in wordxml.runs(paragraph):
        if wordxml.hidden(element):
            continue
        if hyperlink is None:
            current, link = None, 0
        elif hyperlink is not current:  # the same element while ``current`` holds it
            shells.append(_Shell("a", hyperlink))
            current, link = hyperlink, len(shells)
        run = Run(element, None)  # type: ignore[arg-type]  # formatting only: no part needed
        runs.append(_Run(run.text, bool(run.bold), bool(run.italic), link))
        thing = wordxml.run_object(element)
        if thing:
            shells.append(_Shell(thing, element))
            runs.append(_Run("", False, False, link, len(shells)))
    return runs, shells


def compact(paragraph: Any) -> str:
    """The paragraph as compact text: <b>, <i>, <a1>, <br/>, and <img2/> where a picture is."""
    out: list[str] = []
    runs, shells = _runs(paragraph)
    link = 0
    for run in runs:
        if run.link != link:
            out.append(f"</a{link}>" if link else "")
            out.append(f"<a{run.link}>" if run.link else "")
            link = run.link
        if run.thing:
            out.append(f"<{shells[run.thing - 1].name}{run.thing}/>")
            continue
        if not run.text:
            continue
        text = escape_text(run.text).replace("\n", "<br/>")
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    if link:
        out.append(f"</a{link}>")
    # Neighbouring runs with the same formatting are one span: "<b>a</b><b>b</b>" -> "<b>ab</b>".
    return re.sub(r"</(b|i)><\1>", "", "".join(out))


def _link_targets(found: _Found, numbers: dict[NoteKey, int]) -> tuple[tuple[str, str], ...]:
    """The external targets of a paragraph's hyperlinks by tag name ("a1" -> URL): where its
    HTML edition may link (l10n.render.pages keeps web and mail addresses only); and its note
    tags' numbers ("note2" -> "#fn-1", l10n.formats.wordstories)."""
    paragraph = found.paragraph
    _, shells = _runs(paragraph._p)
    rels = paragraph.part.rels
    targets = []
    for number, shell in enumerate(shells, start=1):
        if shell.name == "note" and (target := note_target(shell.element, found.note, numbers)):
            targets.append((f"note{number}", target))
        if shell.name != "a":
            continue
        rel = rels.get(shell.element.get(f"{{{wordxml.R_NS}}}id") or "")
        target = shell.element.get(wordxml.FIELD_TARGET) or (
            rel.target_ref if rel and rel.is_external else ""
        )
        if target:
            targets.append((f"a{number}", target))
    return tuple(targets)


def parse_docx(slug: str, data: bytes) -> Document:
    document = open_docx(data)
    properties = document.core_properties
    blocks: list[Block] = []
    summary = (properties.comments or "").strip()
    if summary:
        blocks.append(markup_block(0, BlockKind.SUMMARY, escape_text(summary), one_segment=True))
    notes = _notes_parts(document)
    paragraphs = _paragraphs(document, notes)
    numbers = note_numbers(
        (run for f in paragraphs if f.note is None for run, _ in wordxml.runs(f.paragraph._p)),
        note_keys(notes),
    )
    for number, found in enumerate(paragraphs, start=1):
        block = markup_block(number, found.kind, compact(found.paragraph._p))
        blocks.append(replace(block, links=_link_targets(found, numbers), cell=found.cell))
    title = next((b.segments[0].msgid for b in blocks if b.kind is BlockKind.TITLE), "")
    created = properties.created
    meta = ArticleMeta(
        title=plain(title) or (properties.title or ""),
        summary=blocks[0].segments[0].msgid if summary else "",
        date=created.isoformat() if created is not None else "",
        author=properties.author or "",
    )
    return Document(slug=slug, format="docx", head="", blocks=tuple(blocks), meta=meta)


# --- the edition --------------------------------------------------------------------------------

Pick = Callable[[Segment], tuple[str, bool]]  # a sentence -> (compact translation, is a draft)


def _character_properties(run: Any, keep_link_style: bool) -> Any:
    """A run's character formatting without bold and italic (those come from the translation's
    markup) and the draft highlight; outside a link, without a link's character style."""
    from docx.oxml.ns import qn

    found = run.find(qn("w:rPr"))
    if found is None:
        return None
    properties = deepcopy(found)
    for name in ("w:b", "w:bCs", "w:i", "w:iCs", "w:highlight", "w:vanish"):
        for child in properties.findall(qn(name)):
            properties.remove(child)
    style = properties.find(qn("w:rStyle"))
    if style is not None and not keep_link_style and "hyperlink" in (style.get(qn("w:val")) or "").lower():
        properties.remove(style)
    return properties


def _bases(paragraph: Any) -> dict[int, Any]:
    """The character formatting a rewritten run takes, by link number (0: outside links): the
    first source run's there. Text outside a link never takes the link's style (a paragraph
    that is all link gives its words outside the link the paragraph's own formatting)."""
    bases: dict[int, Any] = {}
    elements = [run for run, _ in wordxml.runs(paragraph) if not wordxml.hidden(run)]
    runs, _ = _runs(paragraph)
    texts = [run for run in runs if not run.thing]
    for element, run in zip(elements, texts, strict=True):
        if run.link not in bases and run.text.strip():
            bases[run.link] = _character_properties(element, keep_link_style=run.link != 0)
    return bases


class _Writer:
    """Appends compact text's runs to a cleared paragraph, each with its formatting."""

    def __init__(self, paragraph: Paragraph, shells: list[_Shell], bases: dict[int, Any]) -> None:
        self.paragraph, self.shells, self.bases = paragraph, shells, bases
        self.state = {"b": 0, "i": 0}
        self.link: Any = None
        self.link_number = 0

    def tag(self, token: Token) -> None:
        number = int(token.name[len(token.element) :] or 0)
        shell = self.shells[number - 1] if 0 < number <= len(self.shells) else None
        if token.element in ("b", "i"):
            self.state[token.element] += -1 if token.closing else 1
        elif shell is None or shell.name != token.element:
            return  # a tag the source does not have: its words stay, it goes
        elif shell.name == "a" and token.closing:
            self.link, self.link_number = None, 0
        elif shell.name == "a":
            self.link = self._hyperlink(shell.element)
            self.link_number = number
            self.paragraph._p.append(self.link)
        else:  # a picture or a note: the source's run, as it is
            (self.link if self.link is not None else self.paragraph._p).append(deepcopy(shell.element))

    def _hyperlink(self, source: Any) -> Any:
        """An empty copy of a source hyperlink; for a HYPERLINK field's text, a Word hyperlink
        to the field's address (the field's code goes with the paragraph's old content)."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        target = source.get(wordxml.FIELD_TARGET)
        if target is not None:
            rid = self.paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            return OxmlElement("w:hyperlink", {qn("r:id"): rid})
        link = deepcopy(source)
        for child in list(link):
            link.remove(child)
        return link

    def text(self, text: str, draft: bool, line_break: bool = False) -> None:
        from docx.enum.text import WD_COLOR_INDEX

        run = self.paragraph.add_run()
        base = self.bases.get(self.link_number, self.bases.get(0))
        if base is not None:
            run._r.insert(0, deepcopy(base))
        if line_break:
            run.add_break()
        else:
            run.text = xml_text(unescape_text(text))  # a translator's \v or \a: not XML
        run.bold = True if self.state["b"] > 0 else None
        run.italic = True if self.state["i"] > 0 else None
        if draft:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if self.link is not None:
            self.link.append(run._r)


def _rewrite(paragraph: Paragraph, pieces: list[tuple[str, bool]]) -> None:
    """Replace the paragraph's content by compact pieces (text, is a draft), keeping its style,
    its runs' formatting (the first run's outside links, each link's own inside it), its
    hyperlinks' targets and its pictures."""
    _, shells = _runs(paragraph._p)
    shells = [_Shell(s.name, deepcopy(s.element)) for s in shells]
    writer = _Writer(paragraph, shells, _bases(paragraph._p))
    paragraph.clear()  # type: ignore[no-untyped-call]
    for text, draft in pieces:
        for token in tokens(text):
            if token.is_tag and token.element != "br":
                writer.tag(token)
            else:
                writer.text(token.text if not token.is_tag else "", draft, line_break=token.is_tag)


def edition_docx(
    data: bytes, blocks: tuple[Block, ...], pick: Pick, lang: str, notes_before: Sequence[str] = ()
) -> bytes:
    """The source document with every paragraph's sentences replaced; the summary property
    translated and the language property set. ``notes_before``: paragraphs to put first (the
    draft notice, the "Updated" line of a correction)."""
    document = open_docx(data)
    notes = _notes_parts(document)
    deleted = deleted_notes(document.element.body)  # (before the body is rewritten)
    found = _paragraphs(document, notes)
    body = [b for b in blocks if b.kind is not BlockKind.SUMMARY]
    if len(found) != len(body):  # the parse cache and the file disagree: never expected
        raise ValueError("the document's paragraphs changed since it was parsed")
    for block in blocks:
        if block.kind is BlockKind.SUMMARY:
            # (a translation may hold a control character XML forbids: python-docx would refuse it)
            document.core_properties.comments = xml_text(plain("".join(pick(s)[0] for s in block.segments)))
    for paragraph, block in zip((f.paragraph for f in found), body, strict=True):
        if block.kind is BlockKind.IGNORED:
            paragraph._p.getparent().remove(paragraph._p)
            continue
        pieces = [pick(p) if isinstance(p, Segment) else (p, False) for p in block.parts]
        _rewrite(paragraph, pieces)
    document.core_properties.language = lang
    document.core_properties.last_modified_by = ""  # who edited the source is the newsroom's business
    text = [f.paragraph for f in found if f.note is None and f.kind is not BlockKind.PAGE_HEADER]
    _put_first(document, text, notes_before if found else ())
    drop_notes(notes, deleted)
    drop_stray_references(document.element.body, notes)
    for part in notes:
        part.write_back()
    strip_active_content(document)
    out = io.BytesIO()
    document.save(out)
    return _fixed_times(out.getvalue())


def _put_first(document: WordDocument, body: Sequence[Paragraph], notes: Sequence[str]) -> None:
    """The edition's notes before the body's first paragraph with text (never in a header or a
    footnote); a body with none gets them at its start."""
    first = body[0] if body else next(iter(document.paragraphs), None)
    for note in notes:
        if first is not None:
            first.insert_paragraph_before(note)
        else:
            document.add_paragraph(note)


def _fixed_times(data: bytes) -> bytes:
    """The same package with every member dated 1980-01-01: python-docx stamps the time of
    saving, which would make every build's bytes differ."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
