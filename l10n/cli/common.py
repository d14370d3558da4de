"""What every command shares: the Typer app, the consoles, the common options and small output
helpers."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TextIO, TypeVar

import typer

from l10n import __version__
from l10n.workspace import Workspace, load_workspace, workspace_lock

if TYPE_CHECKING:
    from rich.console import Console

log = logging.getLogger("l10n.cli")
P = ParamSpec("P")
T = TypeVar("T")

app = typer.Typer(
    help="Offline translation workflow: English articles -> PO catalogs -> reviewed Russian and Kazakh "
    "editions.",
    no_args_is_help=True,
    # Docstrings are Markdown: wrapped lines join into paragraphs that fit the terminal.
    rich_markup_mode="markdown",
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Output:
    """stdout or stderr for people. Plain lines are written as they are; Rich (~40 ms to import,
    a third of a command's start-up) is loaded only for markup, tables and progress bars."""

    def __init__(self, stderr: bool = False) -> None:
        self.stderr = stderr
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self.stderr, highlight=False, soft_wrap=True)
        return self._console

    @property
    def _stream(self) -> TextIO:
        return sys.stderr if self.stderr else sys.stdout

    @property
    def is_terminal(self) -> bool:
        return self._stream.isatty()

    @property
    def width(self) -> int:
        return shutil.get_terminal_size((80, 24)).columns  # COLUMNS first, as Rich reads it

    def print(self, item: object = "", markup: bool = True) -> None:
        plain = isinstance(item, str) and (not markup or ("[" not in item and "\\" not in item))
        if plain and self._console is None:
            self._stream.write(f"{item}\n")
        else:
            self.console.print(item, markup=markup)


out = Output()
err = Output(stderr=True)


def escape(text: str) -> str:
    """Text that Rich must print as it is (its own markup.escape, without importing Rich)."""
    text = _MARKUP.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", text)
    return text + "\\" if text.endswith("\\") and not text.endswith("\\\\") else text


_MARKUP = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace", "-w", help="Workspace folder (default: the nearest folder upwards with l10n.toml)."
    ),
]
ArticlesArg = Annotated[list[str] | None, typer.Argument(help="Articles (slug or path); default: all.")]
LangOption = Annotated[
    str | None, typer.Option("--lang", "-l", help="Comma-separated languages, e.g. ru,kk.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Worker processes across articles (default: L10N_JOBS or one per core)."
    ),
]
# Up to this many results, extract lists every file and build every edition; above it (an
# archive: thousands) only what was written or skipped, then a count.
LIST_UNCHANGED_UP_TO = 30


def workspace_at(folder: Path | None) -> Workspace:
    ws = load_workspace(folder, explicit=True) if folder is not None else load_workspace(Path.cwd())
    log.info("workspace %s: languages %s", ws.root, ", ".join(lang.code for lang in ws.config.targets))
    return ws


def locked(ws: Workspace, command: str, job: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a stage that writes to the workspace while holding its lock (one writer at a time)."""
    with workspace_lock(ws, command):
        return job(*args, **kwargs)


def print_json(data: object) -> None:
    """JSON for machines: plain text on stdout (Rich's highlighting costs seconds and hundreds of
    MB on large reports)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def codes(lang: str | None) -> list[str] | None:
    return [c.strip() for c in lang.split(",") if c.strip()] if lang else None


def _version(value: bool) -> None:
    if value:
        out.print(f"l10n {__version__}")
        raise typer.Exit()


class _LogLines(logging.Formatter):
    """A warning is a notice a user acts on; the rest is --verbose's account of the run."""

    def format(self, record: logging.LogRecord) -> str:
        if record.levelno >= logging.WARNING:
            return f"notice: {record.getMessage()}"
        where = record.name.removeprefix("l10n").removeprefix(".")
        line = f"l10n: {where}: {record.getMessage()}" if where else f"l10n: {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def setup_logging(verbose: bool) -> None:
    """Python logging of l10n's modules to stderr: notices always, what was read, chosen and
    skipped (and why) with --verbose. Other libraries' loggers are left alone."""
    logger = logging.getLogger("l10n")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_LogLines())
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)


VERBOSE = "--verbose"


def hoist_verbose(argv: list[str]) -> list[str]:
    """``--verbose`` is the app's option; accept it after the command too (``l10n translate
    --verbose``), as every command's own option would be."""
    try:
        end = argv.index("--")
    except ValueError:
        end = len(argv)
    if VERBOSE not in argv[:end]:
        return argv
    return [VERBOSE, *(a for i, a in enumerate(argv) if not (a == VERBOSE and i < end))]


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            VERBOSE,
            help="Log to stderr what is read, chosen and skipped, and why (also after the command, "
            "or L10N_VERBOSE=1).",
        ),
    ] = False,
) -> None:
    """l10n: segment, machine-translate, review and publish articles, offline."""
    setup_logging(verbose or os.environ.get("L10N_VERBOSE", "") not in ("", "0"))


def rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


@contextmanager
def article_progress(label: str, total: int, enabled: bool = True) -> Iterator[Callable[[Path], None]]:
    """A progress bar over articles on a terminal's stderr; nothing (and no Rich progress import)
    for one article, for --json, or when stderr is a file or a pipe."""
    if not enabled or total < 2 or not err.is_terminal:
        yield lambda _: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err.console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda _: bar.advance(task)


def exit_now(code: int) -> NoReturn:
    """Exit at once, files already saved: an interrupted MT engine may still have batches queued
    in its own threads, and a normal exit would wait for them (minutes with a model that loops)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
