"""Forms of the back office. As on the public site they only parse what the browser sends:
the services decide what is valid, and their errors are put back next to the fields
(PublicForm.apply_service_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.agencies.models import INSPECTORATE_CODE, Agency, AgencyKind, SupervisionClass
from aduan.agencies.selectors import active_categories
from aduan.cases.models import ArchiveReason, CaseKind, Channel
from aduan.cases.workflow import AssignmentStatus, CaseStatus
from aduan.intake.forms import PublicForm, ReportForm, evidence_field

REPORTER = "reporter"
INTERNAL = "internal"


def _text(label, *, required=True, rows=4, max_length=20000, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ActionForm(PublicForm):
    """One workflow action on the case page. Ids are prefixed with the action name so that
    several forms fit on one page; assignment actions carry the assignment's id."""

    action = ""
    assignment_level = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.action}_%s")
        super().__init__(*args, **kwargs)
        if self.assignment_level:
            self.fields["assignment"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, min_value=1
            )


class ClassifyForm(ActionForm):
    """Kind, category, supervisory or not, and a short neutral title; prefilled with the
    current values so that only what the verifier changes changes."""

    action = "classify"
    kind = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=[(k, label) for k, label in CaseKind.choices if k != CaseKind.WHISTLEBLOWING],
    )
    category = forms.ChoiceField(label=_("Kategori"), required=False)
    supervision_class = forms.ChoiceField(
        label=_("Kadar pengawasan"),
        choices=SupervisionClass.choices,
        help_text=_("Berkadar pengawasan: hanya dapat didisposisikan kepada Inspektorat."),
    )
    title = forms.CharField(
        label=_("Judul ringkas yang netral"),
        max_length=200,
        help_text=_("Tanpa nama orang; ringkas dan netral."),
    )

    def __init__(self, *args, case=None, **kwargs):
        if case is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "kind": case.kind,
                "category": case.category.code if case.category else "",
                "supervision_class": case.supervision_class,
                "title": case.title,
            }
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("— Tanpa kategori —"))] + [
            (c.code, c.name) for c in active_categories()
        ]


class RequestInfoForm(ActionForm):
    action = "request_info"
    message = _text(
        _("Pesan kepada pelapor"),
        help_text=_("Tuliskan dengan jelas keterangan atau bukti apa yang perlu dilengkapi."),
    )


class ArchiveForm(ActionForm):
    action = "archive"
    reason = forms.ChoiceField(label=_("Alasan pengarsipan"), choices=ArchiveReason.choices)
    duplicate_of = forms.CharField(
        label=_("Nomor laporan asli (khusus duplikat)"),
        required=False,
        max_length=40,
        help_text=_("Contoh: ADU-2026-K7Q4M9."),
    )
    note = _text(_("Catatan (tidak wajib)"), required=False, rows=3, max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("— Pilih alasan —")), *ArchiveReason.choices]


