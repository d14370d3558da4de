"""glossary.csv -> terms: the English term and its required translation per language ("" = keep
the English: names, brands). Pure; stages read the file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import SourceError


@dataclass(frozen=True)
class Term:
    en: str
    targets: tuple[tuple[str, str], ...]  # (lang, translation); "" = do not translate
    note: str = ""

    def target(self, lang: str) -> str | None:
        """The required translation, the English itself for do-not-translate, None if no row."""
        for code, text in self.targets:
            if code == lang:
                return text or self.en
        return None


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def for_language(self, lang: str) -> list[tuple[str, str]]:
        """(English term, required target) pairs for a language, longest first."""
        pairs = [(t.en, target) for t in self.terms if (target := t.target(lang)) is not None]
        return sorted(pairs, key=lambda p: -len(p[0]))


def parse_glossary(text: str, path: Path | str) -> Glossary:
    """glossary.csv: a header with ``en`` and one column per language (optional ``note``).
    An empty cell in a language column means: keep the English (names, brands)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return Glossary()
    header = [h.strip() for h in rows[0]]
    if "en" not in header:
        raise SourceError(
            path, "the first row must name the columns, including 'en'", line=1, hint="e.g. en,ru,kk,note"
        )
    langs = [h for h in header if h not in ("en", "note") and h]
    terms = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SourceError(
                path,
                f"expected {len(header)} columns, found {len(row)}",
                line=number,
                hint="quote cells that contain commas",
            )
        cells = dict(zip(header, (c.strip() for c in row), strict=False))  # short rows: missing cells
        if not cells["en"]:
            raise SourceError(path, "empty 'en' cell", line=number)
        terms.append(
            Term(
                en=cells["en"],
                targets=tuple((lang, cells[lang]) for lang in langs),
                note=cells.get("note", ""),
            )
        )
    return Glossary(tuple(terms))
