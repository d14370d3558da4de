"""What a Word article may not bring in: a package that inflates out of all proportion (refused
before any part is read) and, in editions, active or remote content (removed).

A .docx is a zip archive: its declared sizes bound what Python's zipfile will inflate (a member
that inflates past its declared size fails its CRC check), so they are checked before python-docx
reads a byte. An edition is published to readers: it carries no macros (``vbaProject.bin`` and
its kin), no ActiveX controls, no OLE objects, no relationship to anything outside the file but
hyperlinks (a remote attached template, a linked OLE object, a linked picture or frame: each
fetches from the network when the file is opened), and no field that runs, fetches or includes
something (DDE, DDEAUTO, LINK, INCLUDETEXT, INCLUDEPICTURE, IMPORT). A removed field leaves its
last displayed result, as Word shows it. Nor does it carry the newsroom's comments and tracked
changes (l10n/formats/wordtraces.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from l10n.formats.wordtraces import MARKERS, TRACE_CONTENT_TYPES, TRACE_TYPES, strip_traces, unwrap
from l10n.formats.wordxml import R_NS, w

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

# A .docx is mostly XML, which deflates 5-20 times, and pictures, which do not deflate: an
# article within the 5 MB limit expands to well under this. A zip bomb expands a thousandfold.
MAX_UNPACKED = 128 * 10**6
MAX_PARTS = 10_000
MAX_RATIO = 200  # for a part over 1 MB: a real one (even repetitive XML) stays far below


class OversizedDocx(Exception):
    """The package would expand past what an article can be (the caller names the file)."""


def check_package(data: bytes) -> None:
    """Refuse a package whose parts would inflate out of all proportion, from the zip's
    directory alone. Not a zip: left to python-docx to say so."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        members = archive.infolist()
    if len(members) > MAX_PARTS:
        raise OversizedDocx(f"holds {len(members)} parts; a Word document has a few dozen")
    unpacked = sum(m.file_size for m in members)
    worst = max(members, key=lambda m: m.file_size / max(m.compress_size, 1), default=None)
    if unpacked > MAX_UNPACKED or (
        worst is not None and worst.file_size > 1024**2 and worst.file_size > MAX_RATIO * worst.compress_size
    ):
        raise OversizedDocx(
            f"expands to {unpacked / 1e6:.0f} MB from {len(data) / 1e6:.1f} MB"
            f" ({worst.filename if worst else '?'}: a zip bomb?); "
            f"Word articles may expand to {MAX_UNPACKED / 1e6:.0f} MB"
        )


# --- editions: what is removed -----------------------------------------------------------------

_OFFICE = "http://schemas.microsoft.com/office/2006/relationships/"
_OOXML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_HYPERLINK = _OOXML + "hyperlink"
# Relationships an edition drops with whatever they point to, wherever they are.
REMOVED_TYPES = (
    frozenset(
        {
            _OFFICE + "vbaProject",
            _OFFICE + "vbaProjectSignature",
            _OFFICE + "keyMapCustomizations",
            _OFFICE + "attachedToolbars",
            _OFFICE + "wordVbaData",
            _OOXML + "control",  # ActiveX
            _OOXML + "oleObject",
            _OOXML + "attachedTemplate",
            _OOXML + "frame",
        }
    )
    | TRACE_TYPES
)
# Fields that run a program, fetch or include a file (Word's field names, any case).
DANGEROUS_FIELDS = frozenset({"DDE", "DDEAUTO", "LINK", "INCLUDETEXT", "INCLUDEPICTURE", "IMPORT", "INCLUDE"})
_FIELD_NAME = re.compile(r"\s*([A-Za-z]+)")
_R_ATTRIBUTE = f"{{{R_NS}}}"


def dangerous_field(instruction: str) -> bool:
    match = _FIELD_NAME.match(instruction)
    return match is not None and match.group(1).upper() in DANGEROUS_FIELDS


