"""Tables in HTML editions (Word tables with their merged cells, Markdown tables with their
heading row and column alignment), drawn from the cell places their readers found. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.edition import EditionBlock

# A table's look, on the elements themselves: the pages' shared style sheet stays as it is.
_TABLE_STYLE = "border-collapse:collapse;margin:1rem 0"
_CELL_STYLE = "border:1px solid #d9d9de;padding:.25rem .5rem;vertical-align:top;text-align:left"


def table_html(blocks: Sequence[EditionBlock], cell_html: Callable[[EditionBlock], str]) -> str:
    """The table whose first cell starts ``blocks``: every grid square once (a merged cell with
    its colspan/rowspan, an empty one empty), in a box that scrolls on a narrow screen rather
    than widening the page."""
    first = blocks[0].cell
    assert first is not None
    cells: dict[tuple[int, int], list[EditionBlock]] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    looks: dict[tuple[int, int], tuple[bool, str]] = {}  # header cell?, alignment
    for block in blocks:
        if block.cell is None or block.cell.table != first.table:
            break
        where = (block.cell.row, block.cell.column)
        cells.setdefault(where, []).append(block)
        spans[where] = (block.cell.colspan, block.cell.rowspan)
        looks[where] = (block.cell.header, block.cell.align)
    header_rows = {row for (row, _), (header, _) in looks.items() if header}
    covered = {
        (row + down, column + across)
        for (row, column), (colspan, rowspan) in spans.items()
        for down in range(rowspan)
        for across in range(colspan)
        if down or across
    }
    columns = _column_aligns(looks)
    rows = []
    for row in range(first.rows):
        tds = []
        for column in range(first.columns):
            if (row, column) in covered:
                continue
            colspan, rowspan = spans.get((row, column), (1, 1))
            attributes = (f' colspan="{colspan}"' if colspan > 1 else "") + (
                f' rowspan="{rowspan}"' if rowspan > 1 else ""
            )
            paragraphs = [cell_html(b) for b in cells.get((row, column), [])]
            content = paragraphs[0] if len(paragraphs) == 1 else "".join(f"<p>{p}</p>" for p in paragraphs)
            align = looks.get((row, column), (False, ""))[1] or columns.get(column, "")
            style = _CELL_STYLE + (f";text-align:{align}" if align else "")
            tag = "th" if row in header_rows else "td"
            tds.append(f'<{tag}{attributes} style="{style}">{content}</{tag}>')
        rows.append(f"<tr>{''.join(tds)}</tr>")
    body = "\n".join(rows)
    table = f'<table style="{_TABLE_STYLE}">\n{body}\n</table>'
    return f'<div class="table" style="overflow-x:auto">\n{table}\n</div>'


def _column_aligns(looks: dict[tuple[int, int], tuple[bool, str]]) -> dict[int, str]:
    """Each column's alignment, for its empty cells (a Markdown table aligns whole columns):
    found once, not once per empty cell, which a wide, sparse table would make quadratic."""
    aligns: dict[int, str] = {}
    for (_, column), (_, align) in looks.items():
        if align:
            aligns.setdefault(column, align)
    return aligns
