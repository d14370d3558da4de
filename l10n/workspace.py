"""Where things are: the workspace root, its l10n.toml, sources, templates and catalogs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from l10n.config import CONFIG_NAME, DEFAULT_CONFIG, Config, Language, parse_config
from l10n.errors import ConfigError, SourceError, WorkspaceBusy

SOURCE_DIR = "source_texts"
LOCALES_DIR = "locales"
GLOSSARY_NAME = "glossary.csv"
STATE_DIR = ".l10n"  # derived, rebuildable state (caches, memory, lock); ignored by git
SOURCE_SUFFIXES = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}

# What git should not track in a workspace: derived state, editions and compiled catalogs (all
# rebuilt from the PO files), and the temporaries of an interrupted write.
DEFAULT_GITIGNORE = """\
.l10n/
editions/
*.mo
locales/kk_Latn/
.*.tmp
"""
# Git merges PO files entry by entry with l10n's driver ('l10n merge-po'); git takes the driver's
# command only from its own config ('l10n git-setup'), this file only names it.
MERGE_DRIVER = "l10n-po"
GITATTRIBUTES_LINES = (f"*.po merge={MERGE_DRIVER}", f"*.pot merge={MERGE_DRIVER}")
DEFAULT_GITATTRIBUTES = (
    "# PO catalogs merge entry by entry ('l10n git-setup' registers the driver)\n"
    + "\n".join(GITATTRIBUTES_LINES)
    + "\n"
)


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: Config

    @property
    def source_dir(self) -> Path:
        return self.root / SOURCE_DIR

    @property
    def locales_dir(self) -> Path:
        return self.root / LOCALES_DIR

    @property
    def glossary_path(self) -> Path:
        return self.root / GLOSSARY_NAME

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def template_path(self, slug: str) -> Path:
        return self.locales_dir / "templates" / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{slug}.po"

    def sources(self) -> list[Path]:
        """Every article, sorted by name (deterministic order everywhere)."""
        if not self.source_dir.is_dir():
            return []
        found = sorted(p for p in self.source_dir.iterdir() if p.suffix in SOURCE_SUFFIXES and p.is_file())
        root = self.root.resolve()
        slugs: dict[str, Path] = {}
        for path in found:
            # A link that leaves the workspace (to /etc/passwd, a home folder) would put that
            # file's text into committed catalogs and published editions.
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise SourceError(
                    path,
                    f"is a link to {path.resolve()}, outside the workspace",
                    hint="copy the article into source_texts/ instead of linking to it",
                )
            # story.txt and story.md would share one catalog and one set of editions.
            if path.stem in slugs:
                raise SourceError(
                    path,
                    f"has the same name as {slugs[path.stem].name}: both would be the article '{path.stem}'",
                    hint="rename one of them (the name without extension names its catalogs and editions)",
                )
            slugs[path.stem] = path
        return found

    def select_sources(self, names: list[str]) -> list[Path]:
        """Articles named by slug, file name or path; all articles when none are named."""
        if not names:
            return self.sources()
        by_slug = {p.stem: p for p in self.sources()}
        chosen: list[Path] = []
        for name in names:
            candidate = Path(name)
            if candidate.is_file():
                chosen.append(candidate.resolve())
            elif candidate.stem in by_slug:
                chosen.append(by_slug[candidate.stem])
            else:
                raise SourceError(
                    name,
                    "no such article",
                    hint=f"put it in {self.source_dir} or give a path to an article file",
                )
        return chosen

    @property
    def editions_dir(self) -> Path:
        return self.root / "editions"

    def mo_path(self, lang: str, slug: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{slug}.mo"

    def languages(self, codes: list[str] | None) -> tuple[Language, ...]:
        if not codes:
            return self.config.targets
        by_code = {lang.code: lang for lang in self.config.targets}
        missing = [c for c in codes if c not in by_code]
        if missing:
            raise ConfigError(
                f"language '{missing[0]}' is not a target of this workspace",
                f"targets are {', '.join(by_code)}; add it to target_languages in {CONFIG_NAME}",
            )
        return tuple(by_code[c] for c in codes)


def source_format(path: Path) -> str:
    try:
        return SOURCE_SUFFIXES[path.suffix]
    except KeyError:
        raise SourceError(
            path,
            f"unsupported file type '{path.suffix}'",
            hint="articles are .txt, .md, .html or .docx files",
        ) from None


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds an l10n.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(
        f"no {CONFIG_NAME} in {start} or any folder above it", "run 'l10n init' or pass --workspace DIR"
    )


def load_workspace(start: Path, explicit: bool = False) -> Workspace:
    if explicit and not (start / CONFIG_NAME).is_file():
        raise ConfigError(f"{start}: not a workspace (no {CONFIG_NAME})", "run 'l10n init DIR' first")
    root = find_root(start)
    path = root / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from exc
    config = parse_config(text, path)
    _check_selector(config.html_body, path, "[extract] html_body")
    _check_selector(config.publish.switcher_selector, path, "[publish] switcher_selector")
    return Workspace(root=root, config=config)


def _check_selector(selector: str, path: Path, name: str) -> None:
    """A selector setting ([extract] html_body, [publish] switcher_selector) must be one the HTML
    reader can read (checked with the reader, imported only when a selector is set)."""
    if not selector:
        return
    from l10n.formats.html import is_selector

    if not is_selector(selector):
        raise ConfigError(
            f"{path}: {name}: {selector!r} is not a CSS selector",
            'e.g. html_body = "div.article-body"',
        )


def init_workspace(folder: Path) -> tuple[Path, bool]:
    """Create l10n.toml, source_texts/ and locales/ in ``folder``. Never overwrites a config."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / CONFIG_NAME
    if config.exists() and not config.is_file():
        raise ConfigError(
            f"{config}: exists but is not a file", f"move it away and run 'l10n init {folder}' again"
        )
    created = not config.exists()
    if created:
        config.write_text(DEFAULT_CONFIG.format(name=folder.resolve().name), encoding="utf-8")
    (folder / SOURCE_DIR).mkdir(exist_ok=True)
    (folder / LOCALES_DIR).mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if created and not ignore.exists():
        ignore.write_text(DEFAULT_GITIGNORE, encoding="utf-8")
    attributes = folder / ".gitattributes"
    if created and not attributes.exists():
        attributes.write_text(DEFAULT_GITATTRIBUTES, encoding="utf-8")
    return config, created


