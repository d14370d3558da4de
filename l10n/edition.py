"""Documents + catalogs -> Editions. Pure: the build re-parses the source and looks every
sentence up in its catalog (no positions in PO files, as Sphinx and po4a do).

Which text a sentence gets:
- a reviewed translation (not fuzzy), always;
- with ``include_drafts``, a fuzzy one (machine draft or re-sync guess), marked as a draft;
- otherwise the English source, counted as a fallback.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

# Imported here, not where used: build forks its workers after importing this module, so Babel's
# number formatting is loaded once, not once per worker.
from babel.numbers import format_decimal

from l10n.drafts import converted
from l10n.formats import markup
from l10n.language.languages import derive_text, derived_base
from l10n.model import Block, BlockKind, Catalog, CellPlace, Document, Entry, Segment
from l10n.segment import rebuild

# Source formats whose sentences carry compact inline markup (l10n.formats.markup).
MARKUP_FORMATS = frozenset({"html", "docx"})
# Blocks that are not the article's running text: its metadata (shown in <title> and <meta>) and
# images' alt texts; a Word article's headers and footers (in its Word edition only).
META_KINDS = frozenset({BlockKind.PAGE_TITLE, BlockKind.SUMMARY, BlockKind.IMAGE_TEXT, BlockKind.PAGE_HEADER})

# Where an edition's sentence came from. "draft" (the value, used as a CSS class) is any
# unreviewed text here, machine draft or re-sync guess alike: review's "draft" state is narrower.
REVIEWED, UNREVIEWED, SOURCE = "reviewed", "draft", "source"


NOTICE = {
    "en": "Machine-translated draft, not reviewed.",
    "ru": "Машинный перевод: черновик, не проверен редактором.",
    "kk": "Машиналық аударма: жоба, редактор тексермеген.",
}


# The line a corrected edition carries, with the date of the correction.
UPDATED = {"en": "Updated {date}", "ru": "Обновлено {date}", "kk": "Жаңартылды {date}"}
CREDIT = {"en": "Translation: {names}", "ru": "Перевод: {names}", "kk": "Аударған: {names}"}


def updated_line(lang: str, date: str) -> str:
    """ "Обновлено 29 ноября 2026 г.": ``date`` already in the language's own format."""
    base = derived_base(lang)
    if base is not None:
        return derive_text(lang, UPDATED.get(base, UPDATED["en"]).format(date=date))
    return UPDATED.get(lang, UPDATED["en"]).format(date=date)


def credit_line(lang: str, names: Sequence[str]) -> str:
    """ "Перевод: aigerim, dana": who signed the edition's sentences off; "" for nobody."""
    if not names:
        return ""
    base = derived_base(lang)
    if base is not None:
        return derive_text(lang, CREDIT.get(base, CREDIT["en"]).format(names=", ".join(names)))
    return CREDIT.get(lang, CREDIT["en"]).format(names=", ".join(names))


def notice_for(lang: str) -> str:
    if lang in NOTICE:
        return NOTICE[lang]
    base = derived_base(lang)
    if base is not None:
        return derive_text(lang, NOTICE.get(base, NOTICE["en"]))
    return NOTICE["en"]


class Piece(NamedTuple):
    """One sentence of an edition: its text and where the text came from. (A named tuple: an
    archive's build makes millions, and a frozen dataclass costs three times as much to create.)"""

    text: str
    state: str  # reviewed, draft or source
    source: str  # the English sentence


@dataclass(frozen=True)
class EditionBlock:
    kind: BlockKind
    pieces: tuple[Piece, ...]
    separators: tuple[str, ...]  # literal text between pieces (spaces, line breaks)
    links: tuple[tuple[str, str], ...] = ()  # the source block's link targets ("a1" -> URL)
    cell: CellPlace | None = None  # a table cell's place in its table
    lead: str = ""  # literal text before the first piece and after the last: layout, or a
    tail: str = ""  # Word note's mark or a picture's tag that no sentence holds

    def join(self, values: Sequence[str]) -> str:
        """One value per piece, joined with the block's separators."""
        out = [values[0]]
        for sep, value in zip(self.separators, values[1:], strict=True):
            out += [sep, value]
        return "".join(out)

    def text(self) -> str:
        return self.join([p.text for p in self.pieces])

    def source_text(self) -> str:
        return self.join([p.source for p in self.pieces])


@dataclass(frozen=True)
class Edition:
    slug: str
    lang: str
    source_format: str
    body: str  # a txt or md article in its own format, translated (html, docx: their compact text)
    states: tuple[str, ...]  # where each sentence's text came from, in order (REVIEWED, ...)
    document: Document
    chosen: Mapping[str, tuple[str, str]]  # msgid -> (text, state)
    updated: str = ""  # "Обновлено 29 ноября 2026 г." on a corrected edition, else ""
    credit: str = ""  # "Перевод: aigerim" with [publish] credit = true, else ""

    @property
    def includes_drafts(self) -> bool:
        """Some sentence is an unreviewed draft: the edition must say so."""
        return UNREVIEWED in self.states

    @functools.cached_property
    def blocks(self) -> tuple[EditionBlock, ...]:
        """The edition block by block (HTML and the block-wise renderers need it; a plain-text
        or Markdown edition of a same-format source is its body alone, so it is made on demand)."""
        return tuple(
            _edition_block(block, lambda segment: self.chosen[segment.msgid])
            for block in self.document.blocks
            if block.kind is not BlockKind.IGNORED
        )

    @property
    def title(self) -> str:
        """The article's title in this edition: its metadata's, else the first heading's."""
        found = self.meta_text(self.document.meta.title)
        if found:
            return found
        for block in self.blocks:
            if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
                return self.plain(block.text())
        return self.slug

    @property
    def summary(self) -> str:
        """The article's summary in this edition: its metadata's, else its standfirst."""
        found = self.meta_text(self.document.meta.summary)
        if found:
            return found
        for block in self.blocks:
            if block.kind is BlockKind.STANDFIRST:
                return self.plain(block.text())
        return ""

    def meta_text(self, msgid: str) -> str:
        """A metadata text (title, summary) in this edition, as plain text."""
        if not msgid:
            return ""
        return self.plain(self.chosen[msgid][0] if msgid in self.chosen else msgid)

    def plain(self, text: str) -> str:
        """A sentence as text: an HTML or Word article's inline markup dropped."""
        return markup.plain(text) if self.source_format in MARKUP_FORMATS else text

    def count(self, state: str) -> int:
        return self.states.count(state)


