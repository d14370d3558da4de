"""Argos Translate packages on disk: list, validate, install, remove (OPUS-MT import: opus_mt.py).

Packages stay in argostranslate's format and folder (``ARGOS_PACKAGES_DIR`` respected, see
argos_settings), so argospm and LibreTranslate see what l10n installs and the other way round.
argostranslate itself is not imported (nor required: its wheel brings stanza, torch and spacy);
what its package manager does, and what it gets wrong for us, is done here instead:

- install/uninstall import ``argostranslate.translate`` (-> stanza): we extract validated
  archives ourselves and read package folders ourselves;
- a package zip without a single top-level folder, or a metadata.json with a wrong type, breaks
  listing for every package: refused at install, skipped (and reported) when already there;
- ``get_available_packages()`` offline recurses until RecursionError: see argos_index.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from l10n.engines import argos_settings
from l10n.errors import PackageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackageInfo:
    """An installed Argos package, as l10n needs it."""

    path: Path
    from_code: str
    to_code: str
    version: str
    name: str
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()
    target_prefix: tuple[str, ...] = ()
    size: int = 0

    @property
    def ident(self) -> str:
        """Stable name for provenance and the cache: folder name and version."""
        return f"{self.path.name}@{self.version}"


def packages_dir() -> Path:
    """Where argostranslate keeps packages (ARGOS_PACKAGES_DIR or its default)."""
    return argos_settings.packages_dir()


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _prefix(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def read_metadata(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(
            f"{folder}: no metadata.json",
            "an Argos package has metadata.json, model/ and sentencepiece.model",
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError, OSError) as exc:
        raise PackageError(f"{folder / 'metadata.json'}: invalid JSON ({exc})") from exc
    _check_types(data, folder / "metadata.json")
    return dict(data)


_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,4})*")


def _check_types(data: object, where: Path) -> None:
    """metadata.json as argostranslate (and we) will read it: a wrong type here crashed every
    later command that lists packages."""
    if not isinstance(data, dict):
        raise PackageError(f"{where}: must be a JSON object")
    for key in ("from_code", "to_code"):
        if not isinstance(data.get(key), str) or not _CODE.fullmatch(data[key]):
            raise PackageError(
                f'{where}: {key} must be a language code such as "en" (found {data.get(key)!r})'
            )
    for key in ("name", "type", "argos_version"):
        if key in data and not isinstance(data[key], str):
            raise PackageError(f"{where}: {key} must be a string")
    if "package_version" in data and not isinstance(data["package_version"], (str, int, float)):
        raise PackageError(f"{where}: package_version must be a string")
    for key in ("source_prefix", "source_suffix", "target_prefix"):
        value = data.get(key)
        if (
            value is not None
            and not isinstance(value, str)
            and not (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            raise PackageError(f"{where}: {key} must be a string or a list of strings")
    for key in ("source_languages", "target_languages"):
        value = data.get(key)
        if value is not None and not (
            isinstance(value, list)
            and all(isinstance(v, dict) and isinstance(v.get("code"), str) for v in value)
        ):
            raise PackageError(f'{where}: {key} must be a list of {{"code": ...}} objects')


def _package_folders() -> list[Path]:
    """Every package folder argostranslate would read; hidden ones (l10n's staging, an editor's)
    are not packages."""
    folders: list[Path] = []
    for root in dict.fromkeys(argos_settings.package_dirs()):
        if root.is_dir():
            folders += [p for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    return folders


def _package_info(folder: Path) -> PackageInfo | None:
    meta = read_metadata(folder)
    if meta.get("type", "translate") != "translate":
        return None
    return PackageInfo(
        path=folder,
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        version=str(meta.get("package_version") or "0"),
        name=str(meta.get("name") or folder.name),
        source_prefix=_prefix(meta.get("source_prefix")),
        source_suffix=_prefix(meta.get("source_suffix")),
        target_prefix=_prefix(meta.get("target_prefix")),
        size=_folder_size(folder),
    )


def installed_packages() -> list[PackageInfo]:
    """Installed translation packages: the folders of argostranslate's package directories, read
    as its package manager reads them. A broken one is left out (see broken_packages)."""
    found = []
    for folder in _package_folders():
        try:
            info = _package_info(folder)
        except PackageError as exc:
            log.info("package folder skipped: %s", exc)
            continue
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.path.name))


def broken_packages() -> list[tuple[Path, str]]:
    """Package folders that cannot be used, and why (`l10n models list` shows them; `l10n models
    remove NAME` removes them)."""
    broken = []
    for folder in _package_folders():
        try:
            _package_info(folder)
        except PackageError as exc:
            broken.append((folder, str(exc)))
    return broken


def find_package(from_code: str, to_code: str, name: str | None = None) -> PackageInfo | None:
    for pkg in installed_packages():
        if (
            pkg.from_code == from_code
            and pkg.to_code == to_code
            and (name is None or name in (pkg.path.name, pkg.name))
        ):
            return pkg
    return None


# --- installing -----------------------------------------------------------------------------


def _check_archive(archive: zipfile.ZipFile, source: Path) -> str:
    """Refuse anything that could write outside the package folder; return the top folder."""
    tops: set[str] = set()
    for info in archive.infolist():
        name = info.filename
        parts = Path(name).parts
        if (
            name.startswith(("/", "\\"))
            or (len(name) > 1 and name[1] == ":")
            or ".." in parts
            or "\\" in name
        ):
            raise PackageError(
                f"{source}: unsafe path in archive: {name!r}",
                "the archive tries to write outside its folder; not installed",
            )
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(f"{source}: archive contains a symbolic link: {name!r}", "not installed")
        if parts:
            tops.add(parts[0])
    if len(tops) != 1:
        raise PackageError(
            f"{source}: an Argos package must hold exactly one top-level folder (found {len(tops)})",
            "not installed",
        )
    return tops.pop()


def validate_package_folder(folder: Path, origin: Path) -> dict[str, Any]:
    meta = read_metadata(folder)
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError(f"{origin}: no model/model.bin (CTranslate2 model)", "not installed")
    if not (folder / "sentencepiece.model").is_file():
        raise PackageError(
            f"{origin}: no sentencepiece.model", "l10n supports SentencePiece packages; not installed"
        )
    return meta


def place_package(staged: Path, target: Path) -> None:
    """Move a complete, validated package into place; an older copy is replaced only after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old)
        os.replace(target, old)
    os.replace(staged, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# An .argosmodel holds int8 weights and a SentencePiece model, which compress little: a real one
# expands to at most a few times its size. A zip bomb expands a thousandfold.
MAX_UNPACKED = 8 * 1024**3
MAX_RATIO = 50


def _check_size(archive: zipfile.ZipFile, source: Path, root: Path) -> None:
    """Refuse an archive that would expand out of all proportion, or fill the disk."""
    unpacked = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if unpacked > MAX_UNPACKED or (unpacked > 50 * 1024**2 and unpacked / packed > MAX_RATIO):
        raise PackageError(
            f"{source}: expands to {unpacked / 1e9:.1f} GB from {packed / 1e6:.1f} MB",
            "that is not a translation model; not installed",
        )
    free = shutil.disk_usage(root).free
    if unpacked + 100 * 1024**2 > free:
        raise PackageError(
            f"{source}: needs {unpacked / 1e9:.1f} GB unpacked, {free / 1e9:.1f} GB are free",
            "free disk space; not installed",
        )


@contextmanager
def staging(root: Path, kind: str) -> Iterator[str]:
    """A staging folder beside the packages folder, never inside it: argostranslate (and argospm,
    LibreTranslate) read every folder in it as a package, and a half-unpacked one left by a
    killed install broke them all. Leftovers of such an install are removed first."""
    base = root.parent / ".l10n-staging"
    base.mkdir(parents=True, exist_ok=True)
    for old in base.glob(f"{kind}-*"):
        with contextlib.suppress(OSError):
            if _owner_gone(old):
                shutil.rmtree(old)
    for old in root.glob(".l10n-*"):  # left inside the folder by an older l10n
        shutil.rmtree(old, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=base, prefix=f"{kind}-{os.getpid()}-") as tmp:
        yield tmp


def _owner_gone(folder: Path) -> bool:
    """A staging folder whose installing process no longer runs."""
    try:
        pid = int(folder.name.split("-")[1])
    except (IndexError, ValueError):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return pid == os.getpid()


def add_package(archive_path: Path) -> PackageInfo:
    """Install a local .argosmodel: validated, extracted beside the packages, then renamed in.
    On any error nothing is left behind."""
    root = packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    try:
        archive = zipfile.ZipFile(archive_path)
    except FileNotFoundError:
        raise PackageError(f"{archive_path}: no such file") from None
    except (zipfile.BadZipFile, OSError):
        raise PackageError(
            f"{archive_path}: not a zip archive", "an .argosmodel file is a zip archive"
        ) from None
    with archive, staging(root, "install") as tmp:
        top = _check_archive(archive, archive_path)
        _check_size(archive, archive_path, root)
        archive.extractall(tmp)
        staged = Path(tmp) / top
        if not staged.is_dir():
            raise PackageError(f"{archive_path}: the top-level entry is not a folder", "not installed")
        validate_package_folder(staged, archive_path)
        place_package(staged, root / top)
    return read_back(root / top)


def read_back(folder: Path) -> PackageInfo:
    for pkg in installed_packages():
        if pkg.path.resolve() == folder.resolve():
            return pkg
    raise PackageError(f"{folder}: installed but argostranslate does not list it")


def remove_package(pkg: PackageInfo) -> None:
    shutil.rmtree(pkg.path)
