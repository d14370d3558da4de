"""PO files: gettext's layout, parse errors, atomic and write-if-changed saving."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from l10n.catalog_io import load_catalog, parse_po, render_po, save_catalog, write_atomic
from l10n.errors import CatalogError
from l10n.model import Catalog, Entry

from .conftest import SLUG, msgfmt_check


def _msgcat(path: Path) -> str:
    return subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout


def test_our_layout_is_gettexts(extracted: Path) -> None:
    """msgcat rewrites nothing in our files: the same wrapping, order and escapes as gettext."""
    for path in [extracted / f"locales/templates/{SLUG}.pot", extracted / f"locales/ru/LC_MESSAGES/{SLUG}.po"]:
        assert _msgcat(path) == path.read_text(encoding="utf-8")


TRICKY = [
    "A line with \"double quotes\", a back\\slash and a\ttab.",
    "Two lines\nin one message",
    "load-hailers, two-metre fences and http://example.com/a/very/long/path/that/goes/on/and/on.html in one long sentence",
    "Слишком длинное русское предложение, которое не помещается в одну строку файла и должно быть перенесено.",
    "Ұзын қазақша сөйлем, ол бір жолға сыймайды және оны тасымалдау керек болады, әрине солай.",
    "averyveryverylongwordwithoutanybreaksatallthatexceedsthewidthofthelinefortestingpurposes",
    "“Quoted” (paren) — dash – en dash / slash $4-500 25% 100,000 … end",
]


def test_tricky_strings_wrap_like_msgcat(tmp_path: Path) -> None:
    entries = [Entry(msgid=text + str(i), msgstr=text, comment="paragraph") for i, text in enumerate(TRICKY)]
    entries.append(Entry(msgid="changed", msgstr="изменено", flags=("fuzzy",), previous_msgid="change " * 15))
    entries.append(Entry(msgid="one file", msgid_plural="%d files", msgstr_plural=((0, "файл"), (1, "файла"), (2, "файлов")), flags=("c-format",)))
    entries.append(Entry(msgid="menu", msgctxt="verb", msgstr="меню", tcomment="a translator's note", occurrences=(("a.c", "1"), ("b.c", "22"))))
    entries.append(Entry(msgid="gone", msgstr="ушёл", obsolete=True, previous_msgid="went " * 20))  # obsolete: last
    catalog = Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"), ("Language", "ru")), entries=tuple(entries))
    path = tmp_path / "t.po"
    save_catalog(path, catalog)
    assert _msgcat(path) == path.read_text(encoding="utf-8")
    assert load_catalog(path) == catalog


def test_parse_error_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        parse_po('msgid "a"\nmsgstr "b"\nnonsense here\n', tmp_path / "bad.po")
    assert info.value.line == 3
    assert str(info.value).startswith(f"{tmp_path / 'bad.po'}:3: syntax error")


def test_duplicate_entries_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="duplicate entry"):
        parse_po('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', tmp_path / "dup.po")


def test_non_utf8_catalog_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.po"
    path.write_bytes('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "caf\xe9"\nmsgstr ""\n'.encode("latin-1"))
    with pytest.raises(CatalogError, match="charset ISO-8859-1 is not supported"):
        load_catalog(path)


def test_write_if_changed_keeps_the_file_and_its_date(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    assert write_atomic(path, b"one\n") is True
    os.utime(path, (1_000_000, 1_000_000))
    assert write_atomic(path, b"one\n") is False
    assert path.stat().st_mtime == 1_000_000
    assert write_atomic(path, b"two\n") is True
    assert path.read_bytes() == b"two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"], "no temporary file left behind"


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b"old\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_rendered_catalog_passes_msgfmt(tmp_path: Path) -> None:
    text = render_po(Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"),), entries=(Entry(msgid="a", msgstr="б"),)))
    path = tmp_path / "a.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0


def test_comment_ending_in_backslash_does_not_swallow_the_next_line(tmp_path: Path) -> None:
    # GNU gettext joins a line ending in "\" with the next, even in a comment (found by Hypothesis)
    catalog = Catalog(header=(("Content-Type", "text/plain; charset=UTF-8"),), entries=(Entry(msgid="a", msgstr="б", tcomment="path C:\\", comment="x\\"),))
    path = tmp_path / "c.po"
    save_catalog(path, catalog)
    assert msgfmt_check(path).returncode == 0
    assert load_catalog(path) == catalog
