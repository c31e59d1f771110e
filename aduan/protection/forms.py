"""Forms of protection: the reporter's two forms on /lacak and the Inspektorat's forms. They
parse; aduan.protection.services decides what is valid (its errors go back to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.intake.forms import PublicForm

from .models import HR_ACTIONS, REQUESTABLE_KINDS, AdverseAction, Outcome, ProtectionKind
from .selectors import DECIDED, PENDING

KIND_HELP = {
    ProtectionKind.CONFIDENTIALITY: _("Identitas Anda dijaga lebih ketat dari pihak mana pun."),
    ProtectionKind.THREAT: _(
        "Anda diancam atau diintimidasi; Inspektorat berkoordinasi dengan aparat penegak hukum."
    ),
    ProtectionKind.TRANSFER: _("Anda meminta dipindahkan dari tempat kerja yang membahayakan."),
    ProtectionKind.LEGAL_AID: _("Pendampingan atau bantuan hukum."),
    ProtectionKind.PSYCHOLOGICAL_AID: _("Pendampingan psikologis."),
    ProtectionKind.LPSK_REFERRAL: _(
        "Rujukan ke Lembaga Perlindungan Saksi dan Korban (LPSK) untuk perlindungan yang lebih "
        "luas."
    ),
}
DESCRIPTION_HELP = _(
    "Ceritakan apa yang terjadi atau yang Anda khawatirkan. Uraian ini hanya dibaca Inspektorat "
    "dan disimpan terenkripsi; instansi yang Anda laporkan tidak melihatnya."
)


def _description() -> forms.CharField:
    """The reporter's account, the same on both of their forms."""
    return forms.CharField(
        label=_("Uraian"),
        help_text=DESCRIPTION_HELP,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProtectionRequestForm(PublicForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Bentuk perlindungan yang Anda minta"),
        choices=[(k.value, k.label) for k in REQUESTABLE_KINDS],
        widget=forms.RadioSelect,
    )
    description = _description()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "protection_%s")  # several forms on one page
        super().__init__(*args, **kwargs)

    def kind_options(self):
        return [(radio, KIND_HELP.get(radio.data["value"], "")) for radio in self["kind"]]


class RetaliationForm(PublicForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    adverse_action = forms.ChoiceField(
        label=_("Apa yang Anda alami setelah melapor?"),
        choices=AdverseAction.choices,
        widget=forms.RadioSelect,
    )
    description = _description()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "retaliation_%s")
        super().__init__(*args, **kwargs)

    def adverse_action_options(self):
        return [(radio, "") for radio in self["adverse_action"]]


class DecisionForm(PublicForm):
    outcome = forms.ChoiceField(
        label=_("Keputusan"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Catatan keputusan untuk pelapor"),
        help_text=_(
            "Dibaca pelapor di halaman lacak: apa yang diputuskan, langkah berikutnya, dan ke "
            "mana permohonan dirujuk bila dirujuk."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NipCheckForm(PublicForm):
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        help_text=_("18 angka. NIP tidak disimpan: hanya dibandingkan dengan hash berkunci."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    hr_action = forms.ChoiceField(
        label=_("Tindakan kepegawaian yang sedang diperiksa"),
        choices=[("", "—"), *[(a.value, a.label) for a in HR_ACTIONS]],
    )


class FilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Keadaan"),
        required=False,
        choices=[
            ("", _("Semua")),
            (PENDING, _("Menunggu keputusan")),
            (DECIDED, _("Sudah diputuskan")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua")), *ProtectionKind.choices]
    )
