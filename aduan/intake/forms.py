"""Forms of the public site. They parse what a browser sends; the services decide what is valid
(their ValidationFailed fields are mapped back onto these forms by `apply_service_errors`)."""

import re
import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.agencies.models import Agency, AgencyKind
from aduan.agencies.selectors import active_categories
from aduan.cases.identity import ReporterData, clean_reporter
from aduan.cases.models import CaseKind, Privacy
from aduan.cases.services import NewReport
from aduan.core.errors import ValidationFailed

from . import uploads
from .templatetags.intake_tags import translate_runtime

TOKEN_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{20,64}\Z")
IDENTITY_FIELDS = ("name", "nik", "phone", "email", "address", "is_asn", "nip")
ANONYMOUS_WITH_IDENTITY = _(
    "Laporan anonim tidak boleh memuat identitas pelapor. Hapus data diri, atau pilih "
    "kerahasiaan 'rahasia'."
)
IDENTITY_REQUIRED = _("Data pelapor wajib diisi, kecuali untuk laporan anonim.")
REQUIRED = _("Wajib diisi.")
ACCEPT = ",".join(
    [*uploads.EXTENSIONS, ".jpg", ".jpeg", ".png", ".webp", ".pdf", ".mp4", ".mp3", ".m4a", ".ogg"]
)

KIND_OPTIONS = [
    (
        CaseKind.COMPLAINT,
        _("Pengaduan"),
        _("Ada layanan atau kebijakan Pemerintah Provinsi yang merugikan atau tidak berjalan."),
    ),
    (
        CaseKind.ASPIRATION,
        _("Aspirasi"),
        _("Usul, saran atau harapan untuk perbaikan layanan dan pembangunan."),
    ),
    (
        CaseKind.INFORMATION_REQUEST,
        _("Permintaan informasi"),
        _("Anda meminta informasi publik yang dikuasai Pemerintah Provinsi."),
    ),
]
PRIVACY_OPTIONS = [
    (
        Privacy.OPEN,
        _("Terbuka"),
        _(
            "Nama Anda boleh dilihat petugas pengelola pengaduan; tidak pernah oleh OPD yang "
            "dilaporkan."
        ),
    ),
    (
        Privacy.CONFIDENTIAL,
        _("Rahasia"),
        _(
            "Identitas Anda disegel: tidak ada petugas yang melihatnya, kecuali lewat pembukaan "
            "yang beralasan dan tercatat."
        ),
    ),
    (
        Privacy.ANONYMOUS,
        _("Anonim"),
        _("Anda tidak memberi identitas sama sekali. Simpan kode akses untuk mengikuti laporan."),
    ),
]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Passes the uploaded files on as a list: their checks belong to aduan.intake.uploads."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [item for item in files if item]


def evidence_field() -> EvidenceField:
    return EvidenceField(
        label=_("Berkas bukti (tidak wajib)"),
        required=False,
        help_text=_(
            "Paling banyak %(files)s berkas, masing-masing paling besar %(mb)s MB. Jenis: "
            "%(types)s. Nama berkas dan data lokasi dalam foto dihapus."
        )
        % {
            "files": uploads.max_files(),
            "mb": uploads.max_bytes() // (1024 * 1024),
            "types": uploads.ALLOWED_LABEL,
        },
        widget=MultipleFileInput(
            attrs={
                "accept": ACCEPT,
                "data-preview": "",
                "data-max-files": uploads.max_files(),
                "data-max-bytes": uploads.max_bytes(),
            }
        ),
    )


