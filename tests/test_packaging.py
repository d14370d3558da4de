"""The tool as a newsroom's admin installs it: the wheel, plain pip, a fresh venv; and the
version and package names that install instructions rely on."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import REPO, SEED

DIST_NAME = "l10n-newsroom"


def _run(venv: Path, *args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(venv / "bin" / "l10n"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, (
        f"l10n {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_wheel_installs_with_plain_pip_and_runs_without_torch(tmp_path: Path, test_models: Path) -> None:
    measured = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "install_size.py"),
            "--venv",
            str(tmp_path / "venv"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=840,
    )
    result = json.loads(measured.stdout)
    venv = Path(result["venv"])
    assert result["wheel"] == f"l10n_newsroom-{_source_version()}-py3-none-any.whl"  # the metadata's version
    assert DIST_NAME in result["packages"] and "l10n" not in result["packages"]
    for heavy in ("torch", "stanza", "spacy", "argostranslate", "ray"):
        assert heavy not in result["packages"], f"plain pip installed {heavy}"

    # The installed tool, with nothing of the development venv in reach.
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "NO_COLOR": "1",
        "COLUMNS": "200",
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    version = _run(venv, "--version", cwd=tmp_path, env=env).stdout.strip()
    assert version == f"l10n {_source_version()}"
    _run(venv, "init", "ws", cwd=tmp_path, env=env)
    root = tmp_path / "ws"
    shutil.copy(SEED, root / "source_texts" / SEED.name)
    added = _run(venv, "models", "add", str(test_models / "test-en_ru.argosmodel"), cwd=root, env=env)
    assert "test-en_ru" in added.stdout
    _run(venv, "run", "--include-drafts", cwd=root, env=env)
    po = (root / "locales" / "ru" / "LC_MESSAGES" / f"{SEED.stem}.po").read_text(encoding="utf-8")
    assert "l10n-mt: argos test-en_ru" in po  # drafted by the installed package, not the pseudo engine
    assert (root / "editions" / "ru" / f"{SEED.stem}.txt").is_file()
    imported = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import sys, l10n.cli, l10n.api\n"
            "heavy = ('argostranslate', 'torch', 'stanza', 'spacy')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert imported.stdout.strip() == "[]"


def _source_version() -> str:
    text = (REPO / "l10n" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    assert match
    return match.group(1)


def test_the_version_has_one_home() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    from importlib.metadata import version

    import l10n

    assert version(DIST_NAME) == l10n.__version__ == _source_version()


def test_no_instruction_installs_the_unrelated_l10n() -> None:
    """PyPI's `l10n` is someone else's project: every install instruction names ours."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DIST_NAME and project["scripts"] == {"l10n": "l10n.cli:main"}
    install = re.compile(
        r"(?:pip|pipx|uv tool|uv pip) install [^\n`]*?['\"]?\bl10n(?:\[[^\]]*\])?['\"]?(?=[\s`'\"]|$)"
    )
    pages = [
        REPO / "README.md",
        *sorted((REPO / "docs").glob("*.md")),
        *sorted((REPO / "l10n").rglob("*.py")),
    ]
    for page in pages:
        found = install.findall(page.read_text(encoding="utf-8"))
        assert found == [], f"{page.relative_to(REPO)} installs the unrelated PyPI project: {found}"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"pip install {DIST_NAME}" in readme and f"pipx install {DIST_NAME}" in readme


def test_the_ray_install_hint_names_our_distribution() -> None:
    from l10n.engines import cluster

    assert f"pip install '{DIST_NAME}[cluster]'" == cluster.INSTALL


_COMPARE = (
    "import json; from argostranslate import settings, package\n"
    "from l10n.engines import argos_settings as ours\n"
    "print(json.dumps([str(settings.package_data_dir), str(ours.packages_dir()),"
    " settings.remote_package_index, ours.package_index_url(),"
    " str(settings.downloads_dir), str(ours.downloads_dir()),"
    " sorted(p.package_path.name for p in package.get_installed_packages())]))"
)


@pytest.mark.parametrize("where", ["environment", "settings.json", "defaults"])
def test_argostranslate_and_l10n_share_one_packages_folder(
    where: str, tmp_path: Path, test_models: Path
) -> None:
    """argostranslate is not a dependency, but its settings are read as it reads them: a package
    `l10n models add` installs is one argospm lists, wherever the folder is configured."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    if where == "environment":
        env |= {
            "ARGOS_PACKAGES_DIR": str(tmp_path / "env-packages"),
            "ARGOS_PACKAGE_INDEX": "https://example.org/idx/",
        }
    elif where == "settings.json":
        (tmp_path / "config" / "argos-translate").mkdir(parents=True)
        (tmp_path / "config" / "argos-translate" / "settings.json").write_text(
            json.dumps(
                {
                    "ARGOS_PACKAGES_DIR": str(tmp_path / "json-packages"),
                    "ARGOS_PACKAGE_INDEX": "https://example.org/j/",
                }
            )
        )
    subprocess.run(
        [sys.executable, "-m", "l10n", "models", "add", str(test_models / "test-en_ru.argosmodel")],
        env=env,
        check=True,
        capture_output=True,
    )
    compared = subprocess.run(
        [sys.executable, "-c", _COMPARE], env=env, check=True, capture_output=True, text=True
    )
    theirs_dir, our_dir, theirs_index, our_index, theirs_dl, our_dl, listed = json.loads(compared.stdout)
    assert (theirs_dir, theirs_index, theirs_dl) == (our_dir, our_index, our_dl)
    assert listed == ["test-en_ru"]
    expected = {"environment": "env-packages", "settings.json": "json-packages", "defaults": "packages"}[
        where
    ]
    assert Path(our_dir).name == expected


def test_models_install_reads_an_argos_index_without_argostranslate(
    tmp_path: Path, test_models: Path
) -> None:
    """`l10n models install` downloads from an index in argospm's format (here a local one) with
    l10n's own code, into argospm's downloads folder, and installs the package."""
    import functools
    import http.server
    import threading

    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(test_models / "test-en_ru.argosmodel", served / "en_ru.argosmodel")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/"
    index = [
        {"type": "sbd", "from_code": "en", "to_code": "ru", "links": [base + "nothing"]},
        {
            "from_code": "en",
            "to_code": "ru",
            "package_version": "1.9",
            "name": "test",
            "links": [base + "missing.argosmodel", base + "en_ru.argosmodel"],
        },
    ]
    (served / "index.json").write_text(json.dumps(index))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path / "home"),
        "ARGOS_PACKAGE_INDEX": base,
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    try:
        result = subprocess.run(
            [sys.executable, "-m", "l10n", "models", "install", "en", "ru"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert "Installed test-en_ru" in result.stdout
    assert (tmp_path / "packages" / "test-en_ru" / "model" / "model.bin").is_file()
    assert [p.name for p in (tmp_path / "cache" / "argos-translate" / "downloads").iterdir()] == [
        "translate-en_ru-1_9.argosmodel"
    ]
