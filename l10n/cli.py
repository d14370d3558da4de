"""Command line: parse options, call one stage, print. The one place where errors become a
one-line message and exit code 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from l10n import __version__
from l10n.errors import L10nError
from l10n.jobs import StatusRecord, extract, status, status_of_files
from l10n.workspace import Workspace, init_workspace, load_workspace

app = typer.Typer(
    help="Offline translation workflow: English articles -> PO catalogs -> reviewed Russian and Kazakh editions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

WorkspaceOption = Annotated[
    Optional[Path],
    typer.Option("--workspace", "-w", help="Workspace folder (default: the nearest folder upwards with l10n.toml)."),
]
ArticlesArg = Annotated[Optional[list[str]], typer.Argument(help="Articles (slug or path); default: all.")]
LangOption = Annotated[Optional[str], typer.Option("--lang", "-l", help="Comma-separated languages, e.g. ru,kk.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]


def _workspace(folder: Path | None) -> Workspace:
    if folder is not None:
        return load_workspace(folder, explicit=True)
    return load_workspace(Path.cwd())


def _codes(lang: str | None) -> list[str] | None:
    return [c.strip() for c in lang.split(",") if c.strip()] if lang else None


def _version(value: bool) -> None:
    if value:
        out.print(f"l10n {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """l10n: segment, machine-translate, review and publish articles, offline."""


@app.command()
def init(folder: Annotated[Path, typer.Argument(help="Folder to make a workspace (default: here).")] = Path(".")) -> None:
    """Create a workspace: l10n.toml, source_texts/, locales/."""
    config, created = init_workspace(folder)
    load_workspace(folder, explicit=True)  # validate what is there, old or new
    if created:
        out.print(f"Created workspace {folder.resolve()} ({config.name}, source_texts/, locales/).")
        out.print("Next: put English .txt/.md articles in source_texts/ and run 'l10n extract'.")
    else:
        out.print(f"{config} already exists; left as it is.")


@app.command("extract")
def extract_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Segment articles into sentences; write the template and merge it into every language's PO.

    Translations are never lost: changed sentences keep the old translation as fuzzy, removed ones
    as obsolete. Files whose content would not change are not touched.
    """
    ws = _workspace(workspace)
    sources = ws.select_sources(articles or [])
    if not sources:
        err.print(f"No articles in {ws.source_dir}: add .txt or .md files there.")
        raise typer.Exit(0)
    languages = ws.languages(_codes(lang))
    with Progress(
        TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=as_json or len(sources) < 2,
    ) as bar:
        task = bar.add_task("extract", total=len(sources))
        results = extract(ws, sources, languages, progress=lambda _: bar.advance(task))
    if as_json:
        out.print_json(json.dumps([{**r.__dict__, "path": str(r.path)} for r in results]))
        return
    for result in results:
        out.print(f"{result.action:>9}  {_rel(result.path, ws.root)}")
    changed = sum(r.action != "unchanged" for r in results)
    out.print(f"{len(sources)} article(s), {changed} file(s) written, {len(results) - changed} unchanged.")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _status_table(records: list[StatusRecord]) -> Table:
    table = Table(title="Translation status (entries / source words)")
    for column in ("article", "lang", "untranslated", "fuzzy", "translated", "% words done"):
        table.add_column(column, justify="left" if column in ("article", "lang") else "right", overflow="fold")
    for record in records:
        s = record.stats
        total = record.total_words
        done = f"{100 * s.translated.words / total:.0f}%" if total else "-"
        table.add_row(
            record.article,
            record.lang,
            f"{s.untranslated.entries} / {s.untranslated.words}",
            f"{s.fuzzy.entries} / {s.fuzzy.words}",
            f"{s.translated.entries} / {s.translated.words}",
            done,
        )
    return table


@app.command("status")
def status_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Per article and language: entries and words untranslated, fuzzy and translated.

    PO file paths may be given instead of articles (any project's catalogs)."""
    names = articles or []
    po_paths = [Path(n) for n in names if n.endswith((".po", ".pot"))]
    if po_paths and len(po_paths) == len(names):
        records = status_of_files(po_paths)
    else:
        ws = _workspace(workspace)
        records = status(ws, ws.select_sources(names), ws.languages(_codes(lang)))
    if as_json:
        out.print_json(json.dumps([r.as_json() for r in records]))
        return
    if not records:
        out.print("No catalogs yet: run 'l10n extract'.")
        return
    out.print(_status_table(records))


def main() -> None:
    """Entry point: every L10nError becomes one red line on stderr and exit code 2."""
    try:
        app()
    except L10nError as exc:
        err.print(f"[red]error:[/red] {escape(exc.one_line())}")
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted; files already written are complete, run again to finish.")
        sys.exit(130)
