"""Golden segmentation files, in the style of mdpo's test examples: each article in
tests/golden/segment/ and the template extract must make of it (<name>.pot beside it).

A change to segmentation shows here as a reviewable diff of the expected templates. After a
deliberate change, regenerate them with `L10N_UPDATE_GOLDEN=1 pytest tests/test_golden_segmentation.py`
and read the diff before committing it."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from l10n.formats import parse_document
from l10n.po.merge import template_catalog
from l10n.po.write import render_po
from l10n.segment import rebuild
from l10n.workspace import source_format

GOLDEN = Path(__file__).parent / "golden" / "segment"
CASES = sorted(p for p in GOLDEN.iterdir() if p.suffix in (".txt", ".md"))
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("source", CASES, ids=[p.name for p in CASES])
def test_golden_template(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    document = parse_document(source.stem, text, source_format(source))
    assert rebuild(document) == text, "the document covers the source byte for byte"
    rendered = render_po(template_catalog(document, "golden", CREATED))
    expected = source.with_suffix(".pot")
    if os.environ.get("L10N_UPDATE_GOLDEN"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")
