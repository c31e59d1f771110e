"""Back-office template helpers: the deadline badge (colour and words, never colour alone)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from aduan.accounts.roles import Role
from aduan.cases.models import ArchiveReason

register = template.Library()


def due_state(days: int | None) -> tuple[str, str]:
    """(css class, words) for working days left; negative means overdue."""
    if days is None:
        return "due-none", gettext("tanpa batas waktu berjalan")
    if days < 0:
        late = -days
        text = ngettext("Lewat %(n)s hari kerja", "Lewat %(n)s hari kerja", late) % {"n": late}
        return "due-overdue", text
    if days == 0:
        return "due-soon", gettext("Jatuh tempo hari ini")
    if days == 1:
        return "due-soon", gettext("Sisa 1 hari kerja")
    return "due-ok", gettext("Sisa %(n)s hari kerja") % {"n": days}


@register.simple_tag
def due_badge(days) -> str:
    css, text = due_state(days)
    return format_html('<span class="badge {}">{}</span>', css, text)


EVENT_LABELS = {
    "create": _("Laporan diterima"),
    "request_info": _("Diminta melengkapi"),
    "reporter_reply": _("Pelapor melengkapi"),
    "reporter_message": _("Pesan pelapor"),
    "withdraw": _("Dicabut"),
    "archive": _("Diarsipkan"),
    "refer_out": _("Dialihkan"),
    "route": _("Disposisi"),
    "accept": _("Disposisi diterima"),
    "return": _("Disposisi dikembalikan"),
    "requeue": _("Kembali ke antrean"),
    "update": _("Catatan perkembangan"),
    "submit_result": _("Hasil dikirim"),
    "approve_result": _("Hasil disetujui"),
    "publish_result": _("Jawaban dikirim"),
    "feedback": _("Penilaian pelapor"),
    "object": _("Keberatan pelapor"),
    "close": _("Ditutup"),
    "staff_message": _("Pesan petugas"),
    "reveal_identity": _("Identitas pelapor dibuka kustodian"),
    "judge_evidence": _("Bukti awal dinilai"),
    "assign_handler": _("Petugas penangan ditetapkan"),
    "investigate": _("Audit dengan tujuan tertentu"),
    "refer_protection": _("Dirujuk ke LPSK"),
    "refer_enforcement": _("Dilimpahkan ke aparat penegak hukum"),
    "deadline_reminder": _("Pengingat tenggat"),
    "deadline_missed": _("Tenggat terlewati"),
    "escalated": _("Eskalasi"),
}
ROLE_LABELS = {
    "reporter": _("pelapor"),
    "system": _("sistem"),
    **{role.value: role.label for role in Role},
}


@register.filter
def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


@register.filter
def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


@register.filter
def is_multi(field) -> bool:
    """Radio buttons and check boxes: a fieldset with a legend, not a single label."""
    return field.widget_type in ("radioselect", "checkboxselectmultiple")


@register.filter
def archive_label(reason: str) -> str:
    return str(ArchiveReason(reason).label) if reason in ArchiveReason.values else reason
