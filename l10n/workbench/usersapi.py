"""Accounts from the workbench (admins only): the users page and /api/v1/users. The same file
and checks as `l10n users` (l10n.team.accounts); every change is in the audit trail, never a
password or its hash; the sessions of a changed or removed account end at once."""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from l10n.team.accounts import (
    Account,
    check_name,
    check_password,
    check_role,
    hash_password,
    load_accounts,
    save_accounts,
    users_path,
)
from l10n.team.permissions import Principal, permits
from l10n.workbench.auth import Auth, Session
from l10n.workbench.saving import locked
from l10n.workbench.sitedata import Site
from l10n.workbench.teamchanges import record

MAX_BODY = 10_000


class Invalid(Exception):
    """A request the users API cannot take: 400 with this reason."""


def _principal(request: Request) -> Principal:
    session = request.state.session
    assert isinstance(session, Session)
    return session.principal


def _refused(request: Request) -> Response | None:
    if not permits(_principal(request), "admin"):
        return JSONResponse({"error": "only an admin manages accounts"}, status_code=403)
    return None


def _languages(site: Site, value: Any, role: str) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise Invalid("'languages' must be a list of language codes")
    unknown = [code for code in value if code not in site.languages()]
    if unknown:
        raise Invalid(f"{', '.join(unknown)}: not a language of this workspace")
    if not value and role != "admin":
        raise Invalid(f"a {role} needs at least one language")
    return tuple(dict.fromkeys(value))


async def _body(request: Request) -> dict[str, Any]:
    data = await request.body()
    try:
        body = json.loads(data) if len(data) <= MAX_BODY else None
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise Invalid("the body must be a JSON object")
    return body


def _text(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise Invalid(f"'{name}' must be a string")
    return value


def _summary(account: Account | None) -> str | None:
    return f"{account.role}: {','.join(account.languages) or 'all'}" if account else None


def _admins_left(accounts: dict[str, Account]) -> bool:
    return any(account.role == "admin" for account in accounts.values())


def _apply(site: Site, body: dict[str, Any], name: str, method: str) -> tuple[Account | None, Account | None]:
    """Change the users file as asked; (before, after) of the account."""
    path = users_path(site.workspace.state_dir)
    with locked(site.workspace):
        accounts = load_accounts(path)
        before = accounts.get(name)
        if method == "POST" and before is not None:
            raise Invalid(f"the user '{name}' exists already")
        if method != "POST" and before is None:
            raise LookupError(f"no user '{name}'")
        if method == "DELETE":
            del accounts[name]
            after = None
        else:
            role = check_role(_text(body, "role") or (before.role if before else "translator"))
            langs = body.get("languages", list(before.languages) if before else None)
            password = _text(body, "password")
            hashed = hash_password(check_password(password)) if password else None
            if before is None and hashed is None:
                raise Invalid("a new account needs a password")
            kept = before.password_hash if before else ""
            after = Account(check_name(name), role, _languages(site, langs, role), hashed or kept)
            accounts[name] = after
        if accounts and not _admins_left(accounts):
            raise Invalid("this would leave no admin: the first account, and the last, is an admin")
        save_accounts(path, accounts.values())
    return before, after


async def users_list(request: Request) -> Response:
    refused = _refused(request)
    if refused is not None:
        return refused
    site: Site = request.app.state.site
    accounts = await run_in_threadpool(load_accounts, users_path(site.workspace.state_dir))
    return JSONResponse([account.as_json() for account in sorted(accounts.values(), key=lambda a: a.name)])


async def users_change(request: Request) -> Response:
    refused = _refused(request)
    if refused is not None:
        return refused
    site: Site = request.app.state.site
    auth: Auth = request.app.state.auth
    try:
        body = {} if request.method == "DELETE" else await _body(request)
        name = request.path_params.get("name") or _text(body, "name") or ""
        before, after = await run_in_threadpool(_apply, site, body, name, request.method)
    except (Invalid, ValueError) as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    except LookupError as exc:
        return JSONResponse({"error": str(exc.args[0])}, status_code=404)
    if before is not None:
        auth.end_user(name)
    note = "password changed" if before and after and before.password_hash != after.password_hash else None
    await run_in_threadpool(
        record,
        site.workspace.state_dir,
        _principal(request),
        "users",
        msgid=name,
        before=_summary(before),
        after=" ".join(filter(None, [_summary(after), note])) or None,
    )
    status = 201 if before is None else 200
    return JSONResponse(after.as_json() if after else {"removed": name}, status_code=status)


ROUTES = [
    Route("/users", users_list, methods=["GET"]),
    Route("/users", users_change, methods=["POST"]),
    Route("/users/{name}", users_change, methods=["PUT", "DELETE"]),
]
