"""The WBS portal's form (/wbs): 4W+1H, the reported person, evidence, and an optional
identity. It parses what a browser sends; services.submit_report decides what is valid (its
ValidationFailed fields come back next to their fields through `apply_service_errors`)."""

from dataclasses import replace

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.agencies.models import Agency, AgencyKind
from aduan.cases.identity import ReporterData
from aduan.intake.forms import IdentityForm, evidence_field, option_choices, options_with_help

from .models import ReportedRank
from .services import LIMITS, WbsReport

IDENTITY_FIELDS = ("name", "is_asn", "nip", "phone", "email")
MIN_WHAT = 20

RANK_OPTIONS = [
    (
        ReportedRank.OTHER,
        _("Bukan keduanya (pejabat atau pegawai lain)"),
        _("Laporan ditangani tim WBS Inspektorat Provinsi."),
    ),
    (
        ReportedRank.INSPEKTUR,
        _("Inspektur Provinsi"),
        _(
            "Laporan tidak ditangani Inspektorat Provinsi, tetapi diteruskan kepada Inspektorat "
            "Jenderal Kementerian Dalam Negeri."
        ),
    ),
    (
        ReportedRank.SEKDA,
        _("Sekretaris Daerah Provinsi"),
        _(
            "Laporan diteruskan kepada Inspektorat Jenderal Kementerian Dalam Negeri, tidak "
            "kepada pejabat di bawah Sekretaris Daerah."
        ),
    ),
]


def _text(label, limit: int, *, required=False, rows: int = 0, help_text="", attrs=None):
    attrs = dict(attrs or {})
    if rows:
        widget = forms.Textarea(attrs={"rows": rows, "data-counter": "", **attrs})
    else:
        widget = forms.TextInput(attrs=attrs)
    field = forms.CharField(
        label=label, required=required, max_length=limit, help_text=help_text, widget=widget
    )
    field.error_messages["max_length"] = _("Paling banyak %(limit_value)s karakter.")
    return field


class WbsForm(IdentityForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    what = _text(
        _("Apa yang terjadi"),
        LIMITS["what"],
        required=True,
        rows=7,
        help_text=_(
            "Ceritakan dengan kata-kata Anda sendiri: perbuatan apa, berapa nilainya bila Anda "
            "tahu. Paling sedikit 20 karakter."
        ),
    )
    reported_name = _text(
        _("Nama terlapor"),
        LIMITS["reported_name"],
        required=True,
        help_text=_("Boleh inisial atau perkiraan bila Anda tidak tahu nama lengkapnya."),
        attrs={"autocomplete": "off"},
    )
    reported_position = _text(
        _("Jabatan terlapor (tidak wajib)"),
        LIMITS["reported_position"],
        help_text=_("Misalnya: Kepala Bidang, Pejabat Pembuat Komitmen, Bendahara."),
        attrs={"autocomplete": "off"},
    )
    reported_agency = forms.ChoiceField(label=_("Instansi terlapor (tidak wajib)"), required=False)
    reported_rank = forms.ChoiceField(
        label=_("Apakah terlapor Inspektur Provinsi atau Sekretaris Daerah?"),
        choices=option_choices(RANK_OPTIONS),
        widget=forms.RadioSelect,
    )
    where = _text(
        _("Di mana kejadiannya (tidak wajib)"),
        LIMITS["where"],
        help_text=_("Kantor, lokasi proyek, kota atau kabupaten."),
    )
    when = _text(
        _("Kapan terjadinya (tidak wajib)"),
        LIMITS["when"],
        help_text=_("Tanggal atau perkiraan, misalnya: Maret 2026, atau setiap pencairan termin."),
    )
    how = _text(
        _("Bagaimana kejadiannya (tidak wajib)"),
        LIMITS["how"],
        rows=5,
        help_text=_(
            "Urutan kejadian, caranya, siapa lagi yang terlibat atau mengetahui, dan bukti apa "
            "yang ada (dokumen, foto, rekaman) walaupun tidak Anda lampirkan."
        ),
    )
    name = _text(_("Nama lengkap"), 200, attrs={"autocomplete": "off"})
    is_asn = forms.BooleanField(label=_("Saya Aparatur Sipil Negara (ASN)"), required=False)
    nip = _text(
        _("NIP (khusus ASN, tidak wajib)"),
        32,
        help_text=_("18 angka."),
        attrs={"inputmode": "numeric", "autocomplete": "off"},
    )
    phone = _text(
        _("Nomor telepon (tidak wajib)"),
        32,
        attrs={"type": "tel", "autocomplete": "off"},
    )
    email = _text(
        _("Alamat e-mail (tidak wajib)"),
        254,
        attrs={"type": "email", "autocomplete": "off", "spellcheck": "false"},
    )

    identity_fields = IDENTITY_FIELDS
    field_aliases = {"reported_agency": "reported_agency"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = evidence_field()
        self.fields["what"].error_messages["required"] = _(
            "Ceritakan apa yang terjadi, paling sedikit 20 karakter."
        )
        self.fields["reported_name"].error_messages["required"] = _(
            "Nama terlapor wajib diisi (boleh perkiraan atau inisial)."
        )
        self.fields["reported_rank"].error_messages["required"] = _(
            "Pilih salah satu, walaupun jawabannya 'bukan keduanya'."
        )
        agencies = Agency.objects.filter(kind=AgencyKind.OPD, is_active=True).order_by("name")
        self.fields["reported_agency"].choices = [("", _("— Pilih bila tahu —"))] + [
            (a.code, a.name) for a in agencies
        ]

    def rank_options(self):
        return options_with_help(self["reported_rank"], RANK_OPTIONS)

    def identity_open(self) -> bool:
        """The identity section starts open only when it holds something (or an error)."""
        if any(name in self.errors for name in IDENTITY_FIELDS):
            return True
        return self.is_bound and any(self.data.get(name) for name in IDENTITY_FIELDS)

    def clean_what(self):
        what = self.cleaned_data["what"]
        if len(what.strip()) < MIN_WHAT:
            raise forms.ValidationError(
                _("Ceritakan apa yang terjadi, paling sedikit 20 karakter.")
            )
        return what

    def clean(self):
        """The identity is checked here too, so that every error shows at once; the service
        checks it again and stays the authority."""
        data = super().clean()
        if self.has_identity():
            self.check_identity()
        return data

    def reporter(self) -> ReporterData | None:
        """None (anonymous, the default) when every identity field is blank."""
        reporter = super().reporter()
        if reporter is None:
            return None
        # A NIP says the reporter is an ASN already: here it need not be ticked as well.
        return replace(reporter, is_asn=reporter.is_asn or bool(reporter.nip))

    def wbs_report(self, channel: str) -> WbsReport:
        """The valid form as the service's input (the evidence is added once cleaned)."""
        data = self.cleaned_data
        return WbsReport(
            what=data["what"],
            reported_name=data["reported_name"],
            reported_position=data["reported_position"],
            reported_agency_code=data["reported_agency"],
            reported_rank=data["reported_rank"],
            where=data["where"],
            when=data["when"],
            how=data["how"],
            reporter=self.reporter(),
            channel=channel,
        )
