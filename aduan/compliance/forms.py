"""Forms of the compliance pages. They parse what the browser sends; the selectors read the
filters themselves and aduan.compliance.services decides what a valid sanction is (its errors
are put back next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.agencies.models import Agency, AgencyKind, Stage
from aduan.intake.forms import PublicForm

from .selectors import FULFILLED, OWED

ALL = _("Semua")
DATE = {"type": "date"}
# The deadlines an agency (not the reporter) can let pass.
AGENCY_STAGES = (
    Stage.VERIFICATION,
    Stage.FIRST_RESPONSE,
    Stage.RESOLUTION,
    Stage.PROTECTION_DECISION,
)
DATE_INVALID = _("Tanggal tidak valid. Contoh: 2026-03-17.")


def _agency_choices(agencies=None) -> list[tuple[str, str]]:
    if agencies is None:
        agencies = Agency.objects.filter(kind=AgencyKind.OPD, is_active=True).order_by("name")
    return [("", ALL), *[(a.code, a.name) for a in agencies]]


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
    )


class RecordFilterForm(forms.Form):
    """Shows the filters as they were asked; aduan.compliance.selectors parses the query.
    Agency staff see only their own agency, so they get no agency choice."""

    agency = forms.ChoiceField(label=_("Instansi"), required=False)
    stage = forms.ChoiceField(
        label=_("Tenggat"),
        required=False,
        choices=[("", ALL), *[(v, label) for v, label in Stage.choices if v in AGENCY_STAGES]],
    )
    state = forms.ChoiceField(
        label=_("Keadaan"),
        required=False,
        choices=[
            ("", ALL),
            (OWED, _("Masih terutang")),
            (FULFILLED, _("Sudah dipenuhi (terlambat)")),
        ],
    )

    def __init__(self, *args, own_agency_only: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["from"] = _date_field(_("Batas waktu sejak"))
        self.fields["to"] = _date_field(_("Batas waktu sampai"))
        if own_agency_only:
            del self.fields["agency"]
        else:
            self.fields["agency"].choices = _agency_choices()


class SanctionFilterForm(forms.Form):
    agency = forms.ChoiceField(label=_("Instansi"), required=False)
    measure = forms.ChoiceField(label=_("Jenis sanksi"), required=False)
    year = forms.IntegerField(
        label=_("Tahun keputusan"), required=False, min_value=2000, max_value=2100
    )

    def __init__(self, *args, measures=(), own_agency_only: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", ALL), *[(m.code, m.name) for m in measures]]
        if own_agency_only:
            del self.fields["agency"]
        else:
            self.fields["agency"].choices = _agency_choices()


class AgencyStepForm(forms.Form):
    """Step one of a new sanction (GET): which agency. Its records are listed in step two."""

    agency = forms.ChoiceField(label=_("Instansi (OPD) yang dikenai sanksi"))

    def __init__(self, *args, agencies=(), **kwargs):
        kwargs.setdefault("auto_id", "step_%s")
        super().__init__(*args, **kwargs)
        self.fields["agency"].error_messages["invalid_choice"] = _("Pilih instansi dari daftar.")
        self.fields["agency"].choices = [("", _("— Pilih instansi —"))] + [
            (a.code, self.label_for(a)) for a in agencies
        ]

    @staticmethod
    def label_for(agency) -> str:
        count = getattr(agency, "record_count", 0)
        return f"{agency.name} ({count} catatan ketidakpatuhan)"


class RecordIdsField(forms.MultipleChoiceField):
    """Check boxes of the agency's records; any whole numbers pass, because which records
    may be cited is the service's decision (and its error message)."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        values = super().to_python(value)
        ids = []
        for item in values:
            if not str(item).isdigit():
                raise forms.ValidationError(_("Pilihan catatan tidak valid."), code="invalid")
            ids.append(int(item))
        return ids

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class SanctionForm(PublicForm):
    agency = forms.CharField(widget=forms.HiddenInput, max_length=40)
    measure = forms.ChoiceField(label=_("Jenis sanksi"))
    decision_number = forms.CharField(
        label=_("Nomor keputusan/surat"),
        max_length=120,
        help_text=_("Contoh: 700/123/ITPROV/2026."),
    )
    decided_on = forms.DateField(
        label=_("Tanggal keputusan"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": DATE_INVALID},
    )
    note = forms.CharField(
        label=_("Pertimbangan (tidak wajib)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    records = RecordIdsField(
        label=_("Catatan ketidakpatuhan yang menjadi dasar"),
        help_text=_("Hanya catatan instansi yang dipilih. Pilih paling sedikit satu."),
    )
    # Required by the service (one message for "missing" wherever the request comes from).
    document = forms.FileField(
        label=_("Dokumen keputusan (PDF)"),
        required=False,
        help_text=_("Wajib. Data penulis dan metadata lain dalam PDF dihapus sebelum disimpan."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, agency=None, measures=(), records=(), **kwargs):
        kwargs.setdefault("auto_id", "sanction_%s")
        super().__init__(*args, **kwargs)
        if agency is not None and not self.is_bound:
            self.initial["agency"] = agency.code
        self.fields["measure"].choices = [("", _("— Pilih jenis sanksi —"))] + [
            (m.code, m.name) for m in measures
        ]
        self.fields["records"].choices = [(row.pk, self.record_label(row)) for row in records]

    @staticmethod
    def record_label(row) -> str:
        from aduan.intake.templatetags.intake_tags import wita

        state = "masih terutang" if row.fulfilled_at is None else "sudah dipenuhi"
        return (
            f"{row.tracking_number} — {row.stage_label}, batas {wita(row.due_at, 'date')}, "
            f"terlambat {row.days_late} hari kerja ({state})"
        )
