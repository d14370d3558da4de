"""The public API (l10n.api): only the documented names, each with an example that runs."""

from __future__ import annotations

import doctest
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import l10n.api as api

from .conftest import REPO


def test_the_api_exposes_only_its_documented_names() -> None:
    exported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import l10n.api as a; print(' '.join(sorted(n for n in vars(a) if not n.startswith('_'))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    public = set(api.__all__) - {"__version__"}
    assert set(exported) - {"annotations"} == public  # `annotations`: the __future__ import
    assert dir(api) == sorted(api.__all__)
    page = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    for name in api.__all__:
        assert re.search(rf"`{re.escape(name)}\b", page), f"docs/api.md does not document {name}"


def test_every_name_has_an_example() -> None:
    examples = [e.source for t in doctest.DocTestFinder().find(api) for e in t.examples]
    for name in api.__all__:
        obj = getattr(api, name)
        if inspect.isfunction(obj):
            assert ">>>" in (obj.__doc__ or ""), f"l10n.api.{name} has no doctest example"
        assert any(re.search(rf"\b{re.escape(name)}\b", source) for source in examples), (
            f"no example uses {name}"
        )


def test_the_doctests_run(test_models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    result = doctest.testmod(
        api, extraglobs={"TEST_MODELS": test_models}, optionflags=doctest.ELLIPSIS, report=True
    )
    assert result.attempted >= 20 and result.failed == 0


def test_the_package_is_typed() -> None:
    assert (REPO / "l10n" / "py.typed").is_file()