class PublicForm(forms.Form):
    """Plain Bahasa Indonesia messages, and service errors mapped next to their fields."""

    field_aliases: dict[str, str] = {}
    group_names: tuple[str, ...] = ()
    group_anchors: dict[str, str] = {}  # where the summary's link for a group error leads

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_errors: dict[str, list[str]] = {}
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED

    def apply_service_errors(self, fields: dict[str, list[str]], message: str = "") -> None:
        """Puts each service error next to its field ("reporter.nik" -> nik)."""
        if not fields and message:
            self.add_error(None, message)
        for name, messages in fields.items():
            target = self.field_aliases.get(name, name.removeprefix("reporter."))
            for text in messages:
                text = translate_runtime(text)
                if target in self.group_names:
                    self.group_errors.setdefault(target, []).append(text)
                elif target in self.fields:
                    self.add_error(target, text)
                else:
                    self.add_error(None, text)

    def summary(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for the error summary at the top of the page."""
        rows = []
        for name, errors in self.errors.items():
            if name == "__all__":
                rows.extend(("", "", str(e)) for e in errors)
                continue
            field = self[name]
            anchor = field.auto_id
            if isinstance(field.field.widget, forms.RadioSelect):
                anchor += "_0"
            rows.extend((anchor, str(field.label), str(e)) for e in errors)
        for name, errors in self.group_errors.items():
            anchor = self.group_anchors.get(name, f"group-{name}")
            rows.extend((anchor, "", e) for e in errors)
        return rows

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.group_errors)


class IdentityForm(PublicForm):
    """A public form with the reporter's optional identity fields, named as in ReporterData
    (the report form on /lapor, the WBS portal on /wbs); those it lacks stay blank."""

    identity_fields: tuple[str, ...] = ()

    def has_identity(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.identity_fields)

    def check_identity(self) -> None:
        """The service's identity rules (clean_reporter), their errors next to the fields."""
        try:
            clean_reporter(self.reporter())
        except ValidationFailed as exc:
            self.apply_service_errors(exc.fields)

    def reporter(self) -> ReporterData | None:
        """None when every identity field is blank."""
        if not self.has_identity():
            return None
        data = self.cleaned_data
        return ReporterData(
            name=data.get("name", ""),
            nik=data.get("nik", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            address=data.get("address", ""),
            is_asn=bool(data.get("is_asn")),
            nip=data.get("nip", ""),
        )


def option_choices(options) -> list[tuple[str, str]]:
    """The (value, label) choices of (value, label, help) options."""
    return [(value, label) for value, label, _help in options]


def options_with_help(bound_field, options) -> list:
    """Each radio of `bound_field` with the help text of its (value, label, help) option."""
    helps = {value: help_text for value, _label, help_text in options}
    return [(radio, helps.get(radio.data["value"], "")) for radio in bound_field]


class ReportForm(IdentityForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Jenis laporan"), choices=option_choices(KIND_OPTIONS), widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Judul laporan"),
        max_length=200,
        help_text=_("Satu kalimat singkat, misalnya: Jalan berlubang di Jl. A. Yani Km 17."),
    )
    description = forms.CharField(
        label=_("Uraian"),
        max_length=20000,
        help_text=_(
            "Ceritakan apa yang terjadi, siapa yang terlibat, di mana, kapan dan bagaimana. "
            "Paling sedikit 10 dan paling banyak 20.000 karakter."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "data-counter": ""}),
    )
    category = forms.ChoiceField(label=_("Kategori (tidak wajib)"), required=False)
    occurred_on = forms.DateField(
        label=_("Tanggal kejadian (tidak wajib)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": _("Tanggal tidak valid. Contoh: 2026-03-17.")},
    )
    location = forms.CharField(
        label=_("Lokasi kejadian (tidak wajib)"),
        required=False,
        max_length=300,
        help_text=_("Alamat, nama tempat atau patokan."),
    )
    regency = forms.ChoiceField(label=_("Kabupaten/kota (tidak wajib)"), required=False)
    privacy = forms.ChoiceField(
        label=_("Kerahasiaan identitas"),
        choices=option_choices(PRIVACY_OPTIONS),
        widget=forms.RadioSelect,
    )
    is_public = forms.BooleanField(
        label=_(
            "Isi laporan boleh ditampilkan di daftar laporan publik (identitas Anda tidak "
            "pernah ditampilkan)."
        ),
        required=False,
    )
    name = forms.CharField(
        label=_("Nama lengkap"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label=_("NIK"),
        required=False,
        max_length=32,
        help_text=_("16 angka, sesuai KTP. Tidak wajib."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Nomor telepon/WhatsApp (tidak wajib)"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Alamat e-mail (tidak wajib)"),
        required=False,
        max_length=254,
        help_text=_("Kami hanya mengabarkan bahwa ada pembaruan, tanpa isi laporan."),
        widget=forms.TextInput(
            attrs={"type": "email", "autocomplete": "email", "spellcheck": "false"}
        ),
    )
    address = forms.CharField(
        label=_("Alamat (tidak wajib)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
    )
    is_asn = forms.BooleanField(label=_("Saya Aparatur Sipil Negara (ASN)"), required=False)
    nip = forms.CharField(
        label=_("NIP (khusus ASN)"),
        required=False,
        max_length=32,
        help_text=_("18 angka. Tidak wajib."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    assistance = forms.CharField(
        label=_("Bantuan yang Anda perlukan (tidak wajib)"),
        required=False,
        max_length=2000,
        help_text=_(
            "Misalnya: penyandang disabilitas netra, mohon dihubungi lewat telepon; perlu juru "
            "bahasa isyarat."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    identity_fields = IDENTITY_FIELDS
    field_aliases = {"reporter": "reporter", "category_code": "category"}
    group_names = ("reporter",)
    group_anchors = {"reporter": "id_name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = evidence_field()
        self.fields["title"].error_messages["max_length"] = _("Judul paling banyak 200 karakter.")
        self.fields["description"].error_messages["max_length"] = _(
            "Uraian paling banyak 20.000 karakter."
        )
        self.categories = list(active_categories())
        self.fields["category"].choices = [("", _("— Pilih bila tahu —"))] + [
            (c.code, c.name) for c in self.categories
        ]
        regencies = Agency.objects.filter(kind=AgencyKind.REGENCY, is_active=True).order_by("name")
        self.fields["regency"].choices = [("", _("— Pilih kabupaten/kota —"))] + [
            (a.code, a.name) for a in regencies
        ]

    def kind_options(self):
        return options_with_help(self["kind"], KIND_OPTIONS)

    def privacy_options(self):
        return options_with_help(self["privacy"], PRIVACY_OPTIONS)

    def clean(self):
        """The identity rules are checked here too, so that every error shows at once; the
        service checks them again and stays the authority."""
        data = super().clean()
        privacy = data.get("privacy")
        if privacy == Privacy.ANONYMOUS and self.has_identity():
            self.group_errors.setdefault("reporter", []).append(str(ANONYMOUS_WITH_IDENTITY))
        elif privacy in (Privacy.OPEN, Privacy.CONFIDENTIAL):
            if not self.has_identity():
                self.group_errors.setdefault("reporter", []).append(str(IDENTITY_REQUIRED))
            else:
                self.check_identity()
        return data

    def new_report(self, channel: str) -> NewReport:
        """The valid form as the service's input (files travel separately)."""
        data = self.cleaned_data
        return NewReport(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            privacy=data["privacy"],
            channel=channel,
            category_code=data["category"],
            occurred_on=data["occurred_on"],
            location=data["location"],
            regency_code=data["regency"],
            is_public=data["is_public"],
            assistance=data["assistance"],
            reporter=self.reporter(),
        )


class TrackForm(PublicForm):
    tracking_number = forms.CharField(
        label=_("Nomor pelacakan"),
        max_length=40,
        help_text=_("Contoh: ADU-2026-K7Q4M9."),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}
        ),
    )
    receipt = forms.CharField(
        label=_("Kode akses"),
        max_length=64,
        help_text=_(
            "Kode rahasia yang tampil satu kali saat Anda melapor, contoh: K7Q4-M9XP-2H6D-R3TB."
        ),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}
        ),
    )


class StatusForm(PublicForm):
    nomor = forms.CharField(
        label=_("Nomor pelacakan"),
        max_length=40,
        help_text=_("Contoh: ADU-2026-K7Q4M9."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )


class ReplyForm(PublicForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_("Pesan atau keterangan tambahan"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reply_%s")  # two forms on one page: ids stay unique
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = evidence_field()


class FeedbackForm(PublicForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    rating = forms.TypedChoiceField(
        label=_("Nilai untuk jawaban ini"),
        choices=[
            ("1", _("1 (sangat buruk)")),
            ("2", "2"),
            ("3", "3"),
            ("4", "4"),
            ("5", _("5 (sangat baik)")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    satisfied = forms.TypedChoiceField(
        label=_("Apakah Anda puas dengan hasil tindak lanjut?"),
        choices=[("yes", _("Ya, puas")), ("no", _("Tidak puas"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Komentar (tidak wajib)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    objection = forms.BooleanField(
        label=_(
            "Saya mengajukan keberatan atas jawaban ini: laporan dibuka kembali dan "
            "ditindaklanjuti lagi."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "feedback_%s")
        super().__init__(*args, **kwargs)

    def rating_options(self):
        return [(radio, "") for radio in self["rating"]]

    def satisfied_options(self):
        return [(radio, "") for radio in self["satisfied"]]


class VerifyForm(PublicForm):
    code = forms.CharField(
        label=_("Kode bukti laporan"),
        max_length=400,
        help_text=_("Tempel seluruh kode dari bukti laporan, termasuk titik-titiknya."),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "autocomplete": "off"}),
    )
