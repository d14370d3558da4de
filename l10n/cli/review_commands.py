"""Review commands: status, check, report."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
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
    err,
    escape,
    out,
    print_json,
    workspace_at,
)
from l10n.cli.layout import fit, join_pieces, shorten, wrap
from l10n.model import REVIEW_STATES, CatalogStats

if TYPE_CHECKING:
    from l10n.stages.review import CheckRecord, ReportRecord, StatusRecord

_STATUS_COLUMNS = ("lang", "untransl.", "draft", "review", "reviewed", "words ok", "ready")


def _status_cells(lang: str, stats: CatalogStats, ready: str) -> list[str]:
    counts = [f"{stats.of(s).entries}/{stats.of(s).words}" for s in REVIEW_STATES]
    return [lang, *counts, f"{100 * stats.reviewed_ratio():.0f}%", ready]


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
                out_lines.append(fit(article, width))
            out_lines.append("  " + line(cells))
        previous = article
    out_lines.append("ready: reviewed words reach the publish threshold ([publish] in l10n.toml)")
    for r in records:
        if r.stale and r.ready:
            out_lines += wrap(
                f"stale: {r.article} · {r.lang}: {r.stale_reason}; 'l10n build' republishes it", width
            )
    return out_lines + _conflict_lines(records, width)


def _conflict_lines(records: list[StatusRecord], width: int) -> list[str]:
    """A line per catalog a git merge left with conflicts."""
    lines: list[str] = []
    for r in records:
        if r.conflicts:
            entries = f"{r.conflicts} entr{'y' if r.conflicts == 1 else 'ies'} merged with a conflict"
            lines += wrap(f"conflicts: {r.article} · {r.lang}: {entries}; 'l10n check' lists them", width)
    return lines


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
    root = None  # the workspace's folder (PO files given by path have none)
    if po_paths and len(po_paths) == len(names):
        records = status_of_files(po_paths)
    else:
        ws = workspace_at(workspace)
        root = ws.root
        records = status(ws, ws.select_sources(names), ws.languages(codes(lang)), jobs)
    if as_json:
        print_json([r.as_json() for r in records])
        return
    if not records:
        out.print("No catalogs yet: run 'l10n extract'.")
    for text in status_lines(records, out.width) if records else []:
        out.print(text, markup=False)
    if root is not None:
        _git_note(root)


def _git_note(root: Path) -> None:
    """One line when the workspace is in git without a working PO merge driver."""
    from l10n.stages.gitmerge import driver_state

    problem = driver_state(root)
    if problem:
        out.print(
            f"git: {problem}: run 'l10n git-setup' (else PO files merge line by line)",
            markup=False,
        )


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
    too with --strict), 2 on bad input. Dismiss one check on one entry with a translator comment
    `# l10n-ignore: CHECK — reason`.

    PO file paths may be given instead of articles (any project's catalogs; the language is read
    from each file's header)."""
    from l10n.stages.review import check, check_files, spelling_notices

    names = articles or []
    po_paths = [Path(n) for n in names if n.endswith(".po")]
    checked: list[str] = []  # the languages checked, for the notices
    if po_paths and len(po_paths) == len(names):
        records = check_files(po_paths)
    else:
        ws = workspace_at(workspace)
        languages = ws.languages(codes(lang))
        checked += [language.code for language in languages]
        records = check(ws, ws.select_sources(names), languages, jobs)
    counts = {"error": 0, "warning": 0}
    seen = (_counted(record, counts, checked) for record in records)
    if as_json:
        _check_json(seen, lambda: spelling_notices(checked))
    else:
        _check_text(seen)
        for _, notice in spelling_notices(checked):
            err.print(f"[yellow]notice:[/yellow] {escape(notice)}")
        out.print(f"{counts['error']} error(s), {counts['warning']} warning(s).")
    if counts["error"] or (strict and counts["warning"]):
        raise typer.Exit(1)


def _counted(record: CheckRecord, counts: dict[str, int], langs: list[str]) -> CheckRecord:
    counts[record.finding.severity] = counts.get(record.finding.severity, 0) + 1
    if record.lang not in langs:
        langs.append(record.lang)
    return record


