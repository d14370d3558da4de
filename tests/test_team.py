"""Newsroom accounts, sign-off in the PO file and the audit trail (issue 31's workspace side)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import polib
import pytest

from l10n.po.files import load_catalog, save_catalog
from l10n.team import accounts, audit, signoff
from tests.conftest import msgfmt_check, po, run_l10n


def _add(root: Path, name: str, role: str, lang: str | None, password: str = "correct horse") -> None:
    args = ["users", "add", name, "--role", role, "--password-stdin"] + (["--lang", lang] if lang else [])
    subprocess.run(
        [*_cli(), *args], cwd=root, input=password + "\n", text=True, check=True, capture_output=True
    )


def _cli() -> list[str]:
    import sys

    return [sys.executable, "-m", "l10n"]


def test_users_file_holds_hashes_only_and_is_private(workspace: Path) -> None:
    _add(workspace, "aigerim", "reviewer", "kk", "s3cret-pass")
    _add(workspace, "boss", "admin", None, "another-pass")
    path = workspace / ".l10n" / "users.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    text = path.read_text(encoding="utf-8")
    assert "s3cret-pass" not in text and "another-pass" not in text
    found = accounts.load_accounts(path)
    assert found["aigerim"].role == "reviewer" and found["aigerim"].languages == ("kk",)
    assert accounts.verify(found, "aigerim", "s3cret-pass") == found["aigerim"]
    assert accounts.verify(found, "aigerim", "another-pass") is None
    assert accounts.verify(found, "nobody", "s3cret-pass") is None
    # Two users with one password get different salts, so different hashes.
    _add(workspace, "dana", "translator", "ru", "s3cret-pass")
    again = accounts.load_accounts(path)
    assert again["dana"].password_hash != again["aigerim"].password_hash
    listed = json.loads(run_l10n("users", "list", "--json", cwd=workspace).stdout)
    assert [u["name"] for u in listed] == ["aigerim", "boss", "dana"]
    assert "scrypt" not in json.dumps(listed)


def test_users_set_passwd_remove(workspace: Path) -> None:
    _add(workspace, "dana", "translator", "ru")
    run_l10n("users", "set", "dana", "--role", "reviewer", "--lang", "ru,kk", cwd=workspace)
    path = workspace / ".l10n" / "users.toml"
    assert accounts.load_accounts(path)["dana"].languages == ("ru", "kk")
    subprocess.run(
        [*_cli(), "users", "passwd", "dana", "--password-stdin"],
        cwd=workspace,
        input="new password\n",
        text=True,
        check=True,
    )
    assert accounts.verify(accounts.load_accounts(path), "dana", "new password") is not None
    assert accounts.verify(accounts.load_accounts(path), "dana", "correct horse") is None
    run_l10n("users", "remove", "dana", cwd=workspace)
    assert accounts.load_accounts(path) == {}


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["users", "add", "x", "--role", "boss", "--lang", "ru"], "long enough\n", "is not a role"),
        (["users", "add", "x", "--role", "translator"], "long enough\n", "needs --lang"),
        (
            ["users", "add", "x", "--role", "translator", "--lang", "de"],
            "long enough\n",
            "not a language of this workspace",
        ),
        (["users", "add", "X Y", "--role", "admin"], "long enough\n", "not a valid user name"),
        (["users", "add", "x", "--role", "admin"], "short\n", "at least 8 characters"),
        (["users", "set", "ghost", "--role", "admin"], "", "no user 'ghost'"),
    ],
)
def test_users_bad_input_is_one_line(workspace: Path, args: list[str], stdin: str, message: str) -> None:
    result = subprocess.run(
        [*_cli(), *args, *(["--password-stdin"] if args[1] == "add" else [])],
        cwd=workspace,
        input=stdin,
        text=True,
        capture_output=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_login_time_does_not_tell_unknown_names_from_wrong_passwords() -> None:
    """Both failures cost one KDF run: medians of 50 tries each within noise."""
    known = {
        "aigerim": accounts.Account("aigerim", "reviewer", ("kk",), accounts.hash_password("right password"))
    }

    def once(name: str) -> float:
        start = time.perf_counter()
        assert accounts.verify(known, name, "wrong password") is None
        return time.perf_counter() - start

    # Interleaved, so a busy machine slows both kinds alike.
    pairs = [(once("nobody"), once("aigerim")) for _ in range(50)]
    unknown, wrong = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    assert 0.67 < unknown / wrong < 1.5, (unknown, wrong)


def test_a_damaged_users_file_is_one_line(workspace: Path) -> None:
    (workspace / ".l10n").mkdir(exist_ok=True)
    (workspace / ".l10n" / "users.toml").write_text("[user.x\nrole=", encoding="utf-8")
    result = run_l10n("users", "list", cwd=workspace, check=False)
    assert result.returncode == 2 and "users.toml" in result.stderr and "Traceback" not in result.stderr


def _sign_first_reviewed(path: Path, name: str) -> str:
    catalog = load_catalog(path)
    index = next(i for i, e in enumerate(catalog.entries) if e.msgid and not e.fuzzy and e.translated)
    entries = list(catalog.entries)
    entries[index] = signoff.signed_off(entries[index], name, date(2026, 12, 5))
    save_catalog(path, replace(catalog, entries=tuple(entries)))
    return entries[index].msgid


def test_signoff_is_counted_and_outside_approvals_recognised(repo_copy: Path) -> None:
    path = po(repo_copy, "kk")
    msgid = _sign_first_reviewed(path, "aigerim")
    assert "# l10n-reviewed: aigerim 2026-12-05 " in path.read_text(encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    records = json.loads(run_l10n("status", "--json", "--lang", "kk", cwd=repo_copy).stdout)
    by = records[0]["reviewed_by"]
    assert by["aigerim"] == 1
    reviewed = records[0]["entries"]["reviewed"]
    assert by[signoff.OUTSIDE] == reviewed - 1
    # The approved text edited afterwards in another editor: no longer aigerim's approval.
    catalog = polib.pofile(str(path))
    catalog.find(msgid).msgstr += " (edited)"
    catalog.save()
    records = json.loads(run_l10n("status", "--json", "--lang", "kk", cwd=repo_copy).stdout)
    assert "aigerim" not in records[0]["reviewed_by"]


def test_signoff_survives_editors_and_extract(repo_copy: Path) -> None:
    path = po(repo_copy, "ru")
    _sign_first_reviewed(path, "aigerim")
    polib.pofile(str(path)).save()  # Poedit-like: another writer's layout
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)
    pot = repo_copy / "locales" / "templates" / f"{path.stem}.pot"
    subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", str(path), str(pot)], check=True)
    run_l10n("extract", cwd=repo_copy)
    records = json.loads(run_l10n("status", "--json", "--lang", "ru", cwd=repo_copy).stdout)
    assert records[0]["reviewed_by"].get("aigerim") == 1


def test_signoff_replaced_suggestions_kept_and_taken() -> None:
    from l10n.model import Entry

    entry = Entry(msgid="Hello.", msgstr="Привет.")
    once = signoff.signed_off(entry, "dana", date(2026, 1, 2))
    twice = signoff.signed_off(replace(once, msgstr="Здравствуйте."), "aigerim", date(2026, 1, 3))
    assert twice.tcomment.count("l10n-reviewed:") == 1 and signoff.reviewer(twice) == "aigerim"
    assert signoff.reviewer(signoff.without_signoff(twice)) == signoff.OUTSIDE
    assert signoff.reviewer(replace(twice, flags=("fuzzy",))) is None
    suggested = signoff.with_suggestion(twice, "dana", date(2026, 1, 4), "Добрый\nдень.")
    assert signoff.suggestions(suggested) == [signoff.Suggestion("dana", "2026-01-04", "Добрый день.")]
    assert signoff.reviewer(suggested) == "aigerim"  # a suggestion does not touch the approval
    assert signoff.suggestions(signoff.without_suggestions(suggested)) == []


def test_audit_trail_appends_and_reads(workspace: Path) -> None:
    path = audit.audit_path(workspace / ".l10n")
    first = audit.AuditRecord(
        "2026-12-05T09:00:00+00:00", "dana", "translator", "save", "story", "ru", "Hi.", None, "", "Привет."
    )
    second = replace(
        first,
        time="2026-12-06T10:00:00+00:00",
        user="aigerim",
        role="reviewer",
        action="approve",
        before="Привет.",
        after="Привет!",
    )
    audit.append(path, first)
    audit.append(path, second)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"time": "2026-12-07T00:00:00+00:00", "user": "cut sho')  # a crash mid-line
    assert path.stat().st_mode & 0o777 == 0o600
    assert list(audit.records(path)) == [first, second]
    found = json.loads(run_l10n("audit", "--json", "--user", "aigerim", cwd=workspace).stdout)
    assert [r["action"] for r in found] == ["approve"] and found[0]["before"] == "Привет."
    found = json.loads(run_l10n("audit", "--json", "--since", "2026-12-06", cwd=workspace).stdout)
    assert [r["user"] for r in found] == ["aigerim"]
    text = run_l10n("audit", "--article", "story", cwd=workspace).stdout
    assert "dana (translator) save story/ru" in text and "aigerim (reviewer) approve" in text


def test_permissions_by_role_and_language() -> None:
    from l10n.team.permissions import Principal, permits

    dana = Principal("dana", "translator", ("ru",))
    aigerim = Principal("aigerim", "reviewer", ("kk",))
    boss = Principal("boss", "admin")
    assert permits(dana, "save", "ru") and not permits(dana, "save", "kk")
    assert not permits(dana, "save", "ru", approved=True) and permits(dana, "suggest", "ru")
    for action in ("approve", "reopen", "dismiss", "publish", "admin"):
        assert not permits(dana, action, "ru")
    assert permits(aigerim, "approve", "kk") and permits(aigerim, "save", "kk", approved=True)
    assert not permits(aigerim, "approve", "ru") and not permits(aigerim, "admin")
    assert permits(dana, "read", "kk")
    assert all(permits(boss, a, "kk") for a in ("save", "approve", "publish", "admin"))


def test_sessions_rotate_expire_and_end() -> None:
    from l10n.team.logins import Sessions
    from l10n.team.permissions import Principal

    sessions = Sessions(idle=100)
    who = Principal("dana", "translator", ("ru",))
    token, first = sessions.start(who, now=0)
    again, second = sessions.start(who, now=1)
    assert token != again and first.csrf != second.csrf  # a fresh token at every login
    assert sessions.get(token, now=50) is first
    assert sessions.get(token, now=149) is first  # each request renews the idle clock
    assert sessions.get(token, now=250) is None  # idle past 100 s
    sessions.end(again)
    assert sessions.get(again, now=2) is None
    assert sessions.get("planted-by-an-attacker", now=2) is None


def test_login_brake_after_five_failures_for_a_minute() -> None:
    from l10n.team.logins import LoginBrake

    brake = LoginBrake()
    for attempt in range(4):
        assert not brake.failed("dana", "10.0.0.9", now=attempt)
        assert not brake.refused("dana", "10.0.0.9", now=attempt)
    assert brake.failed("dana", "10.0.0.9", now=4)
    assert brake.refused("dana", "10.0.0.9", now=5)
    assert brake.refused("dana", "10.0.0.7", now=63)  # the name, from another address
    assert brake.refused("other", "10.0.0.9", now=63)  # the address, for another name
    assert not brake.refused("dana", "10.0.0.7", now=65)
