"""What a build publishes, as readers, feed readers and search engines get it (issues 28 and 29):
drafts withdrawn, partial builds, broken markup, switchers, absolute links, authors, links in
text, the index, bilingual navigation, failing formats, and metadata that XML cannot carry.

Everything through the real CLI on a workspace made by `l10n init`."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from l10n.po.files import load_catalog

from .conftest import po, run_l10n
from .test_publisher import CMS, EPOCH, _dom, _parse, new_workspace, ru_text, translate

CMS_SLUG = CMS.stem
SITE = "https://news.example.kz/editions/"
TEACHERS = """Date: 2012-06-14
Author: Peter Taaffe

Teachers protest in Shymkent

Teachers demand higher pay

Teachers gathered outside the city hall on Thursday. They asked for a pay rise of 20%.

More information: https://union.example.kz/shymkent
"""
MINERS = """---
title: Miners strike in Karaganda
date: 2011-09-14
---

Miners walked out over unpaid wages on Monday. They say wages have not been paid since June.
"""
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def kk_text(msgid: str) -> str:
    return "Аударма: " + msgid


def articles_ws(tmp_path: Path, *names: str) -> Path:
    """A workspace with the named articles (teachers.txt, miners.md, the CMS page), extracted."""
    root = new_workspace(tmp_path)
    texts = {"teachers.txt": TEACHERS, "miners.md": MINERS}
    for name in names:
        if name == CMS.name:
            shutil.copy(CMS, root / "source_texts" / name)
        else:
            (root / "source_texts" / name).write_text(texts[name], encoding="utf-8")
    run_l10n("extract", cwd=root)
    return root


def set_publish(root: Path, lines: str) -> None:
    config = root / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("[publish]\n", f"[publish]\n{lines}\n"), encoding="utf-8"
    )


def hreflangs(page: Path) -> list[tuple[str, str]]:
    tree = _parse(page)
    return [
        (link.attributes["hreflang"] or "", link.attributes["href"] or "")
        for link in tree.css('link[rel="alternate"]')
    ]


def switcher(page: Path, css: str = "nav.languages") -> list[str]:
    """The languages a page's switcher offers (hreflang of its links, the current one as "*")."""
    nav = _parse(page).css_first(css)
    assert nav is not None, f"{page}: no {css}"
    return [a.attributes.get("hreflang") or "" for a in nav.css("a[hreflang]")] + ["*"] * len(
        nav.css("strong")
    )


def sitemap_locs(editions: Path) -> list[str]:
    root = ET.parse(editions / "sitemap.xml").getroot()
    return sorted(u.findtext("s:loc", namespaces=NS) or "" for u in root.findall("s:url", NS))


# --- 28.4: a build publishes exactly what is ready ---------------------------------------------


