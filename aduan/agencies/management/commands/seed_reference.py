"""`manage.py seed_reference`: the reference data every installation needs. Safe to re-run."""

from django.conf import settings
from django.core.management.base import BaseCommand

from aduan.agencies.models import Agency, Category, SlaPolicy
from aduan.agencies.seed import seed_agencies, seed_categories, seed_sla_policies


class Command(BaseCommand):
    help = (
        "Mengisi data referensi: instansi, kategori, standar waktu, dan hari libur. "
        "Aman dijalankan berulang; data yang sudah diubah admin tidak ditimpa."
    )

    def handle(self, *args, **options):
        # Imported here: the workdays app owns holidays; agencies must not depend on it at import.
        from aduan.compliance.models import SanctionMeasure
        from aduan.compliance.seed import seed_sanction_measures
        from aduan.retention.models import RetentionPolicy
        from aduan.retention.seed import seed_retention_policies
        from aduan.workdays.models import Holiday
        from aduan.workdays.seed import seed_holidays

        first, last = settings.ADUAN_HOLIDAY_YEARS
        lines = [
            ("Instansi", seed_agencies(), Agency.objects.count()),
            ("Kategori", seed_categories(), Category.objects.count()),
            ("Standar waktu", seed_sla_policies(), SlaPolicy.objects.count()),
            ("Jenis sanksi", seed_sanction_measures(), SanctionMeasure.objects.count()),
            ("Kebijakan retensi", seed_retention_policies(), RetentionPolicy.objects.count()),
        ]
        holidays_changed = seed_holidays(years=range(first, last + 1))
        for label, created, total in lines:
            self.stdout.write(f"{label}: {created} baru, {total} total")
        self.stdout.write(
            f"Hari libur {first}-{last}: {holidays_changed} diubah, {Holiday.objects.count()} total"
        )
        self.stdout.write(self.style.SUCCESS("Data referensi siap."))
