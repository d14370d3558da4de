"""Logging in with an account, logging out, and publishing from the workbench (docs/team.md).

``GET /login`` (accounts) and ``GET /api/v1/login`` hand out a login-CSRF token, as a cookie and
in the page or the answer; ``POST /api/v1/login`` needs both (double submit) and a name and
password. Logout is a state change like any other (the session's CSRF token, checked by the
guard)."""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from l10n.errors import L10nError
from l10n.team.permissions import permits, refusal
from l10n.workbench.auth import CSRF_HEADER, Auth, Session
from l10n.workbench.saving import locked
from l10n.workbench.sitedata import Site
from l10n.workbench.teamchanges import record

LOGIN_CSRF_AGE = 3600  # seconds a login form stays usable


def set_session_cookie(response: Response, auth: Auth, sid: str) -> None:
    response.set_cookie(auth.cookie, sid, httponly=True, samesite="strict", secure=auth.secure, path="/")


def with_login_csrf(response: Response, auth: Auth, token: str) -> Response:
    response.set_cookie(
        auth.login_cookie,
        token,
        max_age=LOGIN_CSRF_AGE,
        httponly=True,
        samesite="strict",
        secure=auth.secure,
        path="/",
    )
    return response


async def login_token(request: Request) -> Response:
    """A login-CSRF token for a script (the page gets its own in the login form)."""
    auth: Auth = request.app.state.auth
    token = auth.login_csrf_for(request.cookies.get(auth.login_cookie))
    return with_login_csrf(JSONResponse({"csrf_token": token}), auth, token)


def _credentials(data: bytes) -> tuple[str, str] | None:
    try:
        body: Any = json.loads(data)
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    name, password = body.get("name"), body.get("password")
    if not isinstance(name, str) or not isinstance(password, str) or len(name) > 64 or len(password) > 1024:
        return None
    return name, password


async def login(request: Request) -> Response:
    auth: Auth = request.app.state.auth
    if not auth.login_csrf_ok(request.cookies.get(auth.login_cookie), request.headers.get(CSRF_HEADER)):
        return JSONResponse({"error": "missing or wrong login CSRF token: GET /login first"}, status_code=403)
    found = _credentials(await request.body())
    if found is None:
        return JSONResponse({"error": 'send {"name": …, "password": …} as JSON'}, status_code=400)
    address = request.client.host if request.client else "?"
    result = await run_in_threadpool(auth.password_login, *found, address, request.cookies.get(auth.cookie))
    if result.session is None:
        return JSONResponse({"error": result.error}, status_code=result.status)
    session = result.session
    response = JSONResponse({**session.principal.as_json(), "csrf_token": session.csrf})
    set_session_cookie(response, auth, result.sid)
    response.delete_cookie(auth.login_cookie, path="/", secure=auth.secure, httponly=True, samesite="strict")
    return response


async def logout(request: Request) -> Response:
    auth: Auth = request.app.state.auth
    auth.logout(request.cookies.get(auth.cookie))
    response = JSONResponse({"logged_out": True})
    response.delete_cookie(auth.cookie, path="/", secure=auth.secure, httponly=True, samesite="strict")
    return response


def _publish(site: Site, lang: str, slug: str) -> list[dict[str, object]]:
    """`l10n build` for one article and language (its threshold and formats as configured)."""
    from l10n.stages.build import build

    workspace = site.workspace
    with locked(workspace):
        report = build(workspace, workspace.select_sources([slug]), workspace.languages([lang]), jobs=1)
    return [
        {
            "action": result.action,
            "reason": result.reason,
            "files": [str(path.relative_to(workspace.root)) for path in result.files],
        }
        for result in report.results
    ]


async def publish(request: Request) -> Response:
    """Build the edition of one article in one language: reviewers of the language and admins."""
    session: Session = request.state.session
    site: Site = request.app.state.site
    lang, slug = request.path_params["lang"], request.path_params["slug"]
    if lang not in site.languages() or slug not in site.sources():
        return JSONResponse({"error": "no such article or language in this workspace"}, status_code=404)
    who = session.principal
    if not permits(who, "publish", lang):
        return JSONResponse({"error": refusal(who, "publish", lang)}, status_code=403)
    try:
        results = await run_in_threadpool(_publish, site, lang, slug)
    except L10nError as exc:
        return JSONResponse({"error": exc.one_line()}, status_code=409)
    built = [path for result in results for path in result["files"]]  # type: ignore[attr-defined]
    note = ", ".join(str(r["action"]) + (f" ({r['reason']})" if r["reason"] else "") for r in results)
    await run_in_threadpool(
        record, site.workspace.state_dir, who, "publish", article=slug, lang=lang, after=note or None
    )
    return JSONResponse({"results": results, "files": built})


ROUTES = [
    Route("/login", login_token, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/{lang}/{slug}/publish", publish, methods=["POST"]),
]
