"""Where things are: the workspace root, its l10n.toml, sources, templates and catalogs."""

from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError

from l10n.errors import ConfigError, SourceError, WorkspaceBusy
from l10n.languages import DERIVED_LANGUAGES, LANGUAGE_NAMES

CONFIG_NAME = "l10n.toml"
SOURCE_DIR = "source_texts"
LOCALES_DIR = "locales"
SOURCE_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md"}

DEFAULT_CONFIG = """\
# l10n workspace: English articles in source_texts/ -> catalogs in locales/ -> editions.

[project]
name = "{name}"
source_language = "en"
# gettext/Babel language codes; each gets locales/<code>/LC_MESSAGES/<article>.po
# kk_Latn (Kazakh, 2021 Latin alphabet) is generated from kk by transliteration
target_languages = ["ru", "kk", "kk_Latn"]

[mt]
# auto: Argos packages where installed (see 'l10n models list'), else the pseudo engine
engine = "auto"
beam_size = 4
threads = 0         # 0: every core

# Kazakh through Russian when an ru->kk package is installed but no en->kk:
# [mt.kk]
# pivot = "ru"

[publish]
# an article is ready in a language when this % of its source words is reviewed
threshold = 100
# [publish.kk]
# threshold = 90
"""

# What git should not track in a workspace: derived state, editions and compiled catalogs (all
# rebuilt from the PO files), and the temporaries of an interrupted write.
DEFAULT_GITIGNORE = """\
.l10n/
editions/
*.mo
locales/kk_Latn/
.*.tmp
"""

KNOWN_KEYS = {
    "project": {"name", "source_language", "target_languages"},
    "mt": {"engine", "beam_size", "threads", "batch_size", "max_decoding_length"},
    "publish": {"threshold"},
    "extract": {"ignore"},
}
MT_LANGUAGE_KEYS = {"package", "pivot", "beam_size"}
ENGINES = ("auto", "argos", "pseudo")
GLOSSARY_NAME = "glossary.csv"
STATE_DIR = ".l10n"  # derived, rebuildable state (MT cache); ignored by git


@dataclass(frozen=True)
class Language:
    code: str
    derived_from: str | None = None  # kk_Latn: made from kk by l10n build

    @property
    def name(self) -> str:
        """English name, for PO headers and tables (Babel's locale data is loaded on first use:
        ~15 ms that most commands do not need)."""
        return LANGUAGE_NAMES.get(self.code) or _english_name(self.code)

    @property
    def plural_forms(self) -> str:
        """The Plural-Forms header value, from Babel's CLDR data (only extract needs it: read on
        first use, so other commands do not load gettext's plural tables)."""
        return _plural_forms(self.code)

    @property
    def locale(self) -> str:
        """The Babel locale for dates and numbers (kk_Latn formats as kk, then transliterates)."""
        return self.derived_from or self.code


@dataclass(frozen=True)
class LanguageMT:
    """Per-language MT settings: which installed package, a pivot language, beam size."""

    package: str | None = None
    pivot: str | None = None
    beam_size: int | None = None


@dataclass(frozen=True)
class MTConfig:
    engine: str = "auto"  # auto: Argos where a package is installed, else pseudo (with a notice)
    beam_size: int = 4
    threads: int = 0  # 0: every core
    batch_size: int = 32
    max_decoding_length: int = 0  # 0: twice the longest input of a batch + 10
    languages: tuple[tuple[str, LanguageMT], ...] = ()

    def for_language(self, code: str) -> LanguageMT:
        return dict(self.languages).get(code, LanguageMT())


@dataclass(frozen=True)
class PublishConfig:
    """An article is ready in a language when this share (%) of its source words is reviewed."""

    threshold: float = 100.0
    languages: tuple[tuple[str, float], ...] = ()

    def threshold_for(self, code: str) -> float:
        return dict(self.languages).get(code, self.threshold)


@dataclass(frozen=True)
class Config:
    project: str
    source_language: str
    targets: tuple[Language, ...]
    mt: MTConfig = MTConfig()
    publish: PublishConfig = PublishConfig()
    ignore: tuple[re.Pattern[str], ...] = ()  # [extract] ignore: blocks not to translate


def _suggest(word: str, choices: set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(sorted(choices))}"


