"""Plain data shared by every stage. Frozen dataclasses; imports nothing of ours."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class BlockKind(StrEnum):
    """What a block is, shown to translators in the entry's extracted comment."""

    TITLE = "title"
    STANDFIRST = "standfirst"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    QUOTE = "quote"
    LIST_ITEM = "list item"
    TABLE_CELL = "table cell"
    IMAGE = "image"
    NOTE = "note"  # a Word article's footnote or endnote: after the body
    PAGE_HEADER = "page header or footer"  # a Word article's: in its Word edition only
    PAGE_TITLE = "page title"  # an HTML page's <title> or og:title: metadata, not in the text
    SUMMARY = "summary"  # the article's summary (front matter, meta description): metadata
    IMAGE_TEXT = "image text"  # an HTML image's alt text: in the page, not in the text
    IGNORED = "ignored"  # matched an ignore rule: not extracted, left out of editions


@dataclass(frozen=True)
class Segment:
    """One sentence: the unit of translation.

    ``msgid`` is what translators see (line breaks inside the sentence folded to a space);
    ``source`` is the exact text in the file, so an untranslated sentence rebuilds byte for byte.
    """

    msgid: str
    source: str


@dataclass(frozen=True)
class CellPlace:
    """Where a table cell's block is in its table (Word and Markdown tables become HTML tables):
    numbers from 0; ``column`` is the grid column; ``rows`` and ``columns`` the table's size;
    ``header``: a heading cell (a Markdown table's first row); ``align``: left, center, right or
    "" as the source says."""

    table: int
    row: int
    column: int
    colspan: int = 1
    rowspan: int = 1
    rows: int = 1
    columns: int = 1
    header: bool = False
    align: str = ""


@dataclass(frozen=True)
class Block:
    """A typed run of text. ``parts`` alternates literal text (kept as is) and segments;
    joined with identity translations they give back the block's slice of the source.
    ``links``: a numbered link tag's target where the source keeps no page to take it from
    ("a1" -> URL, Word articles); ``cell``: a table cell's place (Word and Markdown articles)."""

    kind: BlockKind
    line: int
    parts: tuple[str | Segment, ...]
    links: tuple[tuple[str, str], ...] = ()
    cell: CellPlace | None = None

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(p for p in self.parts if isinstance(p, Segment))


@dataclass(frozen=True)
class ArticleMeta:
    """What an article says about itself (front matter, HTML <meta>, Word's properties).
    ``title`` and ``summary`` are the English texts (the msgids of their entries where they are
    translated); ``date`` is as written (ISO 8601: l10n.formats.articlemeta reads it)."""

    title: str = ""
    summary: str = ""
    date: str = ""
    author: str = ""


@dataclass(frozen=True)
class Document:
    """A parsed article. For txt and md, ``head`` + every block's parts, in order, is the whole
    file; html and docx editions are made from the source file itself (``head`` is empty)."""

    slug: str
    format: str  # "txt", "md", "html" or "docx"
    head: str
    blocks: tuple[Block, ...]
    meta: ArticleMeta = ArticleMeta()


@dataclass(frozen=True)
class TemplateEntry:
    """One unique sentence of an article, with the contexts it occurs in (document order)."""

    msgid: str
    contexts: tuple[str, ...]

    @property
    def comment(self) -> str:
        return "; ".join(self.contexts)


@dataclass(frozen=True)
class Entry:
    """A catalog entry, independent of the PO library. Keeps every field a PO file can carry,
    so catalogs written by other tools survive a round trip through ours."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: tuple[tuple[int, str], ...] = ()
    flags: tuple[str, ...] = ()
    comment: str = ""  # extracted comment (#.), written by the tool
    tcomment: str = ""  # translator comment (#), written by people; survives msgmerge
    occurrences: tuple[tuple[str, str], ...] = ()
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Has a translation, as GNU msgfmt counts it: for a plural entry, its first form."""
        if self.msgid_plural:
            return bool(dict(self.msgstr_plural).get(0))
        return bool(self.msgstr)

    @property
    def has_text(self) -> bool:
        """Holds any text a person may have written (any plural form counts)."""
        return bool(self.msgstr) or any(s for _, s in self.msgstr_plural)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


@dataclass(frozen=True)
class Catalog:
    """A PO/POT file's content: header fields (ordered) and entries (file order)."""

    header: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...]
    header_comment: str = ""
    header_flags: tuple[str, ...] = ()

    def header_value(self, name: str) -> str | None:
        for key, value in self.header:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class Counts:
    entries: int = 0
    words: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.entries + other.entries, self.words + other.words)


# Every entry is in exactly one review state (see l10n/review_state.py for the rule).
ReviewState = Literal["untranslated", "draft", "needs_review", "reviewed"]
REVIEW_STATES: tuple[ReviewState, ...] = ("untranslated", "draft", "needs_review", "reviewed")
# What extract did to a file.
FileAction = Literal["created", "updated", "unchanged", "skipped"]
# How sure a check is: "error" only where a defect is near certain.
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class CatalogStats:
    """Review state of one catalog, by entries and by source words."""

    untranslated: Counts = field(default_factory=Counts)
    draft: Counts = field(default_factory=Counts)  # unedited machine drafts (fuzzy)
    needs_review: Counts = field(default_factory=Counts)  # other fuzzy entries
    reviewed: Counts = field(default_factory=Counts)

    def of(self, state: ReviewState) -> Counts:
        counts: Counts = getattr(self, state)
        return counts

    @property
    def words(self) -> int:
        """Source words of every live entry."""
        return sum(self.of(s).words for s in REVIEW_STATES)

    def reviewed_ratio(self) -> float:
        """Share of source words reviewed; an empty catalog counts as done."""
        return self.reviewed.words / self.words if self.words else 1.0

    def reaches(self, threshold: float) -> bool:
        """Whether reviewed words reach ``threshold`` % (whole words compared, not floats:
        100% means every word)."""
        return self.reviewed.words * 100 >= threshold * self.words

    def __add__(self, other: CatalogStats) -> CatalogStats:
        return CatalogStats(*(self.of(s) + other.of(s) for s in REVIEW_STATES))

    def as_json(self) -> dict[str, dict[str, int]]:
        return {
            "entries": {s: self.of(s).entries for s in REVIEW_STATES},
            "words": {s: self.of(s).words for s in REVIEW_STATES},
        }
