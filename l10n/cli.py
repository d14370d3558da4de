"""Command line: parse options, call one stage, print. The one place where errors become a
one-line message and exit code 2."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from collections.abc import Sequence
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from l10n import __version__
from l10n.errors import L10nError
from l10n.jobs import (
    BuildReport,
    StatusRecord,
    TranslationInterrupted,
    build,
    check,
    extract,
    open_memory,
    report,
    status,
    status_of_files,
    tm_export,
    tm_import,
    tm_rebuild,
    translate,
    workspace_lock,
)
from l10n.model import CatalogStats
from l10n.review import STATES, add_stats, reviewed_ratio
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
JobsOption = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", min=1, help="Worker processes across articles (default: L10N_JOBS or one per core)."),
]
# Up to this many results, extract lists every file and build every edition; above it (an
# archive: thousands) only what was written or skipped, then a count.
LIST_UNCHANGED_UP_TO = 30


def _workspace(folder: Path | None) -> Workspace:
    if folder is not None:
        return load_workspace(folder, explicit=True)
    return load_workspace(Path.cwd())


def _locked(ws: Workspace, command: str, job, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run a job that writes to the workspace while holding its lock (one writer at a time)."""
    with workspace_lock(ws, command):
        return job(*args, **kwargs)


def _print_json(data: object) -> None:
    """JSON for machines: plain text on stdout (Rich's highlighting costs seconds and hundreds of
    MB on large reports)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
    jobs: JobsOption = None,
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
        results = _locked(ws, "extract", extract, ws, sources, languages, progress=lambda _: bar.advance(task), jobs=jobs)
    if as_json:
        _print_json([{**r.__dict__, "path": str(r.path)} for r in results])
        return
    for result in results:
        if result.action != "unchanged" or len(results) <= LIST_UNCHANGED_UP_TO:
            out.print(f"{result.action:>9}  {_rel(result.path, ws.root)}")
    written = sum(r.action in ("created", "updated") for r in results)
    skipped = [r for r in results if r.action == "skipped"]
    unchanged = len(results) - written - len(skipped)
    out.print(f"{len(sources)} article(s), {written} file(s) written, {unchanged} unchanged.")
    if skipped:
        err.print(f"[yellow]{len(skipped)} file(s) were saved by someone else while extract ran and were left as saved; run 'l10n extract' again to merge them.[/yellow]")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


_STATUS_COLUMNS = ("lang", "untransl.", "draft", "review", "reviewed", "words ok", "ready")


def _status_cells(lang: str, stats: CatalogStats, ready: str) -> list[str]:
    counts = [f"{getattr(stats, s).entries}/{getattr(stats, s).words}" for s in STATES]
    return [lang, *counts, f"{100 * reviewed_ratio(stats):.0f}%", ready]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def status_lines(records: list[StatusRecord], width: int) -> list[str]:
    """The status table as lines that fit ``width`` columns (80 too). Language codes and numbers
    always get the width they need; when the slugs do not fit beside them, each article gets a
    line of its own above its languages, so no slug or code is ever broken (--json has all)."""
    rows: list[tuple[str, list[str]]] = []
    for record in records:
        ready = "yes" if record.ready else "no"
        rows.append((record.article, _status_cells(record.lang, record.stats, f"{ready}, from {record.derived_from}" if record.derived_from else ready)))
    # Derived languages (kk_Latn) are their base's work, not review work of their own.
    work = [r for r in records if not r.derived_from]
    if len(work) > 1:
        total = work[0].stats
        for record in work[1:]:
            total = add_stats(total, record.stats)
        rows.append(("total", _status_cells("", total, f"{sum(r.ready for r in work)} of {len(work)}")))
    widths = [max(len(c), *(len(cells[i]) for _, cells in rows)) for i, c in enumerate(_STATUS_COLUMNS)]
    slug_width = max(len("article"), *(len(article) for article, _ in rows))
    wide = slug_width + 2 + sum(widths) + 2 * (len(widths) - 1) <= width

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) if i in (0, len(widths) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
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
    names = articles or []
    po_paths = [Path(n) for n in names if n.endswith((".po", ".pot"))]
    if po_paths and len(po_paths) == len(names):
        records = status_of_files(po_paths)
    else:
        ws = _workspace(workspace)
        records = status(ws, ws.select_sources(names), ws.languages(_codes(lang)), jobs)
    if as_json:
        _print_json([r.as_json() for r in records])
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
    """Quality checks on every translated entry: numbers, URLs, language, glossary, punctuation,
    quotes, length, whitespace, unreviewed drafts. Exit 0 clean, 1 on errors (warnings too with
    --strict), 2 on bad input. Silence one check on one entry with the flag ignore-<check>."""
    ws = _workspace(workspace)
    records = check(ws, ws.select_sources(articles or []), ws.languages(_codes(lang)), jobs)
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
            out.print(f"  [{colour}]{record.finding.severity}[/{colour}] {record.finding.check}: {escape(record.finding.message)}")
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
    ws = _workspace(workspace)
    records = report(ws, ws.select_sources(articles or []), ws.languages(_codes(lang)))
    if as_json:
        _print_json([r.as_json() for r in records])
        return
    if not records:
        out.print("No reviewed machine drafts yet.")
        return
    table = Table(title="Post-editing of machine drafts", title_justify="left")
    for column in ("article", "lang", "engine", "reviewed drafts", "unchanged", "chrF", "chars edited / draft", "edit rate"):
        table.add_column(column, overflow="fold", justify="left" if column in ("article", "lang", "engine") else "right")
    for r in records:
        j = r.as_json()
        table.add_row(r.article, r.lang, r.engine, str(r.reviewed_drafts), f"{r.unchanged} ({100 * j['accepted_unchanged_share']:.0f}%)",
                      f"{r.chrf:.1f}", f"{r.edit_distance:.1f}", f"{100 * r.edit_rate:.1f}%")
    out.print(table)


@app.command("translate")
def translate_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    engine: Annotated[
        Optional[str], typer.Option("--engine", "-e", help="argos, pseudo or auto (default: [mt] engine in l10n.toml).")
    ] = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fill every empty entry with a fuzzy machine draft (offline), never touching a person's work.

    Entries with any text (translations, re-sync guesses, edited drafts) are left as they are.
    Drafts carry provenance in translator comments; numbers, URLs, code and glossary terms are
    protected from MT. Results are cached, so a re-run translates nothing new.
    """
    ws = _workspace(workspace)
    choice = engine or ws.config.mt.engine
    if choice not in ("auto", "argos", "pseudo"):
        raise L10nError(f"unknown engine '{choice}'", "use argos, pseudo or auto")
    sources = ws.select_sources(articles or [])
    languages = ws.languages(_codes(lang))
    with Progress(
        TextColumn("translate"), BarColumn(), MofNCompleteColumn(), TextColumn("segments"),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
        console=err, transient=True, disable=as_json,
    ) as bar:
        task = bar.add_task("translate", total=None, rate="")
        words_done = [0]

        def planned(segments: int, words: int) -> None:
            bar.update(task, total=segments)

        def advanced(segments: int, words: int) -> None:
            words_done[0] += words
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{bar.tasks[0].completed / elapsed:.1f} seg/s, {words_done[0] / elapsed:.0f} words/s" if elapsed else ""
            bar.update(task, advance=segments, rate=rate)

        try:
            report = _locked(ws, "translate", translate, ws, sources, languages, choice, on_plan=planned, on_progress=advanced)
        except TranslationInterrupted as stop:
            bar.stop()
            done = sum(r.drafted for r in stop.report.results)
            err.print(f"interrupted: {done} draft(s) saved, every catalog is complete; run 'l10n translate' again to continue.")
            sys.exit(130)
    for notice in report.notices:
        err.print(f"[yellow]notice:[/yellow] {escape(notice)}")
    if as_json:
        _print_json({
            "segments": report.segments, "from_cache": report.from_cache, "translated": report.translated,
            "from_memory": report.from_memory,
            "notices": report.notices,
            "catalogs": [{**r.__dict__, "path": str(r.path)} for r in report.results],
        })
        return
    for result in report.results:
        out.print(f"{result.action:>9}  {_rel(result.path, ws.root)}  {result.drafted} draft(s)  \\[{escape(result.engine)}]")
    if report.from_memory:
        out.print(f"{report.from_memory} entr(ies) filled from the translation memory (reviewed elsewhere).")
    if report.segments == 0 and not report.from_memory:
        out.print("Nothing to translate: every entry already has text.")
    elif report.segments:
        out.print(f"{report.segments} segment(s) for MT: {report.translated} translated, {report.from_cache} from the cache.")


