"""The WBS officer's forms on the case page (issue 6): the evidence gate, the handler and the
conclusion. Like every back-office form they only parse; aduan.whistleblowing.handling
decides, and its errors come back next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.staff.forms import ActionForm

from .models import Conflict, Outcome

YES, NO = "yes", "no"


def _text(label, *, required=True, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=20000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class JudgeEvidenceForm(ActionForm):
    action = "judge_evidence"
    sufficient = forms.ChoiceField(
        label=_("Apakah bukti awal cukup?"),
        choices=[
            (YES, _("Cukup: laporan dapat ditindaklanjuti")),
            (NO, _("Tidak cukup: minta pelapor melengkapi bukti")),
        ],
        widget=forms.RadioSelect,
    )
    reason = _text(
        _("Alasan penilaian (catatan internal, tersegel)"),
        rows=3,
        help_text=_("Wajib. Hanya tim WBS yang dapat membacanya."),
    )
    message = _text(
        _("Pesan kepada pelapor (wajib bila tidak cukup)"),
        required=False,
        rows=3,
        help_text=_(
            "Sebutkan bukti apa yang dibutuhkan. Pesan dikirim tersegel; pelapor membacanya "
            "di halaman Lacak dengan nomor resinya dan punya waktu 30 hari untuk melengkapi."
        ),
    )


class AssignHandlerForm(ActionForm):
    action = "assign_handler"
    handler = forms.ChoiceField(label=_("Petugas WBS yang menangani"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        officers = User.objects.filter(role=Role.WBS_OFFICER, is_active=True).order_by("username")
        conflicted = (
            set(Conflict.objects.filter(case=case).values_list("user_id", flat=True))
            if case is not None
            else set()
        )
        conflict_note = _("benturan kepentingan: tidak dapat ditugaskan")
        self.fields["handler"].choices = [("", _("— Pilih petugas —"))] + [
            (
                officer.username,
                f"{officer.get_full_name() or officer.username}"
                + (f" ({conflict_note})" if officer.pk in conflicted else ""),
            )
            for officer in officers
        ]


class ConcludeForm(ActionForm):
    action = "conclude"
    outcome = forms.ChoiceField(label=_("Kesimpulan penanganan"))
    note = _text(
        _("Catatan kesimpulan (internal, tersegel)"),
        rows=4,
        help_text=_("Wajib: dasar kesimpulan, tujuan audit, atau alasan pelimpahan."),
    )
    message = _text(
        _("Pesan kepada pelapor (tersegel)"),
        required=False,
        rows=4,
        help_text=_(
            "Wajib untuk terbukti atau tidak terbukti: hasil ini diterbitkan kepada pelapor, "
            "yang dapat menilai atau mengajukan keberatan."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", _("— Pilih kesimpulan —")), *Outcome.choices]


OFFICER_FORMS: dict[str, type[ActionForm]] = {
    form.action: form for form in (JudgeEvidenceForm, AssignHandlerForm, ConcludeForm)
}
OFFICER_LABELS = {
    "judge_evidence": _("Nilai kecukupan bukti awal"),
    "assign_handler": _("Tetapkan petugas penangan"),
    "conclude": _("Kesimpulan penanganan"),
}
OFFICER_DONE = {
    "judge_evidence": _("Penilaian bukti awal tersimpan."),
    "assign_handler": _("Petugas penangan sudah ditetapkan."),
    "conclude": _("Kesimpulan penanganan tersimpan."),
}
