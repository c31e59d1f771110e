"""`manage.py seed_demo [--cases N] [--open]`: demo staff accounts and sample cases
(development only).

Idempotent: accounts are created once; cases are added only up to N in total, so running it
again keeps the data as it is. `--open` makes only open cases (received, needs_info, routed,
in_progress, answered) with deadlines spread around now, one or two agencies per routed case:
the workload of the periodic sweep (bench/sweep.py).
"""

import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aduan.accounts.demo import ensure_demo_accounts
from aduan.cases import demo
from aduan.cases.models import Case

DEFAULT_CASES = 120


class Command(BaseCommand):
    help = "Membuat akun demo dan contoh laporan di setiap status (hanya untuk pengembangan)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases", type=int, default=DEFAULT_CASES,
            help=f"jumlah laporan yang diinginkan secara total (bawaan {DEFAULT_CASES})",
        )  # fmt: skip
        parser.add_argument("--seed", type=int, default=None, help="benih acak (reproducible)")
        parser.add_argument(
            "--open", dest="open_only", action="store_true",
            help="hanya laporan yang masih berjalan (beban sapuan berkala; 1-2 disposisi)",
        )  # fmt: skip

    def handle(self, *args, cases: int, seed: int | None, open_only: bool = False, **options):
        if getattr(settings, "ADUAN_ENVIRONMENT", "") == "production":
            raise CommandError("seed_demo menolak berjalan dengan pengaturan produksi.")
        if cases < 0:
            raise CommandError("--cases tidak boleh negatif.")
        from aduan.agencies.models import SlaPolicy

        if not SlaPolicy.objects.exists():
            raise CommandError("Data referensi belum ada: jalankan dulu manage.py seed_reference.")

        created, generated = ensure_demo_accounts(os.environ.get("ADUAN_DEMO_PASSWORD") or None)
        if created:
            self.stdout.write(f"Akun demo dibuat: {', '.join(created)}")
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Kata sandi akun demo (dicetak sekali ini saja): {generated}\n"
                    "Atur ADUAN_DEMO_PASSWORD agar kata sandi tetap."
                )
            )
        from aduan.whistleblowing.demo import ensure_demo_keys

        # The demo WBS officer and custodian need key pairs before WBS cases are sealed.
        ensure_demo_keys(os.environ.get("ADUAN_DEMO_PASSWORD") or generated)
        missing = max(cases - Case.objects.count(), 0)
        if missing == 0:
            self.stdout.write(f"Laporan demo sudah ada ({Case.objects.count()}); tidak ditambah.")
            return
        started = time.perf_counter()
        result = demo.generate(
            missing,
            seed=seed,
            receipts_for=len(demo.STATUS_WEIGHTS),
            progress=self._progress,
            open_only=open_only,
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result.created} laporan demo dibuat dalam {seconds:.1f} detik: "
            + ", ".join(f"{status} {n}" for status, n in sorted(result.by_status.items()))
            + f"; {result.assignments} disposisi"
        )
        if result.receipts:
            self._write_receipts(result.receipts)

    def _progress(self, done: int, total: int) -> None:
        if total > demo.BATCH:
            self.stdout.write(f"  {done}/{total}")

    def _write_receipts(self, receipts) -> None:
        path = settings.VAR_DIR / "demo-receipts.txt"
        lines = [f"{status:<12} {number}  {receipt}" for status, number, receipt in receipts]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        path.chmod(0o600)
        self.stdout.write(f"Contoh nomor pelacakan dan kode akses (juga di {path}):")
        for line in lines:
            self.stdout.write(f"  {line}")
