from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source_texts" / "kazakhstan-2012-conference.txt"
SLUG = SEED.stem


def run_l10n(*args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess (exit codes, stderr and all)."""
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "l10n", *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120
    )
    if check and result.returncode != 0:
        raise AssertionError(f"l10n {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh workspace made by `l10n init`, with the seed article in it."""
    root = tmp_path / "ws"
    run_l10n("init", str(root), cwd=tmp_path)
    shutil.copy(SEED, root / "source_texts" / SEED.name)
    return root


@pytest.fixture
def extracted(workspace: Path) -> Path:
    run_l10n("extract", cwd=workspace)
    return workspace
