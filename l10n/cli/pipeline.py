"""Commands of the pipeline: init, extract, translate, build and run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from l10n.cli.common import (
    LIST_UNCHANGED_UP_TO,
    ArticlesArg,
    JobsOption,
    JsonOption,
    LangOption,
    WorkspaceOption,
    app,
    article_progress,
    codes,
    err,
    escape,
    exit_now,
    locked,
    out,
    print_json,
    rel,
    workspace_at,
)
from l10n.errors import L10nError
from l10n.render import FORMATS

# The stages are imported by the command that runs them: every command starts faster.
if TYPE_CHECKING:
    from rich.progress import Progress

    from l10n.stages.build import BuildReport
    from l10n.stages.translate import Executor, OnProgress, TranslateReport
from l10n.workspace import Workspace, init_workspace, load_workspace


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to make a workspace (default: here).")] = Path("."),
) -> None:
    """Create a workspace: l10n.toml, source_texts/, locales/."""
    config, created = init_workspace(folder)
    load_workspace(folder, explicit=True)  # validate what is there, old or new
    if created:
        out.print(f"Created workspace {folder.resolve()} ({config.name}, source_texts/, locales/).")
        out.print(
            "Next: put English articles (.txt, .md, .html, .docx) in source_texts/ and run 'l10n extract'."
        )
        out.print("In git, run 'l10n git-setup' once per clone: catalogs then merge entry by entry.")
    else:
        out.print(f"{config} already exists; left as it is.")


@app.command("extract")
def extract_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
    jobs: JobsOption = None,
) -> None:
    """Segment articles into sentences; write the template and merge it into every language's PO.

    Translations are never lost: changed sentences keep the old translation as fuzzy, removed ones
    as obsolete. Files whose content would not change are not touched.
    """
    from l10n.stages.extract import extract

    ws = workspace_at(workspace)
    sources = ws.select_sources(articles or [])
    if not sources:
        err.print(f"No articles in {ws.source_dir}: add .txt, .md, .html or .docx files there.")
        raise typer.Exit(0)
    languages = ws.languages(codes(lang))
    with article_progress("extract", len(sources), enabled=not as_json) as advance:
        results = locked(ws, "extract", extract, ws, sources, languages, progress=advance, jobs=jobs)
    if as_json:
        print_json([{**r.__dict__, "path": str(r.path)} for r in results])
        return
    for result in results:
        if result.action != "unchanged" or len(results) <= LIST_UNCHANGED_UP_TO:
            out.print(f"{result.action:>9}  {rel(result.path, ws.root)}")
    written = sum(r.action in ("created", "updated") for r in results)
    skipped = [r for r in results if r.action == "skipped"]
    unchanged = len(results) - written - len(skipped)
    out.print(f"{len(sources)} article(s), {written} file(s) written, {unchanged} unchanged.")
    if skipped:
        err.print(
            f"[yellow]{len(skipped)} file(s) were saved by someone else while extract ran and were left as "
            "saved; run 'l10n extract' again to merge them.[/yellow]"
        )


@app.command("translate")
def translate_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    engine: Annotated[
        str | None,
        typer.Option("--engine", "-e", help="argos, pseudo or auto (default: [mt] engine in l10n.toml)."),
    ] = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
    executor: Annotated[
        str | None,
        typer.Option("--executor", help="local or ray (default: [mt] executor in l10n.toml, else local)."),
    ] = None,
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="The Ray cluster's HOST:PORT (default: [mt] address, else this machine's)."
        ),
    ] = None,
) -> None:
    """Fill every empty entry with a fuzzy machine draft (offline), never touching a person's work.

    Entries with any text (translations, re-sync guesses, edited drafts) are left as they are.
    Drafts carry provenance in translator comments; numbers, URLs, code and glossary terms are
    protected from MT. Results are cached, so a re-run translates nothing new.
    """
    from l10n.stages.translate import TranslationInterrupted, translate

    ws = workspace_at(workspace)
    choice, where = _engine_and_executor(ws, engine, executor, address)
    sources = ws.select_sources(articles or [])
    languages = ws.languages(codes(lang))
    stopped = None
    with _translate_progress(disable=as_json or not err.is_terminal) as (planned, advanced, _):
        try:
            report = locked(
                ws,
                "translate",
                translate,
                ws,
                sources,
                languages,
                choice,
                on_plan=planned,
                on_progress=advanced,
                executor=where,
            )
        except TranslationInterrupted as stop:
            stopped = stop  # reported once the progress display has let go of the terminal
    if stopped is not None:
        done = sum(r.drafted for r in stopped.report.results)
        err.print(
            f"interrupted: {done} draft(s) saved, every catalog is complete; "
            "run 'l10n translate' again to continue."
        )
        exit_now(130)
    for notice in report.notices:
        err.print(f"[yellow]notice:[/yellow] {escape(notice)}")
    if as_json:
        print_json(_translate_json(report))
        return
    _print_translate(report, ws.root)


def _engine_and_executor(
    ws: Workspace, engine: str | None, executor: str | None, address: str | None
) -> tuple[str, Executor]:
    """The engine and where it runs: the options, else l10n.toml's [mt]; unknown names rejected."""
    from l10n.stages.translate import Executor

    choice = engine or ws.config.mt.engine
    if choice not in ("auto", "argos", "pseudo"):
        raise L10nError(f"unknown engine '{choice}'", "use argos, pseudo or auto")
    where = Executor(executor or ws.config.mt.executor, ws.config.mt.address if address is None else address)
    if where.kind not in ("local", "ray"):
        raise L10nError(f"unknown executor '{where.kind}'", "use local or ray")
    return choice, where