def language(code: str, where: str = CONFIG_NAME) -> Language:
    """A language from its gettext code, validated against Babel's CLDR data."""
    if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}(?:_[A-Za-z]{2,4})*", code):
        raise ConfigError(
            f"{where}: '{code}' is not a language code", "use gettext codes such as ru, kk, kk_Latn"
        )
    try:
        Locale.parse(code)  # validates against CLDR without loading the locale's data
    except (UnknownLocaleError, ValueError):
        raise ConfigError(
            f"{where}: unknown language code '{code}'", "use gettext codes such as ru, kk, kk_Latn"
        ) from None
    return Language(code=code, derived_from=DERIVED_LANGUAGES.get(code))


@functools.cache
def _english_name(code: str) -> str:
    return Locale.parse(code).english_name or code


@functools.cache
def _plural_forms(code: str) -> str:
    from babel.messages.plurals import get_plural

    plural = get_plural(Locale.parse(code))
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def _toml_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def parse_config(text: str, path: Path) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_line(str(exc)) or (
            text.rstrip("\n").count("\n") + 1 if "end of document" in str(exc) else None
        )
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(
            f"{where}: invalid TOML: {str(exc).split(' (at')[0]}",
            "fix the syntax; README, section Workspace, shows the format",
        ) from None
    for section, value in data.items():
        if section not in KNOWN_KEYS:
            raise ConfigError(f"{path}: unknown section [{section}]", _suggest(section, set(KNOWN_KEYS)))
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: '{section}' must be a [section]")
        for key, item in value.items():
            if section in ("mt", "publish") and isinstance(item, dict):
                continue  # [mt.<lang>], [publish.<lang>], checked below
            if key not in KNOWN_KEYS[section]:
                raise ConfigError(
                    f"{path}: unknown key '{key}' in [{section}]", _suggest(key, KNOWN_KEYS[section])
                )
    project = data.get("project", {})
    source = project.get("source_language", "en")
    if source != "en":
        raise ConfigError(
            f"{path}: source_language '{source}' is not supported", "sources must be English (en)"
        )
    codes = project.get("target_languages", ["ru", "kk", "kk_Latn"])
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise ConfigError(
            f"{path}: target_languages must be a non-empty list", 'e.g. target_languages = ["ru", "kk"]'
        )
    if len(set(codes)) != len(codes):
        raise ConfigError(f"{path}: target_languages lists a language twice")
    name = project.get("name", path.parent.name)
    targets = tuple(language(c, str(path)) for c in codes)
    for target in targets:
        if target.derived_from and target.derived_from not in codes:
            raise ConfigError(
                f"{path}: {target.code} is made from {target.derived_from}, which is not a target",
                f'add "{target.derived_from}" to target_languages',
            )
    return Config(
        project=str(name),
        source_language=source,
        targets=targets,
        mt=_parse_mt(data.get("mt", {}), codes, path),
        publish=_parse_publish(data.get("publish", {}), codes, path),
        ignore=_parse_ignore(data.get("extract", {}).get("ignore", []), path),
    )


def _parse_ignore(rules: object, path: Path) -> tuple[re.Pattern[str], ...]:
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError(f"{path}: [extract] ignore must be a list of regular expressions")
    compiled = []
    for rule in rules:
        where = f"{path}: [extract] ignore: {rule!r}"
        try:
            compiled.append(re.compile(rule))
        except (re.error, OverflowError, RecursionError) as exc:
            raise ConfigError(f"{path}: [extract] ignore: bad regular expression {rule!r}: {exc}") from None
        if _nested_repeat(rule):
            raise ConfigError(
                f"{where} repeats a repetition, e.g. (a+)+, which can take hours on one line",
                "write it with a single repetition, e.g. a+",
            )
    return tuple(compiled)


def _nested_repeat(rule: str) -> bool:
    """Whether a pattern has a repetition inside a repetition ((a+)+, (a*b?)*): the shape that
    makes a backtracking matcher take exponential time."""
    import re._parser as sre_parse  # the standard library's own pattern parser

    repeats = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}

    def walk(items: object, inside: bool) -> bool:
        for op, arg in items:  # type: ignore[attr-defined]
            if op in repeats:
                low, high, body = arg
                if inside and high > 1:
                    return True
                if walk(body, inside or high > 1):
                    return True
            elif (
                op is sre_parse.SUBPATTERN
                and walk(arg[-1], inside)
                or op is sre_parse.BRANCH
                and any(walk(branch, inside) for branch in arg[1])
            ):
                return True
        return False

    return walk(sre_parse.parse(rule), False)


