#!/usr/bin/env python3
"""Build the wheel, install it into a fresh virtual environment with plain pip, and measure it:
what a newsroom's admin gets from ``pip install l10n-newsroom`` (no uv, no overrides).

    python scripts/install_size.py [--venv DIR] [--json]

Builds with uv (``uv build --wheel``; scripts/setup puts it in .tools/), creates the venv with the
standard library's ``venv``, installs the wheel with that venv's own pip (PyPI, or pip's cache),
and prints the installed size (the venv after minus before: pip and setuptools not counted) with
the largest distributions. tests/test_packaging.py runs it and then the installed tool.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def uv() -> str:
    local = REPO / ".tools" / "uv" / "bin" / "uv"
    found = str(local) if local.exists() else shutil.which("uv")
    if found is None:
        sys.exit("install_size: uv not found (run scripts/setup)")
    return found


def build_wheel(out: Path) -> Path:
    subprocess.run(
        [uv(), "build", "--wheel", "--out-dir", str(out), str(REPO)], check=True, capture_output=True
    )
    (wheel,) = out.glob("*.whl")
    return wheel


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def site_packages(venv: Path) -> Path:
    (found,) = (venv / "lib").glob("python3*/site-packages")
    return found


def distributions(venv: Path) -> dict[str, int]:
    """Installed size per distribution, from each one's RECORD."""
    sizes: dict[str, int] = {}
    site = site_packages(venv)
    for record in site.glob("*.dist-info/RECORD"):
        name = record.parent.name.split("-")[0].lower()
        total = 0
        for line in record.read_text(encoding="utf-8").splitlines():
            path = (site / line.split(",")[0]).resolve()
            if path.is_file():
                total += path.stat().st_size
        sizes[name] = total
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


@dataclass
class Installed:
    venv: str
    wheel: str
    installed_bytes: int  # the venv after the install minus before (pip itself not counted)
    packages: list[str]  # every distribution in the venv, pip included
    largest: dict[str, int]  # each installed distribution's size, largest first


def install(venv: Path, wheel: Path) -> Installed:
    """A fresh venv with the wheel installed by its own pip; the sizes it took."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    before = tree_size(venv)
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True, env=env
    )
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=json"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return Installed(
        venv=str(venv),
        wheel=wheel.name,
        installed_bytes=tree_size(venv) - before,
        packages=sorted(p["name"].lower() for p in json.loads(listed.stdout)),
        largest={n: b for n, b in distributions(venv).items() if n not in ("pip", "setuptools")},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--venv", type=Path, help="where to create the venv (default: a temporary folder, removed)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="l10n-wheel-") as tmp:
        wheel = build_wheel(Path(tmp) / "dist")
        venv = args.venv or Path(tmp) / "venv"
        result = install(venv, wheel)
        if args.json:
            print(json.dumps(asdict(result), indent=2))
            return
        size = result.installed_bytes / 1e6
        print(f"{result.wheel}: {size:.0f} MB installed, {len(result.packages)} distributions")
        for name, part in list(result.largest.items())[:10]:
            print(f"  {name:<24} {part / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
