"""The newsroom's traces in a Word article that its editions do not carry to readers.

A source .docx comes from an editor's desk: reviewers' comments (with their names, in
``comments.xml`` and its 2010-2018 companions), the ``people.xml`` list of who commented, tracked
changes with each author's name and the deleted words, change tracking left on, a "last modified
by" property and the extended properties (company, manager, editing time). A
published edition is for readers, so it carries none of them: comments and their anchors go,
tracked changes are accepted as Word's "Accept All Changes" accepts them (insertions kept,
deletions and the old formatting records dropped). Body paragraphs are rewritten with the
translation anyway; this reaches the rest (tables' spare parts, headers, footers, footnotes).
Pure functions over lxml elements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from l10n.formats.wordxml import w

_OOXML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OFFICE = "http://schemas.microsoft.com/office/"
# Relationships an edition drops with the part they point to.
TRACE_TYPES = frozenset(
    {
        _OOXML + "comments",
        _OFFICE + "2011/relationships/commentsExtended",
        _OFFICE + "2016/09/relationships/commentsIds",
        _OFFICE + "2018/08/relationships/commentsExtensible",
        _OFFICE + "2011/relationships/people",
        # the picture of the source's first page as last saved: in English, and with the
        # reviewers' balloons when Word showed them
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        # docProps/app.xml: the editor's company and manager, the editing time, the template's
        # path; Word writes a new one when the edition is saved again
        _OOXML + "extended-properties",
    }
)
# The same parts by what they are, whatever relationship points to them: a file another tool
# wrote may reach its list of reviewers by a relationship of another type.
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml."
TRACE_CONTENT_TYPES = frozenset(
    _WORD + name + "+xml"
    for name in ("comments", "commentsExtended", "commentsIds", "commentsExtensible", "people")
)
# An element name that shows a part python-docx keeps unparsed may hold a trace worth parsing
# it for, whatever prefix the file gives the namespace ("w:del", "<del" under a default one).
MARKERS = re.compile(
    rb"<(?:[\w.-]+:)?(?:ins|del|move\w*|comment\w*|customXml\w+Range\w*|\w+Change|cell\w+)[\s/>]"
)

# Kept, their content moved up: what an accepted insertion leaves.
_UNWRAPPED = frozenset(w(name) for name in ("ins", "moveTo"))
# Dropped with their content: deletions, moves away, the records of old formatting, and the
# anchors of comments and moves.
_DROPPED = frozenset(
    w(name)
    for name in (
        "del",
        "moveFrom",
        "trackRevisions",  # settings: an edition opens with change tracking off
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    )
)
_PROPERTIES = frozenset(w(name) for name in ("rPr", "pPr", "trPr"))


def strip_traces(element: Any) -> int:
    """Comments' anchors and tracked changes out of one part's XML, changes accepted. Returns how
    many elements went or were unwrapped."""
    changed = 0
    for node in list(element.iter(*_UNWRAPPED, *_DROPPED, w("commentReference"))):
        parent = node.getparent()
        if parent is None:
            continue
        if node.tag == w("commentReference"):
            changed += _drop_reference(node)
        elif node.tag in _UNWRAPPED and parent.tag not in _PROPERTIES:
            unwrap(node)
            changed += 1
        else:
            # a deletion, or a mark in a run's or paragraph's properties (an inserted or deleted
            # paragraph mark, a deleted table row): the mark goes, the paragraph or row stays
            parent.remove(node)
            changed += 1
    return changed


def unwrap(node: Any, keep: Callable[[Any], bool] = lambda child: True) -> None:
    """The node's children (those to ``keep``) in its place, the node gone. Each moved next to
    the node, not inserted at an index: finding an index walks the siblings, which made a
    paragraph of many thousand insertions quadratic (40,000: 4 s)."""
    for child in reversed([c for c in node if keep(c)]):
        node.addnext(child)
    node.getparent().remove(node)


def _drop_reference(node: Any) -> int:
    """A comment's reference goes with its run when the run holds nothing else but formatting."""
    run = node.getparent()
    run.remove(node)
    if run.tag == w("r") and all(child.tag == w("rPr") for child in run) and run.getparent() is not None:
        run.getparent().remove(run)
    return 1
