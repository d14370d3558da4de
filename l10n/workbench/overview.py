"""The dashboard's data: every article × language with `l10n status`'s figures and the number of
check findings, newest articles first. Status comes from the same stage as the CLI's; an article's
records are kept until its source, one of its catalogs or the build record changes (so a warm
dashboard over 1,000 articles only looks at file times). Findings are counted in the background
and shown once known."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from urllib.parse import quote

from l10n.errors import L10nError
from l10n.workbench.sitedata import Site, Stamp, stamp

Row = dict[str, object]


class Overview:
    def __init__(self, site: Site) -> None:
        self.site = site
        self._records: dict[Path, tuple[tuple[Stamp, ...], list[Row]]] = {}
        self._pending: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def rows(self, lang: str | None = None) -> list[Row]:
        """`status --json` records, each with ``date``, ``findings`` (None until counted) and
        ``url``; newest first, then by slug."""
        site = self.site
        sources = site.sources()
        rows: list[Row] = []
        todo = []
        for slug, source in sources.items():
            for record in self._article_rows(source):
                if lang is not None and record["lang"] != lang:
                    continue
                if "error" in record:
                    rows.append({k: v for k, v in record.items() if k != "_seen"})
                    continue
                seen = record["_seen"]
                assert isinstance(seen, tuple)
                count = site.findings_count(str(record["lang"]), slug, seen)
                if count is None:
                    todo.append((str(record["lang"]), slug))
                rows.append({**{k: v for k, v in record.items() if k != "_seen"}, "findings": count})
        rows.sort(key=lambda r: (str(r["article"]), str(r["lang"])))
        rows.sort(key=lambda r: str(r["date"]), reverse=True)
        self._count_later(todo)
        return rows

    def _article_rows(self, source: Path) -> list[Row]:
        """One article's status records (every language), from the cache while nothing they were
        made from changed."""
        from l10n.stages.published import state_path
        from l10n.stages.review import status

        site = self.site
        workspace = site.workspace
        languages = tuple(site.languages().values())
        catalogs = [workspace.catalog_path(code, source.stem) for code in site.languages()]
        published = state_path(workspace, workspace.editions_dir)
        seen = (stamp(source), stamp(published), *(stamp(path) for path in catalogs))
        cached = self._records.get(source)
        if cached is not None and cached[0] == seen:
            return cached[1]
        date = self._date(source)
        rows = []
        try:
            records = status(workspace, [source], languages, jobs=1)
        except L10nError as exc:  # one broken catalog: its article's row says so, the rest show
            return [
                {"article": source.stem, "lang": "", "date": date, "error": exc.one_line(), "_seen": (0, 0)}
            ]
        for record in records:
            row = record.as_json()
            row.pop("path", None)  # the server's own paths are nobody's business
            # A file name may hold "#", "?" or "%": quoted, the link still reaches the article.
            url = f"/{quote(record.lang, safe='')}/{quote(record.article, safe='')}"
            row.update(date=date, url=url, _seen=stamp(record.path))
            rows.append(row)
        self._records[source] = (seen, rows)
        return rows

    def _date(self, source: Path) -> str:
        """The article's own date (ISO), "" when it gives none."""
        from l10n.stages.sources import load_document

        try:
            return load_document(source, self.site.workspace).meta.date
        except Exception:  # a broken article still gets its rows; extract reports what is wrong
            return ""

    def _count_later(self, todo: list[tuple[str, str]]) -> None:
        """Count findings of the catalogs not counted yet, in one background thread."""
        with self._lock:
            fresh = [item for item in todo if item not in self._pending]
            self._pending.update(fresh)
        if fresh:
            threading.Thread(target=self._count, args=(fresh,), daemon=True, name="l10n-findings").start()

    def _count(self, todo: list[tuple[str, str]]) -> None:
        try:
            for lang, slug in todo:
                article = self.site.article(lang, slug)
                if article is not None:
                    self.site.findings(article)
                time.sleep(0.005)  # let requests in: this thread only fills in a column
        finally:
            with self._lock:
                self._pending.difference_update(todo)
