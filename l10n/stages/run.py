"""run: the main job. extract -> translate -> build for every article and configured language,
under one workspace lock, then what is left to review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.render import FORMATS
from l10n.stages.build import BuildReport, build
from l10n.stages.extract import FileResult, extract
from l10n.stages.review import StatusRecord, status
from l10n.stages.translate import TranslateReport, translate
from l10n.workspace import Workspace, workspace_lock


@dataclass(frozen=True)
class RunReport:
    extracted: list[FileResult]
    translated: TranslateReport
    built: BuildReport
    pending: list[StatusRecord]  # below the publish threshold; derived languages left out


def run(workspace: Workspace, sources: list[Path], engine: str | None, include_drafts: bool) -> RunReport:
    """Raises TranslationInterrupted (after saving) when interrupted during translate."""
    languages = workspace.languages(None)
    with workspace_lock(workspace, "run"):
        extracted = extract(workspace, sources, languages)
        translated = translate(workspace, sources, languages, engine or workspace.config.mt.engine)
        built = build(workspace, sources, languages, FORMATS, include_drafts)
    # A derived language (kk_Latn) is reviewed through its base: no work of its own to list.
    pending = [r for r in status(workspace, sources, languages) if not r.ready and not r.derived_from]
    return RunReport(extracted, translated, built, pending)
