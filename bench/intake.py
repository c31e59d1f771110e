"""Benchmark: report submissions per second through the API, beside a bare endpoint.

    .venv/bin/python bench/intake.py                       # SQLite, then PostgreSQL if reachable
    .venv/bin/python bench/intake.py --db sqlite --clients 16 --requests 1000
    .venv/bin/python bench/intake.py --db postgres --pg-url postgres://postgres@127.0.0.1:5432/postgres

For each database it makes a throwaway one (SQLite in a temporary directory; a new PostgreSQL
database `bench_aduan_<pid>`, dropped afterwards), migrates it, seeds the reference data and
serves it with granian (WSGI, `config.settings.prod`, fresh random keys) on 127.0.0.1. Then C
keep-alive clients (threads with http.client, in this process) send, after a warm-up:

- `POST /api/v1/reports`: a confidential complaint with reporter data; each one hashes a receipt
  with Argon2id, encrypts the identity and commits case, event and identity rows in one
  transaction, then queues the reporter notification (201);
- `GET /healthz`: one `SELECT 1`, the bare cost of the same server.

Prints requests/s and p50/p95/p99 latency of both, their ratio, and whether the aim of issue 3
(≥ 50 submissions/s with p95 < 300 ms on two cores) is met. The clients share the machine's cores
with the server, so the figures are a floor. Timing is printed, never asserted.

Durability: PostgreSQL commits as the server is configured (its fsync and synchronous_commit are
printed). SQLite runs in WAL mode with `synchronous=FULL` by default, so every commit is fsynced
and survives power loss; `--sqlite-synchronous normal` measures the setting of config/settings/
base.py, which survives a crash of the process but may lose the last commits on power loss.
"""

import argparse
import http.client
import importlib.metadata
import json
import math
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from base64 import urlsafe_b64encode
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
AIM_RATE = 50.0  # submissions per second
AIM_P95_MS = 300.0
HOST = "127.0.0.1"
REPORTS = "/api/v1/reports"
HEALTHZ = "/healthz"

# SQLite with synchronous=FULL: the production settings with one pragma changed.
FULL_SYNC_SETTINGS = """\
from config.settings.prod import *  # noqa: F403

_options = DATABASES["default"]["OPTIONS"]  # noqa: F405
if "synchronous=NORMAL" not in _options["init_command"]:
    raise RuntimeError("bench/intake.py: synchronous=NORMAL not found in the SQLite settings")
_options["init_command"] = _options["init_command"].replace(
    "synchronous=NORMAL", "synchronous=FULL"
)
"""


