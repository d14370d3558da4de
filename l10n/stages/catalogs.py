"""Catalogs as stages read them: through the workspace's parse cache (status, check and build read many)."""

from __future__ import annotations

from pathlib import Path

from l10n.model import Catalog
from l10n.po.files import load_catalog, read_catalog
from l10n.workspace import Workspace


def catalog_cache(workspace: Workspace) -> Path:
    """Where parsed catalogs are kept (derived, safe to delete)."""
    return workspace.state_dir / "cache" / "catalogs"


def cached_catalog(workspace: Workspace, path: Path) -> Catalog:
    """A catalog through the workspace's parse cache (status, check, build read many)."""
    return load_catalog(path, catalog_cache(workspace))


def read_if_exists(workspace: Workspace, path: Path) -> tuple[Catalog | None, bytes | None]:
    """A catalog and its bytes, or (None, None) when there is no file yet."""
    if not path.exists():
        return None, None
    return read_catalog(path, catalog_cache(workspace))
