"""PO files: gettext's layout, parse errors, atomic and write-if-changed saving."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from l10n.errors import CatalogError
from l10n.fileio import write_atomic
from l10n.model import Catalog, Entry
from l10n.po.files import load_catalog, save_catalog
from l10n.po.read import parse_po
from l10n.po.write import render_po

from .conftest import SLUG, msgfmt_check


def _msgcat(path: Path) -> str:
    return subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout


def test_our_layout_is_gettexts(extracted: Path) -> None:
    """msgcat rewrites nothing in our files: the same wrapping, order and escapes as gettext."""
    for path in [
        extracted / f"locales/templates/{SLUG}.pot",
        extracted / f"locales/ru/LC_MESSAGES/{SLUG}.po",
    ]:
        assert _msgcat(path) == path.read_text(encoding="utf-8")


TRICKY = [
    'A line with "double quotes", a back\\slash and a\ttab.',
    "Two lines\nin one message",
    "load-hailers, two-metre fences and http://example.com/a/very/long/path/that/goes/on/and/on.html"
    " in one long sentence",
    "Слишком длинное русское предложение, которое не помещается в одну строку файла"
    " и должно быть перенесено.",
    "Ұзын қазақша сөйлем, ол бір жолға сыймайды және оны тасымалдау керек болады, әрине солай.",
    "averyveryverylongwordwithoutanybreaksatallthatexceedsthewidthofthelinefortestingpurposes",
    "“Quoted” (paren) — dash – en dash / slash $4-500 25% 100,000 … end",
]


def test_tricky_strings_wrap_like_msgcat(tmp_path: Path) -> None:
    entries = [Entry(msgid=text + str(i), msgstr=text, comment="paragraph") for i, text in enumerate(TRICKY)]
    entries.append(Entry(msgid="changed", msgstr="изменено", flags=("fuzzy",), previous_msgid="change " * 15))
    entries.append(
        Entry(
            msgid="one file",
            msgid_plural="%d files",
            msgstr_plural=((0, "файл"), (1, "файла"), (2, "файлов")),
            flags=("c-format",),
        )
    )
    entries.append(
        Entry(
            msgid="menu",
            msgctxt="verb",
            msgstr="меню",
            tcomment="a translator's note",
            occurrences=(("a.c", "1"), ("b.c", "22")),
        )
    )
    entries.append(
        Entry(msgid="gone", msgstr="ушёл", obsolete=True, previous_msgid="went " * 20)
    )  # obsolete: last
    catalog = Catalog(
        header=(("Content-Type", "text/plain; charset=UTF-8"), ("Language", "ru")), entries=tuple(entries)
    )
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
    latin1 = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        'msgid "caf\xe9"\nmsgstr ""\n'
    )
    path.write_bytes(latin1.encode("latin-1"))
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


def test_failed_write_leaves_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    text = render_po(
        Catalog(
            header=(("Content-Type", "text/plain; charset=UTF-8"),), entries=(Entry(msgid="a", msgstr="б"),)
        )
    )
    path = tmp_path / "a.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0


def test_comment_ending_in_backslash_does_not_swallow_the_next_line(tmp_path: Path) -> None:
    # GNU gettext joins a line ending in "\" with the next, even in a comment (found by Hypothesis)
    catalog = Catalog(
        header=(("Content-Type", "text/plain; charset=UTF-8"),),
        entries=(Entry(msgid="a", msgstr="б", tcomment="path C:\\", comment="x\\"),),
    )
    path = tmp_path / "c.po"
    save_catalog(path, catalog)
    assert msgfmt_check(path).returncode == 0
    assert load_catalog(path) == catalog


# --- our reader agrees with polib (the reference PO library) and with msgfmt ---------------------

REAL = Path(__file__).parent / "data" / "real"
SEED_LOCALES = Path(__file__).resolve().parent.parent / "locales"


def _polib_catalog(text: str) -> Catalog:
    """The catalog as polib reads it (its gap for "#~| msgid" bridged the way it documents)."""
    import re

    import polib

    po = polib.pofile(re.sub(r"^#~\|[ \t]?", "#| ", text, flags=re.MULTILINE), wrapwidth=79)
    entries = tuple(
        Entry(
            msgid=e.msgid,
            msgstr=e.msgstr,
            msgctxt=e.msgctxt,
            msgid_plural=e.msgid_plural,
            msgstr_plural=tuple(sorted((int(k), v) for k, v in e.msgstr_plural.items())),
            flags=tuple(e.flags),
            comment=e.comment,
            tcomment=e.tcomment,
            occurrences=tuple((str(f), str(n)) for f, n in e.occurrences),
            previous_msgid=e.previous_msgid,
            previous_msgctxt=e.previous_msgctxt,
            previous_msgid_plural=e.previous_msgid_plural,
            obsolete=bool(e.obsolete),
        )
        for e in po
    )
    return Catalog(
        header=tuple(po.metadata.items()),
        entries=entries,
        header_comment=po.header,
        header_flags=("fuzzy",) if po.metadata_is_fuzzy else (),
    )


@pytest.mark.parametrize(
    "path",
    sorted(REAL.glob("*.po")) + sorted(SEED_LOCALES.glob("*/LC_MESSAGES/*.po")),
    ids=lambda p: p.name if p.parent == REAL else str(p.parent.parent.name),
)
def test_reader_agrees_with_polib_on_real_catalogs(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours = parse_po(text, path)
    assert ours == _polib_catalog(text)
    assert len(ours.entries) > 50


def test_reader_agrees_with_polib_on_every_field(tmp_path: Path) -> None:
    text = render_po(
        Catalog(
            header=(
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("Plural-Forms", "nplurals=3; plural=(n%10==1 ? 0 : 1);"),
            ),
            header_comment="Header comment\nsecond line",
            header_flags=("fuzzy",),
            entries=(
                Entry(msgid="plain", msgstr="простой"),
                Entry(
                    msgid=TRICKY[0],
                    msgstr=TRICKY[1],
                    msgctxt='ctx "q"',
                    flags=("fuzzy", "c-format"),
                    comment="#. x\ny",
                    tcomment="t1\n\nt3",
                    occurrences=(("a.c", "1"), ("dir/b.py", ""), ("c:d", "7")),
                    previous_msgid=TRICKY[3],
                    previous_msgctxt="old ctx",
                ),
                Entry(
                    msgid="one",
                    msgid_plural="many",
                    msgstr_plural=((0, "a"), (1, "b"), (2, "c")),
                    previous_msgid="on",
                    previous_msgid_plural="man",
                ),
                Entry(msgid="gone", msgstr="ушёл", obsolete=True, previous_msgid=TRICKY[2], flags=("fuzzy",)),
                Entry(
                    msgid="gone 2",
                    msgid_plural="gones",
                    msgstr_plural=((0, "x"), (1, "y"), (2, "z")),
                    msgctxt="c",
                    obsolete=True,
                ),
            ),
        )
    )
    path = tmp_path / "all.po"
    path.write_text(text, encoding="utf-8")
    msgfmt_check(path)
    assert parse_po(text) == _polib_catalog(text)
    assert render_po(parse_po(text)) == text


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 1),  # a msgid without msgstr (msgfmt names its line)
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3),
        ('msgid "a"\nmsgstr "b \\"c" d"\n', 2),  # an unescaped quote
        ('msgid "a"\nmsgstr "b\\"\n', 2),  # the closing quote escaped
        ('msgid "a"\nmsgstr[0] "b"\n', 2),  # plural form without msgid_plural
        ('"orphan"\nmsgid "a"\nmsgstr ""\n', 1),
        ('msgid "a"\n', 1),  # the file ends inside an entry
        ('msgid "a"\nmsgstr "b"\n#~ msgstr "c"\n', 3),
        ('#| msgid "old"\n#| bogus "x"\nmsgid "a"\nmsgstr ""\n', 2),
    ],
)
def test_reader_refuses_what_msgfmt_refuses(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True).returncode != 0
    with pytest.raises(CatalogError) as info:
        parse_po(text, path)
    assert info.value.line == line


def test_mo_reads_back_like_msgfmts_own(tmp_path: Path) -> None:
    """Our MO writer against gettext's compiler: msgunfmt gives the same catalog for both, on the
    seed and on contexts, plurals, fuzzy and obsolete entries; Python's gettext reads it."""
    import gettext

    from l10n.po.files import mo_bytes

    special = Catalog(
        header=(
            ("Content-Type", "text/plain; charset=UTF-8"),
            (
                "Plural-Forms",
                "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
                "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
            ),
        ),
        entries=(
            Entry(msgid="menu", msgctxt="verb", msgstr="меню"),
            Entry(
                msgid="%d file",
                msgid_plural="%d files",
                msgstr_plural=((0, "%d файл"), (1, "%d файла"), (2, "%d файлов")),
            ),
            Entry(msgid="draft", msgstr="черновик", flags=("fuzzy",)),
            Entry(msgid="empty"),
            Entry(msgid="gone", msgstr="ушёл", obsolete=True),
            Entry(msgid=TRICKY[1], msgstr="Две строки\nв одном"),
        ),
    )
    for name, catalog in [
        ("seed", load_catalog(SEED_LOCALES / "ru" / "LC_MESSAGES" / f"{SLUG}.po")),
        ("special", special),
    ]:
        po, ours, theirs = tmp_path / f"{name}.po", tmp_path / f"{name}.mo", tmp_path / f"{name}-msgfmt.mo"
        save_catalog(po, catalog)
        ours.write_bytes(mo_bytes(catalog))
        subprocess.run(["msgfmt", "-o", str(theirs), str(po)], check=True)
        unfmt = [
            subprocess.run(["msgunfmt", str(p)], capture_output=True, text=True, check=True).stdout
            for p in (ours, theirs)
        ]
        assert unfmt[0] == unfmt[1], name
    with open(tmp_path / "special.mo", "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.pgettext("verb", "menu") == "меню"
    assert translations.ngettext("%d file", "%d files", 3) == "%d файла"
    assert translations.gettext("draft") == "draft" and translations.gettext("gone") == "gone"