def strip_active_content(document: WordDocument) -> None:
    """Remove macros, ActiveX, OLE objects, external relationships (hyperlinks excepted),
    dangerous fields, comments and tracked changes (accepted) from every part of a document about
    to be saved."""
    package = document.part.package
    for source in _sources(package):
        removed = {rid for rid, rel in list(source.rels.items()) if _unsafe(rel)}
        for rid in removed:
            del source.rels[rid]
        element = _xml_of(source, bool(removed)) if source is not package else None
        if element is None:
            continue
        changed = _drop_references(element, removed) + strip_fields(element) + strip_traces(element)
        if changed and not hasattr(source, "_element"):  # a part python-docx keeps as bytes
            from lxml import etree

            source._blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _unsafe(rel: Any) -> bool:
    if rel.is_external:
        return bool(rel.reltype != _HYPERLINK)
    return rel.reltype in REMOVED_TYPES or rel.target_part.content_type in TRACE_CONTENT_TYPES


def _sources(package: Any) -> Iterator[Any]:
    """The package, then each part reachable by relationships. Walked here, not by python-docx's
    iter_parts, so that a relationship removed on the way is not followed."""
    yield package
    seen: set[int] = set()
    todo = [rel.target_part for rel in package.rels.values() if not rel.is_external]
    while todo:
        part = todo.pop()
        if id(part) in seen:
            continue
        seen.add(id(part))
        yield part
        todo += [r.target_part for r in part.rels.values() if not r.is_external and not _unsafe(r)]


def _xml_of(part: Any, lost_relationships: bool) -> Any:
    """A part's XML tree: python-docx's own, or parsed from a Word XML part it keeps as bytes
    when there may be something to remove there. None: nothing to look at."""
    element = getattr(part, "_element", None)
    if element is not None:
        return element
    if "wordprocessingml" not in part.content_type or not part.content_type.endswith("+xml"):
        return None
    blob = part.blob
    if (
        not lost_relationships
        and b"instr" not in blob
        and b"fldChar" not in blob
        and not MARKERS.search(blob)
    ):
        return None  # no field, trace or pointer to a removed relationship: left as it is
    from docx.oxml.parser import parse_xml  # python-docx's parser: no entities, no network

    return parse_xml(blob)


def _drop_references(element: Any, removed: set[str]) -> int:
    """Elements that point at a removed relationship (an attached template, an OLE object's
    link, a linked picture) go with it. Returns how many went."""
    if not removed:
        return 0
    doomed = [
        node
        for node in element.iter()
        if any(name.startswith(_R_ATTRIBUTE) and value in removed for name, value in node.attrib.items())
    ]
    for node in doomed:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    return len(doomed)


def strip_fields(element: Any) -> int:
    """Dangerous simple fields are replaced by their result; dangerous complex fields (begin,
    code, separate, result, end) lose everything but their result. Returns how many runs and
    fields went."""
    simple_fields = [f for f in element.iter(w("fldSimple")) if dangerous_field(f.get(w("instr"), ""))]
    for simple in simple_fields:
        unwrap(simple, lambda child: child.tag != w("fldData"))
    doomed = _complex_field_runs(element)
    for run in doomed:
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
    return len(simple_fields) + len(doomed)


def _complex_field_runs(element: Any) -> list[Any]:
    """The runs of dangerous complex fields that are not their result: the field characters
    and the code (nested fields in the code included)."""
    doomed: list[Any] = []
    # open fields: their code's pieces (joined once: a long code is thousands of them), runs,
    # and whether in the code
    stack: list[dict[str, Any]] = []
    for run in element.iter(w("r")):
        for child in run:
            if child.tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    stack.append({"code": [], "runs": [run], "in_code": True})
                elif stack and kind == "separate":
                    stack[-1]["in_code"] = False
                    stack[-1]["runs"].append(run)
                elif stack and kind == "end":
                    field = stack.pop()
                    field["runs"].append(run)
                    if dangerous_field("".join(field["code"])):
                        doomed += field["runs"]
                    elif stack and stack[-1]["in_code"]:
                        stack[-1]["runs"] += field["runs"]
            elif child.tag in (w("instrText"), w("delInstrText")) and stack:
                stack[-1]["code"].append(child.text or "")
                stack[-1]["runs"].append(run)
        # (a run is added last if at all: a look at the last, not a search of all, says so)
        if stack and stack[-1]["in_code"] and stack[-1]["runs"][-1] is not run:
            stack[-1]["runs"].append(run)
    doomed += [r for f in stack if dangerous_field("".join(f["code"])) for r in f["runs"]]  # never ended
    return list({id(r): r for r in doomed}.values())
