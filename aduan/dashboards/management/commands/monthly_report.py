"""python manage.py monthly_report [--month 2026-11]: the monthly report for the Gubernur."""

from django.core.management.base import BaseCommand, CommandError

from aduan.core.errors import ValidationFailed
from aduan.dashboards.periods import month_label, parse_month, previous_month
from aduan.dashboards.services import generate_monthly_report
from aduan.dashboards.storage import report_dir


class Command(BaseCommand):
    help = (
        "Membuat laporan bulanan (PDF dan XLSX) untuk Gubernur; tanpa --month: bulan lalu "
        "(WITA). Laporan bulan yang sama dibuat ulang dan menggantikan berkas lama."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="Bulan laporan, YYYY-MM (bawaan: bulan lalu).")

    def handle(self, *args, month=None, **options):
        try:
            year, number = parse_month(month, "month") if month else previous_month()
            self.stdout.write(f"Laporan bulanan {month_label(year, number)} ke {report_dir()}")
            report = generate_monthly_report(year, number, progress=self.stdout.write)
        except ValidationFailed as exc:
            messages = [m for errors in exc.fields.values() for m in errors] or [exc.message]
            raise CommandError(" ".join(messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Selesai: laporan #{report.pk} ({report})."))
