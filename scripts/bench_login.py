#!/usr/bin/env python3
"""Login timing of the workbench: an unknown name against a wrong password for a real account,
through the server's own login check (l10n.workbench.auth.Auth.password_login: brake, scrypt
verify, session), tries of the two kinds interleaved so machine load hits both. Prints medians
and their ratio (1.00 = indistinguishable).

    .venv/bin/python scripts/bench_login.py [--tries 50]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from l10n.team.accounts import Account, hash_password, save_accounts
from l10n.team.logins import LoginBrake
from l10n.workbench.auth import Auth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        users = Path(folder) / "users.toml"
        save_accounts(users, [Account("ana", "translator", ("ru",), hash_password("the real password"))])
        auth = Auth(1, users_file=users, brake=LoginBrake(allowed=10**9))  # the brake out of the way
        times: dict[str, list[float]] = {"unknown name": [], "wrong password": []}
        for i in range(args.tries):
            kinds = [("nobody", "unknown name"), ("ana", "wrong password")]
            for name, kind in kinds if i % 2 else reversed(kinds):
                start = time.perf_counter()
                auth.password_login(name, "not the password", "10.0.0.1", None)
                times[kind].append(time.perf_counter() - start)
    medians = {kind: statistics.median(found) for kind, found in times.items()}
    for kind, found in times.items():
        spread = statistics.quantiles(found, n=10)
        low, high = spread[0] * 1000, spread[-1] * 1000
        print(f"{kind:<15} median {medians[kind] * 1000:6.1f} ms  p10 {low:6.1f}  p90 {high:6.1f}")
    ratio = medians["unknown name"] / medians["wrong password"]
    print(f"ratio unknown/wrong: {ratio:.3f} over {args.tries} tries each")


if __name__ == "__main__":
    main()
