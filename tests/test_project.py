"""The project as a new user meets it: README, set-up, the repo's own workspace."""

from __future__ import annotations

import importlib.util
import re

from l10n.cli.common import app

from .conftest import REPO


def test_no_torch_stanza_or_spacy_in_the_environment() -> None:
    assert [m for m in ("torch", "stanza", "spacy") if importlib.util.find_spec(m)] == []
    import argostranslate.package  # noqa: F401  a dev dependency (tests): its package manager imports without them
    import ctranslate2  # noqa: F401
    import sentencepiece  # noqa: F401


def test_every_command_is_documented() -> None:
    readme = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    for group in app.registered_groups:
        commands += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]  # type: ignore[union-attr]
    assert "translate" in commands and "models add" in commands
    for name in commands:
        assert re.search(rf"`l10n {name}\b", readme), f"docs/commands.md does not document 'l10n {name}'"


def test_readme_links_resolve() -> None:
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not target.startswith(("http://", "https://")):
                assert (page.parent / target).exists(), f"{page.name} links to a missing {target}"


def test_ci_runs_the_readme_test_command() -> None:
    """README's command, as CI runs it: scripts/setup once (first), the tests last."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "scripts/setup && .venv/bin/python -m pytest" in readme
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci = [line for line in lines if line and not line.startswith(("#", "set ", "cd ", "export "))]
    assert ci[0] == "scripts/setup" and ci.count("scripts/setup") == 1
    assert ci[-1] == ".venv/bin/python -m pytest"
    for path in ("l10n", "tests", "scripts"):
        assert any(line.startswith(".venv/bin/ruff check") and path in line.split() for line in ci)
        assert any(line.startswith(".venv/bin/ruff format --check") and path in line.split() for line in ci)
    assert ".venv/bin/mypy" in ci and ".venv/bin/mypy tests scripts" in ci
