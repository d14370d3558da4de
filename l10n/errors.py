"""One family of errors. The library raises them; only the CLI turns them into messages and exit codes.
Imports nothing of ours (TranslationInterrupted, which carries a translate report, lives in
stages/translate.py)."""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """Base: ``str(error)`` is a one-line message a user can act on."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint

    def one_line(self) -> str:
        text = str(self)
        return f"{text} ({self.hint})" if self.hint else text

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (the worker pool); the default pickling would call
        # __init__ with the finished message only.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[L10nError], args: tuple[object, ...], state: dict[str, object]) -> L10nError:
    error = Exception.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


def _where(path: Path | str, line: int | None) -> str:
    return f"{path}:{line}" if line else f"{path}"


class SourceError(L10nError):
    """A source article cannot be read or parsed."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, hint: str = "") -> None:
        self.path = Path(path)
        self.line = line
        super().__init__(f"{_where(path, line)}: {message}", hint)


class CatalogError(L10nError):
    """A PO/POT file cannot be read or written."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, hint: str = "") -> None:
        self.path = Path(path)
        self.line = line
        super().__init__(f"{_where(path, line)}: {message}", hint)


class ConfigError(L10nError):
    """The workspace or its l10n.toml is missing or wrong."""


class EngineUnavailable(L10nError):
    """No translation engine can serve a language."""


class PackageError(L10nError):
    """An MT package archive or folder is unusable."""


class WorkspaceBusy(L10nError):
    """Another l10n process holds the workspace lock."""


class EngineInterrupted(KeyboardInterrupt):
    """An engine stopped by Ctrl-C or SIGTERM; ``done`` holds what it finished before (source
    text -> translation), so nothing finished is lost."""

    def __init__(self, done: dict[str, str]) -> None:
        super().__init__()
        self.done = done
