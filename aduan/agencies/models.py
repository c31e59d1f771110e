"""Reference data: agencies, complaint categories and the deadline policies (editable)."""

from django.db import models


class AgencyKind(models.TextChoices):
    OPD = "opd", "OPD Provinsi"
    REGENCY = "regency", "Kabupaten/Kota"
    EXTERNAL = "external", "Instansi luar (rujukan)"


class SupervisionClass(models.TextChoices):
    SUPERVISORY = "supervisory", "Berkadar pengawasan"
    NON_SUPERVISORY = "non_supervisory", "Tidak berkadar pengawasan"


INSPECTORATE_CODE = "INSPEKTORAT"
COORDINATOR_AGENCY_CODE = "DISKOMINFO"


class Agency(models.Model):
    code = models.SlugField("kode", max_length=40, unique=True, allow_unicode=False)
    name = models.CharField("nama", max_length=200)
    kind = models.CharField("jenis", max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="induk", null=True, blank=True, on_delete=models.PROTECT
    )
    is_active = models.BooleanField("aktif", default=True)
    evidence = models.CharField(
        "sumber nama", max_length=200, blank=True, help_text="Dari mana nama ini diketahui."
    )

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = "instansi"
        verbose_name_plural = "instansi"

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def is_inspectorate(self) -> bool:
        return self.code == INSPECTORATE_CODE


class Category(models.Model):
    code = models.SlugField("kode", max_length=60, unique=True)
    name = models.CharField("nama", max_length=200)
    default_agency = models.ForeignKey(
        Agency,
        verbose_name="instansi bawaan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supervision_class = models.CharField(
        "berkadar pengawasan",
        max_length=16,
        choices=SupervisionClass.choices,
        default=SupervisionClass.NON_SUPERVISORY,
    )
    guide = models.TextField("panduan singkat", blank=True)
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "kategori"
        verbose_name_plural = "kategori"

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    VERIFICATION = "verification", "Verifikasi"
    REPORTER_INFO = "reporter_info", "Pelapor melengkapi"
    FIRST_RESPONSE = "first_response", "Tanggapan pertama OPD"
    RESOLUTION = "resolution", "Penyelesaian"
    FEEDBACK_WINDOW = "feedback_window", "Tanggapan/keberatan pelapor"
    PROTECTION_DECISION = "protection_decision", "Keputusan perlindungan"


class DayType(models.TextChoices):
    WORKING = "working", "Hari kerja"
    CALENDAR = "calendar", "Hari kalender"


class SlaPolicy(models.Model):
    """A deadline for one stage. Empty kind/class/category means "any"; the most specific
    matching policy wins (category, then class, then kind)."""

    stage = models.CharField("tahap", max_length=24, choices=Stage.choices)
    case_kind = models.CharField("jenis laporan", max_length=24, blank=True)
    supervision_class = models.CharField(
        "berkadar pengawasan", max_length=16, choices=SupervisionClass.choices, blank=True
    )
    category = models.ForeignKey(
        Category, verbose_name="kategori", null=True, blank=True, on_delete=models.CASCADE
    )
    days = models.PositiveSmallIntegerField("jumlah hari")
    day_type = models.CharField("jenis hari", max_length=10, choices=DayType.choices)
    extension_days = models.PositiveSmallIntegerField("perpanjangan (hari)", default=0)
    requires_head_approval = models.BooleanField("hasil wajib disetujui kepala OPD", default=False)
    # The escalation ladder (issue 5), in working days around this deadline.
    reminder_days_before = models.PositiveSmallIntegerField(
        "pengingat (hari kerja sebelum tenggat)",
        default=1,
        help_text="Pengingat ke petugas OPD sekian hari kerja sebelum tenggat.",
    )
    escalation_days_after = models.PositiveSmallIntegerField(
        "eskalasi (hari kerja setelah tenggat)",
        default=3,
        help_text="Eskalasi ke Sekda dan Inspektorat, dan catatan ketidakpatuhan, sekian hari "
        "kerja setelah tenggat terlewati.",
    )
    legal_source = models.CharField("dasar hukum", max_length=300)
    note = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "standar waktu"
        verbose_name_plural = "standar waktu"
        ordering = ["stage", "case_kind", "supervision_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "case_kind", "supervision_class"],
                condition=models.Q(category__isnull=True),
                name="sla_policy_unique_scope",
            ),
            models.UniqueConstraint(
                fields=["stage", "case_kind", "supervision_class", "category"],
                condition=models.Q(category__isnull=False),
                name="sla_policy_unique_category_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = " / ".join(
            filter(None, [self.case_kind, self.supervision_class, str(self.category or "")])
        )
        unit = "hari kerja" if self.day_type == DayType.WORKING else "hari kalender"
        return f"{self.get_stage_display()} ({scope or 'semua'}): {self.days} {unit}"

    def specificity(self) -> int:
        return (
            (4 if self.category_id else 0)
            + (2 if self.supervision_class else 0)
            + (1 if self.case_kind else 0)
        )