def test_a_plain_build_withdraws_the_draft_editions_a_drafts_build_published(tmp_path: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    root = articles_ws(tmp_path, "teachers.txt")
    translate(root, "ru", "teachers", ru_text)
    translate(root, "kk", "teachers", kk_text, fuzzy=True)  # 0% reviewed
    run_l10n("build", "--include-drafts", cwd=root)
    editions = root / "editions"
    drafts = [editions / lang / "teachers.html" for lang in ("kk", "kk_Latn")] + [
        editions / "bilingual" / "kk" / "teachers.html"
    ]
    for page in drafts:
        assert '<meta name="robots" content="noindex">' in page.read_text(encoding="utf-8"), page
    assert "noindex" not in (editions / "ru" / "teachers.html").read_text(encoding="utf-8")
    assert sitemap_locs(editions) == ["en/teachers.html", "ru/teachers.html"]  # drafts never listed
    assert feedparser.parse((editions / "kk" / "feed.xml").read_bytes()).entries == []

    result = run_l10n("build", cwd=root)
    assert "withdrawn  teachers · kk: draft edition withdrawn" in result.stdout
    left = sorted(str(p.relative_to(editions)) for p in editions.rglob("teachers.*"))
    assert left == [
        "bilingual/ru/teachers.html",
        "en/teachers.html",
        "ru/teachers.html",
        "ru/teachers.md",
        "ru/teachers.txt",
    ]
    assert sitemap_locs(editions) == ["en/teachers.html", "ru/teachers.html"]
    index = (editions / "index.html").read_text(encoding="utf-8")
    assert "kk/teachers.html" not in index and "kk_Latn/teachers.html" not in index
    assert switcher(editions / "ru" / "teachers.html") == ["en", "*"]
    assert [lang for lang, _ in hreflangs(editions / "en" / "teachers.html")] == ["en", "ru", "x-default"]

    # Keep-last-good: an edition that was ready and lost readiness keeps its last good version.
    before = (editions / "ru" / "teachers.html").read_bytes()
    translate(root, "ru", "teachers", lambda m: "Новое: " + m, fuzzy=True)
    result = run_l10n("build", cwd=root)
    assert "skipped  teachers · ru" in result.stdout
    assert (editions / "ru" / "teachers.html").read_bytes() == before
    assert sitemap_locs(editions) == ["en/teachers.html", "ru/teachers.html"]


def test_a_cms_draft_page_says_noindex_and_goes_with_the_next_plain_build(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, CMS.name)
    translate(root, "ru", CMS_SLUG, ru_text, fuzzy=True)
    run_l10n("build", "--lang", "ru", "--include-drafts", cwd=root)
    page = root / "editions" / "ru" / f"{CMS_SLUG}.html"
    robots = [m.attributes.get("content") for m in _parse(page).css('meta[name="robots"]')]
    assert robots == ["noindex"]
    assert hreflangs(root / "editions" / "en" / f"{CMS_SLUG}.html") == [
        ("en", f"../en/{CMS_SLUG}.html"),
        ("x-default", f"../en/{CMS_SLUG}.html"),
    ]
    run_l10n("build", "--lang", "ru", cwd=root)
    assert not page.exists() and not (root / "editions" / "bilingual" / "ru" / f"{CMS_SLUG}.html").exists()
    assert sitemap_locs(root / "editions") == [f"en/{CMS_SLUG}.html"]


# --- 28.5: partial builds agree with full ones ----------------------------------------------------


def test_a_partial_build_gives_the_same_alternates_and_switchers_as_a_full_one(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, "teachers.txt", CMS.name)
    for slug in ("teachers", CMS_SLUG):
        translate(root, "ru", slug, ru_text)
        translate(root, "kk", slug, kk_text)
    run_l10n("build", cwd=root, env=EPOCH)
    editions = root / "editions"
    pages = [
        editions / lang / f"{slug}.html" for slug in ("teachers", CMS_SLUG) for lang in ("en", "ru", "kk")
    ]
    full = {page: page.read_bytes() for page in pages}
    assert [lang for lang, _ in hreflangs(editions / "ru" / "teachers.html")] == [
        "en",
        "ru",
        "kk",
        "kk-Latn",
        "x-default",
    ]
    for slug in ("teachers", CMS_SLUG):
        run_l10n("build", slug, "--lang", "ru", cwd=root, env=EPOCH)
    for page in pages:
        assert page.read_bytes() == full[page], f"{page} differs after a partial build"
    # A draft edition published earlier is in a partial build's switchers too (not in hreflang).
    translate(root, "kk", "teachers", kk_text, fuzzy=True)
    run_l10n("build", "teachers", "--lang", "kk", "--include-drafts", cwd=root, env=EPOCH)
    run_l10n("build", "teachers", "--lang", "ru", cwd=root, env=EPOCH)
    assert switcher(editions / "ru" / "teachers.html") == ["en", "kk", "kk-Latn", "*"]
    assert [lang for lang, _ in hreflangs(editions / "ru" / "teachers.html")] == [
        "en",
        "ru",
        "kk-Latn",
        "x-default",
    ]


def test_a_language_a_partial_build_publishes_is_linked_from_the_other_pages(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, "teachers.txt")
    translate(root, "kk", "teachers", kk_text)
    translate(root, "ru", "teachers", ru_text, fuzzy=True)  # not ready yet
    run_l10n("build", cwd=root, env=EPOCH)
    editions = root / "editions"
    kk = editions / "kk" / "teachers.html"
    assert [lang for lang, _ in hreflangs(kk)] == ["en", "kk", "kk-Latn", "x-default"]
    translate(root, "ru", "teachers", ru_text)
    run_l10n("build", "teachers", "--lang", "ru", cwd=root, env=EPOCH)
    assert [lang for lang, _ in hreflangs(kk)] == ["en", "ru", "kk", "kk-Latn", "x-default"]
    after_partial = {p: p.read_bytes() for p in editions.rglob("*.html")}
    run_l10n("build", cwd=root, env=EPOCH)
    assert {
        p: p.read_bytes() for p in editions.rglob("*.html")
    } == after_partial  # as a full build makes them


# --- 28.6: broken markup ------------------------------------------------------------------------


LINKED = "The agreement was signed at the offices of <a1>Ozenmunaigas</a1> in Zhanaozen."


def test_broken_markup_is_published_as_words_with_a_warning_and_strict_refuses(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, CMS.name)
    dropped = "В Жанаозене в офисе «Озенмунайгаза» подписано соглашение."
    translate(root, "ru", CMS_SLUG, lambda m: dropped if m == LINKED else ru_text(m))
    check = run_l10n("check", CMS_SLUG, "--lang", "ru", cwd=root, check=False)
    assert "markup" in check.stdout
    result = run_l10n("build", "--lang", "ru", cwd=root)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {CMS_SLUG} · ru: {LINKED[:59] + '…'!r}: markup missing: </a1> <a1>; "
        "published without its tags (l10n check shows it)"
    ]
    page = (root / "editions" / "ru" / f"{CMS_SLUG}.html").read_text(encoding="utf-8")
    assert dropped in page and "a1" not in page
    strict = run_l10n("build", "--lang", "ru", "--strict", cwd=root, check=False)
    assert strict.returncode == 2 and "Traceback" not in strict.stderr
    errors = [line for line in strict.stderr.splitlines() if line.startswith("error:")]
    assert (
        len(errors) == 1
        and "broken markup (--strict)" in errors[0]
        and "markup missing: </a1> <a1>" in errors[0]
    )


