"""`l10n models`: the offline MT packages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from l10n.cli.common import (
    JsonOption,
    WorkspaceOption,
    app,
    err,
    escape,
    out,
    print_json,
    workspace_at,
)
from l10n.errors import L10nError

models_app = typer.Typer(
    help="Offline MT models: Argos Translate packages (list, add, install, import OPUS-MT).",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(models_app, name="models")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@models_app.command("list")
def models_list(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Installed Argos packages and which configured language each serves."""
    from rich.table import Table

    from l10n.engines.packages import broken_packages, installed_packages, packages_dir
    from l10n.engines.select import serves as served_by

    packages = installed_packages()
    try:
        serves = served_by(packages, workspace_at(workspace))
    except L10nError:
        serves = {}  # outside a workspace: no languages to serve
    if as_json:
        print_json(
            [
                {
                    "name": p.path.name,
                    "from": p.from_code,
                    "to": p.to_code,
                    "version": p.version,
                    "size": p.size,
                    "path": str(p.path),
                    "serves": serves.get(p.ident, []),
                    "target_prefix": list(p.target_prefix),
                    "source_prefix": list(p.source_prefix),
                }
                for p in packages
            ]
        )
        return
    for folder, reason in broken_packages():
        remove = f"remove it: l10n models remove {escape(folder.name)}"
        err.print(f"[yellow]skipped:[/yellow] {escape(reason)} ({remove})")
    if not packages:
        out.print(f"No Argos packages in {packages_dir()}.")
        out.print(
            "Add one with 'l10n models add FILE.argosmodel', 'l10n models install en ru' (online) "
            "or 'l10n models import-opus-mt DIR'."
        )
        return
    table = Table(title=f"Argos packages in {packages_dir()}")
    for column in ("package", "from", "to", "version", "size", "prefixes", "serves"):
        table.add_column(column, overflow="fold")
    for p in packages:
        prefixes = (
            " ".join([*(f"source {t}" for t in p.source_prefix), *(f"target {t}" for t in p.target_prefix)])
            or "-"
        )
        table.add_row(
            p.path.name,
            p.from_code,
            p.to_code,
            p.version,
            _size(p.size),
            prefixes,
            ", ".join(serves.get(p.ident, [])) or "-",
        )
    out.print(table)


@models_app.command("add")
def models_add(archive: Annotated[Path, typer.Argument(help="A local .argosmodel file.")]) -> None:
    """Install a local .argosmodel package (validated; nothing is half-installed)."""
    from l10n.engines.packages import add_package

    pkg = add_package(archive)
    out.print(
        f"Installed {pkg.path.name} ({pkg.from_code} -> {pkg.to_code}, version {pkg.version}) "
        f"in {pkg.path.parent}."
    )


@models_app.command("install")
def models_install(
    from_code: Annotated[str, typer.Argument(help="Source language, e.g. en.")],
    to_code: Annotated[str, typer.Argument(help="Target language, e.g. ru.")],
) -> None:
    """Download and install from the Argos package index (needs the network; translate never does)."""
    from l10n.engines.argos_index import install_from_index

    pkg = install_from_index(from_code, to_code)
    out.print(f"Installed {pkg.path.name} ({pkg.from_code} -> {pkg.to_code}, version {pkg.version}).")


@models_app.command("remove")
def models_remove(
    name: Annotated[str, typer.Argument(help="Package folder name, as 'l10n models list' shows it.")],
) -> None:
    """Uninstall a package (a broken one too)."""
    import shutil

    from l10n.engines.packages import broken_packages, installed_packages, remove_package

    for pkg in installed_packages():
        if pkg.path.name == name:
            remove_package(pkg)
            out.print(f"Removed {name}.")
            return
    for folder, _ in broken_packages():
        if folder.name == name:
            shutil.rmtree(folder)
            out.print(f"Removed {name} (it was broken).")
            return
    raise L10nError(f"no installed package named '{name}'", "see 'l10n models list'")


@models_app.command("import-opus-mt")
def models_import_opus_mt(
    model_dir: Annotated[
        Path,
        typer.Argument(
            help="OPUS-MT / Tatoeba-Challenge model folder (decoder.yml, *.npz, vocab, source.spm)."
        ),
    ],
    from_code: Annotated[str, typer.Option("--from", help="Source language code.")] = "en",
    to_code: Annotated[str, typer.Option("--to", help="Target language code.")] = "kk",
    source_prefix: Annotated[
        list[str] | None,
        typer.Option(
            "--source-prefix",
            help="Token put before every source sentence, e.g. '>>kaz_Cyrl<<' (repeatable).",
        ),
    ] = None,
    source_suffix: Annotated[
        list[str] | None,
        typer.Option("--source-suffix", help="Token put after every source sentence (repeatable)."),
    ] = None,
    target_prefix: Annotated[
        str | None,
        typer.Option(
            "--target-prefix",
            help="Token forced at the start of every translation and stripped after, e.g. 'kaz_Cyrl' (NLLB).",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Package folder name.")] = None,
    version: Annotated[str, typer.Option("--version", help="Package version.")] = "1.0",
    quantization: Annotated[
        str, typer.Option("--quantization", help="int8, int8_float32, float32 ...")
    ] = "int8",
) -> None:
    """Convert an OPUS-MT Marian model with CTranslate2's converter (no torch) and install it.

    A multilingual model needs its target-language token (>>kaz_Cyrl<<, >>rus<<) before every
    sentence: without --source-prefix it is read from the model's vocabulary and chosen for --to."""
    from l10n.engines.opus_mt import import_opus_mt, opus_source_prefix

    if not source_prefix:
        chosen = opus_source_prefix(model_dir, to_code)
        if chosen:
            source_prefix = [chosen]
            out.print(
                f"The model is multilingual: every sentence starts with {chosen}, its token for {to_code} "
                "(--source-prefix overrides)."
            )
    pkg = import_opus_mt(
        model_dir,
        from_code,
        to_code,
        source_prefix or [],
        source_suffix or [],
        [target_prefix] if target_prefix else [],
        name,
        version,
        None if quantization == "float32" else quantization,
    )
    out.print(f"Installed {pkg.path.name} ({pkg.from_code} -> {pkg.to_code}) from {model_dir}.")
