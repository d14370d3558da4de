"""`l10n tm`: the translation memory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from l10n.cli.common import (
    JsonOption,
    WorkspaceOption,
    app,
    locked,
    out,
    print_json,
    rel,
    workspace_at,
)

tm_app = typer.Typer(
    help="Translation memory: every reviewed sentence, reusable across articles; TMX in and out.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(tm_app, name="tm")


@tm_app.command("rebuild")
def tm_rebuild_cmd(workspace: WorkspaceOption = None) -> None:
    """Refill the memory from every reviewed entry of every catalog (imported TMX units stay)."""
    from l10n.stages.tm import tm_rebuild

    ws = workspace_at(workspace)
    count = locked(ws, "tm rebuild", tm_rebuild, ws)
    out.print(
        f"Memory rebuilt: {count} reviewed unit(s) from the catalogs "
        f"({rel(ws.state_dir / 'tm.sqlite', ws.root)})."
    )


@tm_app.command("import")
def tm_import_cmd(
    tmx: Annotated[Path, typer.Argument(help="A TMX file (OmegaT, Trados, Weblate, po2tmx ...).")],
    trusted: Annotated[
        bool,
        typer.Option(
            "--trusted",
            help="Count its units as reviewed: fill entries from them. Otherwise they are only suggestions.",
        ),
    ] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Import a TMX memory. Language codes are mapped (ru-RU -> ru, kk-KZ/kk-Cyrl -> kk)."""
    from l10n.stages.tm import tm_import

    ws = workspace_at(workspace)
    count = locked(ws, "tm import", tm_import, ws, tmx, trusted)
    out.print(f"Imported {count} unit(s) from {tmx} ({'trusted' if trusted else 'suggestions only'}).")


@tm_app.command("export")
def tm_export_cmd(
    tmx: Annotated[Path, typer.Argument(help="The TMX file to write.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="Target language, e.g. ru.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Export the reviewed (trusted) units of one language as TMX 1.4b."""
    from l10n.stages.tm import tm_export

    ws = workspace_at(workspace)
    count = tm_export(ws, tmx, lang)
    out.print(f"Exported {count} unit(s) to {tmx}.")


@tm_app.command("stats")
def tm_stats_cmd(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Units per language pair, how many are trusted, sources, last update."""
    import datetime as _dt

    from rich.table import Table

    from l10n.stages.tm import open_memory

    ws = workspace_at(workspace)
    with open_memory(ws) as memory:
        stats, origins = memory.stats(), memory.origins()
    if as_json:
        print_json(
            {
                "languages": [
                    {
                        "pair": f"en-{s.lang}",
                        "units": s.units,
                        "trusted": s.trusted,
                        "sources": s.origins,
                        "last_update": _dt.datetime.fromtimestamp(s.last_update, _dt.UTC).isoformat(),
                    }
                    for s in stats
                ],
                "sources": [{"source": o, "lang": lang, "units": n} for o, lang, n in origins],
            }
        )
        return
    if not stats:
        out.print(
            "The memory is empty: review entries, or run 'l10n tm rebuild' / 'l10n tm import FILE.tmx'."
        )
        return
    table = Table(title="Translation memory", title_justify="left")
    for column in ("pair", "units", "trusted", "sources", "last update"):
        table.add_column(column)
    for s in stats:
        table.add_row(
            f"en → {s.lang}",
            str(s.units),
            str(s.trusted),
            str(s.origins),
            _dt.datetime.fromtimestamp(s.last_update, _dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        )
    out.print(table)
    for origin, lang, n in origins:
        out.print(f"  {origin} · {lang}: {n}")
