"""`l10n glossary`: the terms of glossary.csv and their case forms."""

from __future__ import annotations

from typing import Annotated

import typer

from l10n.cli.common import JsonOption, WorkspaceOption, app, escape, out, print_json, workspace_at
from l10n.errors import L10nError

glossary_app = typer.Typer(
    help="The glossary: its terms and their required translations, and the case forms of a name.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("forms")
def glossary_forms_cmd(
    text: Annotated[str, typer.Argument(help="A name or term in the target language, e.g. 'Назарбаев'.")],
    lang: Annotated[str, typer.Option("--lang", help="ru or kk.")],
    as_json: JsonOption = False,
) -> None:
    """The singular case forms of a name or term: six cases in Russian, seven in Kazakh.

    Drafts put glossary terms back in these forms, and the glossary check accepts any of them.
    """
    from l10n.language.morphology import LANGUAGES, forms

    if lang not in LANGUAGES:
        raise L10nError(
            f"--lang {lang}: case forms are known for {' and '.join(LANGUAGES)}", "use --lang ru or --lang kk"
        )
    if not text.strip():
        raise L10nError("TEXT is empty", "give a name or term, e.g. l10n glossary forms Назарбаев --lang ru")
    table = forms(text.strip(), lang)
    if as_json:
        print_json({"text": text.strip(), "lang": lang, "forms": table})
        return
    width = max(len(case) for case in table)
    for case, form in table.items():
        out.print(f"{case:<{width}}  {escape(form)}")


@glossary_app.command("list")
def glossary_list_cmd(
    lang: Annotated[str | None, typer.Option("--lang", help="Only this language's translations.")] = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """The terms of glossary.csv with their required translations ("=" keeps the English)."""
    from l10n.stages.sources import load_glossary

    ws = workspace_at(workspace)
    glossary = load_glossary(ws)
    langs = [lang] if lang else sorted({code for term in glossary.terms for code, _ in term.targets})
    rows = [
        {"en": term.en, **{code: term.target(code) for code in langs}, "note": term.note}
        for term in glossary.terms
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        out.print(f"No terms: {ws.glossary_path.name} is missing or empty.")
        return
    for term in glossary.terms:
        targets = "  ".join(f"{code}: {_shown(term.en, term.target(code))}" for code in langs)
        note = f"  ({escape(term.note)})" if term.note else ""
        out.print(f"{escape(term.en)}  →  {targets}{note}")


def _shown(english: str, target: str | None) -> str:
    """ "=" for a term kept in English, "-" where the language has no column."""
    if target is None:
        return "-"
    return "=" if target == english else escape(target)
