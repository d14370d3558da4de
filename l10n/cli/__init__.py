"""Command line: parse options, call one stage, print. The one place where errors become a
one-line message and exit code 2 (see main)."""

from __future__ import annotations

import logging
import signal
import sys
from typing import NoReturn

# Importing the command modules registers their commands on the app.
from l10n.cli import (  # noqa: F401
    git_commands,
    glossary_commands,
    models,
    pipeline,
    review_commands,
    serve,
    team_commands,
    tm_commands,
)
from l10n.cli.common import app, err, escape, hoist_verbose
from l10n.errors import L10nError


def _terminate(_signum: int, _frame: object) -> None:
    # SIGTERM behaves like Ctrl-C: finished work is saved, files stay complete.
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: every L10nError, and every failure of the machine under it (a full disk, a
    read-only folder, a file-size limit, a locked database), becomes one red line on stderr and
    exit code 2. Writes are atomic, so such a failure leaves every file as it was."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(args=hoist_verbose(sys.argv[1:]), prog_name="l10n")
    except L10nError as exc:
        _cause(exc)
        _fail(exc.one_line())
    except OSError as exc:
        _cause(exc)
        _fail(_os_error(exc))
    except KeyboardInterrupt:
        err.print("interrupted; files already written are complete, run again to finish.")
        sys.exit(130)
    except Exception as exc:
        if type(exc).__module__ != "sqlite3":
            raise
        _fail(f"the workspace's database (.l10n/*.sqlite) failed: {exc} (free disk space or fix permissions)")


def _cause(exc: BaseException) -> None:
    """With --verbose, the error's chain of causes (for a bug report) before the one line."""
    cause = exc.__cause__ or (exc if isinstance(exc, OSError) else None)
    if cause is not None:
        logging.getLogger("l10n").debug("cause of the error below:", exc_info=cause)


def _os_error(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or str(exc)
    return f"{where}{reason} (nothing was damaged: free disk space or fix the permissions, then run again)"


def _fail(message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}")
    sys.exit(2)
