"""The JSON API, /api/v1/ (docs/workbench.md): what the page uses, open to scripts with the API
token. Every change goes through saving.py; every permission through access.permits."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from l10n.dismissals import CHECK_ID, with_dismissal
from l10n.errors import WorkspaceBusy
from l10n.model import Entry
from l10n.review_state import entry_state
from l10n.team.audit import Action as AuditAction
from l10n.team.permissions import Action, permits, refusal
from l10n.team.signoff import with_suggestion
from l10n.workbench.access import readable
from l10n.workbench.auth import Session
from l10n.workbench.pagedata import (
    Key,
    Others,
    article_title,
    blocks_json,
    entry_id,
    entry_json,
    entry_key,
    version,
)
from l10n.workbench.saving import Changed, Conflict, change_entry, restored, unfit, with_text
from l10n.workbench.sitedata import Article, Site, stamp
from l10n.workbench.teamchanges import Refused, record_change, with_signoff

UNFIT_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
MAX_BODY = 1_000_000  # bytes: a sentence's translation is never near this
UNDO_DEPTH = 50


class BadRequest(Exception):
    """A request the API cannot take: 400 with this one-line reason."""


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _session(request: Request) -> Session:
    session = request.state.session
    assert isinstance(session, Session)
    return session


def _article(request: Request) -> Article | None:
    site: Site = request.app.state.site
    article = site.article(request.path_params["lang"], request.path_params["slug"])
    if article is None or not permits(_session(request).principal, "read", article.lang.code):
        return None
    return article


def entry_payload(
    site: Site, article: Article, entry: Entry, findings: dict[str, list[Any]] | None = None
) -> dict[str, object]:
    found = site.findings(article) if findings is None else findings
    others = Others(site.other_catalogs(article), site.memory_matches(article))
    last = article.catalog.header_value("Last-Translator") or ""
    return entry_json(entry, found.get(entry.msgid, []), site.glossary(), article.lang.code, others, last)


def article_payload(site: Site, article: Article) -> dict[str, object]:
    findings = site.findings(article)
    others = Others(site.other_catalogs(article), site.memory_matches(article))
    glossary, lang = site.glossary(), article.lang.code
    last = article.catalog.header_value("Last-Translator") or ""
    entries = {
        entry_id(entry_key(e)): entry_json(e, findings.get(e.msgid, []), glossary, lang, others, last)
        for e in article.catalog.entries
        if not e.obsolete and e.msgid
    }
    blocks, rest = blocks_json(article.document, article.catalog)
    return {
        "article": article.slug,
        "lang": lang,
        "title": article_title(article.document),
        "blocks": blocks,
        "rest": rest,
        "entries": entries,
        "catalog_findings": [
            {"check": f.check, "severity": f.severity, "message": f.message} for f in findings.get("", [])
        ],
        "stamp": _stamp(article),
    }


def _stamp(article: Article) -> str:
    mtime, size = stamp(article.path)
    return f"{mtime}-{size}"


async def session_info(request: Request) -> Response:
    session = _session(request)
    return JSONResponse({**session.principal.as_json(), "csrf_token": session.csrf})


async def articles(request: Request) -> Response:
    lang = request.query_params.get("lang") or None
    if lang is not None and lang not in request.app.state.site.languages():
        return _error(404, "no such language in this workspace")
    rows = await run_in_threadpool(request.app.state.overview.rows, lang)
    return JSONResponse(readable(_session(request).principal, rows))


async def article(request: Request) -> Response:
    found = await run_in_threadpool(_article, request)
    if found is None:
        return _error(404, "no such article or language in this workspace")
    payload = await run_in_threadpool(article_payload, request.app.state.site, found)
    return JSONResponse(payload)


async def article_stamp(request: Request) -> Response:
    """What the catalog looks like now (pages poll it to learn of changes made elsewhere)."""
    site: Site = request.app.state.site
    lang, slug = request.path_params["lang"], request.path_params["slug"]
    if (
        lang not in site.languages()
        or slug not in site.sources()
        or not permits(_session(request).principal, "read", lang)
    ):
        return _error(404, "no such article or language in this workspace")
    mtime, size = stamp(site.workspace.catalog_path(lang, slug))
    return JSONResponse({"stamp": f"{mtime}-{size}"})


async def _body(request: Request) -> dict[str, Any]:
    data = bytearray()
    async for chunk in request.stream():  # stop reading at the limit, not after the whole body
        data += chunk
        if len(data) > MAX_BODY:
            raise BadRequest(f"the body is over {MAX_BODY} bytes")
    try:
        body = json.loads(data)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise BadRequest("the body is not JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    return body


def _field(body: dict[str, Any], name: str, kind: type | tuple[type, ...], required: bool = True) -> Any:
    if name not in body:
        if required:
            raise BadRequest(f"'{name}' is missing")
        return None
    value = body[name]
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        raise BadRequest(f"'{name}' has the wrong type")
    return value


def _text(value: str, name: str) -> str:
    """Text fit for a PO file: encodable as UTF-8 (JSON allows a lone surrogate) and without
    control characters but newline and tab (a NUL ends a string in a .mo file; an escape
    sequence rewrites the terminal of whoever runs `l10n check` or `git diff`)."""
    if UNFIT_CHARS.search(value):
        raise BadRequest(f"'{name}' holds a control character or a lone surrogate: remove it")
    return value


def _key(body: dict[str, Any]) -> Key:
    msgctxt = _field(body, "msgctxt", str, required=False) if body.get("msgctxt") is not None else None
    return (msgctxt, _field(body, "msgid", str))


def _msgstr(body: dict[str, Any]) -> str | list[str]:
    value = _field(body, "msgstr", (str, list))
    if isinstance(value, str):
        return _text(value, "msgstr")
    if not all(isinstance(v, str) for v in value):
        raise BadRequest("'msgstr' must be a string or a list of strings (plural forms)")
    return [_text(v, "msgstr") for v in value]


def _needed(actions: list[Action], entry: Entry) -> list[Action]:
    """What a change amounts to on this entry: saving a reviewed entry without approving it
    reopens it."""
    if "save" in actions and "approve" not in actions and entry_state(entry) == "reviewed":
        return [*actions, "reopen"]
    return actions


async def _change(
    request: Request,
    make: Callable[[dict[str, Any], Article], tuple[Key, str | None, Callable[[Entry], Entry], list[Action]]],
) -> Response:
    """The shared shape of every change: parse, check permission, change under the lock, answer."""
    found = await run_in_threadpool(_article, request)
    if found is None:
        return _error(404, "no such article or language in this workspace")
    try:
        key, expected, change, actions = make(await _body(request), found)
    except BadRequest as exc:
        return _error(400, str(exc))
    principal = _session(request).principal
    site: Site = request.app.state.site

    def guarded(entry: Entry) -> Entry:
        approved = entry_state(entry) == "reviewed"
        for action in _needed(actions, entry):
            if not permits(principal, action, found.lang.code, approved):
                raise Refused(refusal(principal, action, found.lang.code, approved), approved)
        return with_signoff(change(entry), principal.name, "approve" in actions)

    try:

        def audit(done: Changed) -> None:
            record_change(site.workspace, principal, found, _audited(actions), done)

        done = await run_in_threadpool(
            change_entry, site.workspace, found.path, key, expected, guarded, principal.name, audit
        )
    except Refused as exc:
        # A translator's text for an approved entry is not lost: the page leaves it as a suggestion.
        suggest = exc.approved and permits(principal, "suggest", found.lang.code)
        return _error(403, str(exc), **({"suggest": True} if suggest else {}))
    except BadRequest as exc:  # the text does not fit the entry as it is on disk: nothing written
        return _error(400, str(exc))
    except Conflict as exc:
        theirs = (
            None if exc.theirs is None else await run_in_threadpool(entry_payload, site, found, exc.theirs)
        )
        return _error(409, "the entry changed on disk since you read it", theirs=theirs)
    except WorkspaceBusy as exc:
        return _error(503, str(exc))
    return JSONResponse(await run_in_threadpool(_answer, request, found, key, done))


def _audited(actions: list[Action]) -> AuditAction:
    """The audit trail's name for a change: an approval, or what was asked for."""
    if "approve" in actions:
        return "approve"
    first = actions[0]
    return first if first in ("save", "reopen", "dismiss", "suggest") else "save"


