"""The workbench's side of who may do what. Every request carries a Principal and every
permission decision goes through ``l10n.team.permissions.permits`` (the one function; docs/team.md
has the roles). Here: the principal of a workbench on loopback with the one-time token, and the
dashboard rows a principal may read."""

from __future__ import annotations

from l10n.team.permissions import Principal, permits


def local_admin() -> Principal:
    """The one user of a workbench on loopback with the one-time token: the OS user, as admin."""
    import getpass

    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "translator"
    return Principal(name=name, role="admin")


def readable(principal: Principal, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The dashboard rows (one per article and language) of the languages ``principal`` may read."""
    return [row for row in rows if permits(principal, "read", str(row.get("lang") or ""))]
