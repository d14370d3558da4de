"""The workbench's web app: the guard every request passes, the pages, and starting the server.

Starlette for routing (small, maintained, fast to import), uvicorn with its pure-Python HTTP
parser to serve, Jinja2 (autoescaping on) for pages; the JSON API is in apiv1.py.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from l10n.errors import L10nError
from l10n.review_state import entry_state
from l10n.team.permissions import permits
from l10n.workbench import apiv1, teamapi, usersapi
from l10n.workbench.access import readable
from l10n.workbench.auth import CSRF_HEADER, SAFE_METHODS, Auth, Session
from l10n.workbench.overview import Overview
from l10n.workbench.pagedata import STATE_LABELS, article_title, blocks_json, entry_id, entry_key
from l10n.workbench.sitedata import Site
from l10n.workspace import Workspace

HERE = Path(__file__).parent
PUBLIC = frozenset({"/login", "/api/v1/login"})  # and /static/: the rest needs a session or the API token
# No inline script, no plugin, no foreign origin; frames only from ourselves (the preview).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
# The preview is an edition page (its own inline styles, an HTML article's own page): sandboxed,
# no script at all.
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'"


def _refuse(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return PlainTextResponse(message, status_code=status)


class Guard(BaseHTTPMiddleware):
    """Deny by default: Host and Origin must be ours; then a session or the API token; then the
    CSRF token on every state change made with a session cookie."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        refused = _refusal(request)
        try:
            response = refused if refused is not None else await call_next(request)
        except Exception:  # a bug: the terminal gets the traceback, the page one line and the headers
            logging.getLogger("uvicorn.error").exception(
                "l10n serve: %s %r failed", request.method, request.url.path
            )
            response = _refuse(request, 500, "the server failed on this request; its terminal says why")
        _secure_headers(response, preview=request.url.path.startswith("/preview/"))
        return response


def _refusal(request: Request) -> Response | None:
    """Why a request is not served (a response saying so), or None; a served request gets its
    session in ``request.state``."""
    auth: Auth = request.app.state.auth
    if not auth.host_allowed(request.headers.get("host")):
        names = ", ".join(sorted(auth.hosts))
        return _refuse(request, 421, f"this server answers to {names} only (l10n serve --public-host)")
    cross_site = request.headers.get("sec-fetch-site") == "cross-site"
    if not auth.origin_allowed(request.headers.get("origin")) or cross_site:
        return _refuse(request, 403, "requests from other sites are refused")
    path = request.url.path
    if path in PUBLIC or path.startswith("/static/"):
        return None
    found = auth.session_for(request.cookies.get(auth.cookie), request.headers.get("authorization"))
    if found is None:
        if path.startswith("/api/"):
            how = (
                "POST /api/v1/login"
                if auth.with_accounts()
                else "open the URL l10n serve printed, or send the API token"
            )
            return _refuse(request, 401, f"log in: {how}")
        return RedirectResponse("/login", status_code=303)
    session, bearer = found
    unsafe = request.method not in SAFE_METHODS and not bearer
    if unsafe and not auth.csrf_ok(session, request.headers.get(CSRF_HEADER)):
        return _refuse(request, 403, "missing or wrong CSRF token (X-CSRF-Token)")
    request.state.session = session
    return None


def _secure_headers(response: Response, preview: bool) -> None:
    response.headers["Content-Security-Policy"] = PREVIEW_CSP if preview else CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers.setdefault("Cache-Control", "no-store")