def _check_json(records: Iterator[CheckRecord], notices: Callable[[], list[tuple[str, str]]]) -> None:
    """One JSON array, streamed record by record (memory stays flat on a large archive); then a
    record of severity "notice" for each check that could not run."""
    first = True
    for record in records:
        item = json.dumps(record.as_json(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sys.stdout.write(("[\n  " if first else ",\n  ") + item)
        first = False
    for lang, notice in notices():
        note = {"check": "spelling", "severity": "notice", "article": "", "lang": lang, "msgid": ""}
        item = json.dumps({**note, "message": notice}, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sys.stdout.write(("[\n  " if first else ",\n  ") + item)
        first = False
    sys.stdout.write("[]\n" if first else "\n]\n")


def _check_text(records: Iterator[CheckRecord]) -> None:
    current = None
    for record in records:
        if (record.article, record.lang) != current:
            current = (record.article, record.lang)
            out.print(f"\n[bold]{escape(record.article)} · {record.lang}[/bold]")
        for text in finding_lines(record, out.width):
            out.print(text)


# A finding shows the start of its sentence: enough to find it in the catalog (--json has all).
MSGID_SHOWN = 160


def finding_lines(record: CheckRecord, width: int) -> list[str]:
    """A finding as console markup: its message, then the start of its msgid, both wrapped
    between words to ``width``; a msgid longer than MSGID_SHOWN is cut after a word, with "…"."""
    severity = record.finding.severity
    colour = "red" if severity == "error" else "yellow"
    first, *rest = wrap(f"  {severity} {record.finding.check}: {record.finding.message}", width, more="    ")
    lines = [f"  [{colour}]{severity}[/{colour}]{escape(first[2 + len(severity) :])}"]
    lines += [escape(line) for line in rest]
    lines += [
        f"[dim]{escape(line)}[/dim]"
        for line in wrap(shorten(record.msgid, MSGID_SHOWN), width, "    ", "    ")
    ]
    return lines


_REPORT_COLUMNS = (
    "article",
    "lang",
    "engine",
    "reviewed drafts",
    "unchanged",
    "chrF",
    "chars edited / draft",
    "edit rate",
    "reviewed by",
)
_REPORT_LEFT = ("article", "lang", "engine", "reviewed by")


def _report_cells(r: ReportRecord) -> list[str]:
    return [
        r.article,
        r.lang,
        r.engine,
        str(r.reviewed_drafts),
        f"{r.unchanged} ({100 * r.unchanged / r.reviewed_drafts:.0f}%)",
        f"{r.chrf:.1f}",
        f"{r.edit_distance:.1f}",
        f"{100 * r.edit_rate:.1f}%",
        ", ".join(f"{name} {count}" for name, count in r.reviewed_by.items()),
    ]


def report_lines(records: Sequence[ReportRecord], width: int) -> list[str] | None:
    """The report as plain lines when its table does not fit ``width`` (None when it does):
    each article, language and engine on a line, then its figures, named, wrapped between
    figures; nothing is broken inside a word."""
    rows = [_report_cells(r) for r in records]
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(_REPORT_COLUMNS)]
    if sum(widths) + 3 * len(widths) + 1 <= width:
        return None
    lines = ["Post-editing of machine drafts"]
    for row in rows:
        lines += join_pieces(row[:3], width)
        lines += join_pieces(
            [f"{name} {value}" for name, value in zip(_REPORT_COLUMNS[3:], row[3:], strict=True) if value],
            width,
            "  ",
        )
    return lines


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
    narrow = report_lines(records, out.width)
    if narrow is not None:
        for text in narrow:
            out.print(text, markup=False)
        return
    table = Table(title="Post-editing of machine drafts", title_justify="left")
    for column in _REPORT_COLUMNS:
        table.add_column(column, no_wrap=True, justify="left" if column in _REPORT_LEFT else "right")
    for r in records:
        table.add_row(*_report_cells(r))
    out.print(table)
