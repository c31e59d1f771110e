"""`manage.py serve`: the development web server and the task worker, side by side.

Both run as child processes in their own process group, so a Ctrl-C at the terminal reaches
only this command, which then stops each child once and waits for it. If either child dies,
the other is stopped and the command fails. In production run granian and `db_worker` instead.
"""

import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

HOST = "127.0.0.1"
GRACE_SECONDS = 15  # how long a child may take to stop before it is killed
DEMO_HINT = (
    "akun demo: koordinator, opd.dpupr, kepala.dpupr, opd.dinkes, kepala.dinkes, inspektorat, "
    "kustodian, sekda, auditor, admin — kata sandi dari ADUAN_DEMO_PASSWORD atau yang dicetak "
    "oleh seed_demo"
)


def port_number(value: str) -> int:
    port = int(value)
    if not 0 < port < 65536:
        raise ValueError(value)
    return port


def is_listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((HOST, port)) == 0


class Command(BaseCommand):
    help = "Jalankan server web pengembangan dan pekerja tugas (db_worker) bersama-sama."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=port_number, default=None, help="default: ADUAN_PORT, else 8000"
        )

    def handle(self, *args, port=None, **options):
        if settings.ADUAN_ENVIRONMENT == "production":
            raise CommandError("serve hanya untuk pengembangan; di produksi jalankan granian.")
        if port is None:
            raw = os.environ.get("ADUAN_PORT") or "8000"
            try:
                port = port_number(raw)
            except ValueError as exc:
                raise CommandError(f"ADUAN_PORT tidak valid: {raw!r}") from exc
        if is_listening(port):
            raise CommandError(f"Port {port} sudah dipakai; pilih yang lain dengan --port.")

        stop = []  # the signal that asked us to stop, once one arrives
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda signum, frame: stop.append(signum))

        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        children = {
            # runserver that prints no client address (aduan.core.channel_privacy).
            "web": self.start([*manage, "devserver", f"{HOST}:{port}", "--noreload"]),
            "worker": self.start([*manage, "db_worker", "--no-reload"]),
            # Enqueues the periodic sweep (config/schedule.py); the worker runs it.
            "scheduler": self.start([*manage, "scheduler"]),
        }
        announced = False
        failed = None
        try:
            while not stop:
                failed = next((n for n, p in children.items() if p.poll() is not None), None)
                if failed:
                    break
                if not announced and is_listening(port):
                    self.announce(port)
                    announced = True
                time.sleep(0.2)
        finally:
            self.stop_all(children)
        if failed:
            code = children[failed].returncode
            raise CommandError(f"Proses {failed} berhenti (kode {code}); semuanya dihentikan.")
        self.stdout.write("aduan berhenti.")

    def start(self, command: list[str]) -> subprocess.Popen:
        # process_group=0: the terminal's Ctrl-C goes to us alone; we pass it on once.
        return subprocess.Popen(command, process_group=0)  # noqa: S603

    def announce(self, port: int) -> None:
        base = f"http://{HOST}:{port}"
        self.stdout.write(
            self.style.SUCCESS(f"\naduan berjalan di {base}/ (pekerja tugas dan penjadwal aktif)")
            + f"\n  situs      {base}/"
            + f"\n  kesehatan  {base}/healthz"
            + f"\n  API docs   {base}/api/v1/docs"
            + f"\n  admin      {base}/admin/"
            + f"\n  {DEMO_HINT}"
            + "\nTekan Ctrl-C untuk berhenti.\n"
        )

    def stop_all(self, children: dict[str, subprocess.Popen]) -> None:
        # runserver ends cleanly on SIGINT; db_worker finishes its current task on SIGTERM.
        signals = {"web": signal.SIGINT, "worker": signal.SIGTERM, "scheduler": signal.SIGTERM}
        for name, process in children.items():
            if process.poll() is None:
                process.send_signal(signals[name])
        deadline = time.monotonic() + GRACE_SECONDS
        for process in children.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
