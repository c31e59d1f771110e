"""Working-day arithmetic from the command line, with the calendar as configured in the database.

python manage.py workdays add 2026-03-17 5            -> 2026-03-31
python manage.py workdays between 2026-03-16 2026-04-07 -> 10
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from aduan.workdays.selectors import load_calendar


def parse_date(value: str) -> dt.date:
    try:
        # Strict YYYY-MM-DD: fromisoformat alone would also accept 20260317 and week dates.
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Tanggal tidak valid: {value!r} (format YYYY-MM-DD)") from None


def parse_count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise CommandError(
            f"Jumlah hari kerja tidak valid: {value!r} (harus bilangan bulat 0 atau lebih)"
        )
    return n


class Command(BaseCommand):
    help = "Hitung hari kerja (Senin-Jumat WITA, di luar hari libur dan cuti bersama)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,between}")
        add = sub.add_parser("add", help="Tanggal hari kerja ke-N setelah TANGGAL.")
        add.add_argument("date", metavar="TANGGAL", help="YYYY-MM-DD")
        add.add_argument("n", metavar="N", help="jumlah hari kerja (0 atau lebih)")
        between = sub.add_parser(
            "between", help="Jumlah hari kerja setelah AWAL sampai dengan AKHIR."
        )
        between.add_argument("start", metavar="AWAL", help="YYYY-MM-DD")
        between.add_argument("end", metavar="AKHIR", help="YYYY-MM-DD")

    def handle(self, *args, **options):
        if options["action"] == "add":
            start, n = parse_date(options["date"]), parse_count(options["n"])
            self.stdout.write(load_calendar().add_working_days(start, n).isoformat())
        else:
            start, end = parse_date(options["start"]), parse_date(options["end"])
            self.stdout.write(str(load_calendar().working_days_between(start, end)))
