"""`manage.py serve` (what `make run` ends in): web and worker up, Ctrl-C stops both."""

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def _wait_for_sweep(database: Path) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.closing(sqlite3.connect(database, timeout=5)) as db:
            runs = db.execute(
                "SELECT count(*) FROM sweeps_sweeprun WHERE triggered_by = 'worker' "
                "AND finished_at IS NOT NULL"
            ).fetchone()[0]
        if runs:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to follow child processes")
def test_serve_answers_healthz_and_stops_both_children_on_ctrl_c(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        ADUAN_VAR_DIR=str(tmp_path),
        ADUAN_SWEEP_FIRST_AFTER_SECONDS="0",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [*manage, "serve", "--port", str(port)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = json.loads(r.read())
            except OSError:
                time.sleep(0.3)
        assert body == {"status": "ok", "database": "ok"}
        children = _children(server.pid)
        assert len(children) == 3  # runserver, db_worker and the scheduler
        # The scheduler enqueues the sweep at once (first_after 0) and the worker runs it.
        assert _wait_for_sweep(tmp_path / "aduan.sqlite3"), "no sweep ran within 60 s"
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        time.sleep(0.2)
        assert not [pid for pid in children if _alive(pid)]
    finally:
        if server.poll() is None:
            server.kill()
        output = server.stdout.read() if server.stdout else ""
    assert "aduan berhenti." in output  # stopped through its own shutdown path
