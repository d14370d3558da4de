"""Inline markup in msgids: the compact form HTML and Word articles are extracted in. Pure.

A sentence keeps its inline markup so the translator can move it with the words it belongs to
(as po4a's xhtml module keeps tags in the msgid), but in a compact form: a tag without
attributes is written as itself (``<em>…</em>``, ``<b>``, ``<br/>``), a tag with attributes by
its name and a number within its block (``<a1>…</a1>``, ``<span2>``, ``<img1/>``); the
attributes stay in the source and are put back by number when the edition is built. So a
translator never edits a URL or a class, and a translation cannot add an attribute.

In the text between tags, ``<`` before a letter or ``/`` is written ``&lt;``, so that text that
looks like a tag is never read as one; text that itself reads "&lt;" (an article about HTML) is
written ``&amp;lt;`` (the escape escaped: one more ``amp;`` per level), so the two stay distinct.
Everything else is the text as the reader sees it.

Here too: a block of compact text cut into sentences (the tags invisible to the sentence rules,
no element cut in two), for the HTML and Word readers.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from l10n.model import Block, BlockKind, Segment
from l10n.patterns import PROTECTED_TXT
from l10n.sentences import sentence_spans

# <em>, </em>, <a1>, </a1>, <br/>, <img1/>: a name in lower case letters, an optional number.
TAG = re.compile(r"<(/?)([a-z]+)(\d*)(/?)>")
NUMBERED_TAG = re.compile(r"</?[a-z]+\d+/?>")  # a tag whose attributes are in the source: <a1>
_TEXT_LT = re.compile(r"<(?=[A-Za-z/])")
_ESCAPED_LT = re.compile(r"&(?=(?:amp;)*lt;)")  # "&lt;", "&amp;lt;"… as text: escaped once more
_READ_LT = re.compile(r"&((?:amp;)*)lt;")

# Tags that are safe with no attributes: shown as themselves wherever an edition has no source
# page to take attributes from (bilingual pages, editions of Word articles).
BARE = frozenset("abbr b cite code del dfn em i ins kbd mark q s samp small strong sub sup u var".split())
VOID = frozenset({"br", "wbr", "img"})
_BARE_ANY = BARE | {"br", "wbr"}


@dataclass(frozen=True)
class Token:
    """A piece of compact text: a tag (``name`` = "a1", "em"; ``closing``/``void``) or text."""

    text: str
    name: str = ""
    closing: bool = False
    void: bool = False

    @property
    def is_tag(self) -> bool:
        return bool(self.name)

    @property
    def element(self) -> str:
        """The HTML element: "a" for "a1"."""
        return self.name.rstrip("0123456789")


def escape_text(text: str) -> str:
    """Source text as it is written between compact tags."""
    if "&" in text:
        text = _ESCAPED_LT.sub("&amp;", text)
    return _TEXT_LT.sub("&lt;", text)


def unescape_text(text: str) -> str:
    """The text between compact tags as the reader reads it: ``escape_text`` undone."""
    if "&" not in text:
        return text
    return _READ_LT.sub(lambda m: "&" + m.group(1)[4:] + "lt;" if m.group(1) else "<", text)


def tokens(text: str) -> Iterator[Token]:
    last = 0
    for match in TAG.finditer(text):
        if match.start() > last:
            yield Token(text[last : match.start()])
        closing, element, number, void = match.groups()
        if closing and void:  # "</a/>" is no tag
            yield Token(match.group(0))
        else:
            yield Token(match.group(0), element + number, bool(closing), bool(void))
        last = match.end()
    if last < len(text):
        yield Token(text[last:])


def has_markup(text: str) -> bool:
    return "<" in text and TAG.search(text) is not None


_HTML_SPACE = " \t\n\r\f"  # white space as HTML reads it: a no-break space is text
_SPACE_RUN = re.compile(f"[{_HTML_SPACE}]+")


def plain(text: str) -> str:
    """What a reader reads: tags dropped (a line break becomes a space), ``&lt;`` read back,
    white space folded as a browser folds it."""
    if "<" in text or "&" in text:
        out = [(" " if t.element == "br" else "") if t.is_tag else t.text for t in tokens(text)]
        text = unescape_text("".join(out))
    return _SPACE_RUN.sub(" ", text) if "\n" in text or "  " in text or "\t" in text else text


def paired_spans(text: str) -> list[tuple[int, int]]:
    """Spans no sentence boundary may cut: each outermost element from its opening tag to its
    closing one, and each void tag. An element left open runs to the end of the text."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in TAG.finditer(text):
        closing, element, number, void = match.groups()
        name = element + number
        if void:
            if not stack:
                spans.append(match.span())
        elif not closing:
            stack.append((name, match.start()))
        elif any(open_name == name for open_name, _ in stack):
            while stack:
                open_name, start = stack.pop()
                if open_name == name:
                    break
            if not stack:
                spans.append((start, match.end()))
    if stack:
        spans.append((stack[0][1], len(text)))
    return spans


def tag_names(text: str) -> list[str]:
    """Every tag of a compact text, as written ("<a1>", "</a1>", "<br/>"), in order."""
    return [t.text for t in tokens(text) if t.is_tag]


