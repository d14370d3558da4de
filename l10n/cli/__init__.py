"""Command line: parse options, call one stage, print. The one place where errors become a
one-line message and exit code 2 (see main)."""

from __future__ import annotations

import signal
import sys

from rich.markup import escape

# Importing the command modules registers their commands on the app.
from l10n.cli import models, pipeline, review, tm  # noqa: F401
from l10n.cli.common import app, err
from l10n.errors import L10nError


def _terminate(_signum: int, _frame: object) -> None:
    # SIGTERM behaves like Ctrl-C: finished work is saved, files stay complete.
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: every L10nError becomes one red line on stderr and exit code 2."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except L10nError as exc:
        err.print(f"[red]error:[/red] {escape(exc.one_line())}")
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted; files already written are complete, run again to finish.")
        sys.exit(130)