class ReferOutForm(ActionForm):
    action = "refer_out"
    destination = forms.ChoiceField(label=_("Instansi tujuan"))
    note = _text(
        _("Catatan untuk pelapor (tidak wajib)"),
        required=False,
        rows=3,
        max_length=5000,
        help_text=_("Misalnya alamat atau kanal pengaduan instansi tujuan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(
            kind__in=[AgencyKind.EXTERNAL, AgencyKind.REGENCY], is_active=True
        ).order_by("kind", "name")
        groups: dict[str, list] = {}
        for agency in agencies:
            groups.setdefault(AgencyKind(agency.kind).label, []).append((agency.code, agency.name))
        self.fields["destination"].choices = [
            ("", _("— Pilih instansi —")),
            *[(label, options) for label, options in groups.items()],
        ]


class RouteForm(ActionForm):
    action = "route"
    agencies = forms.MultipleChoiceField(
        label=_("Instansi penerima disposisi"), widget=forms.CheckboxSelectMultiple
    )
    instructions = _text(_("Instruksi (tidak wajib)"), required=False, rows=3, max_length=5000)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        opds = Agency.objects.filter(kind=AgencyKind.OPD, is_active=True).order_by("name")
        self.suggested = suggested_agencies(case) if case is not None else []
        # The suggestion first (already ticked), then every OPD by name.
        ordered = sorted(opds, key=lambda a: a.code not in self.suggested)
        self.fields["agencies"].choices = [(a.code, a.name) for a in ordered]
        if not self.is_bound:
            self.initial["agencies"] = self.suggested
        self.supervisory = case is not None and (
            case.supervision_class == SupervisionClass.SUPERVISORY
            or case.kind == CaseKind.WHISTLEBLOWING
        )


def suggested_agencies(case) -> list[str]:
    """Supervisory cases go only to the Inspektorat; others to the category's agency."""
    if case.supervision_class == SupervisionClass.SUPERVISORY or (
        case.kind == CaseKind.WHISTLEBLOWING
    ):
        return [INSPECTORATE_CODE]
    category_id = getattr(case, "category_id", None)
    if category_id is None:
        return []
    for category in active_categories():
        if category.pk == category_id and category.default_agency is not None:
            return [category.default_agency.code]
    return []


class PublishResultForm(ActionForm):
    action = "publish_result"
    message = _text(
        _("Jawaban kepada pelapor"),
        rows=8,
        help_text=_(
            "Diisi awal dengan hasil dari instansi. Periksa mutunya, hapus hal yang tidak "
            "perlu diketahui pelapor, lalu kirim."
        ),
    )


class CloseForm(ActionForm):
    action = "close"
    note = _text(_("Catatan penutupan (tidak wajib)"), required=False, rows=2, max_length=5000)


class AcceptForm(ActionForm):
    action = "accept"
    assignment_level = True
    note = _text(
        _("Tanggapan pertama (tidak wajib, terlihat oleh pelapor)"),
        required=False,
        rows=3,
        max_length=5000,
    )


class ReturnForm(ActionForm):
    action = "return"
    assignment_level = True
    reason = _text(
        _("Alasan: mengapa bukan kewenangan instansi Anda"),
        rows=3,
        max_length=5000,
        help_text=_("Wajib. Sebutkan bila tahu instansi mana yang berwenang."),
    )


class UpdateForm(ActionForm):
    action = "update"
    assignment_level = True
    note = _text(_("Catatan perkembangan"), rows=3, max_length=5000)
    visible_to_reporter = forms.BooleanField(
        label=_("Tampilkan catatan ini kepada pelapor"), required=False
    )


class SubmitResultForm(ActionForm):
    action = "submit_result"
    assignment_level = True
    summary = _text(
        _("Ringkasan hasil tindak lanjut"),
        rows=6,
        help_text=_(
            "Apa yang sudah dilakukan dan hasilnya. Koordinator memeriksa sebelum dikirim."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = evidence_field()


class ApproveResultForm(ActionForm):
    action = "approve_result"
    assignment_level = True


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        ClassifyForm,
        RequestInfoForm,
        ArchiveForm,
        ReferOutForm,
        RouteForm,
        PublishResultForm,
        CloseForm,
        AcceptForm,
        ReturnForm,
        UpdateForm,
        SubmitResultForm,
        ApproveResultForm,
    )
}

ACTION_LABELS = {
    "classify": _("Klasifikasikan"),
    "request_info": _("Minta pelapor melengkapi"),
    "archive": _("Arsipkan"),
    "refer_out": _("Alihkan ke instansi lain"),
    "route": _("Disposisikan"),
    "publish_result": _("Kirim jawaban kepada pelapor"),
    "close": _("Tutup laporan"),
    "accept": _("Terima disposisi"),
    "return": _("Kembalikan (bukan kewenangan)"),
    "update": _("Catat perkembangan"),
    "submit_result": _("Kirim hasil tindak lanjut"),
    "approve_result": _("Setujui hasil tindak lanjut"),
    "message": _("Kirim pesan"),
}

ACTION_DONE = {
    "classify": _("Klasifikasi laporan tersimpan."),
    "request_info": _("Permintaan kelengkapan sudah dikirim kepada pelapor."),
    "archive": _("Laporan diarsipkan."),
    "refer_out": _("Laporan dialihkan; pelapor diberi tahu instansi tujuan."),
    "route": _("Laporan sudah didisposisikan."),
    "publish_result": _("Jawaban sudah dikirim kepada pelapor."),
    "close": _("Laporan ditutup."),
    "accept": _("Disposisi diterima."),
    "return": _("Disposisi dikembalikan kepada koordinator."),
    "update": _("Catatan perkembangan tersimpan."),
    "submit_result": _("Hasil tindak lanjut sudah dikirim."),
    "approve_result": _("Hasil tindak lanjut disetujui."),
}


class MessageForm(PublicForm):
    audience = forms.ChoiceField(
        label=_("Jenis pesan"),
        choices=[
            (REPORTER, _("Pesan kepada pelapor (pelapor membacanya di halaman Lacak)")),
            (INTERNAL, _("Catatan internal (hanya petugas; tidak pernah terlihat pelapor)")),
        ],
        widget=forms.RadioSelect,
        initial=INTERNAL,
    )
    body = _text(_("Isi pesan"), rows=4)

    def __init__(self, *args, internal_only=False, **kwargs):
        kwargs.setdefault("auto_id", "message_%s")
        super().__init__(*args, **kwargs)
        if internal_only:
            self.fields["audience"].choices = self.fields["audience"].choices[1:]


# Lists.

YES = "1"


ALL = _("Semua")


def _choice(label, choices):
    return forms.ChoiceField(label=label, required=False, choices=[("", ALL), *choices])


class CaseFilterForm(forms.Form):
    """For showing the filters as they were asked; aduan.cases.selectors parses the query."""

    q = forms.CharField(label=_("Cari judul atau uraian"), required=False, max_length=200)
    status = _choice(_("Status"), CaseStatus.choices)
    kind = _choice(_("Jenis"), CaseKind.choices)
    agency = forms.ChoiceField(label=_("Instansi"), required=False)
    category = forms.ChoiceField(label=_("Kategori"), required=False)
    channel = _choice(_("Kanal"), Channel.choices)
    overdue = forms.BooleanField(label=_("Hanya yang lewat batas waktu"), required=False)
    due_within = forms.IntegerField(
        label=_("Jatuh tempo dalam (hari kerja)"), required=False, min_value=0, max_value=365
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        date = {"type": "date"}
        self.fields["from"] = forms.DateField(
            label=_("Diterima sejak"), required=False, widget=forms.DateInput(attrs=date)
        )
        self.fields["to"] = forms.DateField(
            label=_("Diterima sampai"), required=False, widget=forms.DateInput(attrs=date)
        )
        agencies = Agency.objects.filter(kind=AgencyKind.OPD, is_active=True).order_by("name")
        self.fields["agency"].choices = [("", ALL), *[(a.code, a.name) for a in agencies]]
        self.fields["category"].choices = [
            ("", ALL),
            *[(c.code, c.name) for c in active_categories()],
        ]


class InboxFilterForm(forms.Form):
    status = _choice(_("Status disposisi"), AssignmentStatus.choices)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "inbox_%s")
        super().__init__(*args, **kwargs)


# Manual and assisted intake.

MANUAL_CHANNELS = [
    Channel.LETTER,
    Channel.PHONE,
    Channel.WALK_IN,
    Channel.SMS,
    Channel.WHATSAPP,
    Channel.EMAIL,
    Channel.SOCIAL_MEDIA,
    Channel.LAPOR,
]
CHANNEL_LABELS = {
    Channel.LETTER: _("Surat"),
    Channel.PHONE: _("Telepon"),
    Channel.WALK_IN: _("Datang langsung"),
    Channel.SMS: _("SMS"),
    Channel.WHATSAPP: _("WhatsApp"),
    Channel.EMAIL: _("E-mail"),
    Channel.SOCIAL_MEDIA: _("Media sosial"),
    Channel.LAPOR: _("SP4N-LAPOR!"),
}
REVIEW, CONFIRM, EDIT = "review", "confirm", "edit"


class ManualReportForm(ReportForm):
    """The public report form, worded for the officer who fills it in for someone, with the
    channel the report came through. `step` drives the read-back flow."""

    step = forms.ChoiceField(
        choices=[(REVIEW, REVIEW), (CONFIRM, CONFIRM), (EDIT, EDIT)],
        required=False,
        widget=forms.HiddenInput,
    )
    channel = forms.ChoiceField(
        label=_("Kanal penerimaan"),
        choices=[(c.value, CHANNEL_LABELS[c]) for c in MANUAL_CHANNELS],
        widget=forms.RadioSelect,
    )
    field_order = ["form_token", "step", "channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel = {
            "privacy": _("Pilihan kerahasiaan pelapor (bacakan pilihannya)"),
            "is_public": _(
                "Pelapor mengizinkan isi laporan ditampilkan di daftar laporan publik "
                "(identitas tidak pernah ditampilkan)."
            ),
            "is_asn": _("Pelapor adalah Aparatur Sipil Negara (ASN)"),
            "assistance": _("Bantuan yang diberikan atau dibutuhkan pelapor (tidak wajib)"),
            "attachments": _("Berkas bukti dari pelapor (tidak wajib)"),
        }
        for name, label in relabel.items():
            self.fields[name].label = label
        self.fields["assistance"].help_text = _(
            "Misalnya: laporan dituliskan petugas karena pelapor tunanetra; dibantu juru bahasa "
            "isyarat; dibacakan lewat telepon."
        )

    def channel_options(self):
        return [(radio, "") for radio in self["channel"]]

    def carried_fields(self):
        """Everything entered, for the hidden fields of the read-back page (files excepted:
        they are chosen again there)."""
        return [self[name] for name in self.fields if name not in ("attachments", "step")]

    def readback(self) -> list[tuple[str, str]]:
        """(label, what was entered) in reading order, choices as their labels."""
        rows = []
        data = self.cleaned_data
        for name in self.fields:
            if name in ("attachments", "step", "form_token"):
                continue
            field = self.fields[name]
            value = data.get(name)
            if isinstance(field, forms.BooleanField):
                shown = str(_("Ya")) if value else str(_("Tidak"))
            elif isinstance(field, forms.ChoiceField):
                shown = str(dict(field.choices).get(value, "")) if value else ""
            elif value is None:
                shown = ""
            elif hasattr(value, "isoformat"):
                shown = value.isoformat()
            else:
                shown = str(value)
            rows.append((str(field.label), shown or "—"))
        return rows