def _translate_json(report: TranslateReport) -> dict[str, object]:
    return {
        "segments": report.segments,
        "from_cache": report.from_cache,
        "translated": report.translated,
        "from_memory": report.from_memory,
        "device": report.device or None,
        "notices": report.notices,
        "catalogs": [{**r.__dict__, "path": str(r.path)} for r in report.results],
    }


@contextmanager
def _translate_progress(disable: bool) -> Iterator[tuple[OnProgress, OnProgress, Progress]]:
    """A progress bar of segments with their rate, and the two callbacks that drive it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("translate"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("segments"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err.console,
        transient=True,
        disable=disable,
    ) as bar:
        task = bar.add_task("translate", total=None, rate="")
        words_done = [0]
        planned_total = [0]

        def planned(segments: int, words: int) -> None:  # once per batch of catalogs
            planned_total[0] += segments
            bar.update(task, total=planned_total[0])

        def advanced(segments: int, words: int) -> None:
            words_done[0] += words
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{bar.tasks[0].completed / elapsed:.1f} seg/s, {words_done[0] / elapsed:.0f} words/s"
            bar.update(task, advance=segments, rate=rate if elapsed else "")

        yield planned, advanced, bar


def _print_translate(report: TranslateReport, root: Path) -> None:
    for result in report.results:
        out.print(
            f"{result.action:>9}  {rel(result.path, root)}  {result.drafted} draft(s)  "
            f"\\[{escape(result.engine)}]"
        )
    if report.from_memory:
        out.print(f"{report.from_memory} entr(ies) filled from the translation memory (reviewed elsewhere).")
    if report.segments == 0 and not report.from_memory:
        out.print("Nothing to translate: every entry already has text.")
    elif report.segments:
        on = f" on {report.device}" if report.device else ""
        out.print(
            f"{report.segments} segment(s) for MT: {report.translated} translated{on}, "
            f"{report.from_cache} from the cache."
        )


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise L10nError(
            f"unknown format '{unknown[0] if unknown else value}'",
            "use txt, md, html and/or docx, e.g. --format txt,html",
        )
    return chosen


def _print_build(report: BuildReport, root: Path) -> None:
    # An archive builds thousands of editions: each is listed only in small runs; skipped ones
    # always (each says what to do), then a count.
    listed = len(report.results) <= LIST_UNCHANGED_UP_TO
    for r in report.results:
        if r.action == "built":
            if listed:
                extra = f", {r.drafts} draft sentence(s)" if r.drafts else ""
                extra += f", {r.fallbacks} sentence(s) in English" if r.fallbacks else ""
                out.print(
                    f"    built  {r.article} · {r.lang}  ({100 * r.reviewed_ratio:.0f}% reviewed{extra})"
                )
        elif r.action == "failed":
            err.print(
                f"[red]error:[/red] {escape(r.reason)}"
                if r.lang == "*"
                else f"[red]error:[/red] {r.article} · {r.lang}: {escape(r.reason)}"
            )
        else:
            out.print(f"{r.action:>9}  {r.article} · {r.lang}: {escape(r.reason)}")
        for warning in r.warnings:
            err.print(
                f"[yellow]warning:[/yellow] {r.article} · {r.lang}: {escape(warning)} (l10n check shows it)"
            )
    if not listed:
        built = [r for r in report.results if r.action == "built"]
        drafts = sum(r.drafts > 0 for r in built)
        out.print(
            f"{len(built)} edition(s) built ({drafts} with draft sentences), "
            f"{len(report.results) - len(built)} skipped."
        )
    if report.index:
        out.print(f"Editions: {rel(report.index.parent, root)}/ (open {rel(report.index, root)})")
    if report.feeds and not report.site_url:
        out.print(
            "Feeds and sitemap.xml use relative links: set site_url in \\[publish] of l10n.toml "
            "for the absolute URLs search engines ask for."
        )


@app.command("build")
def build_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    formats: Annotated[
        str,
        typer.Option("--format", "-f", help="Comma-separated: txt, md, html, docx (Word articles only)."),
    ] = "txt,md,html,docx",
    include_drafts: Annotated[
        bool,
        typer.Option(
            "--include-drafts", help="Use unreviewed drafts (marked as such) and build below the threshold."
        ),
    ] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Output folder (default: editions/).")] = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
    jobs: JobsOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Refuse an edition with broken markup (default: publish its words, warn)."
        ),
    ] = False,
) -> None:
    """Translated editions (txt, md, html, bilingual; docx for Word articles), kk_Latn by
    transliteration, MO files, editions/index.html (newest first), an Atom feed per language and
    editions/sitemap.xml. Articles below the publish threshold are skipped (last edition kept)."""
    from l10n.stages.build import build

    ws = workspace_at(workspace)
    sources = ws.select_sources(articles or [])
    with article_progress("build", len(sources), enabled=not as_json) as advance:
        report = locked(
            ws,
            "build",
            build,
            ws,
            sources,
            ws.languages(codes(lang)),
            _formats(formats),
            include_drafts,
            out_dir,
            jobs=jobs,
            progress=advance,
            strict=strict,
        )
    if as_json:
        print_json(
            {
                "editions": [{**r.__dict__, "files": [str(f) for f in r.files]} for r in report.results],
                "index": str(report.index) if report.index else None,
                "feeds": [str(f) for f in report.feeds],
            }
        )
        _exit_if_failed(report)
        return
    _print_build(report, ws.root)
    _exit_if_failed(report)


def _exit_if_failed(report: BuildReport) -> None:
    """Exit code 2 when an article could not be built (the others were: their lines above)."""
    if any(r.action == "failed" for r in report.results):
        exit_now(2)


@app.command("run")
def run_cmd(
    articles: ArticlesArg = None,
    engine: Annotated[str | None, typer.Option("--engine", "-e", help="argos, pseudo or auto.")] = None,
    include_drafts: Annotated[
        bool, typer.Option("--include-drafts", help="Build draft editions below the threshold.")
    ] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """The main job: extract, translate and build every article in every configured language."""
    from l10n.stages.run import run
    from l10n.stages.translate import TranslationInterrupted

    ws = workspace_at(workspace)
    sources = ws.select_sources(articles or [])
    if not sources:
        err.print(f"No articles in {ws.source_dir}: add .txt, .md, .html or .docx files there.")
        raise typer.Exit(0)
    try:
        report = run(ws, sources, engine, include_drafts)
    except TranslationInterrupted:
        err.print("interrupted: drafts so far are saved; run again to continue.")
        exit_now(130)
    out.print(f"extract: {sum(r.action in ('created', 'updated') for r in report.extracted)} file(s) written")
    for notice in report.translated.notices:
        err.print(f"[yellow]notice:[/yellow] {escape(notice)}")
    out.print(
        f"translate: {report.translated.translated} segment(s) drafted, "
        f"{report.translated.from_cache} from the cache"
    )
    _print_build(report.built, ws.root)
    for record in report.pending:
        s = record.stats
        out.print(
            f"  to review: {record.article} · {record.lang}: {s.draft.entries} draft(s), "
            f"{s.needs_review.entries} to check, {s.untranslated.entries} untranslated"
        )
    if not report.pending:
        out.print("Every article is reviewed in every language.")
    _exit_if_failed(report.built)
