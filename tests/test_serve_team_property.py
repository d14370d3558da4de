"""A property of the newsroom workbench: random sequences of saves, approvals and suggestions by
three people with different roles (a ru translator, a ru reviewer, an admin), in ru and kk,
interleaved with edits made outside (Poedit-style, straight into the PO file). Whatever the order:
every change the server permits is in the PO file, or in the audit trail under its author and
overwritten by a later change; every change it refuses leaves the file and the trail as they were."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.po.read import parse_po
from l10n.team.audit import audit_path, records
from l10n.workbench.pagedata import find_entry, version

from .conftest import SLUG, po, run_l10n
from .serving import stop
from .teamserving import User, add_accounts, start_team

ROLES = {"ana": ("translator", ("ru",)), "rita": ("reviewer", ("ru",)), "boss": ("admin", ())}
LANGS = ("ru", "kk")
WORDS = ("Перевод", "Аударма", "Текст", "Сөйлем", "Вариант")

op = st.one_of(
    st.tuples(
        st.just("save"),
        st.sampled_from(sorted(ROLES)),
        st.sampled_from(LANGS),
        st.integers(0, 2),
        st.sampled_from(WORDS),
        st.booleans(),
    ),
    st.tuples(
        st.just("suggest"),
        st.sampled_from(sorted(ROLES)),
        st.sampled_from(LANGS),
        st.integers(0, 2),
        st.sampled_from(WORDS),
        st.just(False),
    ),
    st.tuples(
        st.just("outside"),
        st.just(""),
        st.sampled_from(LANGS),
        st.integers(0, 2),
        st.sampled_from(WORDS),
        st.booleans(),
    ),
)


@dataclass
class Done:
    """A change that took effect, and when (its position in the run)."""

    step: int
    user: str
    lang: str
    msgid: str
    text: str


def expected_to_pass(user: str, kind: str, lang: str, approve: bool, reviewed: bool) -> bool:
    """The roles as docs/team.md states them, written out again independently of the server."""
    role, langs = ROLES[user]
    if role == "admin":
        return True
    if lang not in langs:
        return False
    if kind == "suggest" or role == "reviewer":
        return True
    return not approve and not reviewed


def on_disk(root: Path, lang: str, msgid: str) -> polib.POEntry:
    return polib.pofile(str(po(root, lang))).find(msgid)


def outside_edit(root: Path, lang: str, msgid: str, text: str, approve: bool) -> None:
    catalog = polib.pofile(str(po(root, lang)))
    entry = catalog.find(msgid)
    entry.msgstr = text
    entry.flags = [f for f in entry.flags if f != "fuzzy"] + ([] if approve else ["fuzzy"])
    catalog.save()


def test_permitted_changes_are_kept_or_traced_and_refused_ones_change_nothing(extracted: Path) -> None:
    root = extracted
    run_l10n("translate", cwd=root)
    add_accounts(root, *((name, role, langs) for name, (role, langs) in ROLES.items()))
    msgids = [e.msgid for e in polib.pofile(str(po(root, "ru"))) if e.msgid][:3]
    originals = {lang: po(root, lang).read_bytes() for lang in LANGS}
    trail = audit_path(root / ".l10n")
    server = start_team(root)
    try:
        users = {name: User(server, name) for name in ROLES}
        for user in users.values():
            assert user.login().status == 200

        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.lists(op, min_size=1, max_size=10))
        def run(ops: list[tuple[str, str, str, int, str, bool]]) -> None:
            for lang, data in originals.items():
                po(root, lang).write_bytes(data)
            seen = len(list(records(trail)))
            done: list[Done] = []
            touched: dict[tuple[str, str], int] = {}  # (lang, msgid) -> the last step that changed it
            for step, (kind, name, lang, index, word, approve) in enumerate(ops):
                msgid, text = msgids[index], f"{word} {step}"
                if kind == "outside":
                    outside_edit(root, lang, msgid, text, approve)
                    touched[(lang, msgid)] = step
                    continue
                before = po(root, lang).read_bytes()
                current = find_entry(parse_po(before.decode("utf-8")), (None, msgid))
                reviewed = current is not None and bool(current.msgstr) and not current.fuzzy
                if kind == "save":
                    body = {"msgid": msgid, "msgstr": text, "approve": approve, "version": version(current)}
                    answer = users[name].request("PUT", f"/api/v1/{lang}/{SLUG}/entries", body)
                else:
                    answer = users[name].request(
                        "POST", f"/api/v1/{lang}/{SLUG}/suggest", {"msgid": msgid, "text": text}
                    )
                allowed = expected_to_pass(name, kind, lang, approve, reviewed)
                assert answer.status == (200 if allowed else 403), (
                    kind,
                    name,
                    lang,
                    approve,
                    reviewed,
                    answer.text,
                )
                fresh = list(records(trail))[seen:]
                if not allowed:
                    assert po(root, lang).read_bytes() == before and fresh == []
                    continue
                [line] = fresh
                assert (line.user, line.lang, line.msgid, line.after) == (name, lang, msgid, text)
                seen += 1
                done.append(Done(step, name, lang, msgid, text))
                if kind == "save":
                    touched[(lang, msgid)] = step
                    entry = on_disk(root, lang, msgid)
                    signed = [c for c in entry.tcomment.split("\n") if c.startswith("l10n-reviewed:")]
                    assert entry.fuzzy != approve and bool(signed) == approve
                    assert not approve or signed[0].startswith(f"l10n-reviewed: {name} ")
            for change in done:
                entry = on_disk(root, change.lang, change.msgid)
                kept = change.text == entry.msgstr or f": {change.text}" in entry.tcomment
                overwritten = touched.get((change.lang, change.msgid), -1) > change.step
                assert kept or overwritten, change

        run()
    finally:
        stop(server)
        for lang, data in originals.items():
            po(root, lang).write_bytes(data)
