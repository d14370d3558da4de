"""Workbench accounts: name, role, languages and a scrypt password hash, kept in
``.l10n/users.toml`` (git-ignored with the rest of .l10n/, mode 0600).

The password itself is never stored: ``scrypt$N$r$p$salt$hash`` (hashlib.scrypt, memory-hard, a
fresh 16-byte salt per password; N=2**14, r=8 is the interactive-login setting of the scrypt paper
and of Python's docs, ~16 MiB and ~50 ms a check). ``verify`` runs the KDF for an unknown name too
(against a fixed decoy hash), so a login takes as long for a name that does not exist as for a
wrong password.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from l10n.errors import ConfigError
from l10n.fileio import write_atomic

Role = Literal["translator", "reviewer", "admin"]
ROLES: tuple[Role, ...] = ("translator", "reviewer", "admin")
USERS_FILE = "users.toml"  # in the workspace's state folder (.l10n/)

_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_MIN_PASSWORD = 8


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    languages: tuple[str, ...]  # the languages this account works on (an admin: all)
    password_hash: str

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "languages": list(self.languages)}


def check_name(name: str) -> str:
    """A login name: lower-case letters, digits, dot, dash, underscore; 1-32 characters."""
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"'{name}' is not a valid user name (use a-z, 0-9, '.', '_' or '-', up to 32 characters)"
        )
    return name


def check_role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise ValueError(f"'{role}' is not a role (choose one of {', '.join(ROLES)})")


def check_password(password: str) -> str:
    if len(password) < _MIN_PASSWORD:
        raise ValueError(f"a password needs at least {_MIN_PASSWORD} characters")
    return password


def _kdf(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32
    )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _kdf(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


# Checked against when the name is unknown, so both failures cost one KDF run.
_DECOY = hash_password(secrets.token_hex(16))


def _matches(stored: str, password: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = _kdf(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found, bytes.fromhex(digest))


def verify(accounts: Mapping[str, Account], name: str, password: str) -> Account | None:
    """The account when ``password`` is its password; None otherwise, in the same time whether
    the name exists or not."""
    account = accounts.get(name)
    ok = _matches(account.password_hash if account else _DECOY, password)
    return account if ok and account is not None else None


def users_path(state_dir: Path) -> Path:
    return state_dir / USERS_FILE


def load_accounts(path: Path) -> dict[str, Account]:
    """Every account in the users file; none when there is no file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc}); restore it from a backup or remove it") from exc
    accounts = {}
    for name, row in data.get("user", {}).items():
        try:
            role = check_role(str(row["role"]))
            languages = tuple(str(code) for code in row.get("languages", []))
            accounts[check_name(name)] = Account(name, role, languages, str(row["password"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"{path}: the user '{name}' is not valid ({exc}); fix it with `l10n users set`"
            ) from exc
    return accounts


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def accounts_toml(accounts: Iterable[Account]) -> str:
    """The users file: one table per user, sorted by name (stable diffs in a backup)."""
    lines = ["# l10n workbench accounts: passwords are scrypt hashes, never the password itself.", ""]
    for account in sorted(accounts, key=lambda a: a.name):
        languages = ", ".join(_toml_string(code) for code in account.languages)
        lines += [
            f"[user.{_toml_string(account.name)}]",
            f"role = {_toml_string(account.role)}",
            f"languages = [{languages}]",
            f"password = {_toml_string(account.password_hash)}",
            "",
        ]
    return "\n".join(lines)


def save_accounts(path: Path, accounts: Iterable[Account]) -> None:
    """Written atomically and readable by the owner only (0600): it holds password hashes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The staged copy takes the target's permissions: make the target 0600 before the first
    # write, so the hashes are never world-readable, not even for a moment.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.chmod(path, 0o600)
    write_atomic(path, accounts_toml(accounts).encode("utf-8"))


def with_password(account: Account, password: str) -> Account:
    return replace(account, password_hash=hash_password(check_password(password)))
