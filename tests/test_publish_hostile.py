"""Markdown tables as a hostile or just unusual translation makes them: a "|" or a line break in
a translated cell, raw HTML in a cell, a cell left in English. Through the real CLI."""

from __future__ import annotations

from pathlib import Path

from l10n.edition import REVIEWED, EditionBlock, Piece
from l10n.model import BlockKind, CellPlace
from l10n.render.tables import table_html

from .conftest import LINEAR_GROWTH, growth, msgfmt_check, po, run_l10n
from .test_publisher import EPOCH, _parse, new_workspace, translate

TABLE = r"""# Fares in March

| Route \| line | Fare | <script>alert(1)</script> |
|:--|--:|:-:|
| Almaty to Astana | 9,000 tenge | Higher |

> | Quoted | table |
> |---|---|
> | Quoted cell. | Kept in English. |
"""

RU = {
    "Fares in March": "Тарифы в марте",
    "Route | line": "Маршрут | линия",
    "Fare": "Тариф",
    "<script>alert(1)</script>": "<script>alert(2)</script>",
    "Almaty to Astana": "Алматы —\nАстана",  # a line break the translator typed
    "9,000 tenge": "9 000 тенге | в одну сторону",
    "Higher": "Выше",
    "Quoted": "Цитата",
    "table": "таблица",
    "Quoted cell.": "Ячейка | в цитате.",
}


def _cells(markdown: str) -> list[list[str]]:
    """Each table row's cells as markdown-it reads them."""
    from markdown_it import MarkdownIt

    rows: list[list[str]] = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and token.level >= 3 and rows:  # table > tr > th/td > inline
            rows[-1].append(token.content)
    return rows


def test_a_pipe_or_line_break_in_a_translated_cell_keeps_the_markdown_table(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    (root / "source_texts" / "fares.md").write_text(TABLE, encoding="utf-8")
    run_l10n("extract", cwd=root)
    translate(root, "ru", "fares", lambda m: RU.get(m, m))
    assert msgfmt_check(po(root, "ru", "fares")).returncode == 0
    run_l10n("build", "--lang", "ru", cwd=root, env=EPOCH)
    editions = root / "editions" / "ru"
    markdown = (editions / "fares.md").read_text(encoding="utf-8")
    assert _cells(markdown) == [  # as many cells as the source, each with its own words
        ["Маршрут | линия", "Тариф", "<script>alert(2)</script>"],
        ["Алматы — Астана", "9 000 тенге | в одну сторону", "Выше"],
        ["Цитата", "таблица"],
        ["Ячейка | в цитате.", "Kept in English."],
    ]
    assert r"| Маршрут \| линия |" in markdown
    main = _parse(editions / "fares.html").css_first("main")
    assert not main.css("script")
    assert [[cell.text() for cell in row.css("th, td")] for row in main.css("table tr")] == [
        ["Маршрут | линия", "Тариф", "<script>alert(2)</script>"],
        ["Алматы —\nАстана", "9 000 тенге | в одну сторону", "Выше"],
        ["Цитата", "таблица"],
        ["Ячейка | в цитате.", "Kept in English."],
    ]
    first = {path.name: path.read_bytes() for path in editions.iterdir()}
    run_l10n("build", "--lang", "ru", cwd=root, env=EPOCH)
    assert {path.name: path.read_bytes() for path in editions.iterdir()} == first  # deterministic


def test_a_wide_sparse_table_is_drawn_in_linear_time() -> None:
    """Fifty columns, only the first one's cells filled: every empty cell looked for its column's
    alignment through all the filled cells (quadratic in the rows; 9 s for 1,000 rows of 200)."""

    def run(rows: int, _: int) -> None:
        blocks = [
            EditionBlock(
                BlockKind.TABLE_CELL,
                (Piece("x", REVIEWED, "x"),),
                (),
                cell=CellPlace(0, row, 0, rows=rows, columns=50, align="right"),
            )
            for row in range(rows)
        ]
        assert table_html(blocks, lambda block: block.text()).count("text-align:right") == rows

    assert growth(run, 200) < LINEAR_GROWTH
