"""`l10n translate --executor ray` on a local Ray cluster the tests start themselves (loopback
only): the same files as a local run, a worker killed mid-run changes nothing, and the failures a
user meets are one line each."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO, run_l10n, set_beam

RAY = Path(sys.executable).parent / "ray"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    if not RAY.exists():
        pytest.skip("Ray is not installed (pip install 'l10n-newsroom[cluster]')")
    port = _free_port()
    start = [str(RAY), "start", "--head", f"--port={port}", "--num-cpus=2", "--include-dashboard=false"]
    start += ["--disable-usage-stats", "--node-ip-address=127.0.0.1"]
    subprocess.run(start, check=True, capture_output=True, timeout=120)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run([str(RAY), "stop", "--force"], capture_output=True, timeout=120)


def _newsroom(root: Path, models: Path, env: dict[str, str], articles: int = 3, vary: bool = False) -> Path:
    run_l10n("init", str(root), cwd=root.parent)
    seed = next((REPO / "source_texts").glob("*.txt")).read_text(encoding="utf-8")
    for number in range(articles):
        text = seed.replace("Almaty", f"Almaty {number}")
        if vary:  # every sentence differs ("the", "the very", …): a run long enough to kill a worker in
            text = text.replace(" the ", " the " + "very " * number)
        (root / "source_texts" / f"article-{number}.txt").write_text(text, encoding="utf-8")
    set_beam(root, 1)
    config = root / "l10n.toml"
    # Small batches: many chunks in flight, so a worker can be killed in the middle of the run.
    config.write_text(
        config.read_text(encoding="utf-8").replace("[mt]", "[mt]\nbatch_size = 2"), encoding="utf-8"
    )
    run_l10n("extract", cwd=root)
    for name in ("test-en_ru", "test-en_kk"):
        run_l10n("models", "add", str(models / f"{name}.argosmodel"), cwd=root, env=env, check=False)
    return root


# The two workspaces are extracted seconds apart: their header dates may fall in different minutes.
_DATES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"$', re.MULTILINE)


def _catalogs(root: Path) -> dict[str, bytes]:
    """Every catalog's bytes, the header's dates left out."""
    return {
        str(p.relative_to(root)): _DATES.sub(rb'"\1: (date)"', p.read_bytes())
        for p in sorted((root / "locales").rglob("*.po"))
    }


def test_ray_run_writes_the_same_files_as_a_local_run(
    cluster: str, tmp_path: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    (tmp_path / "local").mkdir()
    (tmp_path / "ray").mkdir()
    local = _newsroom(tmp_path / "local" / "newsroom", test_models, argos_env)
    remote = _newsroom(tmp_path / "ray" / "newsroom", test_models, argos_env)
    run_l10n("translate", "--lang", "ru,kk", cwd=local, env=argos_env)
    result = run_l10n(
        "translate", "--lang", "ru,kk", "--executor", "ray", "--address", cluster, cwd=remote, env=argos_env
    )
    assert "translated on cpu" in result.stdout
    assert _catalogs(remote) == _catalogs(local)


def _worker_pids() -> list[int]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines() if "ray::Worker" in line]


def test_a_worker_killed_mid_run_changes_nothing(
    cluster: str, tmp_path: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    (tmp_path / "local").mkdir()
    (tmp_path / "ray").mkdir()
    local = _newsroom(tmp_path / "local" / "newsroom", test_models, argos_env, articles=4, vary=True)
    remote = _newsroom(tmp_path / "ray" / "newsroom", test_models, argos_env, articles=4, vary=True)
    run_l10n("translate", "--lang", "ru,kk", cwd=local, env=argos_env)
    command = [
        sys.executable,
        "-m",
        "l10n",
        "translate",
        "--lang",
        "ru,kk",
        "--executor",
        "ray",
        "--address",
        cluster,
    ]
    process = subprocess.Popen(
        command, cwd=remote, env={**os.environ, **argos_env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    killed = False
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline and not killed:
        busy = list(_worker_pids())
        if busy:
            time.sleep(0.5)  # let it take a chunk
            try:
                os.kill(busy[0], signal.SIGKILL)
                killed = True
            except ProcessLookupError:  # gone between ps and the kill: take the next one
                continue
        time.sleep(0.05)
    _, stderr = process.communicate(timeout=300)
    assert killed, f"no Ray worker was seen running (exit {process.returncode}): {stderr.decode()[-2000:]}"
    assert process.returncode == 0, stderr.decode()
    assert _catalogs(remote) == _catalogs(local)


def test_an_unreachable_cluster_is_one_line(
    tmp_path: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    if not RAY.exists():
        pytest.skip("Ray is not installed")
    (tmp_path / "ws").mkdir()
    root = _newsroom(tmp_path / "ws" / "newsroom", test_models, argos_env, articles=1)
    result = run_l10n(
        "translate",
        "--lang",
        "ru",
        "--executor",
        "ray",
        "--address",
        f"127.0.0.1:{_free_port()}",
        cwd=root,
        env=argos_env,
        check=False,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "cannot reach a Ray cluster at 127.0.0.1:" in result.stderr and "ray start --head" in result.stderr


def test_without_ray_the_error_names_the_extra(
    tmp_path: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    shim = tmp_path / "no-ray"
    (shim / "ray").mkdir(parents=True)
    (shim / "ray" / "__init__.py").write_text("raise ImportError('No module named ray')\n", encoding="utf-8")
    (tmp_path / "ws").mkdir()
    root = _newsroom(tmp_path / "ws" / "newsroom", test_models, argos_env, articles=1)
    env = {**argos_env, "PYTHONPATH": str(shim)}
    result = run_l10n("translate", "--lang", "ru", "--executor", "ray", cwd=root, env=env, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "pip install 'l10n-newsroom[cluster]'" in result.stderr
    shutil.rmtree(shim)


def _processes_under(folder: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if str(folder) in line and "ps -eo" not in line]


def test_without_an_address_or_a_cluster_a_local_instance_runs_and_goes(
    tmp_path: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    """No --address, no RAY_ADDRESS, no `ray start` on the machine: a local Ray instance for the
    run (as ray.init() starts one), said in one line, gone when the run ends."""
    if not RAY.exists():
        pytest.skip("Ray is not installed")
    import tempfile

    # A short private temp folder: no cluster recorded there, and Ray's socket paths stay short.
    ray_tmp = Path(tempfile.mkdtemp(prefix="r", dir="/tmp"))
    (tmp_path / "ws").mkdir()
    root = _newsroom(tmp_path / "ws" / "newsroom", test_models, argos_env, articles=1)
    (tmp_path / "local").mkdir()
    local = _newsroom(tmp_path / "local" / "newsroom", test_models, argos_env, articles=1)
    home = str(tmp_path / "home")  # nothing of this run may land in the user's ~/.ray
    env = {**argos_env, "RAY_TMPDIR": str(ray_tmp), "RAY_ADDRESS": "", "HOME": home}
    try:
        run_l10n("translate", "--lang", "ru", cwd=local, env=argos_env)
        result = run_l10n("translate", "--lang", "ru", "--executor", "ray", cwd=root, env=env, check=False)
        assert result.returncode == 0, result.stderr
        said = [line for line in result.stderr.splitlines() if "Ray" in line or "ray" in line]
        assert len(said) == 1, result.stderr
        assert said[0].startswith("notice: ray: no cluster is running; started a local Ray instance")
        assert said[0].endswith(" CPUs), stopped when it ends")
        assert _catalogs(root) == _catalogs(local)
        assert not (tmp_path / "home" / ".ray" / "auth_token").exists()  # the run's token stayed in the run
        deadline = time.monotonic() + 20
        while _processes_under(ray_tmp) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _processes_under(ray_tmp) == []
    finally:
        for line in _processes_under(ray_tmp):  # a failed run's leftovers, by pid
            os.kill(int(line.split()[0]), signal.SIGKILL)
        shutil.rmtree(ray_tmp, ignore_errors=True)


def test_an_address_answered_by_something_else_fails_in_seconds(
    tmp_path: Path, test_models: Path, argos_env: dict[str, str]
) -> None:
    """A plain TCP listener (not Ray) at the address: one line within seconds, not minutes of
    Ray's retries."""
    if not RAY.exists():
        pytest.skip("Ray is not installed")
    (tmp_path / "ws").mkdir()
    root = _newsroom(tmp_path / "ws" / "newsroom", test_models, argos_env, articles=1)
    for reply in (b"", b"HTTP/1.1 400 Bad Request\r\n\r\n", b"SSH-2.0-OpenSSH_9.6\r\n"):
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen()
            port = listener.getsockname()[1]

            def answer(sock: socket.socket = listener, data: bytes = reply) -> None:
                conn, _ = sock.accept()
                if data:
                    conn.sendall(data)
                time.sleep(10)
                conn.close()

            import threading

            threading.Thread(target=answer, daemon=True).start()
            started = time.monotonic()
            address = f"127.0.0.1:{port}"
            command = ("translate", "--lang", "ru", "--executor", "ray", "--address", address)
            result = run_l10n(*command, cwd=root, env=argos_env, check=False)
            elapsed = time.monotonic() - started
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert f"127.0.0.1:{port} answers, but not as a Ray cluster" in result.stderr
        assert elapsed < 15, elapsed
