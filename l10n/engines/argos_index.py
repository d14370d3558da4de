"""The Argos package index (online only): find a language pair's package, download it, and
install it as a local .argosmodel is installed.

The index is the JSON list argospm reads (``ARGOS_PACKAGE_INDEX``/index.json), each entry the
package's metadata with its download ``links``; a download goes where argospm puts its own
(``$XDG_CACHE_HOME/argos-translate/downloads``). argostranslate's ``get_available_packages()``
offline recursed until RecursionError; here an unreachable index is one line.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from l10n.engines import argos_settings
from l10n.engines.packages import PackageInfo, add_package
from l10n.errors import EngineUnavailable

log = logging.getLogger(__name__)
TIMEOUT = 30.0  # seconds without a byte before a download is given up


def _offline(from_code: str, to_code: str) -> EngineUnavailable:
    return EngineUnavailable(
        "cannot reach the Argos package index (offline?)",
        f"download the {from_code}->{to_code} .argosmodel on a connected machine "
        "and run 'l10n models add FILE.argosmodel'",
    )


def read_index(url: str, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
    """The index's package entries (anything not an object with links is left out)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        data = json.loads(response.read().decode("utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{url}: not a list of packages")
    return [p for p in data if isinstance(p, dict) and isinstance(p.get("links"), list)]


def choose(index: list[dict[str, Any]], from_code: str, to_code: str) -> dict[str, Any] | None:
    """The translation package for the pair (argospm installs the first one listed)."""
    for entry in index:
        if (
            entry.get("type", "translate") == "translate"
            and entry.get("from_code") == from_code
            and entry.get("to_code") == to_code
        ):
            return entry
    return None


def _file_name(entry: dict[str, Any]) -> str:
    """argospm's name for the download: translate-FROM_TO-VERSION.argosmodel."""
    version = re.sub(r"[^\w.]", "_", str(entry.get("package_version", "0")))
    return f"translate-{entry['from_code']}_{entry['to_code']}-{version.replace('.', '_')}.argosmodel"


def download(entry: dict[str, Any]) -> Path:
    """The package file, from the first of its links that answers; kept in argospm's downloads
    folder (written whole, then renamed in)."""
    target = argos_settings.downloads_dir() / _file_name(entry)
    if target.is_file():
        log.info("package %s already downloaded", target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    for link in entry["links"]:
        if not isinstance(link, str) or not link.startswith(("https://", "http://")):
            continue
        log.info("downloading %s", link)
        try:
            _fetch(link, target)
            return target
        except OSError as exc:
            log.info("download from %s failed: %s", link, exc)
    raise EngineUnavailable(f"no download link of {entry.get('name', 'the package')} answered")


def _fetch(link: str, target: Path) -> None:
    """The file at ``link`` as ``target``, complete or not at all."""
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as part:
        try:
            with urllib.request.urlopen(link, timeout=TIMEOUT) as response:
                while chunk := response.read(1 << 20):
                    part.write(chunk)
        except BaseException:
            part.close()
            Path(part.name).unlink(missing_ok=True)
            raise
    os.replace(part.name, target)


def install_from_index(from_code: str, to_code: str) -> PackageInfo:
    """Download from the Argos package index and install like a local file."""
    url = argos_settings.package_index_url()
    try:
        index = read_index(url)
    except (OSError, ValueError) as exc:
        log.info("package index %s: %s", url, exc)
        raise _offline(from_code, to_code) from exc
    entry = choose(index, from_code, to_code)
    if entry is None:
        raise EngineUnavailable(
            f"the Argos index has no {from_code}->{to_code} package",
            "see 'l10n models import-opus-mt' for OPUS-MT models, or a pivot language in l10n.toml",
        )
    return add_package(download(entry))
