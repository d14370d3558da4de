"""Reading a parallel corpus for the benchmarks: the one place that knows its layout.

A corpus is a folder of tab-separated files named ``en-<lang>*.tsv`` (``en-ru.dev.tsv``,
``en-ru.test.tsv``, ``en-kk.mine.tsv``…), one header line, no quoting, with at least the columns
``doc`` (document id), ``sent`` (1-based position in the document), ``en`` and ``target`` (the
professional translation): the layout of ``../shared/data/parallel`` (see its README). Every
file of a language is read, in name order.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "parallel"
COLUMNS = ("doc", "sent", "en", "target")


@dataclass(frozen=True)
class Row:
    doc: str
    sent: int
    en: str
    target: str


def files(data: Path, lang: str) -> list[Path]:
    return sorted(data.glob(f"en-{lang}*.tsv"))


def read(data: Path, lang: str, required: bool = True) -> list[Row]:
    """The rows of every ``en-<lang>*.tsv`` in ``data``. A missing folder, no file for a
    required language or a file without the columns: a one-line message, exit status 2."""
    if not data.is_dir():
        _fail(f"{data}: no such folder (--data names a folder of en-<lang>*.tsv files)")
    paths = files(data, lang)
    if not paths and required:
        _fail(f"{data}: no en-{lang}*.tsv file (tab-separated, columns {', '.join(COLUMNS)})")
    rows: list[Row] = []
    for path in paths:
        rows += _read_file(path)
    return rows


def _read_file(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, [])
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            _fail(f"{path}:1: no column {', '.join(missing)} in the header (need {', '.join(COLUMNS)})")
        at = {c: header.index(c) for c in COLUMNS}
        rows = []
        for number, row in enumerate(reader, start=2):
            try:
                rows.append(Row(row[at["doc"]], int(row[at["sent"]]), row[at["en"]], row[at["target"]]))
            except (IndexError, ValueError):
                _fail(f"{path}:{number}: expected {len(header)} tab-separated fields with a number in 'sent'")
        return rows


def _fail(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(2)
