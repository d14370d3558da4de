"""The page an HTML article's edition is: what of the source may reach it, and writing it.

The page written is the source re-serialised here (not the parser's own output): scripts,
event handlers, ``javascript:`` URLs and SVG animation never reach an edition, every text and
attribute value is escaped, and raw-text elements are written so that a browser parses the page
back to the same tree (see docs/reliability.md, "What editions strip").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Never written to an edition: what runs code or redirects the reader.
_DROP = frozenset("script noscript template object embed applet base frame frameset".split())
# Elements whose text the HTML parser reads raw (no tags, no entities) — in the HTML namespace
# only: inside <svg> or <math> the same names hold ordinary text, and writing it raw there is the
# mutation-XSS door ("<svg><style>&lt;/style&gt;&lt;img onerror…>" would become a real <img>).
_RAW_TEXT = frozenset({"style", "xmp", "noembed", "noframes"})
_FOREIGN_ROOTS = frozenset({"svg", "math"})
# Children of these foreign elements are parsed as HTML again (the spec's integration points)…
_HTML_INSIDE_FOREIGN = frozenset("foreignobject desc title mi mo mn ms mtext annotation-xml".split())
# … but for these, which a parser reads as MathML wherever they are written (a source's table
# can make them HTML by foster parenting: the namespace confusion mutation XSS is built on).
_ALWAYS_FOREIGN = frozenset({"mglyph", "malignmark"})
# SVG animation can set any attribute, href included, to any value at run time: never kept.
_SVG_ANIMATION = frozenset({"set", "animate", "animatemotion", "animatetransform", "animatecolor"})
_URL_ATTRIBUTES = frozenset(
    "href src action formaction poster cite data background longdesc manifest ping xlink:href".split()
)
_UNSAFE_URL = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
_ATTRIBUTE_NAME = re.compile(r"[^\s\"'>/=\x00-\x1f]+")


def _tag(node: LexborNode) -> str:
    return node.tag or ""


def children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


def safe_url(value: str) -> bool:
    """A URL that does not run code: no javascript:, vbscript: or data: scheme, however it is
    spelled (browsers ignore control characters and spaces in a scheme)."""
    squeezed = re.sub(r"[\x00-\x20]+", "", html.unescape(value))
    return not _UNSAFE_URL.match(squeezed)


def safe_attributes(tag: str, attributes: Mapping[str, str | None]) -> list[tuple[str, str | None]]:
    """The attributes an edition may carry: no event handlers, no srcdoc, no URL that runs code."""
    kept = []
    for name, value in attributes.items():
        lower = name.lower()
        if not _ATTRIBUTE_NAME.fullmatch(name) or lower.startswith("on") or lower == "srcdoc":
            continue
        if lower in _URL_ATTRIBUTES and value is not None and not safe_url(value):
            continue
        kept.append((name, value))
    return kept


def start_tag(tag: str, attributes: Sequence[tuple[str, str | None]]) -> str:
    parts = [tag] + [
        name if value is None else f'{name}="{html.escape(value)}"' for name, value in attributes
    ]
    return f"<{' '.join(parts)}>"


@dataclass
class PageChanges:
    """What the edition changes in the source page."""

    lang: str  # BCP 47
    direction: str  # ltr / rtl
    head_end: str = ""  # appended to <head>: hreflang links, style for drafts
    body_start: str = ""  # prepended to the article body: a draft notice
    switcher: str = ""  # the language switcher: at the top of the article body, or …
    switcher_selector: str = ""  # … at the start of the first element this CSS selector matches
    runs: dict[int, str] = field(default_factory=dict)  # first node of a run -> its new HTML
    hidden: set[int] = field(default_factory=set)  # the other nodes of a run
    attributes: dict[int, tuple[str, str]] = field(default_factory=dict)  # meta -> (name, value)
    root: int = 0
    switcher_at: int = 0


def _replaced_link(node: LexborNode) -> bool:
    """The source's own language links and canonical URL: an edition gets its own."""
    rel = (node.attributes.get("rel") or "").lower().split()
    return node.tag == "link" and (
        "canonical" in rel or ("alternate" in rel and "hreflang" in node.attributes)
    )


def _dropped(node: LexborNode, tag: str, foreign: bool) -> bool:
    """What an edition never carries: comments, scripts and their kin, the source's own
    language links, a refresh, and SVG animation."""
    if tag == "-comment" or tag.startswith(("-", "_")) or tag in _DROP or _replaced_link(node):
        return True
    if foreign and tag.lower() in _SVG_ANIMATION:
        return True
    return tag == "meta" and (node.attributes.get("http-equiv") or "").lower() == "refresh"


def _raw_is_safe(node: LexborNode) -> bool:
    """Raw text written as it is only when it holds no "<": should a parser read the element
    as foreign content after all, such text could hold no tag. Other raw text is written
    escaped: inert whichever way it is read (a style sheet rarely has a "<")."""
    return "<" not in (node.text(deep=True) or "")


class Serializer:
    def __init__(self, changes: PageChanges) -> None:
        self.changes = changes
        self.out: list[str] = []

    def document(self, tree: LexborHTMLParser) -> str:
        if tree.root is not None:
            self.node(tree.root)
        return "".join(self.out) + "\n"

    def node(self, node: LexborNode, foreign: bool = False, raw: bool = False) -> None:
        """``foreign``: inside svg or math (not back in HTML); ``raw``: the text of an HTML
        raw-text element, written as it is (it cannot hold its own end tag: the parser ended
        the element there)."""
        tag, changes = _tag(node), self.changes
        if tag == "-text":
            text = node.text(deep=False) or ""
            self.out.append(text if raw else html.escape(text, quote=False))
            return
        if _dropped(node, tag, foreign):
            return
        attributes = self._attributes(node)
        self.out.append(start_tag(tag, attributes))
        if tag in VOID and not foreign:
            return
        if node.mem_id == changes.switcher_at:
            self.out.append(changes.switcher)
        if node.mem_id == changes.root:
            self.out.append(changes.body_start)
        lower = tag.lower()
        inner = (
            foreign or lower in _FOREIGN_ROOTS or lower in _ALWAYS_FOREIGN
        ) and lower not in _HTML_INSIDE_FOREIGN
        self.children(node, inner, raw=not foreign and tag in _RAW_TEXT and _raw_is_safe(node))
        if tag == "head":
            self.out.append(changes.head_end)
        self.out.append(f"</{tag}>")

    def children(self, node: LexborNode, foreign: bool, raw: bool) -> None:
        for child in children(node):
            ident = child.mem_id
            if ident in self.changes.runs:
                self.out.append(self.changes.runs[ident])
            elif ident not in self.changes.hidden:
                self.node(child, foreign, raw)

    def _attributes(self, node: LexborNode) -> list[tuple[str, str | None]]:
        attributes = safe_attributes(_tag(node), node.attributes)
        changed = self.changes.attributes.get(node.mem_id)
        if changed is not None:
            attributes = [(k, changed[1] if k == changed[0] else v) for k, v in attributes]
        if _tag(node) == "html":
            keep = [(k, v) for k, v in attributes if k.lower() not in ("lang", "dir", "xml:lang")]
            attributes = [("lang", self.changes.lang), ("dir", self.changes.direction), *keep]
        return attributes