# --- 28.7 and 28.8: the switcher of CMS editions, absolute links and canonical -------------------


def test_cms_editions_get_a_switcher_at_the_top_of_the_article_or_where_configured(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, CMS.name)
    translate(root, "ru", CMS_SLUG, ru_text)
    translate(root, "kk", CMS_SLUG, kk_text)
    run_l10n("build", cwd=root)
    editions = root / "editions"
    for lang in ("en", "ru", "kk"):
        page = editions / lang / f"{CMS_SLUG}.html"
        article = _parse(page).css_first("article")
        first = article.child
        while first is not None and first.tag == "-text":
            first = first.next
        assert (
            first is not None
            and first.tag == "nav"
            and "l10n-languages" in (first.attributes.get("class") or "")
        )
        offered = switcher(page, "nav.l10n-languages")
        assert sorted(offered) == sorted({"en", "ru", "kk", "kk-Latn"} - {lang} | {"*"}), (lang, offered)
        for a in _parse(page).css("nav.l10n-languages a"):
            assert (page.parent / (a.attributes.get("href") or "")).resolve().is_file()
    set_publish(root, 'switcher_selector = "header.site-header"')
    run_l10n("build", "--lang", "ru", cwd=root)
    tree = _parse(editions / "ru" / f"{CMS_SLUG}.html")
    assert tree.css_first("header.site-header nav.l10n-languages") is not None
    assert tree.css_first("article nav.l10n-languages") is None
    config = root / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"header.site-header"', '"[[["'), encoding="utf-8"
    )
    bad = run_l10n("build", cwd=root, check=False)
    assert bad.returncode == 2 and "switcher_selector" in bad.stderr and "Traceback" not in bad.stderr


