"""Dismissed findings as translator comments (`# l10n-ignore: CHECK — reason`): read by check,
kept by polib and msgcat, the old `#, ignore-CHECK` flag still read and rewritten by extract; and
the workbench's own pieces that decide who may do what."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib

from l10n.dismissals import comment_line, dismissed, flags_as_comments, reasons, with_dismissal
from l10n.model import Entry
from l10n.team.permissions import Principal, permits
from l10n.workbench.access import local_admin, readable

from .conftest import msgfmt_check, po, run_l10n

RANGE = "The fee was $4-500 a month."


def test_the_comment_form_reads_back() -> None:
    entry = with_dismissal(Entry(msgid="a", msgstr="b"), "numbers", 'the author\'s\n"4-500" is a range')
    assert entry.tcomment == 'l10n-ignore: numbers — the author\'s "4-500" is a range'
    assert dismissed(entry) == {"numbers"} and reasons(entry) == {
        "numbers": 'the author\'s "4-500" is a range'
    }
    assert with_dismissal(entry, "numbers", "again") is entry
    several = Entry(msgid="a", tcomment="a person's note\nl10n-ignore: latin, length -- names stay Latin")
    assert dismissed(several) == {"latin", "length"}
    assert dismissed(Entry(msgid="a", flags=("fuzzy", "ignore-quotes"))) == {"quotes"}
    assert comment_line("numbers", "") == "l10n-ignore: numbers"


def test_flags_become_comments_and_other_flags_stay() -> None:
    entry = Entry(
        msgid="a", msgstr="b", flags=("fuzzy", "ignore-numbers", "python-format"), tcomment="why: a range"
    )
    rewritten = flags_as_comments(entry)
    assert rewritten.flags == ("fuzzy", "python-format")
    assert rewritten.tcomment == "why: a range\nl10n-ignore: numbers"
    assert dismissed(rewritten) == dismissed(entry)
    plain = Entry(msgid="a", flags=("fuzzy",))
    assert flags_as_comments(plain) is plain


def _set_translation(
    path: Path, msgid: str, msgstr: str, flags: list[str] | None = None, tcomment: str = ""
) -> None:
    catalog = polib.pofile(str(path))
    entry = catalog.find(msgid)
    assert entry is not None
    entry.msgstr, entry.flags, entry.tcomment = msgstr, flags or [], tcomment
    catalog.save()


def _numbers_findings(root: Path, msgid: str) -> list[dict[str, str]]:
    found = json.loads(run_l10n("check", "--json", "--lang", "ru", cwd=root, check=False).stdout)
    return [f for f in found if f["msgid"] == msgid and f["check"] == "numbers"]


def test_extract_rewrites_the_flag_and_every_tool_keeps_the_comment(workspace: Path) -> None:
    (workspace / "source_texts" / "fees.txt").write_text(f"Fees\n\n{RANGE}\n", encoding="utf-8")
    run_l10n("extract", cwd=workspace)
    path = po(workspace, "ru", "fees")
    _set_translation(path, RANGE, "Взнос составлял 400–500 долларов в месяц.")
    assert _numbers_findings(workspace, RANGE), "the planted range is a numbers finding"
    _set_translation(
        path, RANGE, "Взнос составлял 400–500 долларов в месяц.", ["ignore-numbers"], "4-500 is a range"
    )
    assert not _numbers_findings(workspace, RANGE), "the old flag form is still read"
    run_l10n("extract", cwd=workspace)
    text = path.read_text(encoding="utf-8")
    assert "ignore-numbers" not in text.replace("l10n-ignore: numbers", "")
    assert "# 4-500 is a range\n# l10n-ignore: numbers\n" in text
    assert json.loads(run_l10n("extract", "--json", cwd=workspace).stdout)[-1]["action"] == "unchanged"
    for save in (
        lambda: polib.pofile(str(path)).save(),
        lambda: subprocess.run(["msgcat", "-o", str(path), str(path)], check=True),
        lambda: subprocess.run(
            [
                "msgmerge",
                "-q",
                "-U",
                "--backup=none",
                str(path),
                str(workspace / "locales" / "templates" / "fees.pot"),
            ],
            check=True,
        ),
    ):
        save()
        assert "# l10n-ignore: numbers" in path.read_text(encoding="utf-8")
        assert not _numbers_findings(workspace, RANGE)
    assert msgfmt_check(path).returncode == 0


def test_the_loopback_user_is_an_admin_decided_by_the_one_function() -> None:
    admin = local_admin()
    assert admin.role == "admin" and admin.name
    assert all(
        permits(admin, a, "ru", approved=True)
        for a in ("save", "approve", "reopen", "dismiss", "publish", "admin")
    )
    translator = Principal("dana", "translator", ("kk",))
    assert permits(translator, "save", "kk") and not permits(translator, "approve", "kk")
    assert not permits(translator, "save", "kk", approved=True) and not permits(translator, "dismiss", "kk")
    rows: list[dict[str, object]] = [{"lang": "ru"}, {"lang": "kk"}]
    assert readable(translator, rows) == rows  # everyone signed in reads every language


def test_other_commands_do_not_load_the_web_stack() -> None:
    web = "('starlette', 'uvicorn', 'jinja2', 'l10n.workbench.server')"
    code = f"import sys, l10n.cli; print(sorted(m for m in {web} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert loaded == "[]"
