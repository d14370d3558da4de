"""Atom feeds (one per language) and the sitemap with hreflang alternates, written with the
standard library's XML writer: every text and attribute is escaped by ElementTree. Pure:
entries in, bytes out; the same entries give the same bytes.

URLs are absolute when the workspace sets ``[publish] site_url`` (the sitemap protocol asks for
absolute URLs); without it they are relative to the file that holds them.
"""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from l10n.xmltext import xml_text

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "xml:lang"


# A feed lists the newest articles (readers poll it for what is new; an archive's every article
# would make each poll megabytes); the sitemap lists them all.
FEED_ENTRIES = 100


@dataclass(frozen=True)
class FeedEntry:
    slug: str
    title: str
    summary: str
    author: str
    published: datetime | None
    updated: datetime
    content: str = ""  # the article's HTML, "" when not known


@dataclass(frozen=True)
class SitemapPage:
    path: str  # relative to the editions folder: "ru/story.html"
    lastmod: datetime | None
    alternates: tuple[tuple[str, str], ...]  # (hreflang, path) for every language, x-default too


def url(site: str, path: str) -> str:
    """``path`` under the site's address, or as it is when no address is configured."""
    return xml_text(site.rstrip("/") + "/" + path if site else path)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _stable_id(*parts: str) -> str:
    """An Atom id that never changes for the same article: urn:uuid: from its names."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "l10n:" + "/".join(parts)).urn


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    """A child element with text: characters XML 1.0 forbids never reach the file."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    element.text = xml_text(text)
    return element


def _day(moment: datetime) -> str:
    """A W3C date with its four-digit year (strftime writes the year 1 as "1")."""
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"


def atom_feed(
    project: str,
    lang: str,
    hreflang: str,
    title: str,
    entries: Sequence[FeedEntry],
    site: str,
    updated: datetime,
    publisher: str = "",
) -> bytes:
    """``editions/<lang>/feed.xml``: the language's ready articles, newest first. An entry's
    author is the article's; ``publisher`` (when set) is the feed's, for entries without one."""
    # The namespaces are declared on the root as attributes and names written as they appear in
    # the file: ElementTree's own prefixes would be ns0:, which readers accept but people do not.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: hreflang})
    _text(feed, "title", title)
    _text(feed, "id", url(site, f"{lang}/") if site else _stable_id(project, lang))
    newest = max((e.updated for e in entries), default=updated)
    _text(feed, "updated", _iso(newest))
    ET.SubElement(
        feed, "link", {"rel": "self", "href": url(site, f"{lang}/feed.xml") if site else "feed.xml"}
    )
    ET.SubElement(
        feed, "link", {"rel": "alternate", "href": url(site, "index.html") if site else "../index.html"}
    )
    _text(feed, "generator", "l10n")
    if publisher:
        _text(ET.SubElement(feed, "author"), "name", publisher)
    for item in entries:
        link = url(site, f"{lang}/{item.slug}.html") if site else f"{item.slug}.html"
        entry = ET.SubElement(feed, "entry", {XML_LANG: hreflang})
        _text(entry, "title", item.title)
        _text(entry, "id", link if site else _stable_id(project, lang, item.slug))
        ET.SubElement(
            entry, "link", {"rel": "alternate", "type": "text/html", "hreflang": hreflang, "href": link}
        )
        if item.published is not None:
            _text(entry, "published", _iso(item.published))
        _text(entry, "updated", _iso(item.updated))
        if item.author:
            _text(ET.SubElement(entry, "author"), "name", item.author)
        if item.summary:
            _text(entry, "summary", item.summary)
        if item.content:
            _text(entry, "content", item.content, type="html")
    return _xml(feed)


# The sitemap protocol's limit per file; a bigger archive gets a sitemap index and parts.
SITEMAP_URLS = 50_000


def sitemaps(pages: Sequence[SitemapPage], site: str, limit: int = SITEMAP_URLS) -> dict[str, bytes]:
    """File name -> content: ``sitemap.xml`` alone, or, past ``limit`` pages, ``sitemap.xml`` as
    an index of ``sitemap-1.xml``, ``sitemap-2.xml``…"""
    if len(pages) <= limit:
        return {"sitemap.xml": sitemap(pages, site)}
    parts = {
        f"sitemap-{n + 1}.xml": sitemap(pages[at : at + limit], site)
        for n, at in enumerate(range(0, len(pages), limit))
    }
    index = ET.Element("sitemapindex", {"xmlns": SITEMAP})
    for name in parts:
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = url(site, name)
    return {"sitemap.xml": _xml(index), **parts}


def sitemap(pages: Sequence[SitemapPage], site: str) -> bytes:
    """One sitemap file: every page given, with its alternates in every language."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for item in pages:
        entry = ET.SubElement(urlset, "url")
        _text(entry, "loc", url(site, item.path))
        if item.lastmod is not None:
            _text(entry, "lastmod", _day(item.lastmod))
        for hreflang, path in item.alternates:
            ET.SubElement(
                entry, "xhtml:link", {"rel": "alternate", "hreflang": hreflang, "href": url(site, path)}
            )
    return _xml(urlset)
