"""Working in git: the PO merge driver (merge-po) and registering it (git-setup)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from l10n.cli.common import WorkspaceOption, app, err, out, workspace_at
from l10n.errors import CatalogError


@app.command("merge-po")
def merge_po_cmd(
    base: Annotated[Path, typer.Argument(help="The common ancestor (git's %O).")],
    ours: Annotated[Path, typer.Argument(help="This branch's file; the result is written here (%A).")],
    theirs: Annotated[Path, typer.Argument(help="The other branch's file (%B).")],
    path: Annotated[
        str | None, typer.Argument(help="The file's path in the repository, for messages (%P).")
    ] = None,
) -> None:
    """Git merge driver for PO and POT files: a three-way merge entry by entry, written to OURS.

    An entry changed on one branch takes that change; changed on both, flags and comments are
    merged; a translation changed differently on both is a conflict: ours is kept, marked fuzzy,
    and theirs recorded in a `# l10n-conflict: theirs: …` comment (one line per conflict on
    stderr; `l10n status` counts them, `l10n check` lists them). Exit 0 when merged (conflicts
    included: the file is valid and nothing is lost); 1 when a file does not parse (nothing is
    written, git reports a conflict). Git runs it once `l10n git-setup` has registered it."""
    from l10n.stages.gitmerge import merge_files

    name = path or str(ours)
    try:
        merged = merge_files(base, ours, theirs, name)
    except CatalogError as exc:
        err.print(
            f"error: {exc.one_line()}; nothing was merged, git marks {name} as conflicted", markup=False
        )
        raise typer.Exit(1) from None
    for conflict in merged.result.conflicts:
        context = f" [{conflict.msgctxt}]" if conflict.msgctxt is not None else ""
        flat = " ".join(conflict.msgid.split())  # one line per conflict, whatever the msgid holds
        short = flat if len(flat) <= 60 else flat[:59] + "…"
        err.print(f"{name}: conflict{context} “{short}”: {conflict.what}", markup=False)


@app.command("git-setup")
def git_setup_cmd(workspace: WorkspaceOption = None) -> None:
    """Register l10n's PO merge driver in this repository's git config and name it in the
    workspace's .gitattributes, so merges, rebases, cherry-picks and `git stash pop` merge
    catalogs entry by entry instead of line by line. Safe to run again.

    Git takes merge drivers only from its own config, never from a cloned repository, so every
    clone runs this once; commit .gitattributes."""
    from l10n.stages.gitmerge import git_dir, register_driver, write_attributes

    ws = workspace_at(workspace)
    registered = register_driver(ws.root)
    top = git_dir(ws.root)
    where = f"{top}/.git/config" if top else "the git config"
    out.print(
        f"Registered the PO merge driver in {where}."
        if registered
        else f"The PO merge driver is already registered in {where}."
    )
    if write_attributes(ws.root):
        out.print(f"Wrote {ws.root / '.gitattributes'}: *.po and *.pot merge with it. Commit it.")
    else:
        out.print(f"{ws.root / '.gitattributes'} already names it for *.po and *.pot.")
