"""`l10n serve`: the translator's workbench in the browser (l10n.workbench)."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from l10n.cli.common import WorkspaceOption, app, err, out, workspace_at
from l10n.errors import L10nError

DEFAULT_PORT = 8765


def _bind(port: int) -> tuple[socket.socket, str | None]:
    """A listening socket on 127.0.0.1: the port asked for, or a free one (and a line saying so)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
        note = None
    except OSError:
        sock.bind(("127.0.0.1", 0))
        note = f"port {port} is in use; serving on {sock.getsockname()[1]} instead"
    sock.listen(128)
    sock.set_inheritable(True)
    return sock, note


@app.command("serve")
def serve_cmd(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (a free one if it is taken).")] = (
        DEFAULT_PORT
    ),
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """The review page: every article in context, each sentence editable, with its check findings,
    glossary forms, memory matches and MT draft beside it, all by keyboard (`?` on the page lists
    the keys). Saves go into the PO files (Poedit and git keep working on them).

    Listens on 127.0.0.1 only. Prints a one-time login URL (it becomes a session cookie) and an API
    token for scripts (`Authorization: Bearer …`). Ctrl-C stops it."""
    if not 0 <= port <= 65535:
        raise L10nError(f"--port {port} is not a port", "give a number up to 65535, or 0 for any free port")
    ws = workspace_at(workspace)
    import uvicorn

    from l10n.workbench.auth import Auth
    from l10n.workbench.server import create_app

    sock, note = _bind(port)
    if note:
        out.print(note, markup=False)
    auth = Auth(sock.getsockname()[1], announce=lambda line: err.print(line, markup=False))
    out.print(f"l10n workbench for {ws.root} at http://127.0.0.1:{auth.port}/", markup=False)
    out.print(f"Open (one-time login link): {auth.login_url()}", markup=False)
    out.print(f"API token: {auth.api_token}", markup=False)
    import sys

    sys.stdout.flush()
    if not no_browser:
        import webbrowser

        webbrowser.open(auth.login_url())
    config = uvicorn.Config(
        create_app(ws, auth), http="h11", ws="none", lifespan="off", log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[sock])
