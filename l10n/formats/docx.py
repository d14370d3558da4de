"""Word articles (.docx) through python-docx: paragraphs -> a Document, and the translated
edition -> a copy of the source file with each paragraph's text replaced.

A paragraph's kind comes from its style (Title, Subtitle, Heading n, List…, Quote, Caption) or
its list numbering; table cells are blocks too. Bold and italic runs become ``<b>``/``<i>`` and
hyperlinks ``<a1>`` in the compact inline form (l10n.formats.markup); the edition keeps each
paragraph's style, its first run's character formatting and the links' targets. The summary
is the document's "Comments" property (dc:description), the date its creation time, the
author its author.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from l10n.formats.markup import escape_text, markup_block, plain, tokens
from l10n.model import ArticleMeta, Block, BlockKind, Document, Segment

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph


class NotADocx(Exception):
    """The bytes are not a Word document python-docx can open (the caller names the file)."""


def open_docx(data: bytes) -> WordDocument:
    import docx  # on first use: only Word articles need it

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, KeyError and lxml errors alike
        raise NotADocx(str(exc) or type(exc).__name__) from None


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


def _paragraphs(document: WordDocument) -> Iterator[tuple[Paragraph, BlockKind]]:
    """Every paragraph with text, in reading order: the body's and its tables' (a merged cell
    once)."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        if paragraph.text.strip():
                            yield paragraph, BlockKind.TABLE_CELL
        elif item.text.strip():
            yield item, _style_kind(item)


@dataclass(frozen=True)
class _Run:
    text: str
    bold: bool
    italic: bool
    link: int  # 0: not in a hyperlink; else the hyperlink's number in the paragraph


def _runs(paragraph: Paragraph) -> tuple[list[_Run], list[Any]]:
    """The paragraph's runs, and its hyperlink elements (by number - 1)."""
    from docx.text.hyperlink import Hyperlink

    runs: list[_Run] = []
    links: list[Any] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            links.append(item._hyperlink)
            runs += [_Run(r.text, bool(r.bold), bool(r.italic), len(links)) for r in item.runs]
        else:
            runs.append(_Run(item.text, bool(item.bold), bool(item.italic), 0))
    return runs, links


def compact(paragraph: Paragraph) -> str:
    """The paragraph as compact text: <b>, <i>, <a1>, <br/>."""
    out: list[str] = []
    runs, _ = _runs(paragraph)
    link = 0
    for run in runs:
        if run.link != link:
            out.append(f"</a{link}>" if link else "")
            out.append(f"<a{run.link}>" if run.link else "")
            link = run.link
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


def parse_docx(slug: str, data: bytes) -> Document:
    document = open_docx(data)
    properties = document.core_properties
    blocks: list[Block] = []
    summary = (properties.comments or "").strip()
    if summary:
        blocks.append(markup_block(0, BlockKind.SUMMARY, escape_text(summary), one_segment=True))
    for number, (paragraph, kind) in enumerate(_paragraphs(document), start=1):
        blocks.append(markup_block(number, kind, compact(paragraph)))
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


def _base_properties(paragraph: Paragraph) -> Any:
    """The first run's character formatting without bold and italic (those come from the
    translation's markup)."""
    from docx.oxml.ns import qn

    first = paragraph._p.find(f".//{qn('w:r')}/{qn('w:rPr')}")
    if first is None:
        return None
    properties = deepcopy(first)
    for name in ("w:b", "w:bCs", "w:i", "w:iCs", "w:highlight"):
        for child in properties.findall(qn(name)):
            properties.remove(child)
    return properties


def _rewrite(paragraph: Paragraph, pieces: list[tuple[str, bool]]) -> None:
    """Replace the paragraph's content by compact pieces (text, is a draft), keeping its style,
    its first run's formatting and its hyperlinks' targets."""
    from docx.enum.text import WD_COLOR_INDEX

    _, hyperlinks = _runs(paragraph)
    shells = []
    for hyperlink in hyperlinks:
        shell = deepcopy(hyperlink)
        for child in list(shell):
            shell.remove(child)
        shells.append(shell)
    base = _base_properties(paragraph)
    paragraph.clear()  # type: ignore[no-untyped-call]
    for text, draft in pieces:
        state = {"b": 0, "i": 0}
        link: Any = None
        for token in tokens(text):
            if token.is_tag and token.element in ("b", "i"):
                state[token.element] += -1 if token.closing else 1
                continue
            if token.is_tag and token.element == "a" and token.name[1:].isdigit():
                number = int(token.name[1:])
                link = None if token.closing or number > len(shells) else deepcopy(shells[number - 1])
                if link is not None:
                    paragraph._p.append(link)
                continue
            run = paragraph.add_run()
            if base is not None:
                run._r.insert(0, deepcopy(base))
            if token.is_tag and token.element == "br":
                run.add_break()
            else:
                run.text = token.text.replace("&lt;", "<") if not token.is_tag else ""
            run.bold = True if state["b"] > 0 else None
            run.italic = True if state["i"] > 0 else None
            if draft:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if link is not None:
                link.append(run._r)


def edition_docx(
    data: bytes, blocks: tuple[Block, ...], pick: Pick, lang: str, notes: Sequence[str] = ()
) -> bytes:
    """The source document with every paragraph's sentences replaced; the summary property
    translated and the language property set. ``notes``: paragraphs to put first (the draft
    notice, the "Updated" line of a correction)."""
    document = open_docx(data)
    found = list(_paragraphs(document))
    body = [b for b in blocks if b.kind is not BlockKind.SUMMARY]
    if len(found) != len(body):  # the parse cache and the file disagree: never expected
        raise ValueError("the document's paragraphs changed since it was parsed")
    for block in blocks:
        if block.kind is BlockKind.SUMMARY:
            document.core_properties.comments = plain("".join(pick(s)[0] for s in block.segments))
    for (paragraph, _), block in zip(found, body, strict=True):
        if block.kind is BlockKind.IGNORED:
            paragraph._p.getparent().remove(paragraph._p)
            continue
        pieces = [pick(p) if isinstance(p, Segment) else (p, False) for p in block.parts]
        _rewrite(paragraph, pieces)
    document.core_properties.language = lang
    for note in notes if found else ():
        found[0][0].insert_paragraph_before(note)
    out = io.BytesIO()
    document.save(out)
    return _fixed_times(out.getvalue())


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
