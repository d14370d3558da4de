from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI runs every property with a fixed budget and fixed examples (derandomize), so a run is
# reproducible; L10N_HYPOTHESIS=explore searches new examples locally.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=1000)
settings.load_profile(os.environ.get("L10N_HYPOTHESIS", "ci"))

REPO = Path(__file__).resolve().parent.parent

# Nothing a test does may write into the user's home: argostranslate creates its data and config
# folders at import time, so point them at a scratch folder before anything imports it.
_SCRATCH = Path(os.environ.get("L10N_TEST_SCRATCH") or __import__("tempfile").mkdtemp(prefix="l10n-tests-"))
os.environ["XDG_DATA_HOME"] = str(_SCRATCH / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SCRATCH / "config")
os.environ["XDG_CACHE_HOME"] = str(_SCRATCH / "cache")  # the parse caches' signing key
os.environ["ARGOS_PACKAGES_DIR"] = str(_SCRATCH / "argos-packages")
SEED = REPO / "source_texts" / "kazakhstan-2012-conference.txt"
SLUG = SEED.stem


LINEAR_GROWTH = 24  # time(8n) / time(n): about 8 for linear work, 64 for quadratic; 3x slack for noise


def growth(run: Callable[[int, int], object], n: int, factor: int = 8, repeat: int = 3) -> float:
    """How many times longer ``run(factor * n, i)`` takes than ``run(n, i)`` (best of ``repeat``,
    after one warm-up run; ``i`` numbers the run, so that a test can make each input new and no
    cache answers). About ``factor`` for linear work, ``factor ** 2`` for quadratic."""
    run(n, -1)

    def best(size: int) -> float:
        times = []
        for i in range(repeat):
            started = time.perf_counter()
            run(size, i)
            times.append(time.perf_counter() - started)
        return min(times)

    return best(factor * n) / max(best(n), 1e-4)


def needs_hunspell(lang: str) -> pytest.MarkDecorator:
    """Skip (saying why) where the Hunspell dictionary for ``lang`` or libhunspell is missing: the
    spelling check then finds nothing, and a test of it would pass whatever the code does.
    tests/test_checks.py::test_ci_has_the_hunspell_dictionaries fails in CI instead."""
    from l10n.language.hunspell import DICTIONARIES, speller

    return pytest.mark.skipif(
        speller(lang) is None,
        reason=f"no Hunspell dictionary {DICTIONARIES[lang]} or no libhunspell "
        f"(scripts/setup installs hunspell-{lang})",
    )


def run_l10n(
    *args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess (exit codes, stderr and all)."""
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "l10n", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"l10n {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result


def po(root: Path, lang: str, slug: str = SLUG) -> Path:
    """A workspace's catalog of one article in one language."""
    return root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"


def set_beam(root: Path, beam: int) -> None:
    """A workspace's MT beam size (1 makes the test models fast and deterministic)."""
    config = root / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("beam_size = 4", f"beam_size = {beam}"), encoding="utf-8"
    )


def no_temporaries(folder: Path) -> None:
    """Nothing half-written is left behind: no staged or temporary file anywhere below."""
    leftovers = list(folder.rglob("*.tmp"))
    assert leftovers == [], leftovers


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
def repo_copy(tmp_path: Path) -> Path:
    """The repo's workspace files (the seed, reviewed in ru and kk), copied so that nothing a
    test does touches the checkout."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("l10n.toml", "glossary.csv"):
        shutil.copy(REPO / name, root / name)
    for folder in ("source_texts", "locales"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("*.mo", "kk_Latn"))
    return root


@pytest.fixture
def extracted(workspace: Path) -> Path:
    run_l10n("extract", cwd=workspace)
    return workspace


@pytest.fixture(scope="session")
def test_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own tiny Argos packages, built once per session by scripts/make_test_model.py."""
    out = tmp_path_factory.mktemp("models")
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_test_model.py"), str(out)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture
def argos_env(tmp_path: Path) -> dict[str, str]:
    """A private Argos packages folder for one test's CLI runs."""
    return {
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system Chromium through Playwright (no browser download), one per test module."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is missing: scripts/setup installs it (Debian package chromium)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            yield launched
        finally:
            launched.close()