MAX_ARTICLE_BYTES = 5_000_000  # a long feature is ~100 KB; anything this big is not an article


def check_size(data: bytes, path: Path) -> None:
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(
            path,
            f"is {len(data) / 1e6:.1f} MB; articles over {MAX_ARTICLE_BYTES / 1e6:.0f} MB are refused",
            hint="split it into articles",
        )


def decode_source(data: bytes, path: Path) -> str:
    """Article bytes -> text: UTF-8 only, no binary files. A BOM is kept (rebuilds keep it)."""
    check_size(data, path)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(
            path, "contains a NUL byte (binary file?)", line=line, hint="articles must be UTF-8 text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(path, "not valid UTF-8", line=line, hint="save the article as UTF-8") from exc


def read_source_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(
            path, f"cannot read: {exc.strerror}", hint="check the path and its permissions"
        ) from exc


def read_source(path: Path) -> str:
    return decode_source(read_source_bytes(path), path)


@contextmanager
def workspace_lock(workspace: Workspace, command: str) -> Iterator[None]:
    """One writer at a time. An OS lock (flock) on .l10n/lock: released by the system when its
    holder exits or dies, so a stale lock cannot block anyone; the file says who holds it."""
    import fcntl

    path = workspace.state_dir / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "another l10n process"
            raise WorkspaceBusy(
                f"the workspace is busy: {holder} holds {path}", "wait for it to finish, then run again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(
            fd,
            f"'l10n {command}' (pid {os.getpid()}, since {datetime.now().strftime('%H:%M:%S')})".encode(),
            0,
        )
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
