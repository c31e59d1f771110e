"""The monthly report for the Gubernur (issue 5): one row per month, its PDF and XLSX stored
under settings.ADUAN_REPORT_DIR (outside the web root) and served only to the supervisor."""

from django.conf import settings
from django.db import models


class MonthlyReport(models.Model):
    year = models.PositiveSmallIntegerField("tahun")
    month = models.PositiveSmallIntegerField("bulan")
    generated_at = models.DateTimeField("dibuat")
    # Null when made by the command or the periodic sweep.
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf_name = models.CharField("berkas PDF", max_length=100)
    pdf_sha256 = models.CharField("SHA-256 PDF", max_length=64)
    pdf_size = models.PositiveBigIntegerField("ukuran PDF", default=0)
    xlsx_name = models.CharField("berkas XLSX", max_length=100)
    xlsx_sha256 = models.CharField("SHA-256 XLSX", max_length=64)
    xlsx_size = models.PositiveBigIntegerField("ukuran XLSX", default=0)

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = "laporan bulanan"
        verbose_name_plural = "laporan bulanan"
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="monthly_report_once"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="monthly_report_month_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"laporan bulanan {self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        from .periods import month_label

        return month_label(self.year, self.month)

    @property
    def period_code(self) -> str:
        return f"{self.year}-{self.month:02d}"
