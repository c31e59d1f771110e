"""How long a closed case keeps its content and its reporter's identity (issue 6 item 9).

`RetentionPolicy` (one per kind of case, edited by the sysadmin) gives, in days after closing,
when the reporter's identity, the evidence files and the free text of a case are purged.
`PurgeRecord` notes that a purge happened — which case, which kind of data, when, under which
policy and how many items — and never what the purged data said.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from aduan.cases.models import CaseKind

# No window shorter than this: a slip of the keyboard must not wipe every closed case at once.
MIN_DAYS = 30
REDACTED_TITLE = "[dihapus sesuai retensi]"


class DataScope(models.TextChoices):
    IDENTITY = "identity", "Identitas pelapor"
    FILES = "files", "Berkas lampiran"
    CONTENT = "content", "Isi laporan"


# Identity and files go first: they never outlive the content (RetentionPolicy.clean).
SCOPE_ORDER = (DataScope.IDENTITY, DataScope.FILES, DataScope.CONTENT)


def _days(verbose_name: str, help_text: str):
    return models.PositiveIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_DAYS)],
        help_text=help_text + f" Kosong: disimpan tanpa batas. Paling sedikit {MIN_DAYS} hari.",
    )


class RetentionPolicy(models.Model):
    case_kind = models.CharField(
        "jenis laporan", max_length=24, choices=CaseKind.choices, unique=True
    )
    identity_days = _days(
        "identitas pelapor (hari)",
        "Berapa hari setelah laporan ditutup identitas pelapor (nama, NIK, kontak, NIP) dihapus.",
    )
    files_days = _days(
        "berkas lampiran (hari)",
        "Berapa hari setelah laporan ditutup berkas bukti dan lampiran dihapus.",
    )
    content_days = _days(
        "isi laporan (hari)",
        "Berapa hari setelah laporan ditutup isi laporan (judul, uraian, lokasi, pesan, catatan) "
        "dikosongkan. Status, tanggal, instansi dan jenis tetap tersimpan untuk statistik.",
    )
    legal_source = models.CharField("dasar hukum", max_length=300, blank=True)
    note = models.TextField("catatan", blank=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        ordering = ["case_kind"]
        verbose_name = "kebijakan retensi"
        verbose_name_plural = "kebijakan retensi"

    def __str__(self) -> str:
        return f"retensi {CaseKind(self.case_kind).label}"

    def clean(self):
        super().clean()
        if self.content_days is None:
            return
        errors = {}
        for field in ("identity_days", "files_days"):
            value = getattr(self, field)
            if value is None or value > self.content_days:
                errors[field] = (
                    "Tidak boleh lebih lama dari isi laporan: identitas dan berkas dihapus "
                    "paling lambat bersama isinya."
                )
        if errors:
            raise ValidationError(errors)

    def days_for(self, scope: str) -> int | None:
        """Days after closing until `scope` is purged; identity and files never outlive the
        content, whatever the stored values say."""
        own = {
            DataScope.IDENTITY: self.identity_days,
            DataScope.FILES: self.files_days,
            DataScope.CONTENT: self.content_days,
        }[scope]
        limits = [days for days in (own, self.content_days) if days is not None]
        return min(limits) if limits else None


class PurgeRecord(models.Model):
    """One kind of data of one case was purged. Counts only, never content."""

    case = models.ForeignKey(
        "cases.Case", verbose_name="laporan", on_delete=models.CASCADE, related_name="+"
    )
    scope = models.CharField("jenis data", max_length=16, choices=DataScope.choices)
    purged_at = models.DateTimeField("dihapus")
    policy = models.ForeignKey(
        RetentionPolicy,
        verbose_name="kebijakan",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The window applied (the policy may change later).
    retention_days = models.PositiveIntegerField("masa retensi (hari)")
    # What was removed, as counts per purger: {"reporter_identity": 1, "attachments": 2}.
    items = models.JSONField("jumlah yang dihapus", default=dict, blank=True)

    class Meta:
        ordering = ["-purged_at", "-id"]
        verbose_name = "catatan penghapusan"
        verbose_name_plural = "catatan penghapusan"
        constraints = [
            models.UniqueConstraint(fields=["case", "scope"], name="purge_once_per_case_scope")
        ]
        indexes = [models.Index(fields=["purged_at"])]

    def __str__(self) -> str:  # the case id, not its number: WBS numbers reach only the WBS team
        return f"{DataScope(self.scope).label} laporan #{self.case_id}"