def _answer(request: Request, found: Article, key: Key, done: Changed) -> dict[str, object]:
    """The entry as saved, with its findings in the catalog as written (the whole catalog's
    findings are recomputed when the article is next read)."""
    site: Site = request.app.state.site
    lang, slug = found.lang.code, found.slug
    if done.written:
        undo = _session(request).undo
        undo.append((lang, slug, key, done.before, version(done.after)))
        del undo[:-UNDO_DEPTH]
    article = replace(found, catalog=done.catalog)
    findings = {done.after.msgid: site.entry_findings(lang, slug, done.catalog, done.after)}
    return {
        "entry": entry_payload(site, article, done.after, findings),
        "written": done.written,
        "stamp": _stamp(article),
    }


async def save(request: Request) -> Response:
    def make(
        body: dict[str, Any], _: Article
    ) -> tuple[Key, str | None, Callable[[Entry], Entry], list[Action]]:
        key, msgstr = _key(body), _msgstr(body)
        approve = bool(_field(body, "approve", bool, required=False))
        expected = _field(body, "version", str)

        def change(entry: Entry) -> Entry:
            reason = unfit(entry, msgstr)
            if reason is not None:
                raise BadRequest(reason)
            return with_text(entry, msgstr, approve)

        return (
            key,
            expected,
            change,
            ["save", "approve"] if approve else ["save"],
        )

    return await _change(request, make)


