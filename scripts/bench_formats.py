"""How much the publisher formats cost against plain text, measured in one run: parsing an
article (extract's and build's first step) and writing its edition, for the same text as .txt,
as a CMS page (.html) and as a Word document (.docx).

    python scripts/bench_formats.py [--repeat 20]

The text is the seed article; the HTML page wraps its paragraphs in a CMS-like layout (header,
nav, article, aside, footer) with a link and emphasis in every paragraph; the Word document has a
Title paragraph and bold runs. Prints milliseconds per article (median) and the ratio to .txt.
"""

from __future__ import annotations

import argparse
import html
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.edition import Edition, make_edition  # noqa: E402
from l10n.render.pages import PageSettings, render_html, render_source_page  # noqa: E402
from l10n.stages.sources import parse_source  # noqa: E402

SEED = REPO / "source_texts" / "kazakhstan-2012-conference.txt"


def as_html(paragraphs: list[str]) -> bytes:
    body = "\n".join(
        f'<p class="p{i}">{html.escape(p[:30])}<a href="https://example.kz/{i}">{html.escape(p[30:60])}</a>'
        f"<em>{html.escape(p[60:90])}</em>{html.escape(p[90:])}</p>"
        for i, p in enumerate(paragraphs[1:])
    )
    page = (
        f"<!DOCTYPE html><html lang=en><head><title>{html.escape(paragraphs[0])}</title>"
        '<meta name="description" content="A summary."><script>var x = 1;</script></head><body>'
        '<header><nav><a href="/">Home</a><a href="/news">News</a></nav></header>'
        f"<main><article><h1>{html.escape(paragraphs[0])}</h1>{body}"
        '<aside><h3>Related</h3><ul><li><a href="/1">Other</a></li></ul></aside></article></main>'
        "<footer><p>© Example</p></footer></body></html>"
    )
    return page.encode("utf-8")


def as_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraphs[0], style="Title")
    for text in paragraphs[1:]:
        paragraph = document.add_paragraph(text[:40])
        paragraph.add_run(text[40:80]).bold = True
        paragraph.add_run(text[80:])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    sources = {
        "txt": (Path("a.txt"), text.encode("utf-8")),
        "html": (Path("a.html"), as_html(paragraphs)),
        "docx": (Path("a.docx"), as_docx(paragraphs)),
    }
    rows = []
    for fmt, (path, data) in sources.items():
        parse_source(path, data)  # imports and first-use costs out of the measurement
        document = parse_source(path, data)
        edition = make_edition(document, [], "ru", "ru", False)
        render: Callable[[], object]
        if fmt == "html":
            page = data.decode("utf-8")

            def render_page(edition: Edition = edition, page: str = page) -> object:
                return render_source_page(edition, page, PageSettings(), [], "ru")

            render = render_page
        elif fmt == "docx":
            from l10n.stages.article_pages import docx_edition

            def render_docx(edition: Edition = edition, data: bytes = data) -> object:
                return docx_edition(edition, data)

            render = render_docx
        else:

            def render_text(edition: Edition = edition) -> object:
                return render_html(edition, [], "../index.html", "")

            render = render_text

        def parse_once(path: Path = path, data: bytes = data) -> object:
            return parse_source(path, data)

        parse = median_ms(parse_once, args.repeat)
        write = median_ms(render, args.repeat)
        rows.append((fmt, len(document.blocks), sum(len(b.segments) for b in document.blocks), parse, write))
    base_parse, base_write = rows[0][3], rows[0][4]
    print(
        f"{'format':<6} {'blocks':>6} {'entries':>7} {'parse ms':>9} {'×txt':>6} "
        f"{'edition ms':>11} {'×txt':>6}"
    )
    for fmt, blocks, entries, parse, write in rows:
        print(
            f"{fmt:<6} {blocks:>6} {entries:>7} {parse:>9.2f} {parse / base_parse:>6.1f} "
            f"{write:>11.2f} {write / base_write:>6.1f}"
        )


if __name__ == "__main__":
    main()
