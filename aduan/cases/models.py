"""Case and everything hanging off it (DESIGN §2). Transitions live in workflow.py and are
applied only by services/; these classes hold state."""

from django.conf import settings
from django.db import models

from aduan.agencies.models import SupervisionClass

from .workflow import AssignmentStatus, CaseStatus


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", "Pengaduan"
    ASPIRATION = "aspiration", "Aspirasi"
    INFORMATION_REQUEST = "information_request", "Permintaan informasi"
    WHISTLEBLOWING = "whistleblowing", "Whistleblowing (WBS)"


class Privacy(models.TextChoices):
    OPEN = "open", "Terbuka"
    CONFIDENTIAL = "confidential", "Rahasia"
    ANONYMOUS = "anonymous", "Anonim"


class Channel(models.TextChoices):
    WEB = "web", "Situs web"
    API = "api", "API"
    EMAIL = "email", "E-mail"
    WHATSAPP = "whatsapp", "WhatsApp"
    SMS = "sms", "SMS"
    PHONE = "phone", "Telepon"
    LETTER = "letter", "Surat"
    WALK_IN = "walk_in", "Datang langsung"
    SOCIAL_MEDIA = "social_media", "Media sosial"
    LAPOR = "lapor", "SP4N-LAPOR!"


class ArchiveReason(models.TextChoices):
    DUPLICATE = "duplicate", "Duplikat"
    NOT_RELEVANT = "not_relevant", "Tidak relevan"
    TOO_GENERAL = "too_general", "Terlalu umum"
    ABUSIVE = "abusive", "Mengandung kata kasar / SARA"
    OTHER = "other", "Lainnya"


class Case(models.Model):
    tracking_number = models.CharField("nomor pelacakan", max_length=24, unique=True)
    # Internal, sequential per year: "2026/000123". Never shown to the public.
    register_year = models.PositiveSmallIntegerField("tahun register")
    register_seq = models.PositiveIntegerField("nomor urut register")
    receipt_hash = models.CharField("hash kode akses", max_length=200)

    kind = models.CharField("jenis", max_length=24, choices=CaseKind.choices)
    supervision_class = models.CharField(
        "berkadar pengawasan",
        max_length=16,
        choices=SupervisionClass.choices,
        default=SupervisionClass.NON_SUPERVISORY,
    )
    privacy = models.CharField("kerahasiaan", max_length=16, choices=Privacy.choices)
    channel = models.CharField("kanal", max_length=16, choices=Channel.choices)
    is_public = models.BooleanField("boleh dipublikasikan", default=False)

    title = models.CharField("judul", max_length=200)
    description = models.TextField("uraian")
    category = models.ForeignKey(
        "agencies.Category", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField("tanggal kejadian", null=True, blank=True)
    location = models.CharField("lokasi", max_length=300, blank=True)
    regency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assistance = models.TextField("bantuan yang dibutuhkan", blank=True)

    status = models.CharField(
        "status", max_length=16, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    returned = models.BooleanField("dikembalikan OPD", default=False)
    received_at = models.DateTimeField("diterima")
    # The running clock of the current case-level stage (verification, reporter info,
    # feedback window). Paused stages keep the working days already used.
    clock_started_at = models.DateTimeField(null=True, blank=True)
    clock_days_used = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField("batas waktu", null=True, blank=True)
    verification_due_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    objection_count = models.PositiveSmallIntegerField(default=0)

    archive_reason = models.CharField(max_length=16, choices=ArchiveReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referred_to = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_summary = models.TextField("jawaban kepada pelapor", blank=True)
    # SHA-256 of what was submitted (text and evidence hashes, no identity): the proof of
    # report (bukti laporan) signs it, so a reporter can later show what they sent.
    content_fingerprint = models.CharField(max_length=64, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        constraints = [
            models.UniqueConstraint(
                fields=["register_year", "register_seq"], name="case_register_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def register_number(self) -> str:
        return f"{self.register_year}/{self.register_seq:06d}"


class RegisterCounter(models.Model):
    """Last register number used per year; incremented under a row lock."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class ReporterIdentity(models.Model):
    """Who reported, apart from the case and sealed field by field (aduan.crypto).

    The `*_hash` columns are keyed hashes for "same reporter as case X"; they reveal nothing
    without the hash key. No plaintext name, NIK, phone or e-mail is ever stored.
    """

    ENCRYPTED_FIELDS = ("name", "nik", "phone", "email", "address", "nip")

    case = models.OneToOneField(Case, primary_key=True, on_delete=models.CASCADE, related_name="+")
    name_enc = models.TextField(blank=True)
    nik_enc = models.TextField(blank=True)
    phone_enc = models.TextField(blank=True)
    email_enc = models.TextField(blank=True)
    address_enc = models.TextField(blank=True)
    nip_enc = models.TextField(blank=True)
    is_asn = models.BooleanField("ASN", default=False)
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True)
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # An ASN reporter's NIP, for the Inspektorat's "is this person a protected reporter?"
    # check when an HR action concerns them (aduan.protection); purpose "reporter-nip".
    nip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "identitas pelapor"
        verbose_name_plural = "identitas pelapor"

    def __str__(self) -> str:  # never the identity itself
        return f"identitas laporan #{self.case_id} (disegel)"


class Assignment(models.Model):
    """One agency's share of a case (disposisi), with its own status and deadlines."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    instructions = models.TextField("instruksi", blank=True)
    routed_at = models.DateTimeField()
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Resolution clock starts at routing, and again when an objection reopens the case.
    clock_started_at = models.DateTimeField()
    first_response_due_at = models.DateTimeField()
    due_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    result_submitted_at = models.DateTimeField(null=True, blank=True)
    result_summary = models.TextField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "disposisi"
        verbose_name_plural = "disposisi"
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}→{self.agency_id}"


class CaseEvent(models.Model):
    """Append-only timeline entry: who, when, what, and whether the reporter sees it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField()
    action = models.CharField(max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "reporter", "system" or the staff role at the time of the action.
    actor_role = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    note = models.TextField(blank=True)
    visible_to_reporter = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "riwayat"
        verbose_name_plural = "riwayat"

    def __str__(self) -> str:
        return f"{self.case_id}: {self.action} → {self.to_status}"


class Message(models.Model):
    """Two-way message between staff and the reporter, or an internal staff note."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    at = models.DateTimeField()
    from_reporter = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    internal = models.BooleanField("catatan internal", default=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"pesan #{self.pk} laporan #{self.case_id}"


class Attachment(models.Model):
    """Evidence or result file, stored under a random name outside the web root."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    storage_name = models.CharField(max_length=100, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    from_reporter = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"lampiran #{self.pk} laporan #{self.case_id}"


class Feedback(models.Model):
    """The reporter's rating of the answer; an objection reopens the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="feedback")
    at = models.DateTimeField()
    rating = models.PositiveSmallIntegerField()
    satisfied = models.BooleanField()
    comment = models.TextField(blank=True)
    is_objection = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"penilaian {self.rating} laporan #{self.case_id}"
