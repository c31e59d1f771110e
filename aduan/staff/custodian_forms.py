"""Forms of the custodian's page (/staf/kustodian). They parse; aduan.cases.services.custodian
decides (a reason of at least a sentence; nothing to reveal for an anonymous report)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.cases.services.custodian import MIN_REASON
from aduan.intake.forms import PublicForm

FIND = "find"
REVEAL = "reveal"


class FindForm(PublicForm):
    step = forms.CharField(widget=forms.HiddenInput, initial=FIND)
    tracking_number = forms.CharField(
        label=_("Nomor pelacakan"),
        max_length=40,
        help_text=_("Contoh: ADU-2026-K7Q4M9."),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}
        ),
    )


class RevealForm(PublicForm):
    step = forms.CharField(widget=forms.HiddenInput, initial=REVEAL)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    tracking_number = forms.CharField(widget=forms.HiddenInput, max_length=40)
    reason = forms.CharField(
        label=_("Alasan pembukaan identitas"),
        max_length=2000,
        help_text=_(
            "Wajib, paling sedikit %(n)s karakter: dasar hukum atau permintaan resmi, dan "
            "keperluannya. Alasan ini dicatat dalam log audit dan ditampilkan kepada pelapor."
        )
        % {"n": MIN_REASON},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
