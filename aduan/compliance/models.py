"""The evidence behind the Pergub's sanctions: missed deadlines recorded against an agency, and
the measures the supervisor (Sekda) decides on them (the sanctions register).

Records are written by the sweep (aduan.sweeps) and never deleted: an agency that answers late,
or returns a case after the escalation, keeps its record; `fulfilled_at` only says when it
finally acted.
"""

from django.conf import settings
from django.db import models

from aduan.agencies.models import Stage


class NonComplianceRecord(models.Model):
    """One deadline an agency let pass by the escalation threshold (catatan ketidakpatuhan)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="instansi", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name="laporan", on_delete=models.PROTECT, related_name="+"
    )
    # Null for a case-level deadline (verification by the coordinating agency).
    assignment = models.ForeignKey(
        "cases.Assignment",
        verbose_name="disposisi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stage = models.CharField("tenggat", max_length=24, choices=Stage.choices)
    due_at = models.DateTimeField("batas waktu")
    recorded_at = models.DateTimeField("dicatat")
    # Working days past the deadline when it was recorded (the escalation threshold).
    days_late_when_recorded = models.PositiveSmallIntegerField("hari kerja terlambat saat dicatat")
    # When the agency finally did what was due (filled in by the sweep); null while still owed.
    fulfilled_at = models.DateTimeField("dipenuhi", null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = "catatan ketidakpatuhan"
        verbose_name_plural = "catatan ketidakpatuhan"
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "stage", "due_at"],
                condition=models.Q(assignment__isnull=False),
                name="noncompliance_once_per_assignment_deadline",
            ),
            models.UniqueConstraint(
                fields=["case", "stage", "due_at"],
                condition=models.Q(assignment__isnull=True),
                name="noncompliance_once_per_case_deadline",
            ),
        ]
        indexes = [models.Index(fields=["agency", "recorded_at"])]

    def __str__(self) -> str:
        return f"ketidakpatuhan #{self.pk} ({self.stage})"


class SanctionMeasure(models.Model):
    """A kind of measure the supervisor may record; a configurable list (admin)."""

    code = models.SlugField("kode", max_length=40, unique=True)
    name = models.CharField("nama", max_length=200)
    order = models.PositiveSmallIntegerField("urutan", default=0)
    is_active = models.BooleanField("aktif", default=True)
    evidence = models.CharField(
        "sumber", max_length=200, blank=True, help_text="Dasar atau sumber nama tindakan ini."
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "jenis sanksi"
        verbose_name_plural = "jenis sanksi"

    def __str__(self) -> str:
        return self.name


class Sanction(models.Model):
    """One measure recorded against an agency (register sanksi), citing the records it rests on."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="instansi", on_delete=models.PROTECT, related_name="+"
    )
    measure = models.ForeignKey(
        SanctionMeasure, verbose_name="jenis sanksi", on_delete=models.PROTECT, related_name="+"
    )
    records = models.ManyToManyField(
        NonComplianceRecord, verbose_name="catatan ketidakpatuhan", related_name="sanctions"
    )
    decision_number = models.CharField("nomor keputusan/surat", max_length=120)
    decided_on = models.DateField("tanggal keputusan")
    note = models.TextField("pertimbangan", blank=True)
    # The decision document (PDF), stored like evidence: random name outside the web root.
    document_name = models.CharField(max_length=100, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    document_size = models.PositiveBigIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("dicatat")

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "sanksi"
        verbose_name_plural = "register sanksi"

    def __str__(self) -> str:
        return f"{self.measure} — {self.decision_number}"
