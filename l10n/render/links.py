"""Bare URLs in an edition's text made links. Pure.

An article's "More information: https://…" is a link readers expect to click. Only http(s) and
www. addresses become links (patterns.URL: the one URL pattern segmentation and checks use), so
a link made here can never carry a script.
"""

from __future__ import annotations

import html
import re

from l10n.patterns import URL_RE

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_ENTITY_TAIL = re.compile(r"&[a-z]+$")  # "…/x&gt" cut mid-entity: the entity is not the URL's


def _anchor(address: str) -> str:
    target = address if address.lower().startswith("http") else "https://" + address
    return f'<a href="{html.escape(target)}">{html.escape(address, quote=False)}</a>'


def linked_text(text: str) -> str:
    """Plain text as HTML: escaped, its bare URLs links."""
    out, last = [], 0
    for match in URL_RE.finditer(text):
        out += [html.escape(text[last : match.start()], quote=False), _anchor(match.group(0))]
        last = match.end()
    return "".join(out) + html.escape(text[last:], quote=False)


def linkify(fragment: str) -> str:
    """An HTML fragment (ours: well formed, escaped) with the bare URLs of its text, outside
    links, made links."""
    if "http" not in fragment and "www." not in fragment:
        return fragment
    out: list[str] = []
    depth = 0
    for part in _TAG_OR_TEXT.split(fragment):
        if part.startswith("<"):
            lowered = part.lower()
            depth += 1 if re.match(r"<a[\s>]", lowered) else -1 if lowered.startswith("</a") else 0
            out.append(part)
        elif depth > 0 or not part:
            out.append(part)
        else:
            out.append(_linkify_text(part))
    return "".join(out)


def _linkify_text(escaped: str) -> str:
    out, last = [], 0
    for match in URL_RE.finditer(escaped):
        found = match.group(0)
        tail = _ENTITY_TAIL.search(found)
        end = match.start() + (tail.start() if tail else len(found))
        out += [escaped[last : match.start()], _anchor(html.unescape(escaped[match.start() : end]))]
        last = end
    return "".join(out) + escaped[last:]
