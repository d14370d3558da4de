"""Git and PO files: the merge driver's file edges (``merge_files``), registering the driver in a
repository (``register_driver``, ``write_attributes``) and telling whether it is (``driver_state``).

Git runs a merge driver as ``<command> %O %A %B %P`` in the work tree's top folder: base, ours and
theirs as temporary files, and the file's path. The result goes into %A; exit 0 says merged.
Git takes drivers only from its own config, never from the repository (a cloned repository must
not run commands), so ``.gitattributes`` names the driver and ``git-setup`` defines it.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import CatalogError, ConfigError
from l10n.fileio import write_atomic
from l10n.model import Catalog
from l10n.po.files import decode_po_bytes
from l10n.po.merge3 import MergeResult, merge_catalogs
from l10n.po.read import parse_po
from l10n.po.write import render_po
from l10n.workspace import DEFAULT_GITATTRIBUTES, GITATTRIBUTES_LINES, MERGE_DRIVER

DRIVER = MERGE_DRIVER
DRIVER_NAME = "l10n: PO catalogs merged entry by entry"


def driver_command() -> str:
    """The command git runs: this Python with this l10n, so it works from any folder git runs it
    in and whatever PATH the shell has (a virtual environment need not be active)."""
    return f"{shlex.quote(sys.executable)} -m l10n merge-po %O %A %B %P"


@dataclass(frozen=True)
class MergedFile:
    result: MergeResult
    written: bool  # False: the result is ours' file as it was


def _read(path: Path, label: str) -> tuple[Catalog, bytes]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(label, f"cannot read: {exc.strerror}") from None
    return parse_po(decode_po_bytes(data, label), label), data


def merge_files(base: Path, ours: Path, theirs: Path, name: str) -> MergedFile:
    """Merge the three files into ``ours`` (atomic). Every input is parsed before anything is
    written: a file that does not parse raises CatalogError and ``ours`` is left as it was."""
    base_catalog, _ = _read(base, f"{name} (base)")
    ours_catalog, _ = _read(ours, f"{name} (ours)")
    theirs_catalog, theirs_bytes = _read(theirs, f"{name} (theirs)")
    result = merge_catalogs(base_catalog, ours_catalog, theirs_catalog)
    if result.catalog == ours_catalog:
        return MergedFile(result, written=False)  # ours' bytes stay, layout and all
    # Theirs' own bytes where the result is theirs: no rewrapping churn from another editor.
    if result.catalog == theirs_catalog:
        data = theirs_bytes
    else:
        text = render_po(result.catalog)
        # Read back before it is written: a result our own reader refuses (plural entries that no
        # longer match a Plural-Forms changed on the other side) is never written.
        parse_po(text, f"{name} (merged)")
        data = text.encode("utf-8")
    try:
        written = write_atomic(ours, data)
    except OSError as exc:
        raise CatalogError(name, f"cannot write the merge result: {exc.strerror}") from None
    return MergedFile(result, written)


# --- the repository ----------------------------------------------------------------------------


def git_dir(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that is a git work tree's top (holds .git)."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        raise ConfigError("git is not installed", "install git, then run 'l10n git-setup' again")
    return subprocess.run([git, "-C", str(folder), *args], capture_output=True, text=True, timeout=30)


def registered_driver(folder: Path) -> str | None:
    """The driver command this repository's git config gives for l10n-po, or None."""
    found = _git(folder, "config", "--get", f"merge.{DRIVER}.driver")
    return found.stdout.strip() or None if found.returncode == 0 else None


def driver_state(root: Path) -> str | None:
    """What is wrong with the workspace's git merge driver, in one line; None when it is
    registered and its program exists, or when the workspace is not in git."""
    top = git_dir(root)
    if top is None or shutil.which("git") is None:
        return None
    command = registered_driver(root)
    if command is None:
        return "no PO merge driver registered for this git repository"
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return f"the registered PO merge driver cannot be read: {command}"
    if shutil.which(program) is None and not Path(program).is_file():
        return f"the registered PO merge driver runs {program}, which no longer exists"
    return None


def register_driver(root: Path) -> bool:
    """Define the driver in the repository's own config (.git/config). False when it already
    says exactly this."""
    if git_dir(root) is None:
        raise ConfigError(f"{root} is not in a git repository", "run 'git init' there first")
    command = driver_command()
    if registered_driver(root) == command and _name(root) == DRIVER_NAME:
        return False
    for key, value in ((f"merge.{DRIVER}.name", DRIVER_NAME), (f"merge.{DRIVER}.driver", command)):
        done = _git(root, "config", "--local", key, value)
        if done.returncode != 0:
            raise ConfigError(f"git config {key} failed: {done.stderr.strip()}", "check the repository")
    return True


def _name(root: Path) -> str | None:
    found = _git(root, "config", "--get", f"merge.{DRIVER}.name")
    return found.stdout.strip() if found.returncode == 0 else None


def write_attributes(root: Path) -> bool:
    """Make ``.gitattributes`` name the driver for PO and POT files (lines added where missing,
    the rest kept). False when nothing was missing."""
    path = root / ".gitattributes"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})", "fix or remove the file") from None
    present = {" ".join(line.split()) for line in text.splitlines()}
    missing = [line for line in GITATTRIBUTES_LINES if line not in present]
    if not missing:
        return False
    if not text:
        text = DEFAULT_GITATTRIBUTES
    else:
        text += ("" if text.endswith("\n") else "\n") + "\n".join(missing) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return True