def test_with_site_url_hreflang_links_are_absolute_and_each_edition_is_canonical(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, "teachers.txt", CMS.name)
    set_publish(root, f'site_url = "{SITE}"')
    for slug in ("teachers", CMS_SLUG):
        translate(root, "ru", slug, ru_text)
    run_l10n("build", cwd=root)
    editions = root / "editions"
    for slug in ("teachers", CMS_SLUG):
        for lang in ("en", "ru"):
            page = editions / lang / f"{slug}.html"
            links = hreflangs(page)
            assert links and all(href.startswith(SITE) for _, href in links), links
            assert dict(links)["x-default"] == f"{SITE}en/{slug}.html"
            canonical = [link.attributes["href"] for link in _parse(page).css('link[rel="canonical"]')]
            assert canonical == [f"{SITE}{lang}/{slug}.html"]  # the CMS's own canonical replaced


# --- 28.9: authors, summaries and content in feeds --------------------------------------------------


def test_authors_are_shown_and_feeds_invent_none(tmp_path: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    root = articles_ws(tmp_path, "teachers.txt", "miners.md")
    for slug in ("teachers", "miners"):
        translate(root, "ru", slug, ru_text)
    run_l10n("build", "--lang", "ru", cwd=root, env=EPOCH)
    editions = root / "editions"
    byline = _parse(editions / "ru" / "teachers.html").css_first("p.byline")
    assert byline is not None and byline.text() == "Peter Taaffe"
    feed_bytes = (editions / "ru" / "feed.xml").read_bytes()
    feed = feedparser.parse(feed_bytes)
    assert not feed.bozo
    entries = {e.link: e for e in feed.entries}
    teachers, miners = entries["teachers.html"], entries["miners.html"]
    assert teachers.author == "Peter Taaffe"
    assert "author" not in miners and b"<name>l10n</name>" not in feed_bytes
    assert teachers.summary == "Перевод: Teachers demand higher pay"  # the standfirst
    assert teachers.content[0].type == "text/html"
    assert "<h1>Перевод: Teachers protest in Shymkent</h1>" in teachers.content[0].value
    assert "Перевод: Miners walked out" in miners.content[0].value
    set_publish(root, 'publisher = "Steppe Herald"')
    run_l10n("build", "--lang", "ru", cwd=root, env=EPOCH)
    feed = feedparser.parse((editions / "ru" / "feed.xml").read_bytes())
    assert feed.feed.author == "Steppe Herald"
    assert {e.link: e.get("author") for e in feed.entries}["teachers.html"] == "Peter Taaffe"


# --- 28.10: addresses in text ------------------------------------------------------------------------


def test_bare_urls_become_links_and_a_label_url_line_is_a_paragraph(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, "teachers.txt")
    comments = {e.msgid: e.comment for e in load_catalog(po(root, "ru", "teachers")).entries}
    assert comments["More information: https://union.example.kz/shymkent"] == "paragraph"
    translate(
        root,
        "ru",
        "teachers",
        lambda m: m.replace("More information", "Подробнее") if "https" in m else ru_text(m),
    )
    run_l10n("build", "--lang", "ru", cwd=root)
    tree = _parse(root / "editions" / "ru" / "teachers.html")
    link = tree.css_first('main a[href="https://union.example.kz/shymkent"]')
    assert link is not None and link.text() == "https://union.example.kz/shymkent"
    assert (
        link.parent is not None
        and link.parent.tag == "p"
        and "caption" not in (link.parent.attributes.get("class") or "")
    )


PRICES = """# Bread prices in Almaty

Prices rose in March.

| Item | Price | Change |
| :--- | ---: | :---: |
| Bread | 250 tenge | Higher |
| Milk | | Lower |

The table shows the prices.
"""


def test_a_markdown_table_is_a_table_in_the_html_edition(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    (root / "source_texts" / "prices.md").write_text(PRICES, encoding="utf-8")
    run_l10n("extract", cwd=root)
    translate(root, "ru", "prices", ru_text)
    run_l10n("build", "--lang", "ru", cwd=root)
    tree = _parse(root / "editions" / "ru" / "prices.html")
    assert not tree.css("main li"), "cells published as a list"
    rows = tree.css("main table tr")
    cells = [[(c.tag, c.text(), c.attributes.get("style") or "") for c in row.css("th, td")] for row in rows]
    assert [[(tag, text) for tag, text, _ in row] for row in cells] == [
        [("th", ru_text("Item")), ("th", ru_text("Price")), ("th", ru_text("Change"))],
        [("td", ru_text("Bread")), ("td", ru_text("250 tenge")), ("td", ru_text("Higher"))],
        [("td", ru_text("Milk")), ("td", ""), ("td", ru_text("Lower"))],
    ]
    assert [style.rsplit("text-align:", 1)[1] for _, _, style in cells[2]] == ["left", "right", "center"]
    paragraphs = [p.text() for p in tree.css("main p")]
    assert paragraphs.index(ru_text("Prices rose in March.")) < paragraphs.index(
        ru_text("The table shows the prices.")
    )
    markdown = (root / "editions" / "ru" / "prices.md").read_text(encoding="utf-8")
    assert f"| {ru_text('Bread')} | {ru_text('250 tenge')} | {ru_text('Higher')} |" in markdown


# --- 28.11 and 28.12: the index and bilingual navigation ---------------------------------------------


def test_index_names_languages_and_bilingual_pages_link_each_other(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, "teachers.txt")
    translate(root, "ru", "teachers", ru_text)
    translate(root, "kk", "teachers", kk_text)
    run_l10n("build", cwd=root)
    editions = root / "editions"
    index = _parse(editions / "index.html")
    assert [th.text() for th in index.css("thead th")] == ["article", "Russian", "Kazakh", "Kazakh (Latin)"]
    assert [a.text() for a in index.css('td a[hreflang="kk-Latn"]')] == ["Kazakh (Latin)"]
    for lang in ("ru", "kk", "kk_Latn"):
        page = editions / "bilingual" / lang / "teachers.html"
        nav = _parse(page).css_first("nav.languages")
        hrefs = [a.attributes.get("href") or "" for a in nav.css("a")]
        assert "../../index.html" in hrefs and f"../../{lang}/teachers.html" in hrefs
        others = {f"../{other}/teachers.html" for other in ("ru", "kk", "kk_Latn") if other != lang}
        assert others <= set(hrefs), (lang, hrefs)
        for href in hrefs:
            assert (page.parent / href).resolve().is_file(), href


# --- 28.16: a format that fails ----------------------------------------------------------------------


def test_an_article_that_cannot_be_read_is_one_line_and_the_others_are_built(tmp_path: Path) -> None:
    root = articles_ws(tmp_path, "teachers.txt")
    translate(root, "ru", "teachers", ru_text)
    (root / "source_texts" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run_l10n("build", "--lang", "ru", cwd=root, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "broken.docx" in errors[0] and "Word" in errors[0], result.stderr
    assert (root / "editions" / "ru" / "teachers.html").is_file()
    assert "cannot read the article" in (root / "editions" / "index.html").read_text(encoding="utf-8")


def test_a_format_writer_that_fails_names_the_article(tmp_path: Path) -> None:
    from l10n.config import Language
    from l10n.edition import source_edition
    from l10n.errors import SourceError
    from l10n.formats.docx import parse_docx
    from l10n.stages.article_pages import BuildSettings, render_pages
    from l10n.workspace import load_workspace

    from .test_publisher import _make_docx

    root = new_workspace(tmp_path)
    source = root / "source_texts" / "story.docx"
    _make_docx(source)
    edition = source_edition(parse_docx("story", source.read_bytes()))
    settings = BuildSettings(
        load_workspace(root),
        (),
        ("docx",),
        False,
        root / "editions",
        __import__("datetime").datetime.now(),
        {},
    )
    with pytest.raises(SourceError) as failed:  # the writer gets bytes that are not that document
        render_pages(settings, edition, Language("ru"), [], source, b"PK\x03\x04 truncated")
    assert str(failed.value).startswith(f"{source}: its ru edition could not be written")


# --- 29.8, 29.9, 29.10, 29.14: metadata and text that XML and HTML must carry -------------------------


def test_a_vertical_tab_in_a_header_line_cuts_nothing(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    text = (
        "Author: Peter Taaffe\x0b\nDate: 2012-06-14\n\n"
        "Title of the story\n\nA line\x0bbroken by Word. Another sentence here today.\n"
    )
    (root / "source_texts" / "vt.txt").write_text(text, encoding="utf-8")
    run_l10n("extract", cwd=root)
    ids = [e.msgid for e in load_catalog(po(root, "ru", "vt")).entries if e.msgid]
    assert ids[0] == "Title of the story" and "A line broken by Word." in ids
    translate(root, "ru", "vt", lambda m: m)
    run_l10n("build", "--lang", "ru", "--format", "txt,html", cwd=root)
    page = (root / "editions" / "ru" / "vt.html").read_text(encoding="utf-8")
    assert "<title>Title of the story</title>" in page and '<p class="byline">Peter Taaffe</p>' in page
    assert (root / "editions" / "ru" / "vt.txt").read_text(encoding="utf-8") == text  # byte for byte


def test_control_characters_and_year_one_never_make_xml_outputs_ill_formed(tmp_path: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    root = new_workspace(tmp_path)
    md = (
        '---\ntitle: "Bad\x01 title\x1b[31m"\nauthor: "Ann\x02 Lee"\ndate: 0001-01-01\n---\n\n'
        "Text of the article goes here.\n"
    )
    (root / "source_texts" / "ctl.md").write_text(md, encoding="utf-8")
    run_l10n("extract", cwd=root)
    translate(root, "ru", "ctl", lambda m: m)
    run_l10n("build", "--lang", "ru", cwd=root)
    editions = root / "editions"
    for path in (editions / "ru" / "feed.xml", editions / "sitemap.xml"):
        ET.parse(path)  # well-formed: raises if not
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", path.read_bytes()), path
    feed = feedparser.parse((editions / "ru" / "feed.xml").read_bytes())
    assert not feed.bozo and feed.entries[0].title == "Bad title[31m" and feed.entries[0].author == "Ann Lee"
    lastmod = ET.parse(editions / "sitemap.xml").getroot().findall(".//s:lastmod", NS)
    assert [m.text for m in lastmod] == ["0001-01-01", "0001-01-01"]  # four-digit years


def test_a_control_character_in_a_translation_never_reaches_word_properties(tmp_path: Path) -> None:
    import docx

    from .test_publisher import _make_docx

    root = new_workspace(tmp_path)
    _make_docx(root / "source_texts" / "pipeline.docx")
    run_l10n("extract", cwd=root)
    translate(
        root,
        "ru",
        "pipeline",
        lambda m: "Новый\x01 газопровод\x0b доставит газ." if m.startswith("A new pipeline") else m,
    )
    run_l10n("build", "--lang", "ru", "--format", "docx", cwd=root)
    edition = docx.Document(str(root / "editions" / "ru" / "pipeline.docx"))
    assert edition.core_properties.comments == "Новый газопровод  доставит газ."


def test_a_meta_date_that_is_not_iso_is_one_line_at_extract(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    page = CMS.read_text(encoding="utf-8").replace("2011-09-14T09:30:00+06:00", "Sept 14, 2011")
    (root / "source_texts" / "dated.html").write_text(page, encoding="utf-8")
    result = run_l10n("extract", cwd=root, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "dated.html: the date 'Sept 14, 2011' is not a date l10n can read" in result.stderr
    assert "YYYY-MM-DD" in result.stderr
    # A <time> that is no date (a time of day, a duration) is not the article's date: none is taken.
    page = CMS.read_text(encoding="utf-8").replace(
        '<meta property="article:published_time" content="2011-09-14T09:30:00+06:00">', ""
    )
    (root / "source_texts" / "dated.html").write_text(
        page.replace('datetime="2011-09-14"', 'datetime="PT2H"'), encoding="utf-8"
    )
    run_l10n("extract", cwd=root)
    translate(root, "ru", "dated", ru_text)
    run_l10n("build", "--lang", "ru", cwd=root)
    assert "<time>" not in (root / "editions" / "index.html").read_text(
        encoding="utf-8"
    )  # no date in the index


def test_literal_entity_text_stays_text_and_round_trips(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    source = (
        "<html><head><title>Tags</title></head><body><article><h1>Tags</h1>"
        "<p>Write &amp;lt;b&amp;gt; to show &lt;b&gt; and <b>bold</b> text.</p>"
        "<p>Even &amp;amp;lt;i&amp;amp;gt; stays as it reads.</p></article></body></html>"
    )
    (root / "source_texts" / "tags.html").write_text(source, encoding="utf-8")
    run_l10n("extract", cwd=root)
    ids = [e.msgid for e in load_catalog(po(root, "ru", "tags")).entries if e.msgid]
    assert "Write &amp;lt;b&gt; to show &lt;b> and <b>bold</b> text." in ids  # the escape escaped
    translate(root, "ru", "tags", lambda m: m)
    run_l10n("build", "--lang", "ru", cwd=root)
    built = _parse(root / "editions" / "ru" / "tags.html")
    assert built.css_first("article p").text() == "Write &lt;b&gt; to show <b> and bold text."
    from selectolax.lexbor import LexborHTMLParser

    built.css_first("nav.l10n-languages").decompose()  # the switcher l10n adds
    assert _dom(built.css_first("article")) == _dom(LexborHTMLParser(source).css_first("article"))
    txt = (root / "editions" / "ru" / "tags.txt").read_text(encoding="utf-8")
    assert "Write &lt;b&gt; to show <b> and bold text." in txt and "&amp;lt;i&amp;gt;" in txt


# --- Chromium: a phone's screen ------------------------------------------------------------------------


def test_index_cms_edition_and_bilingual_page_fit_a_phone(tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is missing: scripts/setup installs it (Debian package chromium)")
    root = articles_ws(tmp_path, "teachers.txt", CMS.name)
    for slug in ("teachers", CMS_SLUG):
        translate(root, "ru", slug, ru_text)
        translate(root, "kk", slug, kk_text)
    run_l10n("build", cwd=root)
    editions = root / "editions"
    pages = [
        editions / "index.html",
        editions / "ru" / f"{CMS_SLUG}.html",
        editions / "bilingual" / "kk_Latn" / "teachers.html",
    ]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800})
            page.route("http*://**", lambda route: route.abort())
            for path in pages:
                page.goto(path.as_uri())
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
                overflow = page.evaluate(
                    "[...document.querySelectorAll('body *')]"
                    ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                    ".map(e => e.tagName + '.' + e.className)"
                )
                assert overflow == [], (path, overflow)
            page.goto(pages[1].as_uri())
            box = page.eval_on_selector(
                "article nav.l10n-languages", "e => e.getBoundingClientRect().toJSON()"
            )
            assert box["height"] > 0 and box["right"] <= 375  # the switcher is shown, and fits
            page.click("article nav.l10n-languages a[hreflang=kk]")
            assert page.evaluate("document.documentElement.lang") == "kk"
        finally:
            browser.close()