def session_of(request: Request) -> Session:
    session = request.state.session
    assert isinstance(session, Session)
    return session


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    session = getattr(request.state, "session", None)
    base = {
        "principal": session.principal if session else None,
        "csrf": session.csrf if session else "",
        "may": lambda action, lang="": session is not None and permits(session.principal, action, lang),
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


async def login(request: Request) -> Response:
    auth: Auth = request.app.state.auth
    if auth.with_accounts():
        token = auth.login_csrf_for(request.cookies.get(auth.login_cookie))
        refused = "token" in request.query_params
        page = _page(request, "login.html", {"accounts": True, "csrf": token, "refused": refused})
        return teamapi.with_login_csrf(page, auth, token)
    spent = auth.spend_login(request.query_params.get("token", ""))
    if spent is None:
        return _page(request, "login.html", {"refused": "token" in request.query_params}, status=403)
    sid, _ = spent
    response = RedirectResponse("/", status_code=303)
    teamapi.set_session_cookie(response, auth, sid)
    return response


def users_page(request: Request) -> Response:
    """The accounts (admins only); the page's script adds, changes and removes them."""
    if not permits(session_of(request).principal, "admin"):
        return _refuse(request, 403, "only an admin manages accounts")
    site: Site = request.app.state.site
    from l10n.team.accounts import load_accounts, users_path

    accounts = sorted(load_accounts(users_path(site.workspace.state_dir)).values(), key=lambda a: a.name)
    context = {
        "accounts": accounts,
        "languages": list(site.languages()),
        "roles": ("translator", "reviewer", "admin"),
    }
    return _page(request, "users.html", context)


def dashboard(request: Request) -> Response:
    site: Site = request.app.state.site
    lang = request.query_params.get("lang") or None
    if lang is not None and lang not in site.languages():
        return _refuse(request, 404, "no such language in this workspace")
    rows = readable(session_of(request).principal, request.app.state.overview.rows(lang))
    context = {"rows": rows, "lang": lang, "languages": list(site.languages()), "labels": STATE_LABELS}
    return _page(request, "dashboard.html", {**context, "project": site.workspace.config.project})


def article_page(request: Request) -> Response:
    site: Site = request.app.state.site
    lang, slug = request.path_params["lang"], request.path_params["slug"]
    article = site.article(lang, slug)
    if article is None or not permits(session_of(request).principal, "read", lang):
        return _refuse(request, 404, "no such article or language in this workspace")
    blocks, rest = blocks_json(article.document, article.catalog)
    by_id = {entry_id(entry_key(e)): e for e in article.catalog.entries if not e.obsolete and e.msgid}
    context = {
        "article": article,
        "title": article_title(article.document),
        "blocks": blocks,
        "rest": rest,
        "entries": by_id,
        "states": {key: entry_state(entry) for key, entry in by_id.items()},
        "labels": STATE_LABELS,
    }
    return _page(request, "article.html", context)


def preview(request: Request) -> Response:
    """The edition as `l10n build --include-drafts` renders it (HTML), for one article and language."""
    site: Site = request.app.state.site
    article = site.article(request.path_params["lang"], request.path_params["slug"])
    if article is None or not permits(session_of(request).principal, "read", article.lang.code):
        return _refuse(request, 404, "no such article or language in this workspace")
    return HTMLResponse(apiv1.preview_html(site, article))


async def _unreadable(request: Request, exc: Exception) -> Response:
    """A file the workbench cannot read (a broken catalog or article): one line naming it and
    what to do, as the CLI says it."""
    message = exc.one_line() if isinstance(exc, L10nError) else str(exc)
    return _refuse(request, 500, message)


def _templates() -> Jinja2Templates:
    """Jinja2 with autoescaping on for every template: text from files is always escaped."""
    import jinja2

    loader = jinja2.FileSystemLoader(HERE / "templates")
    return Jinja2Templates(env=jinja2.Environment(loader=loader, autoescape=True, auto_reload=False))


def create_app(workspace: Workspace, auth: Auth) -> Starlette:
    app = Starlette(
        routes=[
            Route("/", dashboard),
            Route("/login", login),
            Route("/users", users_page),
            Route("/preview/{lang}/{slug}", preview),
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
            Mount("/api/v1", routes=[*teamapi.ROUTES, *usersapi.ROUTES, *apiv1.ROUTES]),
            Route("/{lang}/{slug}", article_page),
        ],
        middleware=[Middleware(Guard)],
        exception_handlers={L10nError: _unreadable},
    )
    app.state.auth = auth
    app.state.site = site = Site(workspace)
    app.state.overview = Overview(site)
    app.state.templates = _templates()
    return app
