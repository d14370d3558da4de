"""The project as a new user meets it: README, set-up, the repo's own workspace."""

from __future__ import annotations

import importlib.util
import re

from l10n.cli import app

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
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = "scripts/setup && .venv/bin/python -m pytest"
    assert command in readme and command in ci
