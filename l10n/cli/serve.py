"""`l10n serve`: the translator's workbench in the browser (l10n.workbench)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Annotated

import typer

from l10n.cli.common import WorkspaceOption, app, err, out, workspace_at
from l10n.errors import ConfigError, L10nError

DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _address(host: str) -> tuple[socket.AddressFamily, str]:
    """The socket family and address for --host (an IP address, or localhost)."""
    if host == "localhost":
        return socket.AF_INET, "127.0.0.1"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        raise L10nError(
            f"--host {host} is not an IP address", "give one, e.g. 0.0.0.0 for every interface"
        ) from None
    return (socket.AF_INET6 if ip.version == 6 else socket.AF_INET), str(ip)


def _bind(port: int, host: str = "127.0.0.1") -> tuple[socket.socket, str | None]:
    """A listening socket on ``host``: the port asked for, or a free one (and a line saying so)."""
    family, address = _address(host)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.bind((address, port))
        note = None
    except OSError:
        sock.bind((address, 0))
        note = f"port {port} is in use; serving on {sock.getsockname()[1]} instead"
    sock.listen(128)
    sock.set_inheritable(True)
    return sock, note


def _check_numbers(port: int, idle_hours: float) -> None:
    if not 0 <= port <= 65535:
        raise L10nError(f"--port {port} is not a port", "give a number up to 65535, or 0 for any free port")
    if not 0 < idle_hours <= 24 * 365:
        raise L10nError(f"--idle-hours {idle_hours} is out of range", "give a number of hours above 0")


def _require_admin(host: str, accounts: dict[str, object]) -> None:
    """Off loopback, only accounts get in: refuse to start before an admin exists."""
    if is_loopback(host):
        return
    if not any(getattr(account, "role", "") == "admin" for account in accounts.values()):
        raise ConfigError(
            f"--host {host} serves beyond this machine and needs an admin account first: "
            "add one with `l10n users add NAME --role admin`"
        )


HostOption = Annotated[
    str,
    typer.Option(
        "--host", help="Address to listen on. Anything but loopback (e.g. 0.0.0.0) needs an admin account."
    ),
]
PublicHostOption = Annotated[
    list[str] | None,
    typer.Option(
        "--public-host",
        help="A name browsers use to reach the server (news.lan, news.lan:8765); repeatable. "
        "Requests with any other Host are refused (DNS rebinding).",
    ),
]
HttpsOption = Annotated[
    bool, typer.Option("--https", help="Browsers reach the server through a TLS proxy: Secure cookies.")
]
IdleOption = Annotated[
    float, typer.Option("--idle-hours", help="A session ends after this many hours without a request.")
]


@app.command("serve")
def serve_cmd(
    port: Annotated[int, typer.Option("--port", help="Port to listen on (a free one if it is taken).")] = (
        DEFAULT_PORT
    ),
    host: HostOption = "127.0.0.1",
    public_host: PublicHostOption = None,
    https: HttpsOption = False,
    idle_hours: IdleOption = 12.0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """The review page: every article in context, each sentence editable, with its check findings,
    glossary forms, memory matches and MT draft beside it, all by keyboard (`?` on the page lists
    the keys). Saves go into the PO files (Poedit and git keep working on them).

    Without accounts (loopback only): prints a one-time login URL (it becomes a session cookie)
    and an API token for scripts (`Authorization: Bearer …`). With accounts (`l10n users add`):
    name and password at /login, roles per language (docs/team.md). Ctrl-C stops it."""
    _check_numbers(port, idle_hours)
    ws = workspace_at(workspace)
    from l10n.team.accounts import load_accounts, users_path

    users = users_path(ws.state_dir)
    accounts = load_accounts(users)
    _require_admin(host, dict(accounts))
    import uvicorn

    from l10n.workbench.auth import Auth
    from l10n.workbench.server import create_app

    sock, note = _bind(port, host)
    if note:
        out.print(note, markup=False)
    auth = Auth(
        sock.getsockname()[1],
        announce=lambda line: err.print(line, markup=False),
        users_file=users,
        idle=idle_hours * 3600,
        public_hosts=tuple(public_host or ()),
        secure=https,
    )
    _announce(ws.root, host, auth, bool(accounts), no_browser)
    config = uvicorn.Config(
        create_app(ws, auth), http="h11", ws="none", lifespan="off", log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[sock])


def _announce(root: object, host: str, auth: object, accounts: bool, no_browser: bool) -> None:
    """The lines a person needs to get in, and the browser opened on the way in."""
    import sys

    from l10n.workbench.auth import Auth

    assert isinstance(auth, Auth)
    out.print(f"l10n workbench for {root} at http://127.0.0.1:{auth.port}/", markup=False)
    if not is_loopback(host):
        names = ", ".join(sorted(auth.hosts))
        out.print(f"Listening on {host}; answering to the host names {names}", markup=False)
    url = f"http://127.0.0.1:{auth.port}/login"
    if accounts:
        out.print(
            f"Log in with a workbench account: {url} (login links and the API token are off)", markup=False
        )
    else:
        url = auth.login_url()
        out.print(f"Open (one-time login link): {url}", markup=False)
        out.print(f"API token: {auth.api_token}", markup=False)
    sys.stdout.flush()
    if not no_browser:
        import webbrowser

        webbrowser.open(url)
