"""Which engine serves a language: an installed Argos package for the pair (or two, through a
pivot language), else the pseudo engine with a notice. One home for that rule, used by translate
and by `l10n models list`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from l10n.config import Language, LanguageMT
from l10n.engines import argos_settings
from l10n.engines.device import Device, choose_device, cuda_device_count
from l10n.engines.pivot import PivotEngine
from l10n.engines.protocol import Engine
from l10n.engines.pseudo import PseudoEngine
from l10n.errors import EngineUnavailable
from l10n.workspace import Workspace

if TYPE_CHECKING:
    from l10n.engines.argos import ArgosEngine
    from l10n.engines.packages import PackageInfo

log = logging.getLogger(__name__)


def pairs_for(source: str, lang: str, settings: LanguageMT) -> list[tuple[str, str]]:
    """The language pairs a target needs packages for: one, or two through a pivot."""
    if settings.pivot:
        return [(source, settings.pivot), (settings.pivot, lang)]
    return [(source, lang)]


def _named(pkg: PackageInfo, name: str | None) -> bool:
    return name is None or name in (pkg.path.name, pkg.name)


def serves(packages: Sequence[PackageInfo], workspace: Workspace) -> dict[str, list[str]]:
    """Per package (by ident): the workspace's languages it serves, "kk (via ru)" for a pivot leg.
    A language's package setting picks among several packages for its last leg."""
    found: dict[str, list[str]] = {}
    source = workspace.config.source_language
    for lang in workspace.config.targets:
        settings = workspace.config.mt.for_language(lang.code)
        pairs = pairs_for(source, lang.code, settings)
        for pkg in packages:
            pair = (pkg.from_code, pkg.to_code)
            if pair in pairs and (pair != pairs[-1] or _named(pkg, settings.package)):
                label = lang.code + (f" (via {settings.pivot})" if settings.pivot else "")
                found.setdefault(pkg.ident, []).append(label)
    return found


@cache
def mt_device(setting: str) -> Device:
    """The device MT runs on for a setting (asked of CTranslate2 once per process)."""
    return choose_device(setting, cuda_device_count() if setting != "cpu" else 0)


def resolve_engine(workspace: Workspace, lang: Language, choice: str) -> tuple[Engine, str | None]:
    """The engine for one language and, when auto falls back to pseudo, a notice saying why."""
    if choice == "pseudo":
        return PseudoEngine(lang.code), None
    from l10n.engines.argos import ArgosEngine
    from l10n.engines.packages import find_package

    mt = workspace.config.mt
    settings = mt.for_language(lang.code)
    beam = settings.beam_size or mt.beam_size
    device = mt_device(mt.device)

    def engine(src: str, dst: str, name: str | None) -> ArgosEngine | None:
        package = find_package(src, dst, name)
        if package is None:
            return None
        return ArgosEngine(
            package,
            beam_size=beam,
            threads=mt.threads,
            batch_size=mt.batch_size,
            max_decoding_length=mt.max_decoding_length,
            device=device,
        )

    legs = pairs_for(workspace.config.source_language, lang.code, settings)
    found = [
        engine(src, dst, settings.package if k == len(legs) - 1 else None)
        for k, (src, dst) in enumerate(legs)
    ]
    first, last = found[0], found[-1]
    if len(found) == 2 and first is not None and last is not None:
        log.info("%s: via %s: packages %s and %s", lang.code, settings.pivot, first.model, last.model)
        return PivotEngine(first, last, settings.pivot or ""), None
    if len(found) == 1 and first is not None:
        log.info(
            "%s: package %s (%s), beam %d, %s", lang.code, first.model, first.package.path, beam, device.name
        )
        return first, None
    missing = [f"{a}->{b}" for (a, b), e in zip(legs, found, strict=True) if e is None]
    need = " and ".join(missing) + (
        f" (package {settings.package!r})" if settings.package and not settings.pivot else ""
    )
    return _without_package(lang.code, need, choice)


def _without_package(lang: str, need: str, choice: str) -> tuple[Engine, str | None]:
    """No package serves the language: an error for --engine argos, else pseudo with a notice."""
    if choice == "argos":
        raise EngineUnavailable(
            f"no installed Argos package for {need}",
            f"run 'l10n models install {need.split()[0].replace('->', ' ')}' online, "
            "or 'l10n models add FILE.argosmodel'",
        )
    log.info("%s: no package for %s in %s", lang, need, argos_settings.packages_dir())
    notice = (
        f"{lang}: no Argos package for {need}; drafting with the pseudo engine. "
        "Install a model with 'l10n models add FILE.argosmodel' (see 'l10n models --help')."
    )
    return PseudoEngine(lang), notice