models_app = typer.Typer(help="Offline MT models: Argos Translate packages (list, add, install, import OPUS-MT).", no_args_is_help=True)
app.add_typer(models_app, name="models")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@models_app.command("list")
def models_list(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Installed Argos packages and which configured language each serves."""
    from l10n.engines.argos import installed_packages, packages_dir

    packages = installed_packages()
    serves: dict[str, list[str]] = {}
    try:
        ws = _workspace(workspace)
    except L10nError:
        ws = None
    if ws is not None:
        source = ws.config.source_language
        for lang in ws.config.targets:
            settings = ws.config.mt.for_language(lang.code)
            pairs = [(source, settings.pivot), (settings.pivot, lang.code)] if settings.pivot else [(source, lang.code)]
            for pkg in packages:
                if (pkg.from_code, pkg.to_code) in pairs and (not settings.package or settings.package in (pkg.path.name, pkg.name) or (pkg.from_code, pkg.to_code) != pairs[-1]):
                    serves.setdefault(pkg.ident, []).append(lang.code + (f" (via {settings.pivot})" if settings.pivot else ""))
    if as_json:
        _print_json([
            {"name": p.path.name, "from": p.from_code, "to": p.to_code, "version": p.version, "size": p.size,
             "path": str(p.path), "serves": serves.get(p.ident, []), "target_prefix": list(p.target_prefix),
             "source_prefix": list(p.source_prefix)}
            for p in packages
        ])
        return
    if not packages:
        out.print(f"No Argos packages in {packages_dir()}.")
        out.print("Add one with 'l10n models add FILE.argosmodel', 'l10n models install en ru' (online) or 'l10n models import-opus-mt DIR'.")
        return
    table = Table(title=f"Argos packages in {packages_dir()}")
    for column in ("package", "from", "to", "version", "size", "prefixes", "serves"):
        table.add_column(column, overflow="fold")
    for p in packages:
        prefixes = " ".join([*(f"source {t}" for t in p.source_prefix), *(f"target {t}" for t in p.target_prefix)]) or "-"
        table.add_row(p.path.name, p.from_code, p.to_code, p.version, _size(p.size), prefixes, ", ".join(serves.get(p.ident, [])) or "-")
    out.print(table)


@models_app.command("add")
def models_add(archive: Annotated[Path, typer.Argument(help="A local .argosmodel file.")]) -> None:
    """Install a local .argosmodel package (validated; nothing is half-installed)."""
    from l10n.engines.argos import add_package

    pkg = add_package(archive)
    out.print(f"Installed {pkg.path.name} ({pkg.from_code} -> {pkg.to_code}, version {pkg.version}) in {pkg.path.parent}.")


@models_app.command("install")
def models_install(
    from_code: Annotated[str, typer.Argument(help="Source language, e.g. en.")],
    to_code: Annotated[str, typer.Argument(help="Target language, e.g. ru.")],
) -> None:
    """Download and install from the Argos package index (needs the network; translate never does)."""
    from l10n.engines.argos import install_from_index

    pkg = install_from_index(from_code, to_code)
    out.print(f"Installed {pkg.path.name} ({pkg.from_code} -> {pkg.to_code}, version {pkg.version}).")


@models_app.command("remove")
def models_remove(name: Annotated[str, typer.Argument(help="Package folder name, as 'l10n models list' shows it.")]) -> None:
    """Uninstall a package."""
    from l10n.engines.argos import installed_packages, remove_package

    for pkg in installed_packages():
        if pkg.path.name == name:
            remove_package(pkg)
            out.print(f"Removed {name}.")
            return
    raise L10nError(f"no installed package named '{name}'", "see 'l10n models list'")


@models_app.command("import-opus-mt")
def models_import_opus_mt(
    model_dir: Annotated[Path, typer.Argument(help="OPUS-MT / Tatoeba-Challenge model folder (decoder.yml, *.npz, vocab, source.spm).")],
    from_code: Annotated[str, typer.Option("--from", help="Source language code.")] = "en",
    to_code: Annotated[str, typer.Option("--to", help="Target language code.")] = "kk",
    source_prefix: Annotated[Optional[list[str]], typer.Option("--source-prefix", help="Token put before every source sentence, e.g. '>>kaz_Cyrl<<' (repeatable).")] = None,
    source_suffix: Annotated[Optional[list[str]], typer.Option("--source-suffix", help="Token put after every source sentence (repeatable).")] = None,
    target_prefix: Annotated[Optional[str], typer.Option("--target-prefix", help="Token forced at the start of every translation and stripped after, e.g. 'kaz_Cyrl' (NLLB).")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Package folder name.")] = None,
    version: Annotated[str, typer.Option("--version", help="Package version.")] = "1.0",
    quantization: Annotated[str, typer.Option("--quantization", help="int8, int8_float32, float32 ...")] = "int8",
) -> None:
    """Convert an OPUS-MT Marian model with CTranslate2's converter (no torch) and install it.

    A multilingual model needs its target-language token (>>kaz_Cyrl<<, >>rus<<) before every
    sentence: without --source-prefix it is read from the model's vocabulary and chosen for --to."""
    from l10n.engines.argos import import_opus_mt, opus_source_prefix

    if not source_prefix:
        chosen = opus_source_prefix(model_dir, to_code)
        if chosen:
            source_prefix = [chosen]
            out.print(f"The model is multilingual: every sentence starts with {chosen}, its token for {to_code} (--source-prefix overrides).")
    pkg = import_opus_mt(
        model_dir, from_code, to_code, source_prefix or [], source_suffix or [], [target_prefix] if target_prefix else [],
        name, version, None if quantization == "float32" else quantization,
    )
    out.print(f"Installed {pkg.path.name} ({pkg.from_code} -> {pkg.to_code}) from {model_dir}.")


tm_app = typer.Typer(help="Translation memory: every reviewed sentence, reusable across articles; TMX in and out.", no_args_is_help=True)
app.add_typer(tm_app, name="tm")


@tm_app.command("rebuild")
def tm_rebuild_cmd(workspace: WorkspaceOption = None) -> None:
    """Refill the memory from every reviewed entry of every catalog (imported TMX units stay)."""
    ws = _workspace(workspace)
    count = _locked(ws, "tm rebuild", tm_rebuild, ws)
    out.print(f"Memory rebuilt: {count} reviewed unit(s) from the catalogs ({_rel(ws.state_dir / 'tm.sqlite', ws.root)}).")


@tm_app.command("import")
def tm_import_cmd(
    tmx: Annotated[Path, typer.Argument(help="A TMX file (OmegaT, Trados, Weblate, po2tmx ...).")],
    trusted: Annotated[bool, typer.Option("--trusted", help="Count its units as reviewed: fill entries from them. Otherwise they are only suggestions.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Import a TMX memory. Language codes are mapped (ru-RU -> ru, kk-KZ/kk-Cyrl -> kk)."""
    ws = _workspace(workspace)
    count = _locked(ws, "tm import", tm_import, ws, tmx, trusted)
    out.print(f"Imported {count} unit(s) from {tmx} ({'trusted' if trusted else 'suggestions only'}).")


@tm_app.command("export")
def tm_export_cmd(
    tmx: Annotated[Path, typer.Argument(help="The TMX file to write.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="Target language, e.g. ru.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Export the reviewed (trusted) units of one language as TMX 1.4b."""
    ws = _workspace(workspace)
    count = tm_export(ws, tmx, lang)
    out.print(f"Exported {count} unit(s) to {tmx}.")


@tm_app.command("stats")
def tm_stats_cmd(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Units per language pair, how many are trusted, sources, last update."""
    import datetime as _dt

    ws = _workspace(workspace)
    with open_memory(ws) as memory:
        stats, origins = memory.stats(), memory.origins()
    if as_json:
        _print_json({
            "languages": [{"pair": f"en-{s.lang}", "units": s.units, "trusted": s.trusted, "sources": s.origins, "last_update": _dt.datetime.fromtimestamp(s.last_update, _dt.timezone.utc).isoformat()} for s in stats],
            "sources": [{"source": o, "lang": lang, "units": n} for o, lang, n in origins],
        })
        return
    if not stats:
        out.print("The memory is empty: review entries, or run 'l10n tm rebuild' / 'l10n tm import FILE.tmx'.")
        return
    table = Table(title="Translation memory", title_justify="left")
    for column in ("pair", "units", "trusted", "sources", "last update"):
        table.add_column(column)
    for s in stats:
        table.add_row(f"en → {s.lang}", str(s.units), str(s.trusted), str(s.origins), _dt.datetime.fromtimestamp(s.last_update, _dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    out.print(table)
    for origin, lang, n in origins:
        out.print(f"  {origin} · {lang}: {n}")


FORMATS = ("txt", "md", "html")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise L10nError(f"unknown format '{unknown[0] if unknown else value}'", "use txt, md and/or html, e.g. --format txt,html")
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
                out.print(f"    built  {r.article} · {r.lang}  ({100 * r.reviewed_ratio:.0f}% reviewed{extra})")
        else:
            out.print(f"  skipped  {r.article} · {r.lang}: {escape(r.reason)}")
    if not listed:
        built = [r for r in report.results if r.action == "built"]
        drafts = sum(r.drafts > 0 for r in built)
        out.print(f"{len(built)} edition(s) built ({drafts} with draft sentences), {len(report.results) - len(built)} skipped.")
    if report.index:
        out.print(f"Editions: {_rel(report.index.parent, root)}/ (open {_rel(report.index, root)})")


@app.command("build")
def build_cmd(
    articles: ArticlesArg = None,
    lang: LangOption = None,
    formats: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: txt, md, html.")] = "txt,md,html",
    include_drafts: Annotated[bool, typer.Option("--include-drafts", help="Use unreviewed drafts (marked as such) and build below the threshold.")] = False,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Output folder (default: editions/).")] = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
    jobs: JobsOption = None,
) -> None:
    """Translated editions (txt, md, html, bilingual), kk_Latn by transliteration, MO files and
    editions/index.html. Articles below the publish threshold are skipped (last edition kept)."""
    ws = _workspace(workspace)
    sources = ws.select_sources(articles or [])
    with Progress(
        TextColumn("build"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=as_json or len(sources) < 2,
    ) as bar:
        task = bar.add_task("build", total=len(sources))
        report = _locked(ws, "build", build, ws, sources, ws.languages(_codes(lang)), _formats(formats), include_drafts, out_dir,
                         jobs=jobs, progress=lambda _: bar.advance(task))
    if as_json:
        _print_json({
            "editions": [{**r.__dict__, "files": [str(f) for f in r.files]} for r in report.results],
            "index": str(report.index) if report.index else None,
        })
        return
    _print_build(report, ws.root)


@app.command("run")
def run_cmd(
    articles: ArticlesArg = None,
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", help="argos, pseudo or auto.")] = None,
    include_drafts: Annotated[bool, typer.Option("--include-drafts", help="Build draft editions below the threshold.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """The main job: extract, translate and build every article in every configured language."""
    ws = _workspace(workspace)
    sources = ws.select_sources(articles or [])
    if not sources:
        err.print(f"No articles in {ws.source_dir}: add .txt or .md files there.")
        raise typer.Exit(0)
    languages = ws.languages(None)
    with workspace_lock(ws, "run"):
        results = extract(ws, sources, languages)
        out.print(f"extract: {sum(r.action in ('created', 'updated') for r in results)} file(s) written")
        choice = engine or ws.config.mt.engine
        try:
            translated = translate(ws, sources, languages, choice)
        except TranslationInterrupted:
            err.print("interrupted: drafts so far are saved; run again to continue.")
            sys.exit(130)
        for notice in translated.notices:
            err.print(f"[yellow]notice:[/yellow] {escape(notice)}")
        out.print(f"translate: {translated.translated} segment(s) drafted, {translated.from_cache} from the cache")
        _print_build(build(ws, sources, languages, FORMATS, include_drafts), ws.root)
    # A derived language (kk_Latn) is reviewed through its base: no work of its own to list.
    pending = [r for r in status(ws, sources, languages) if not r.ready and not r.derived_from]
    for record in pending:
        s = record.stats
        out.print(f"  to review: {record.article} · {record.lang}: {s.draft.entries} draft(s), {s.needs_review.entries} to check, {s.untranslated.entries} untranslated")
    if not pending:
        out.print("Every article is reviewed in every language.")


def _terminate(signum: int, frame: object) -> None:
    # SIGTERM behaves like Ctrl-C: finished work is saved, files stay complete.
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: every L10nError becomes one red line on stderr and exit code 2."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except L10nError as exc:
        err.print(f"[red]error:[/red] {escape(exc.one_line())}")
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted; files already written are complete, run again to finish.")
        sys.exit(130)