_MAYBE_GROUPED = re.compile(r"\d[.,]\d")  # cheap pre-test: most sentences have no such number
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]*\d)|(?<![\d.,])\d+\.\d+(?![\d.])")


def localise_numbers(text: str, source: str, locale: str) -> str:
    """Numbers the translator left as the English digits ("100,000", "3.5") are written in the
    target locale's style ("100 000", "3,5"); plain integers such as years are left alone."""

    def convert(match: re.Match[str]) -> str:
        digits = match.group(0)
        if digits not in source:
            return digits  # the translator wrote this number: theirs to format
        return _localised(digits, locale)

    return _GROUPED.sub(convert, text) if _MAYBE_GROUPED.search(text) else text


def warm_locales(locales: Iterable[str]) -> None:
    """Load the locales' number formats now: a build forks its workers after this, and each
    would otherwise load Babel's locale data again (~15 ms each)."""
    for locale in locales:
        _localised("1,000.5", locale)


@functools.lru_cache(maxsize=4096)
def _localised(digits: str, locale: str) -> str:
    """English digits ("100,000", "3.5") in the locale's style (an archive repeats its numbers)."""
    value = digits.replace(",", "")
    places = len(value.split(".")[1]) if "." in value else 0
    return format_decimal(float(value), format=f"#,##0.{'0' * places}" if places else "#,##0", locale=locale)


def choose(entry: Entry | None, include_drafts: bool) -> tuple[str, str] | None:
    """(text, state) for a catalog entry, or None when the source must be used."""
    if entry is None or not entry.translated or entry.msgid_plural:
        return None
    if not entry.fuzzy:
        return entry.msgstr, REVIEWED
    if include_drafts:
        return entry.msgstr, UNREVIEWED
    return None


def derive_catalog(base: Catalog, lang: str, language_name: str) -> Catalog:
    """A derived language's catalog (kk_Latn from kk): every text converted, states kept."""
    entries = tuple(
        converted(e, lambda text: derive_text(lang, text)) for e in base.entries if not e.obsolete
    )
    base_lang = derived_base(lang) or ""
    header = tuple(
        (k, lang if k == "Language" else language_name if k == "Language-Team" else v)
        for k, v in base.header
        if k != "X-Derived-From"
    ) + (("X-Derived-From", base_lang),)
    comment = (
        f"Generated by l10n build from the {base_lang} catalog by transliteration. "
        f"Do not edit: edit {base_lang}."
    )
    return Catalog(header=header, entries=entries, header_comment=comment)


def make_edition(
    document: Document, entries: Iterable[Entry], lang: str, locale: str, include_drafts: bool
) -> Edition:
    table: Mapping[str, Entry] = {e.msgid: e for e in entries if not e.obsolete and e.msgctxt is None}
    chosen: dict[str, tuple[str, str]] = {}

    def pick(segment: Segment) -> tuple[str, str]:
        if segment.msgid not in chosen:
            found = choose(table.get(segment.msgid), include_drafts)
            if found is None or found[0] == segment.msgid:
                chosen[segment.msgid] = (segment.source, SOURCE if found is None else found[1])
            else:
                chosen[segment.msgid] = (localise_numbers(found[0], segment.msgid, locale), found[1])
        return chosen[segment.msgid]

    body = rebuild(document, lambda segment: pick(segment)[0], drop_ignored=True)
    states = tuple(
        chosen[segment.msgid][1]
        for block in document.blocks
        if block.kind is not BlockKind.IGNORED
        for segment in block.segments
    )
    return Edition(document.slug, lang, document.format, body, states, document, chosen)


def source_edition(document: Document) -> Edition:
    """The English article as an edition of its own (the page hreflang's x-default points to)."""
    chosen = {s.msgid: (s.source, REVIEWED) for b in document.blocks for s in b.segments}
    body = rebuild(document, drop_ignored=True)
    states = tuple(REVIEWED for b in document.blocks if b.kind is not BlockKind.IGNORED for _ in b.segments)
    return Edition(document.slug, "en", document.format, body, states, document, chosen)


def _edition_block(block: Block, pick: Callable[[Segment], tuple[str, str]]) -> EditionBlock:
    pieces: list[Piece] = []
    separators: list[str] = []
    pending = lead = ""
    for part in block.parts:
        if isinstance(part, str):
            pending += part
            continue
        if pieces:
            separators.append(" " if "\n" in pending or not pending else pending)
        else:
            lead = pending
        text, state = pick(part)
        pieces.append(
            Piece(text=text.replace("\n", " ") if state == SOURCE else text, state=state, source=part.msgid)
        )
        pending = ""
    return EditionBlock(block.kind, tuple(pieces), tuple(separators), block.links, block.cell, lead, pending)
