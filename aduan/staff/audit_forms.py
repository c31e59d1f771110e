"""The filters of the auditor's page (/staf/audit). The form shows them as asked;
aduan.core.audit_export.AuditFilters reads the query itself and ignores what it cannot read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.core.audit_export import MAX_TEXT

DATE = {"type": "date"}
DATE_INVALID = _("Tanggal tidak valid. Contoh: 2026-03-17.")


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Tindakan"), required=False)
    actor = forms.CharField(
        label=_("Pelaku"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Nama pengguna persis, atau reporter, system, console, anonymous."),
    )
    target = forms.CharField(
        label=_("Objek"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Persis, misalnya case:ADU-2026-K7Q4M9 atau user:12."),
    )

    def __init__(self, *args, actions=(), **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua")), *[(a, a) for a in actions]]
        self.fields["from"] = _date_field(_("Sejak tanggal (WITA)"))
        self.fields["to"] = _date_field(_("Sampai tanggal (WITA)"))