def balance_problems(msgid: str, msgstr: str) -> list[str]:
    """What is wrong with a translation's markup against its source: a tag missing or added,
    a closing tag before its opening one, or elements that cross."""
    problems = []
    want, got = sorted(tag_names(msgid)), sorted(tag_names(msgstr))
    missing = [t for t in set(want) if want.count(t) > got.count(t)]
    extra = [t for t in set(got) if got.count(t) > want.count(t)]
    if missing:
        problems.append(f"markup missing: {' '.join(sorted(missing))}")
    if extra:
        problems.append(f"markup not in the source: {' '.join(sorted(extra))}")
    stack: list[str] = []
    for token in tokens(msgstr):
        if not token.is_tag or token.void:
            continue
        if not token.closing:
            stack.append(token.name)
        elif not stack or stack[-1] != token.name:
            problems.append(f"</{token.name}> closes an element that is not open there")
            break
        else:
            stack.pop()
    else:
        if stack and not missing:
            problems.append(f"<{stack[-1]}> is never closed")
    return problems


def to_html(text: str, start_tags: Mapping[str, str]) -> str:
    """Compact text -> HTML. ``start_tags``: a tag's name -> its start tag as it is in the source
    ("a1" -> '<a href="…">'); a bare safe tag needs none. Everything else is text, escaped: a
    translator's "<script>" is shown, never run. The result is always well formed: a stray
    closing tag is dropped, an element left open is closed at the end."""
    out: list[str] = []
    stack: list[str] = []
    for token in tokens(text):
        start = start_tags.get(token.name) or (f"<{token.element}>" if token.name in _BARE_ANY else None)
        if not token.is_tag or start is None:
            out.append(html.escape(unescape_text(token.text), quote=False))
            continue
        if token.void or token.element in VOID:
            if not token.closing:
                out.append(start)
        elif not token.closing:
            out.append(start)
            stack.append(token.element)
            continue
        elif token.element in stack:
            while stack:
                element = stack.pop()
                out.append(f"</{element}>")
                if element == token.element:
                    break
    out.extend(f"</{element}>" for element in reversed(stack))
    return "".join(out)


# --- sentences -----------------------------------------------------------------------------------


def markup_sentence_spans(body: str) -> list[tuple[int, int]]:
    """Sentences of compact text, found in its text as a reader sees it (tags are invisible to
    the rules; a line break is a space), then mapped back: an opening tag just before a sentence
    and a closing tag just after it belong to it, and two sentences an element spans are one."""
    text: list[str] = []
    where: list[int] = []  # the compact offset of each character of ``text``
    tags: list[re.Match[str]] = []
    last = 0
    for tag in TAG.finditer(body):
        text += body[last : tag.start()]
        where += range(last, tag.start())
        if tag.group(2) in ("br", "wbr"):
            text.append(" ")
            where.append(tag.start())
        tags.append(tag)
        last = tag.end()
    text += body[last:]
    where += range(last, len(body))
    plain = "".join(text)
    found = sentence_spans(plain, [m.span() for m in PROTECTED_TXT.finditer(plain)])
    opening_end = {t.end(): t.start() for t in tags if not t.group(1)}
    closing_start = {t.start(): t.end() for t in tags if t.group(1)}
    spans: list[tuple[int, int]] = []
    for a, b in found:
        start, end = where[a], where[b - 1] + 1
        while start in opening_end:
            start = opening_end[start]
        while end in closing_start:
            end = closing_start[end]
        spans.append((start, end))
    elements = paired_spans(body)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and any(s < merged[-1][1] and e > start for s, e in elements):
            merged[-1] = (merged[-1][0], end)  # an element runs across the boundary
        else:
            merged.append((start, end))
    return merged


def markup_block(number: int, kind: BlockKind, text: str, one_segment: bool = False) -> Block:
    """A block of compact text (l10n.formats.markup) as sentences: no boundary inside an element, a
    link or an address; a msgid has its white space folded, as a browser shows it. A title or
    summary (``one_segment``) is one entry whatever its punctuation."""
    body = text.strip(_HTML_SPACE)
    lead = text[: len(text) - len(text.lstrip(_HTML_SPACE))]
    trail = text[len(lead) + len(body) :]
    spans = [(0, len(body))] if one_segment else markup_sentence_spans(body)
    parts: list[str | Segment] = [lead]
    last = 0
    for a, b in spans:
        parts += [body[last:a], Segment(msgid=_SPACE_RUN.sub(" ", body[a:b]), source=body[a:b])]
        last = b
    parts.append(body[last:] + trail)
    return Block(kind=kind, line=number, parts=tuple(p for p in parts if p != ""))


def without_broken_markup(msgid: str, msgstr: str) -> tuple[str, list[str]]:
    """A translation whose markup is wrong against its source (``balance_problems``), as the
    translation's words alone: every tag dropped, so no element is left open, crossed or
    empty, and no tag is shown as text; but the source's pictures and note references
    (``<img2/>``, ``<note3/>``) stay, each once, where the translation has them, else after its
    words: they are content, and a Word note whose reference went would be lost to readers.
    Returns (text, problems); a translation with sound markup comes back as it is, with no
    problems."""
    if "<" not in msgid and "<" not in msgstr:
        return msgstr, []
    problems = balance_problems(msgid, msgstr)
    if not problems:
        return msgstr, []
    objects = [t.text for t in tokens(msgid) if t.void and t.element not in _BREAKS]
    left = Counter(objects)
    words = []
    for token in tokens(msgstr):
        if not token.is_tag:
            words.append(token.text)
        elif token.element in _BREAKS:
            words.append(" " if token.element == "br" else "")
        elif token.text in left and left[token.text] > 0:
            left[token.text] -= 1
            words.append(token.text)
    for tag in objects:  # those the translation lost, in the source's order
        if left[tag] > 0:
            left[tag] -= 1
            words.append(tag)
    return "".join(words), problems


_BREAKS = ("br", "wbr")
