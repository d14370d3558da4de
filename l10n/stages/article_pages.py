"""One article's pages, for build: every format of an edition, the English original's page, and
the alternates (hreflang links, language switchers) they share.

Alternates come from what is published after this build, whatever subset of languages it
touched: an edition this build wrote, or one on disk from an earlier build (its record says
whether it holds drafts). So a partial build (``build SLUG --lang ru``) links the same languages
as a full one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from l10n.config import Language
from l10n.edition import UNREVIEWED, Edition, notice_for
from l10n.errors import L10nError, SourceError
from l10n.formats.articlemeta import article_date
from l10n.language.languages import SOURCE_LANGUAGE, dateline, language_label
from l10n.model import Document, Segment
from l10n.render.pages import (
    Alternate,
    PageSettings,
    Site,
    body_html,
    render_html,
    render_source_page,
)
from l10n.render.sitepages import render_bilingual
from l10n.render.text import render_md, render_txt
from l10n.stages.published import key
from l10n.workspace import Workspace

# Every file an edition may have, by where it goes: what a withdrawn edition removes.
EDITION_SUFFIXES = (".txt", ".md", ".html", ".docx")


@dataclass(frozen=True)
class BuildSettings:
    workspace: Workspace
    languages: tuple[Language, ...]
    formats: tuple[str, ...]
    include_drafts: bool
    out: Path
    now: datetime
    published: dict[str, dict[str, object]]  # what the last builds into ``out`` published
    strict: bool = False  # an entry with broken markup stops its edition


def edition_files(out: Path, code: str, slug: str) -> list[Path]:
    """The files of one language's edition of an article (those that may exist)."""
    return [out / code / f"{slug}{suffix}" for suffix in EDITION_SUFFIXES] + [
        out / "bilingual" / code / f"{slug}.html"
    ]


def alternates(settings: BuildSettings, slug: str, now_shown: Mapping[str, bool | None]) -> list[Alternate]:
    """The English original and every target language with an HTML page after this build, in
    the configured order. ``now_shown``: the languages this build decided, code -> whether the
    page holds drafts (None: no page). Any other language keeps what is on disk."""
    if "html" not in settings.formats:
        return []
    found = [Alternate(SOURCE_LANGUAGE, _label(Language(SOURCE_LANGUAGE)), *_where(SOURCE_LANGUAGE, slug))]
    for lang in settings.workspace.config.targets:
        if lang.code in now_shown:
            draft = now_shown[lang.code]
        elif (settings.out / lang.code / f"{slug}.html").exists():
            record = settings.published.get(key(lang.code, slug))
            draft = bool(record.get("drafts")) if isinstance(record, dict) else False
        else:
            draft = None
        if draft is not None:
            found.append(Alternate(lang.code, _label(lang), *_where(lang.code, slug), draft=draft))
    return found


def _label(lang: Language) -> str:
    return language_label(lang.code, lang.locale)


def _where(code: str, slug: str) -> tuple[str, str]:
    return f"../{code}/{slug}.html", f"{code}/{slug}.html"


def render_pages(
    settings: BuildSettings,
    edition: Edition,
    lang: Language,
    found: list[Alternate],
    source: Path,
    data: bytes,
) -> tuple[dict[Path, bytes], str]:
    """Every requested format of one edition, by the path it goes to, and the article's HTML
    (for its feed entry; "" without html). ``data``: the article's bytes (an HTML or Word
    article's edition is made from the file itself). A format writer that fails is a
    SourceError naming the article."""
    try:
        return _render(settings, edition, lang, found, data)
    except (L10nError, OSError, MemoryError):
        raise
    except Exception as exc:  # a writer's own failure (python-docx, the HTML walker): one line
        raise SourceError(
            source,
            f"its {lang.code} edition could not be written ({type(exc).__name__}: {exc})",
            hint="the other articles were built; check the file opens in its editor, then build again",
        ) from None


def _render(
    settings: BuildSettings, edition: Edition, lang: Language, found: list[Alternate], data: bytes
) -> tuple[dict[Path, bytes], str]:
    out, slug, code = settings.out, edition.slug, lang.code
    fmt = edition.source_format
    config = settings.workspace.config
    site = Site(f"{code}/{slug}.html", config.publish.site_url)
    # The English original gets its page only (the x-default of every edition's alternates).
    formats = ("html",) if code == SOURCE_LANGUAGE else settings.formats
    rendered: dict[Path, str | bytes] = {}
    dateline = article_dateline(edition.document, lang)
    article = body_html(edition, dateline) if "html" in formats else ""
    if "txt" in formats:
        rendered[out / code / f"{slug}.txt"] = render_txt(edition)
    if "md" in formats:
        rendered[out / code / f"{slug}.md"] = render_md(edition)
    if "html" in formats and fmt == "html":
        where = PageSettings(config.html_body, config.publish.switcher_selector)
        rendered[out / code / f"{slug}.html"] = render_source_page(
            edition, data.decode("utf-8"), where, found, lang.locale, site
        )
    elif "html" in formats:
        rendered[out / code / f"{slug}.html"] = render_html(
            edition, found, "../index.html", dateline, site, article
        )
    if "html" in formats and code != SOURCE_LANGUAGE:
        others = [a for a in found if a.lang != SOURCE_LANGUAGE]
        rendered[out / "bilingual" / code / f"{slug}.html"] = render_bilingual(
            edition, "../../index.html", f"../../{code}/{slug}.html", others
        )
    if "docx" in formats and fmt == "docx":
        rendered[out / code / f"{slug}.docx"] = docx_edition(edition, data)
    files = {path: data.encode("utf-8") if isinstance(data, str) else data for path, data in rendered.items()}
    return files, article


def article_dateline(document: Document, lang: Language) -> str:
    """The article's own date as the language writes it; none when the article gives none."""
    moment = article_date(document.meta)
    return dateline(moment, lang.code, lang.locale) if moment is not None else ""


def docx_edition(edition: Edition, source: bytes) -> bytes:
    from l10n.formats.docx import edition_docx

    def pick(segment: Segment) -> tuple[str, bool]:
        text, state = edition.chosen[segment.msgid]
        return text, state == UNREVIEWED

    notes = [notice_for(edition.lang)] if edition.includes_drafts else []
    notes += [edition.updated] if edition.updated else []
    return edition_docx(source, edition.document.blocks, pick, edition.lang, notes)
