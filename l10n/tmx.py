"""TMX 1.4b in and out (the exchange format of OmegaT, Trados, Weblate, Translate Toolkit). Pure."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from l10n import __version__
from l10n.errors import SourceError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def map_language(code: str) -> str:
    """TMX/BCP 47 language -> our gettext code: ru-RU -> ru, kk-KZ / kk-Cyrl -> kk, kk-Latn -> kk_Latn,
    en-GB -> en."""
    parts = re.split(r"[-_]", code.strip())
    base = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if base == "kk" and script == "Latn":
        return "kk_Latn"
    return base


def _text(seg: ET.Element) -> str:
    # Inline markup (<bpt>, <ept>, <ph>, <hi>) carries formatting codes, not text: keep the text
    # and the tails around it.
    parts = [seg.text or ""]
    for child in seg:
        if child.tag in ("hi", "sub"):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def parse_tmx(data: bytes, path: Path | str, source_lang: str = "en") -> list[tuple[str, str, str]]:
    """(source, target language, target) triples of every translation unit."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(
            path, f"not valid XML: {exc.msg}", line=exc.position[0], hint="export the memory again as TMX 1.4"
        ) from None
    if root.tag != "tmx":
        raise SourceError(
            path, f"not a TMX file (root element <{root.tag}>)", hint="l10n imports TMX 1.4 files"
        )
    header = root.find("header")
    declared = header.get("srclang", source_lang) if header is not None else source_lang
    src = source_lang if declared == "*all*" else map_language(declared)
    triples = []
    for tu in root.iter("tu"):
        segments: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if lang and seg is not None:
                segments.setdefault(map_language(lang), _text(seg))
        source = segments.pop(src, None)
        if source:
            triples += [(source, lang, text) for lang, text in segments.items() if text]
    return triples


def write_tmx(pairs: Iterable[tuple[str, str, str]], lang: str, created: datetime | None = None) -> bytes:
    """TMX 1.4b of (source, origin, target) pairs of one language, source language en."""
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
    for source, origin, target in pairs:
        tu = ET.SubElement(body, "tu")
        prop = ET.SubElement(tu, "prop", type="x-l10n-origin")
        prop.text = origin
        for code, text in (("en", source), (target_lang, target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: code})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(root, encoding="unicode").encode("utf-8")
        + b"\n"
    )
