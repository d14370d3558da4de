"""Team commands: `l10n users …` (workbench accounts) and `l10n audit` (who changed what)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from l10n.cli.common import (
    JsonOption,
    WorkspaceOption,
    app,
    codes,
    err,
    escape,
    out,
    print_json,
    workspace_at,
)
from l10n.errors import ConfigError
from l10n.workspace import Workspace

if TYPE_CHECKING:
    from l10n.team.accounts import Account

users_app = typer.Typer(
    help="Workbench accounts: who may translate, review or administer which languages.", no_args_is_help=True
)
app.add_typer(users_app, name="users")

RoleOption = Annotated[str, typer.Option("--role", "-r", help="translator, reviewer or admin.")]
UserLangOption = Annotated[
    str | None, typer.Option("--lang", "-l", help="Comma-separated languages this user works on, e.g. ru,kk.")
]
StdinOption = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
]


def _read_password(from_stdin: bool) -> str:
    from l10n.team.accounts import check_password

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        return check_password(password)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


def _languages(ws: Workspace, lang: str | None, role: str) -> tuple[str, ...]:
    chosen = codes(lang) or []
    known = {language.code for language in ws.config.targets}
    unknown = [code for code in chosen if code not in known]
    if unknown:
        have = ", ".join(sorted(known))
        raise ConfigError(f"{', '.join(unknown)}: not a language of this workspace (l10n.toml has {have})")
    if not chosen and role != "admin":
        raise ConfigError(f"a {role} needs --lang with the languages they work on (e.g. --lang ru)")
    return tuple(chosen)


def _accounts(ws: Workspace, existing: str | None = None) -> tuple[Path, dict[str, Account]]:
    """The users file and its accounts; ``existing``: a name that must be among them."""
    from l10n.team.accounts import load_accounts, users_path

    path = users_path(ws.state_dir)
    accounts = load_accounts(path)
    if existing is not None and existing not in accounts:
        raise ConfigError(f"no user '{existing}' (see `l10n users list`)")
    return path, accounts


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Login name (a-z, 0-9, '.', '_', '-').")],
    role: RoleOption,
    lang: UserLangOption = None,
    password_stdin: StdinOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Add a workbench account (asks for the password twice, or reads it with --password-stdin)."""
    from l10n.team.accounts import Account, check_name, check_role, hash_password, save_accounts

    ws = workspace_at(workspace)
    path, accounts = _accounts(ws)
    try:
        name, checked = check_name(name), check_role(role)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    if name in accounts:
        raise ConfigError(f"the user '{name}' exists already (change it with `l10n users set {name}`)")
    languages = _languages(ws, lang, checked)
    account = Account(name, checked, languages, hash_password(_read_password(password_stdin)))
    save_accounts(path, [*accounts.values(), account])
    out.print(f"added {escape(name)} ({checked}{': ' + ','.join(languages) if languages else ''})")


@users_app.command("set")
def users_set(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str | None, typer.Option("--role", "-r", help="translator, reviewer or admin.")] = None,
    lang: UserLangOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Change an account's role or languages."""
    from dataclasses import replace

    from l10n.team.accounts import check_role, save_accounts

    ws = workspace_at(workspace)
    path, accounts = _accounts(ws, existing=name)
    account = accounts[name]
    try:
        new_role = check_role(role) if role else account.role
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    languages = _languages(ws, lang, new_role) if lang is not None else account.languages
    accounts[name] = replace(account, role=new_role, languages=languages)
    save_accounts(path, accounts.values())
    out.print(f"{escape(name)}: {new_role}{': ' + ','.join(languages) if languages else ''}")


@users_app.command("passwd")
def users_passwd(
    name: Annotated[str, typer.Argument(help="Login name.")],
    password_stdin: StdinOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Set a new password for an account."""
    from l10n.team.accounts import save_accounts, with_password

    path, accounts = _accounts(workspace_at(workspace), existing=name)
    accounts[name] = with_password(accounts[name], _read_password(password_stdin))
    save_accounts(path, accounts.values())
    out.print(f"new password set for {escape(name)}")


@users_app.command("remove")
def users_remove(
    name: Annotated[str, typer.Argument(help="Login name.")], workspace: WorkspaceOption = None
) -> None:
    """Remove an account (its sign-offs in the PO files and its audit lines stay)."""
    from l10n.team.accounts import save_accounts

    path, accounts = _accounts(workspace_at(workspace), existing=name)
    del accounts[name]
    save_accounts(path, accounts.values())
    out.print(f"removed {escape(name)}")


@users_app.command("list")
def users_list(json_out: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """Every account: name, role, languages (never a password or its hash)."""
    accounts = sorted(_accounts(workspace_at(workspace))[1].values(), key=lambda a: a.name)
    if json_out:
        print_json([account.as_json() for account in accounts])
        return
    if not accounts:
        out.print("no accounts yet; add one with `l10n users add NAME --role admin`")
    for account in accounts:
        out.print(
            f"{escape(account.name):<20} {account.role:<10} {','.join(account.languages) or 'all languages'}"
        )


@app.command("audit")
def audit_cmd(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's changes.")] = None,
    article: Annotated[str | None, typer.Option("--article", help="Only this article (slug).")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date or time on (ISO 8601, UTC).")
    ] = None,
    json_out: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """What was changed through the workbench, by whom and when (.l10n/audit.jsonl), oldest first."""
    from l10n.team.audit import audit_path, records, select

    ws = workspace_at(workspace)
    found = select(records(audit_path(ws.state_dir)), user=user, article=article, since=since)
    if json_out:
        print_json([record.as_json() for record in found])
        return
    if not found:
        err.print("no changes recorded" + (" for that selection" if user or article or since else ""))
    for record in found:
        where = f"{record.article}/{record.lang}" if record.article else ""
        change = f": {record.before!r} -> {record.after!r}" if record.before != record.after else ""
        who = f"{record.time} {record.user} ({record.role})"
        out.print(escape(f"{who} {record.action} {where} {record.msgid[:60]}{change}"))
