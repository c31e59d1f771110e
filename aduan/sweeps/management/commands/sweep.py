"""`manage.py sweep [--at MOMENT] [--duty NAME ...]`: every periodic duty once (issue 5)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from aduan.sweeps.runner import DUTIES, run_sweep


def parse_moment(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"Waktu tidak valid: {value!r}. Contoh: 2026-12-15T09:00:00+08:00"
        ) from exc
    if moment.tzinfo is None:
        raise CommandError("Sertakan zona waktu, misalnya +08:00 (WITA).")
    return moment


class Command(BaseCommand):
    help = (
        "Jalankan semua tugas berkala sekali: pengingat, eskalasi, catatan ketidakpatuhan, "
        "pencabutan dan penutupan otomatis, ringkasan harian, laporan bulanan. Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--at", help="per waktu ini (ISO 8601 dengan zona), bawaan: sekarang")
        parser.add_argument(
            "--duty", action="append", choices=sorted(DUTIES), help="hanya tugas ini (boleh ulang)"
        )

    def handle(self, *args, at=None, duty=None, **options):
        as_of = parse_moment(at) if at else None
        run = run_sweep(as_of, duties=duty, progress=lambda line: self.stdout.write(f"  {line}"))
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sapuan #{run.pk} per {run.as_of.isoformat()} selesai ({seconds:.1f} s)."
            )
        )