async def dismiss(request: Request) -> Response:
    def make(
        body: dict[str, Any], _: Article
    ) -> tuple[Key, str | None, Callable[[Entry], Entry], list[Action]]:
        key, check = _key(body), _field(body, "check", str)
        reason = _text(_field(body, "reason", str, required=False) or "", "reason")
        if not CHECK_ID.fullmatch(check):
            raise BadRequest(f"'check' is not a check id: {check[:40]!r}")
        return key, None, lambda entry: with_dismissal(entry, check, reason), ["dismiss"]

    return await _change(request, make)


async def undo(request: Request) -> Response:
    """Undo this session's last save in this article and language (only while nobody changed the
    entry since: otherwise 409, as for a save)."""
    lang, slug = request.path_params["lang"], request.path_params["slug"]
    stack = _session(request).undo
    index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][:2] == (lang, slug)), None)
    if index is None:
        return _error(404, "nothing to undo in this article")
    _, _, key, before, after = stack[index]

    def make(
        _: dict[str, Any], __: Article
    ) -> tuple[Key, str | None, Callable[[Entry], Entry], list[Action]]:
        return key, after, lambda entry: restored(entry, before), ["save"]

    response = await _change(request, make)
    if response.status_code == 200:
        del stack[index:]
    return response


async def suggest(request: Request) -> Response:
    """A suggestion for an entry (a translator's text for an approved one), kept in the entry as
    a `# l10n-suggestion:` comment for a reviewer; the translation itself is unchanged."""
    name = _session(request).principal.name

    def make(
        body: dict[str, Any], _: Article
    ) -> tuple[Key, str | None, Callable[[Entry], Entry], list[Action]]:
        key, text = _key(body), " ".join(_text(_field(body, "text", str), "text").split())
        if not text:
            raise BadRequest("'text' is empty")
        return key, None, lambda entry: with_suggestion(entry, name, date.today(), text), ["suggest"]

    return await _change(request, make)


async def reopen(request: Request) -> Response:
    """A reviewed entry back to needs review (fuzzy); its sign-off goes."""

    def make(
        body: dict[str, Any], _: Article
    ) -> tuple[Key, str | None, Callable[[Entry], Entry], list[Action]]:
        def reopened(entry: Entry) -> Entry:
            if not entry.has_text or entry.fuzzy:
                return entry
            return replace(entry, flags=("fuzzy", *entry.flags))

        return _key(body), None, reopened, ["reopen"]

    return await _change(request, make)


ROUTES = [
    Route("/session", session_info),
    Route("/articles", articles),
    Route("/{lang}/{slug}", article),
    Route("/{lang}/{slug}/stamp", article_stamp),
    Route("/{lang}/{slug}/entries", save, methods=["PUT"]),
    Route("/{lang}/{slug}/dismiss", dismiss, methods=["POST"]),
    Route("/{lang}/{slug}/undo", undo, methods=["POST"]),
    Route("/{lang}/{slug}/suggest", suggest, methods=["POST"]),
    Route("/{lang}/{slug}/reopen", reopen, methods=["POST"]),
]


def preview_html(site: Site, article: Article) -> str:
    """The edition as `l10n build --include-drafts` renders it."""
    from l10n.edition import make_edition
    from l10n.render.pages import PageSettings, render_html, render_source_page
    from l10n.stages.article_pages import article_dateline
    from l10n.workspace import read_source_bytes

    lang = article.lang
    edition = make_edition(article.document, article.catalog.entries, lang.code, lang.locale, True)
    if article.document.format == "html":
        source = read_source_bytes(article.source).decode("utf-8")
        where = PageSettings(site.workspace.config.html_body)
        return render_source_page(edition, source, where, [], lang.locale)
    return render_html(edition, [], "/", article_dateline(article.document, lang))
