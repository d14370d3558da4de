"""Article formats: each module reads its source into a Document (plaintext, markdown, html, docx);
html and docx also write an edition back in the source's shape (reader and writer share one walk
of the file, so they always agree). ``articlemeta``: dates and headers; ``markup``: the inline
markup msgids carry. Text and Markdown editions are written by render/text.py; segment.py rebuilds
a text or Markdown source with its translations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.model import Document


def parse_document(
    slug: str, text: str, fmt: str, ignore: Sequence[re.Pattern[str]] = (), html_body: str = ""
) -> Document:
    """Parse a text article (txt, md or html; ``html_body``: the CSS selector of an HTML
    article's body) and apply the ignore rules."""
    # Readers are imported on first use: importing the package (for markup) stays cheap, and the
    # HTML parser is a C extension only HTML articles need.
    from l10n.segment import apply_ignore

    if fmt == "html":
        from l10n.formats.html import parse_html

        document = parse_html(slug, text, html_body)
    elif fmt == "md":
        from l10n.formats.markdown import parse_markdown

        document = parse_markdown(slug, text)
    else:
        from l10n.formats.plaintext import parse_text

        document = parse_text(slug, text)
    return apply_ignore(document, ignore)
