"""Review commands: status, check, report."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from l10n.cli.common import (
    ArticlesArg,
    JobsOption,
    JsonOption,
    LangOption,
    WorkspaceOption,
    app,
    codes,
    escape,
    out,
    print_json,
    workspace_at,
)
from l10n.model import REVIEW_STATES, CatalogStats

if TYPE_CHECKING:
    from l10n.stages.review import StatusRecord

_STATUS_COLUMNS = ("lang", "untransl.", "draft", "review", "reviewed", "words ok", "ready")


def _status_cells(lang: str, stats: CatalogStats, ready: str) -> list[str]:
    counts = [f"{stats.of(s).entries}/{stats.of(s).words}" for s in REVIEW_STATES]
    return [lang, *counts, f"{100 * stats.reviewed_ratio():.0f}%", ready]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def status_lines(records: list[StatusRecord], width: int) -> list[str]:
    """The status table as lines that fit ``width`` columns (80 too). Language codes and numbers
    always get the width they need; when the slugs do not fit beside them, each article gets a
    line of its own above its languages, so no slug or code is ever broken (--json has all)."""
    rows: list[tuple[str, list[str]]] = []
    for record in records:
        ready = ("yes" if record.ready else "no") + (" (stale)" if record.stale else "")
        rows.append(
            (
                record.article,
                _status_cells(
                    record.lang,
                    record.stats,
                    f"{ready}, from {record.derived_from}" if record.derived_from else ready,
                ),
            )
        )
    # Derived languages (kk_Latn) are their base's work, not review work of their own.
    work = [r for r in records if not r.derived_from]
    if len(work) > 1:
        total = sum((r.stats for r in work[1:]), work[0].stats)
        rows.append(("total", _status_cells("", total, f"{sum(r.ready for r in work)} of {len(work)}")))
    widths = [max(len(c), *(len(cells[i]) for _, cells in rows)) for i, c in enumerate(_STATUS_COLUMNS)]
    slug_width = max(len("article"), *(len(article) for article, _ in rows))
    wide = slug_width + 2 + sum(widths) + 2 * (len(widths) - 1) <= width

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i in (0, len(widths) - 1) else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out_lines = ["Review status (entries/source words)"]
    head = line(_STATUS_COLUMNS)
    out_lines.append(("article".ljust(slug_width) + "  " + head) if wide else "  " + head)
    out_lines.append("─" * min(width, len(out_lines[-1])))
    previous = None
    for article, cells in rows:
        if article == "total":
            out_lines.append("─" * min(width, len(out_lines[2])))
        if wide:
            out_lines.append((article if article != previous else "").ljust(slug_width) + "  " + line(cells))
        else:
            if article != previous:
                out_lines.append(_fit(article, width))
            out_lines.append("  " + line(cells))
        previous = article
    out_lines.append("ready: reviewed words reach the publish threshold ([publish] in l10n.toml)")
    out_lines += [
        _fit(f"stale: {r.article} · {r.lang}: {r.stale_reason}; 'l10n build' republishes it", width)
        for r in records
        if r.stale and r.ready
    ]
    return out_lines


@app.command("status")
def status_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
    jobs: JobsOption = None,
) -> None:
    """Per article and language: entries and words untranslated, draft, needs review, reviewed;
    % reviewed by words and whether the article reaches the publish threshold.

    PO file paths may be given instead of articles (any project's catalogs)."""
    from l10n.stages.review import status, status_of_files

    names = articles or []
    po_paths = [Path(n) for n in names if n.endswith((".po", ".pot"))]
    if po_paths and len(po_paths) == len(names):
        records = status_of_files(po_paths)
    else:
        ws = workspace_at(workspace)
        records = status(ws, ws.select_sources(names), ws.languages(codes(lang)), jobs)
    if as_json:
        print_json([r.as_json() for r in records])
        return
    if not records:
        out.print("No catalogs yet: run 'l10n extract'.")
        return
    for text in status_lines(records, out.width):
        out.print(text, markup=False)


@app.command("check")
def check_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    jobs: JobsOption = None,
) -> None:
    """Quality checks on every translated entry: numbers, URLs, language, spelling, glossary,
    punctuation, quotes, length, whitespace, unreviewed drafts. Exit 0 clean, 1 on errors (warnings
    too with --strict), 2 on bad input. Silence one check on one entry with the flag `ignore-CHECK`.

    PO file paths may be given instead of articles (any project's catalogs; the language is read
    from each file's header)."""
    from l10n.stages.review import check, check_files

    names = articles or []
    po_paths = [Path(n) for n in names if n.endswith(".po")]
    if po_paths and len(po_paths) == len(names):
        records = check_files(po_paths)
    else:
        ws = workspace_at(workspace)
        records = check(ws, ws.select_sources(names), ws.languages(codes(lang)), jobs)
    counts = {"error": 0, "warning": 0}
    if as_json:
        # Streamed as one JSON array, record by record: memory stays flat on a large archive.
        first = True
        for record in records:
            counts[record.finding.severity] = counts.get(record.finding.severity, 0) + 1
            item = json.dumps(record.as_json(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            sys.stdout.write(("[\n  " if first else ",\n  ") + item)
            first = False
        sys.stdout.write("[]\n" if first else "\n]\n")
    else:
        current = None
        for record in records:
            counts[record.finding.severity] = counts.get(record.finding.severity, 0) + 1
            if (record.article, record.lang) != current:
                current = (record.article, record.lang)
                out.print(f"\n[bold]{escape(record.article)} · {record.lang}[/bold]")
            colour = "red" if record.finding.severity == "error" else "yellow"
            out.print(
                f"  [{colour}]{record.finding.severity}[/{colour}] {record.finding.check}: "
                f"{escape(record.finding.message)}"
            )
            out.print(f"    [dim]{escape(record.msgid[:100])}[/dim]")
        out.print(f"{counts['error']} error(s), {counts['warning']} warning(s).")
    if counts["error"] or (strict and counts["warning"]):
        raise typer.Exit(1)


@app.command("report")
def report_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """How much reviewers changed the machine: for reviewed entries that began as MT drafts,
    chrF and character edit distance between draft and approved text, and the share accepted
    unchanged; per article, language and engine."""
    from rich.table import Table

    from l10n.stages.review import report

    ws = workspace_at(workspace)
    records = report(ws, ws.select_sources(articles or []), ws.languages(codes(lang)))
    if as_json:
        print_json([r.as_json() for r in records])
        return
    if not records:
        out.print("No reviewed machine drafts yet.")
        return
    table = Table(title="Post-editing of machine drafts", title_justify="left")
    for column in (
        "article",
        "lang",
        "engine",
        "reviewed drafts",
        "unchanged",
        "chrF",
        "chars edited / draft",
        "edit rate",
        "reviewed by",
    ):
        table.add_column(
            column,
            overflow="fold",
            justify="left" if column in ("article", "lang", "engine", "reviewed by") else "right",
        )
    for r in records:
        table.add_row(
            r.article,
            r.lang,
            r.engine,
            str(r.reviewed_drafts),
            f"{r.unchanged} ({100 * r.unchanged / r.reviewed_drafts:.0f}%)",
            f"{r.chrf:.1f}",
            f"{r.edit_distance:.1f}",
            f"{100 * r.edit_rate:.1f}%",
            ", ".join(f"{name} {count}" for name, count in r.reviewed_by.items()),
        )
    out.print(table)
