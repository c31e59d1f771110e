"""Reporter protection (DESIGN §1 "Safety from intimidation", issue 6 item 6).

A ProtectionRequest is one request of a reporter (holding the receipt) on their case: a form
of protection, or a report of retaliation (pembalasan) linked to that case. Each has its own
deadline (SlaPolicy stage protection_decision, 7 calendar days) and, once the Inspektorat has
decided, an outcome with a note the reporter reads on /lacak.

The reporter's account and the decision note are sealed field by field (aduan.crypto,
associated data bound to the request's reference): they often say who the reporter is.
Protection writes no CaseEvent: case-level events are read by every agency the case was
routed to, and a request for protection (or a retaliation report) must not reach them.
"""

from django.conf import settings
from django.db import models


class ProtectionKind(models.TextChoices):
    CONFIDENTIALITY = "confidentiality", "Perlindungan kerahasiaan identitas"
    THREAT = "threat", "Perlindungan dari ancaman (koordinasi dengan aparat penegak hukum)"
    TRANSFER = "transfer", "Pemindahan tugas (mutasi)"
    LEGAL_AID = "legal_aid", "Bantuan hukum"
    PSYCHOLOGICAL_AID = "psychological_aid", "Bantuan psikologis"
    LPSK_REFERRAL = "lpsk_referral", "Rujukan ke LPSK"
    RETALIATION = "retaliation", "Laporan pembalasan"


# What a reporter may ask for; retaliation is reported through its own form.
REQUESTABLE_KINDS = tuple(k for k in ProtectionKind if k != ProtectionKind.RETALIATION)


class Outcome(models.TextChoices):
    GRANTED = "granted", "Dikabulkan"
    REFUSED = "refused", "Ditolak"
    REFERRED = "referred", "Dirujuk"


class AdverseAction(models.TextChoices):
    """What was done to the reporter (retaliation), or the HR action being checked (NIP)."""

    TRANSFER = "transfer", "Mutasi atau pemindahan"
    DEMOTION = "demotion", "Penurunan jabatan atau pangkat"
    DISCIPLINE = "discipline", "Hukuman disiplin"
    DISMISSAL = "dismissal", "Pemberhentian"
    PERFORMANCE = "performance", "Penilaian kinerja atau tunjangan"
    THREAT = "threat", "Ancaman atau intimidasi"
    OTHER = "other", "Lainnya"


# The HR actions an Inspektorat officer names when checking a NIP.
HR_ACTIONS = tuple(a for a in AdverseAction if a != AdverseAction.THREAT)
PENDING_LABEL = "Menunggu keputusan"


class ProtectionRequest(models.Model):
    reference = models.CharField("nomor permohonan", max_length=16, unique=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="protection_requests"
    )
    kind = models.CharField("jenis", max_length=24, choices=ProtectionKind.choices)
    adverse_action = models.CharField(
        "tindakan pembalasan", max_length=16, choices=AdverseAction.choices, blank=True
    )
    description_enc = models.TextField("uraian pelapor (tersegel)")
    requested_at = models.DateTimeField("diajukan")
    due_at = models.DateTimeField("batas waktu keputusan")
    outcome = models.CharField("keputusan", max_length=16, choices=Outcome.choices, blank=True)
    decision_note_enc = models.TextField("catatan keputusan (tersegel)", blank=True)
    decided_at = models.DateTimeField("diputuskan", null=True, blank=True)
    # When the sweep told the Inspektorat the decision is overdue (once per request).
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = "permohonan perlindungan"
        verbose_name_plural = "permohonan perlindungan"
        indexes = [models.Index(fields=["outcome", "due_at"], name="protection_open_due_idx")]

    def __str__(self) -> str:  # never the reporter's words
        return f"{self.reference} ({self.kind})"

    @property
    def is_pending(self) -> bool:
        return not self.outcome

    @property
    def status_label(self) -> str:
        return Outcome(self.outcome).label if self.outcome else PENDING_LABEL
