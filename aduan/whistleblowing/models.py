"""The WBS track's sealed data and its keys (issue 6, DESIGN §5, docs/crypto.md).

A WBS case is an ordinary `cases.Case` for status, dates, agency and deadlines (so the sweep
and the dashboards work), with placeholder text; what the reporter wrote lives here, sealed
with the case's content key, and their identity (if they gave one) with its identity key. The
keys themselves are stored only wrapped, in `CaseKeyGrant`, for each key holder.
"""

from django.conf import settings
from django.db import models


class KeyHolder(models.Model):
    """An X25519 key pair: a WBS officer's, a custodian's, or the recovery key. The private key
    is stored locked by a password-derived key (aduan.crypto.keys), never in the clear."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_holder",
    )
    is_recovery = models.BooleanField(default=False)
    public_key = models.CharField(max_length=64)
    locked_private_key = models.TextField()
    salt = models.CharField(max_length=32)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "pemegang kunci"
        verbose_name_plural = "pemegang kunci"
        constraints = [
            models.UniqueConstraint(
                fields=["is_recovery"],
                condition=models.Q(is_recovery=True, revoked_at__isnull=True),
                name="one_active_recovery_key",
            )
        ]

    def __str__(self) -> str:
        return "kunci pemulihan" if self.is_recovery else f"kunci pengguna #{self.user_id}"


class KeyPurpose(models.TextChoices):
    CONTENT = "content", "Isi laporan"
    IDENTITY = "identity", "Identitas pelapor"


class CaseKeyGrant(models.Model):
    """One case key wrapped for one holder — or, with no holder, for the reporter's receipt
    (Argon2id with `reporter_salt`)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=16, choices=KeyPurpose.choices)
    holder = models.ForeignKey(
        KeyHolder, null=True, blank=True, on_delete=models.CASCADE, related_name="grants"
    )
    reporter_salt = models.CharField(max_length=32, blank=True)
    wrapped_key = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "purpose", "holder"],
                condition=models.Q(holder__isnull=False),
                name="grant_once_per_holder",
            ),
            models.UniqueConstraint(
                fields=["case", "purpose"],
                condition=models.Q(holder__isnull=True),
                name="grant_once_for_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"kunci {self.purpose} laporan #{self.case_id}"


class ReportedRank(models.TextChoices):
    """Plaintext on purpose: it decides the path (DESIGN §4, issue 6 item 3)."""

    OTHER = "other", "Pejabat/pegawai lain"
    INSPEKTUR = "inspektur", "Inspektur Provinsi"
    SEKDA = "sekda", "Sekretaris Daerah"


class Outcome(models.TextChoices):
    INVESTIGATE = "investigate", "Audit dengan tujuan tertentu (investigasi)"
    REFER_KPK = "refer_kpk", "Dilimpahkan ke KPK"
    REFER_KEJAKSAAN = "refer_kejaksaan", "Dilimpahkan ke Kejaksaan"
    REFER_POLRI = "refer_polri", "Dilimpahkan ke Polri"
    REFER_LPSK = "refer_lpsk", "Dirujuk ke LPSK"
    SUBSTANTIATED = "substantiated", "Terbukti"
    UNSUBSTANTIATED = "unsubstantiated", "Tidak terbukti"


class SealedReport(models.Model):
    """What the whistleblower wrote (4W+1H), sealed with the case's content key."""

    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="wbs_report"
    )
    what_enc = models.TextField()
    reported_name_enc = models.TextField()
    reported_position_enc = models.TextField(blank=True)
    where_enc = models.TextField(blank=True)
    when_enc = models.TextField(blank=True)
    how_enc = models.TextField(blank=True)
    title_enc = models.TextField()
    # Plaintext, like status and agency: routing and conflict rules need them unsealed.
    reported_rank = models.CharField(
        max_length=16, choices=ReportedRank.choices, default=ReportedRank.OTHER
    )
    reported_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The evidence gate: whether the initial evidence suffices (null: not judged yet).
    evidence_sufficient = models.BooleanField(null=True, blank=True)
    evidence_reason_enc = models.TextField(blank=True)
    evidence_judged_at = models.DateTimeField(null=True, blank=True)
    evidence_requested_at = models.DateTimeField(null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    outcome_note_enc = models.TextField(blank=True)

    class Meta:
        verbose_name = "isi laporan WBS (tersegel)"
        verbose_name_plural = "isi laporan WBS (tersegel)"

    def __str__(self) -> str:
        return f"isi WBS laporan #{self.case_id} (tersegel)"


class SealedIdentity(models.Model):
    """The whistleblower's identity, if they gave one, sealed with the identity key (which
    only custodians and the recovery key hold: WBS officers never see it)."""

    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    fields_enc = models.TextField()
    is_asn = models.BooleanField(default=False)
    nip_hash = models.CharField(max_length=64, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"identitas WBS laporan #{self.case_id} (tersegel)"


class SealedMessage(models.Model):
    """The body of a message on a WBS case (Message.body stays empty)."""

    message = models.OneToOneField(
        "cases.Message", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    body_enc = models.TextField()

    def __str__(self) -> str:
        return f"pesan #{self.message_id} (tersegel)"


class SealedFile(models.Model):
    """Marks an attachment whose stored bytes are sealed with the case's content key."""

    attachment = models.OneToOneField(
        "cases.Attachment", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )

    def __str__(self) -> str:
        return f"lampiran #{self.attachment_id} (tersegel)"


class Conflict(models.Model):
    """An officer who may not handle a case: named in it, or working in the reported agency."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200)
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="conflict_once_per_officer")
        ]

    def __str__(self) -> str:
        return f"benturan kepentingan laporan #{self.case_id}"
