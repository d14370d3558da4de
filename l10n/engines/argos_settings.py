"""Where Argos Translate keeps its packages and finds its index, read as argostranslate 1.11's
``settings`` module reads them, without importing argostranslate.

argostranslate itself is not a dependency of l10n: its wheel requires stanza (-> torch, a
multi-GB CUDA build) and spacy, which a plain ``pip install`` would bring along. The package
format (a zip of one folder with metadata.json, model/ and sentencepiece.model) and the folder
layout stay Argos Translate's, so argospm, LibreTranslate and l10n share one packages folder.

The rules, as argostranslate applies them (a setting from the environment first, then
``$XDG_CONFIG_HOME/argos-translate/settings.json``, then the default):

- ``ARGOS_PACKAGES_DIR`` (default ``$XDG_DATA_HOME/argos-translate/packages``, with
  ``$XDG_DATA_HOME`` defaulting to ``~/.local/share``; under a snap, ``$SNAP_USER_DATA``
  stands for the home folder and the snap's bundled package folders are read too);
- ``ARGOS_PACKAGE_INDEX`` (default the argospm-index repository), with ``index.json`` appended.

Unlike argostranslate, nothing here creates a folder: reading settings writes nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


def _home() -> Path:
    if "SNAP" in os.environ and "SNAP_USER_DATA" in os.environ:
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def _xdg(variable: str, *default: str) -> Path:
    return Path(os.environ.get(variable) or _home().joinpath(*default)) / "argos-translate"


def data_dir() -> Path:
    return _xdg("XDG_DATA_HOME", ".local", "share")


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config")


def cache_dir() -> Path:
    # argostranslate's own default is ~/.local/cache (not ~/.cache): the same one, so a
    # package downloaded by either is found by both.
    return _xdg("XDG_CACHE_HOME", ".local", "cache")


def _settings_file() -> dict[str, Any]:
    try:
        data = json.loads((config_dir() / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def setting(key: str, default: str) -> str:
    """A setting as argostranslate reads it: the environment, then settings.json, then the default."""
    value = os.environ.get(key)
    if value is not None:
        return value
    stored = _settings_file().get(key)
    return str(stored) if stored is not None else default


def packages_dir() -> Path:
    """Where packages are installed (and argospm installs them)."""
    return Path(setting("ARGOS_PACKAGES_DIR", str(data_dir() / "packages")))


def package_dirs() -> list[Path]:
    """Every folder whose subfolders are packages: the packages folder and, under a snap, the
    snap's bundled ones."""
    folders = [packages_dir()]
    snap = os.environ.get("SNAP")
    if snap:
        bundled = Path(snap) / "snap_custom" / "packages"
        if bundled.is_dir():
            folders.append(bundled)
        content = Path(snap) / "snap_custom" / "content_snap_packages"
        if content.is_dir():
            folders += sorted(p for p in content.iterdir() if p.is_dir())
    return folders


def package_index_url() -> str:
    """The package index (a JSON list of packages with their download links)."""
    return setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX) + "index.json"


def downloads_dir() -> Path:
    return cache_dir() / "downloads"
