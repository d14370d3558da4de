"""l10n.toml: the workspace's settings, parsed and checked. Every mistake is one line naming
the file (and line) and what to do; a typo'd key gets a "did you mean". Pure but for Babel's
CLDR data (language codes, names, plural forms)."""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from l10n.errors import ConfigError
from l10n.language.languages import DERIVED_LANGUAGES, LANGUAGE_NAMES, SOURCE_LANGUAGE

CONFIG_NAME = "l10n.toml"

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

# [extract]
# the CSS selector of an HTML article's body (default: article, else main, else body)
# html_body = "div.story-body"

[publish]
# an article is ready in a language when this % of its source words is reviewed
threshold = 100
# where editions/ is published: feeds and the sitemap then give absolute URLs
# site_url = "https://news.example.kz/editions/"
# the feeds' author for articles that name none (default: no author element)
# publisher = "Steppe Herald"
# where an HTML article's edition puts its language switcher (default: top of the article body)
# switcher_selector = "header.article-head"
# [publish.kk]
# threshold = 90
"""

KNOWN_KEYS = {
    "project": {"name", "source_language", "target_languages"},
    "mt": {
        "engine",
        "beam_size",
        "threads",
        "batch_size",
        "max_decoding_length",
        "device",
        "executor",
        "address",
    },
    "publish": {"threshold", "site_url", "publisher", "switcher_selector"},
    "extract": {"ignore", "auto_update", "html_body"},
}
MT_LANGUAGE_KEYS = {"package", "pivot", "beam_size"}
EXECUTORS = ("local", "ray")
ENGINES = ("auto", "argos", "pseudo")

# [mt] device: where CTranslate2 runs (engines/device.py chooses; "auto": CUDA where present).
DEVICES = ("auto", "cpu", "cuda")


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
    device: str = "auto"  # auto | cpu | cuda (see engines/device.py)
    executor: str = "local"  # local | ray (see engines/cluster.py)
    address: str = ""  # the Ray cluster's HOST:PORT; "" = the one `ray start` runs on this machine
    languages: tuple[tuple[str, LanguageMT], ...] = ()

    def for_language(self, code: str) -> LanguageMT:
        return dict(self.languages).get(code, LanguageMT())


@dataclass(frozen=True)
class PublishConfig:
    """An article is ready in a language when this share (%) of its source words is reviewed."""

    threshold: float = 100.0
    languages: tuple[tuple[str, float], ...] = ()
    site_url: str = ""  # where editions/ is published: absolute URLs in feeds and the sitemap
    publisher: str = ""  # the feeds' author for articles that name none ("": none)
    switcher_selector: str = ""  # an HTML article's switcher goes there ("": top of the body)

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
    # [extract] auto_update: a sentence changed only in numbers, URLs or glossary names keeps its
    # reviewed translation, updated (see l10n/po/corrections.py)
    auto_update: bool = True
    # [extract] html_body: CSS selector of an HTML article's body ("": article, else main, else body)
    html_body: str = ""


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
        ) from exc
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
    if source != SOURCE_LANGUAGE:
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
        auto_update=_flag(data.get("extract", {}), "auto_update", True, f"{path}: [extract]"),
        html_body=_parse_selector(data.get("extract", {}).get("html_body", ""), path),
    )


def _parse_selector(value: object, path: Path, name: str = "[extract] html_body") -> str:
    """A selector setting's type; whether it is a selector the HTML reader can read is checked
    with the reader (formats/html.py, when the workspace is loaded), so config imports no parser."""
    if not isinstance(value, str):
        raise ConfigError(f"{path}: {name} must be a CSS selector", 'e.g. html_body = "article"')
    return value.strip()


def _parse_ignore(rules: object, path: Path) -> tuple[re.Pattern[str], ...]:
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError(f"{path}: [extract] ignore must be a list of regular expressions")
    compiled = []
    for rule in rules:
        where = f"{path}: [extract] ignore: {rule!r}"
        try:
            compiled.append(re.compile(rule))
        except (re.error, OverflowError, RecursionError) as exc:
            raise ConfigError(f"{path}: [extract] ignore: bad regular expression {rule!r}: {exc}") from exc
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

    def walk(items: Iterable[tuple[Any, Any]], inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                _, high, body = arg
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


def _flag(table: dict[str, object], key: str, default: bool, where: str) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {key} must be true or false")
    return value


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
    site = table.get("site_url", "")
    if not isinstance(site, str) or (site and not re.match(r"https?://[^\s/]+", site)):
        raise ConfigError(
            f"{path}: [publish] site_url must be the address editions/ is published at",
            'e.g. site_url = "https://news.example.kz/editions/"',
        )
    return PublishConfig(
        threshold=_percent(table.get("threshold", 100), f"{path}: [publish]"),
        languages=tuple(languages),
        site_url=site.strip(),
        publisher=_plain_setting(table.get("publisher", ""), f"{path}: [publish] publisher"),
        switcher_selector=_parse_selector(
            table.get("switcher_selector", ""), path, "[publish] switcher_selector"
        ),
    )


def _plain_setting(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be a string", 'e.g. publisher = "Steppe Herald"')
    return " ".join(value.split())


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
    device = table.get("device", "auto")
    if device not in DEVICES:
        raise ConfigError(f"{path}: [mt] device '{device}' is unknown", f"use one of {', '.join(DEVICES)}")
    executor, address = table.get("executor", "local"), table.get("address", "")
    if executor not in EXECUTORS:
        raise ConfigError(
            f"{path}: [mt] executor '{executor}' is unknown", f"use one of {', '.join(EXECUTORS)}"
        )
    if not isinstance(address, str):
        raise ConfigError(f'{path}: [mt] address must be a string, e.g. "10.0.0.5:6379"')
    return MTConfig(
        engine=str(engine),
        device=str(device),
        executor=str(executor),
        address=address,
        beam_size=_int_setting(table, "beam_size", 4, 1, f"{path}: [mt]"),
        threads=_int_setting(table, "threads", 0, 0, f"{path}: [mt]"),
        batch_size=_int_setting(table, "batch_size", 32, 1, f"{path}: [mt]"),
        max_decoding_length=_int_setting(table, "max_decoding_length", 0, 0, f"{path}: [mt]"),
        languages=tuple(languages),
    )