@dataclass
class Phase:
    path: str
    requests: int = 0
    ok: int = 0
    seconds: float = 0.0
    client_cpu: float = 0.0  # CPU seconds the load generator itself used
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    sample_error: str = ""

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile_ms(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        rank = math.ceil(p / 100 * len(ordered))  # nearest rank
        return ordered[max(1, rank) - 1] * 1000


@dataclass
class Outcome:
    label: str
    reports: Phase
    healthz: Phase
    stored: int | None

    @property
    def aim_met(self) -> bool:
        return (
            self.reports.rate >= AIM_RATE
            and self.reports.percentile_ms(95) < AIM_P95_MS
            and self.reports.ok == self.reports.requests
        )


def new_key() -> str:
    return urlsafe_b64encode(secrets.token_bytes(32)).decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def report_body(number: int) -> bytes:
    return json.dumps(
        {
            "kind": "complaint",
            "title": f"Jalan berlubang di Jalan A. Yani km {number % 40 + 1} (uji beban {number})",
            "description": (
                "Lubang besar di lajur kiri sudah dua minggu tidak ditambal dan membahayakan "
                "pengendara sepeda motor, terutama saat hujan pada malam hari."
            ),
            "privacy": "confidential",
            "category": "pekerjaan-umum",
            "location": "Banjarmasin Tengah",
            "reporter": {
                "name": "Pelapor Uji Beban",
                "nik": f"6371{number % 10**12:012d}",
                "phone": f"0812{number % 10**8:08d}",
                "email": f"pelapor{number}@example.id",
            },
        }
    ).encode()


def send(conn: http.client.HTTPConnection, path: str, number: int) -> tuple[int, bytes]:
    if path == REPORTS:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        conn.request("POST", path, body=report_body(number), headers=headers)
    else:
        conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def drive(port: int, path: str, total: int, clients: int, first: int = 0) -> Phase:
    """`total` requests to `path` from `clients` keep-alive connections; wall time measured."""
    expected = 201 if path == REPORTS else 200
    phase = Phase(path=path, requests=total)
    lock = threading.Lock()
    taken = iter(range(first, first + total))
    start = threading.Barrier(clients + 1)

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        latencies: list[float] = []
        statuses: Counter = Counter()
        error = ""
        start.wait()
        try:
            while True:
                with lock:
                    number = next(taken, None)
                if number is None:
                    break
                began = time.perf_counter()
                try:
                    status, body = send(conn, path, number)
                except (OSError, http.client.HTTPException) as exc:
                    status, body = 0, repr(exc).encode()
                    conn.close()  # reconnects on the next request
                latencies.append(time.perf_counter() - began)
                statuses[status] += 1
                if status != expected and not error:
                    error = f"{status}: {body[:300].decode(errors='replace')}"
        finally:
            conn.close()
            with lock:
                phase.latencies.extend(latencies)
                phase.statuses.update(statuses)
                phase.sample_error = phase.sample_error or error

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.join()
    phase.seconds = time.perf_counter() - began
    phase.client_cpu = time.process_time() - cpu
    phase.ok = phase.statuses[expected]
    return phase


def manage(env: dict, *args: str) -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def granian_command(port: int, args: argparse.Namespace) -> list[str]:
    command = [
        str(Path(sys.executable).with_name("granian")),
        "--interface", "wsgi", "config.wsgi:application",
        "--host", HOST, "--port", str(port),
        "--workers", str(args.workers),
        "--no-ws", "--log-level", "warning",
    ]  # fmt: skip
    if args.threads:
        command += ["--blocking-threads", str(args.threads)]
    return command


def wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            status, _ = send(conn, HEALTHZ, 0)
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:]
    raise SystemExit(f"granian did not answer /healthz on {HOST}:{port}:\n{tail}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the session started for this server only
            server.wait()


def run_backend(label: str, env: dict, var_dir: Path, args, count_cases) -> Outcome:
    manage(env, "migrate", "-v0")
    manage(env, "seed_reference")
    port = free_port()
    log = var_dir / "granian.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(  # noqa: S603
            granian_command(port, args),
            env=env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_up(server, port, log)
            drive(port, HEALTHZ, args.warmup, args.clients)
            warm = drive(port, REPORTS, args.warmup, args.clients, first=10**6)
            if warm.ok != warm.requests:
                raise SystemExit(f"warm-up submissions failed: {warm.sample_error}")
            healthz = drive(port, HEALTHZ, args.healthz_requests, args.clients)
            reports = drive(port, REPORTS, args.requests, args.clients)
        finally:
            stop(server)
    stored = count_cases() - warm.ok
    return Outcome(label=label, reports=reports, healthz=healthz, stored=stored)


def base_env(var_dir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ADUAN_DATA_KEYS": f"k1:{new_key()}",
        "ADUAN_HASH_KEY": new_key(),
        "ADUAN_SIGNING_KEY": new_key(),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "ADUAN_VAR_DIR": str(var_dir),
        "PYTHONPATH": os.pathsep.join([str(var_dir), str(ROOT)]),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "EMAIL_HOST"):
        env.pop(name, None)
    return env


def bench_sqlite(args) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp:
        var_dir = Path(tmp)
        env = base_env(var_dir)
        if args.sqlite_synchronous == "full":
            (var_dir / "bench_intake_settings.py").write_text(FULL_SYNC_SETTINGS)
            env["DJANGO_SETTINGS_MODULE"] = "bench_intake_settings"
            label = "SQLite (WAL, synchronous=FULL: each commit fsynced, survives power loss)"
        else:
            label = (
                "SQLite (WAL, synchronous=NORMAL as in production settings: survives a "
                "process crash, not a power loss)"
            )

        def count_cases() -> int:
            with closing(sqlite3.connect(var_dir / "aduan.sqlite3")) as db:
                return db.execute("SELECT count(*) FROM cases_case").fetchone()[0]

        return run_backend(label, env, var_dir, args, count_cases)


def bench_postgres(args) -> Outcome | None:
    try:
        import psycopg  # only needed for this backend
    except ImportError:
        print("PostgreSQL skipped: psycopg is not installed in this environment.\n")
        return None
    admin_url = args.pg_url
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0]
        print(f"PostgreSQL skipped: not reachable at {admin_url} ({reason})\n")
        return None
    name = f"bench_aduan_{os.getpid()}"
    created = False
    try:
        settings = {
            key: admin.execute(f"SHOW {key}").fetchone()[0]
            for key in ("server_version", "fsync", "synchronous_commit")
        }
        durable = settings["fsync"] == "on" and settings["synchronous_commit"] != "off"
        label = (
            f"PostgreSQL {settings['server_version'].split()[0]} (fsync={settings['fsync']}, "
            f"synchronous_commit={settings['synchronous_commit']}: "
            + ("each commit flushed to disk, survives power loss)" if durable else "NOT durable)")
        )
        admin.execute(f'CREATE DATABASE "{name}"')
        created = True
        url = urlsplit(admin_url)._replace(path=f"/{name}").geturl()
        with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp:
            var_dir = Path(tmp)
            env = {**base_env(var_dir), "DATABASE_URL": url}

            def count_cases() -> int:
                with psycopg.connect(url) as db:
                    return db.execute("SELECT count(*) FROM cases_case").fetchone()[0]

            return run_backend(label, env, var_dir, args, count_cases)
    finally:
        if created:  # never a database this run did not make
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def print_phase(phase: Phase, unit: str) -> None:
    errors = phase.requests - phase.ok
    print(
        f"  {unit + '/s':<10} {phase.rate:7.1f}  ({phase.requests} requests to {phase.path} in "
        f"{phase.seconds:.1f} s; client CPU {phase.client_cpu / phase.seconds:.0%} of a core)"
        + (f"  {errors} FAILED" if errors else "")
    )
    print(
        f"  {'':<10} p50 {phase.percentile_ms(50):.1f} ms, p95 {phase.percentile_ms(95):.1f} ms, "
        f"p99 {phase.percentile_ms(99):.1f} ms"
    )
    if errors:
        print(f"    statuses {dict(phase.statuses)}; first failure: {phase.sample_error}")