def _percent(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ConfigError(f"{where}: threshold must be a percentage from 0 to 100")
    return float(value)


def _language_tables(
    table: dict[str, object], section: str, codes: list[str], path: Path, keys: set[str]
) -> Iterator[tuple[str, dict[str, object], str]]:
    """The [section.<lang>] sub-tables, checked: a target language, known keys only."""
    for code, sub in table.items():
        if not isinstance(sub, dict):
            continue
        where = f"{path}: [{section}.{code}]"
        if code not in codes:
            raise ConfigError(f"{where} is not a target language", f"targets are {', '.join(codes)}")
        for key in sub:
            if key not in keys:
                raise ConfigError(f"{where}: unknown key '{key}'", _suggest(key, keys))
        yield code, sub, where


def _parse_publish(table: dict[str, object], codes: list[str], path: Path) -> PublishConfig:
    languages = []
    for code, sub, where in _language_tables(table, "publish", codes, path, {"threshold"}):
        if "threshold" in sub:
            languages.append((code, _percent(sub["threshold"], where)))
    return PublishConfig(
        threshold=_percent(table.get("threshold", 100), f"{path}: [publish]"), languages=tuple(languages)
    )


# What CTranslate2 can do in reasonable time and memory: a beam of 100,000 runs for minutes on
# one sentence; 2**63 - 1 overflows its C++ integers.
_LIMITS = {"beam_size": 32, "batch_size": 4096, "threads": 1024, "max_decoding_length": 16384}


def _int_setting(table: dict[str, object], key: str, default: int, minimum: int, where: str) -> int:
    value = table.get(key, default)
    maximum = _LIMITS[key]
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        raise ConfigError(f"{where}: {key} must be a whole number from {minimum} to {maximum}")
    return value


def _parse_mt(table: dict[str, object], codes: list[str], path: Path) -> MTConfig:
    engine = table.get("engine", "auto")
    if engine not in ENGINES:
        raise ConfigError(f"{path}: [mt] engine '{engine}' is unknown", f"use one of {', '.join(ENGINES)}")
    languages = []
    for code, sub, where in _language_tables(table, "mt", codes, path, MT_LANGUAGE_KEYS):
        pivot = sub.get("pivot")
        if pivot is not None and (pivot == code or not isinstance(pivot, str)):
            raise ConfigError(f'{where}: pivot must be another language code, e.g. "ru"')
        package = sub.get("package")
        beam = _int_setting(sub, "beam_size", 0, 1, where) if "beam_size" in sub else None
        languages.append(
            (code, LanguageMT(package=str(package) if package else None, pivot=pivot, beam_size=beam))
        )
    return MTConfig(
        engine=str(engine),
        beam_size=_int_setting(table, "beam_size", 4, 1, f"{path}: [mt]"),
        threads=_int_setting(table, "threads", 0, 0, f"{path}: [mt]"),
        batch_size=_int_setting(table, "batch_size", 32, 1, f"{path}: [mt]"),
        max_decoding_length=_int_setting(table, "max_decoding_length", 0, 0, f"{path}: [mt]"),
        languages=tuple(languages),
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
                    hint=f"put it in {self.source_dir} or give a path to a .txt/.md file",
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
            path, f"unsupported file type '{path.suffix}'", hint="articles are .txt or .md files"
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
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    return Workspace(root=root, config=parse_config(text, path))


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
    return config, created


MAX_ARTICLE_BYTES = 5_000_000  # a long feature is ~100 KB; anything this big is not an article


def decode_source(data: bytes, path: Path) -> str:
    """Article bytes -> text: UTF-8 only, no binary files. A BOM is kept (rebuilds keep it)."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(
            path,
            f"is {len(data) / 1e6:.1f} MB; articles over {MAX_ARTICLE_BYTES / 1e6:.0f} MB are refused",
            hint="split it into articles",
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(
            path, "contains a NUL byte (binary file?)", line=line, hint="articles must be UTF-8 text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(path, "not valid UTF-8", line=line, hint="save the article as UTF-8") from None


def read_source_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(
            path, f"cannot read: {exc.strerror}", hint="check the path and its permissions"
        ) from None


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
