"""TMX 1.4b in and out (the exchange format of OmegaT, Trados, Weblate, Translate Toolkit). Pure."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from l10n import __version__
from l10n.errors import SourceError
from l10n.language.languages import language_code

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _text(seg: ET.Element) -> str:
    """A segment's text. Inline markup (<bpt>, <ept>, <ph>) carries formatting codes, not text:
    the text of <hi> and <sub> and the tails around every element are kept. Iterative, so a
    deeply nested file cannot exhaust the stack."""
    parts: list[str] = []
    stack: list[ET.Element | str] = [seg]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item is seg or item.tag in ("hi", "sub"):
            parts.append(item.text or "")
            # Children in reverse, so they come off the stack in document order, each followed
            # by its tail.
            for child in reversed(list(item)):
                stack += [child.tail or "", child]
        else:
            continue  # a formatting code: its own text is not text, its tail was pushed already
    return "".join(parts)


TRUSTED = "x-l10n-trusted"
ORIGIN = "x-l10n-origin"


def _prop(tu: ET.Element, kind: str) -> str | None:
    for prop in tu.findall("prop"):
        if prop.get("type") == kind:
            return prop.text or ""
    return None


def parse_tmx(data: bytes, path: Path | str, source_lang: str = "en") -> list[TmxUnit]:
    """Every translation unit's (source, target language, target) triples, with the trusted
    status l10n recorded when it exported them (None when the file does not say)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(
            path, f"not valid XML: {exc.msg}", line=exc.position[0], hint="export the memory again as TMX 1.4"
        ) from exc
    if root.tag != "tmx":
        raise SourceError(
            path, f"not a TMX file (root element <{root.tag}>)", hint="l10n imports TMX 1.4 files"
        )
    header = root.find("header")
    declared = header.get("srclang", source_lang) if header is not None else source_lang
    src = source_lang if declared == "*all*" else language_code(declared)
    units = []
    for tu in root.iter("tu"):
        segments: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if lang and seg is not None:
                segments.setdefault(language_code(lang), _text(seg))
        source = segments.pop(src, None)
        trusted = _prop(tu, TRUSTED)
        status = None if trusted is None else trusted.strip().lower() in ("yes", "true", "1")
        if source:
            units += [TmxUnit(source, lang, text, status) for lang, text in segments.items() if text]
    return units


class TmxUnit(NamedTuple):
    source: str
    lang: str
    target: str
    trusted: bool | None  # as the file records it (l10n's own x-l10n-trusted property), else None


def write_tmx(
    units: Iterable[tuple[str, str, str, bool]], lang: str, created: datetime | None = None
) -> bytes:
    """TMX 1.4b of (source, origin, target, trusted) units of one language, source language en.
    Each unit says where it came from and whether it is trusted (reviewed), so importing the file
    again gives the same memory back."""
    stamp = (created or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "l10n",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": "en",
            "o-tmf": "l10n",
            "creationdate": stamp,
        },
    )
    body = ET.SubElement(root, "body")
    target_lang = lang.replace("_", "-")
    for source, origin, target, trusted in units:
        tu = ET.SubElement(body, "tu")
        ET.SubElement(tu, "prop", type=ORIGIN).text = origin
        ET.SubElement(tu, "prop", type=TRUSTED).text = "yes" if trusted else "no"
        for code, text in (("en", source), (target_lang, target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: code})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(root, encoding="unicode").encode("utf-8")
        + b"\n"
    )