def print_outcome(outcome: Outcome) -> None:
    reports, healthz = outcome.reports, outcome.healthz
    print(textwrap.fill(outcome.label, 96, subsequent_indent="  "))
    print_phase(reports, "reports")
    print_phase(healthz, "healthz")
    ratio = reports.rate / healthz.rate if healthz.rate else float("nan")
    print(f"  reports/s ÷ healthz/s = {ratio:.3f} (a submission costs ≈ {1 / ratio:.0f} healthz)")
    if outcome.stored is not None:
        print(f"  cases stored by the measured run: {outcome.stored} of {reports.ok} answered 201")
    p95 = reports.percentile_ms(95)
    verdict = "met" if outcome.aim_met else "NOT met"
    print(
        f"  aim (≥ {AIM_RATE:.0f} reports/s, p95 < {AIM_P95_MS:.0f} ms): {verdict} "
        f"({reports.rate:.1f}/s, p95 {p95:.0f} ms)\n"
    )


def stop_on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)  # runs the finally blocks: server stopped, data removed


def main() -> None:
    signal.signal(signal.SIGTERM, stop_on_signal)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--workers", type=int, default=2, help="granian workers (default 2)")
    parser.add_argument(
        "--threads", type=int, default=2,
        help="granian --blocking-threads per worker (default 2, as recommended in the README; "
        "0 = granian's own default)",
    )  # fmt: skip
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--requests", type=int, default=500, help="measured submissions")
    parser.add_argument("--healthz-requests", type=int, default=5000, help="measured /healthz")
    parser.add_argument("--warmup", type=int, default=50, help="unmeasured requests per path")
    parser.add_argument("--sqlite-synchronous", choices=("full", "normal"), default="full")
    parser.add_argument(
        "--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL database to connect to; the bench database is created beside it",
    )  # fmt: skip
    args = parser.parse_args()
    if shutil.which("granian", path=str(Path(sys.executable).parent)) is None:
        raise SystemExit(f"granian not found next to {sys.executable}")

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    threads = args.threads or f"{1024 // args.workers // 2} (granian's default)"
    print(
        f"intake benchmark: granian {importlib.metadata.version('granian')} WSGI, "
        f"{args.workers} workers, blocking threads {threads}, config.settings.prod\n"
        f"{args.clients} clients (threads) in this process, warm-up of {args.warmup} excluded; "
        f"{cpus} CPUs shared by server and clients\n"
    )
    outcomes = []
    if args.db in ("sqlite", "both"):
        outcomes.append(bench_sqlite(args))
        print_outcome(outcomes[-1])
    if args.db in ("postgres", "both"):
        outcome = bench_postgres(args)
        if outcome is not None:
            outcomes.append(outcome)
            print_outcome(outcome)
    if len(outcomes) > 1:
        for outcome in outcomes:
            print(
                f"  {outcome.label.split(' (')[0]:<16} {outcome.reports.rate:6.1f} reports/s  "
                f"p95 {outcome.reports.percentile_ms(95):5.0f} ms  "
                f"aim {'met' if outcome.aim_met else 'NOT met'}"
            )


if __name__ == "__main__":
    main()
