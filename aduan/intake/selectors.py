"""What a reporter sees of their own case: plain words, their timeline, messages, result."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from aduan.agencies.models import Stage
from aduan.cases.models import Attachment, Case, CaseKind, Message
from aduan.cases.workflow import OPEN_CASE_STATUSES, CaseStatus
from aduan.core import clock

# What each status means for the person who reported, in plain words.
EXPLANATIONS = {
    CaseStatus.RECEIVED: "Laporan Anda sudah diterima dan sedang diperiksa kelengkapannya oleh "
    "petugas.",
    CaseStatus.NEEDS_INFO: "Petugas memerlukan keterangan tambahan dari Anda. Balas melalui "
    "formulir pesan sebelum batas waktu, agar laporan dapat diproses.",
    CaseStatus.ROUTED: "Laporan Anda sudah diteruskan kepada instansi yang berwenang.",
    CaseStatus.IN_PROGRESS: "Instansi yang berwenang sedang menindaklanjuti laporan Anda.",
    CaseStatus.ANSWERED: "Hasil tindak lanjut sudah tersedia. Beri penilaian, atau ajukan "
    "keberatan bila Anda belum puas.",
    CaseStatus.CLOSED: "Laporan sudah selesai. Terima kasih telah melapor.",
    CaseStatus.ARCHIVED: "Laporan diarsipkan; alasannya tercantum pada riwayat.",
    CaseStatus.REFERRED: "Laporan dialihkan kepada instansi lain yang berwenang; lihat riwayat.",
    CaseStatus.WITHDRAWN: "Laporan dicabut.",
}
KIND_LABELS = dict(CaseKind.choices)


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    status: str
    status_label: str
    note: str
    action: str = ""  # e.g. "reveal_identity": the custodian opened the reporter's identity


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    content_type: str
    size: int


@dataclass(frozen=True)
class MessageEntry:
    id: int
    at: dt.datetime
    sender: str  # "reporter" | "staff"
    body: str
    attachments: list[AttachmentInfo] = field(default_factory=list)


@dataclass(frozen=True)
class ReporterView:
    tracking_number: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    explanation: str
    title: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    timeline: list[TimelineEntry]
    messages: list[MessageEntry]
    result: dict | None
    can_reply: bool
    can_give_feedback: bool
    can_object: bool
    evidence: list[AttachmentInfo]
    report: Any = None  # a sealed WBS case: the reporter's own report, opened with the receipt


def _attachment(item: Attachment) -> AttachmentInfo:
    return AttachmentInfo(id=item.pk, content_type=item.content_type, size=item.size)


def reporter_view(case: Case) -> ReporterView:
    """Four queries whatever the case holds: case, events, messages with files, evidence."""
    events = case.events.filter(visible_to_reporter=True).order_by("at", "id")
    messages = (
        Message.objects.filter(case=case, internal=False)
        .order_by("at", "id")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
    )
    evidence = Attachment.objects.filter(case=case, message__isnull=True, assignment__isnull=True)
    now = clock.now()
    answered = case.status == CaseStatus.ANSWERED
    within_window = answered and (case.due_at is None or now <= case.due_at)
    result = None
    if case.result_summary and case.status in (CaseStatus.ANSWERED, CaseStatus.CLOSED):
        result = {"summary": case.result_summary, "answered_at": case.answered_at}
    return ReporterView(
        tracking_number=case.tracking_number,
        kind=case.kind,
        kind_label=KIND_LABELS.get(case.kind, case.kind),
        status=case.status,
        status_label=CaseStatus(case.status).label,
        explanation=EXPLANATIONS[case.status],
        title=case.title,
        received_at=case.received_at,
        due_at=case.due_at,
        timeline=[
            TimelineEntry(e.at, e.to_status, CaseStatus(e.to_status).label, e.note, e.action)
            for e in events
        ],
        messages=[
            MessageEntry(
                id=m.pk,
                at=m.at,
                sender="reporter" if m.from_reporter else "staff",
                body=m.body,
                attachments=[_attachment(a) for a in m.attachments.all()],
            )
            for m in messages
        ],
        result=result,
        can_reply=case.status in OPEN_CASE_STATUSES,
        can_give_feedback=within_window,
        can_object=within_window and case.objection_count < settings.ADUAN_MAX_OBJECTIONS,
        evidence=[_attachment(a) for a in evidence],
    )


def reporter_view_for(case: Case, receipt: str) -> ReporterView:
    """The reporter's view; a sealed WBS case opens with the receipt just checked."""
    if case.kind == CaseKind.WHISTLEBLOWING:
        from aduan.whistleblowing import reporter_side

        if reporter_side.is_sealed(case):
            return reporter_side.view_for_reporter(case, receipt)
    return reporter_view(case)


def reporter_attachment(case: Case, attachment_id: int) -> Attachment | None:
    """An attachment the reporter may download: their evidence, or one on a message to them."""
    return (
        Attachment.objects.filter(case=case, pk=attachment_id)
        .exclude(message__internal=True)
        .filter(assignment__isnull=True)
        .first()
    )


SCOPE_WORDS = {
    "": "",
    "supervisory": " (laporan berkadar pengawasan)",
    "whistleblowing": " (laporan WBS)",
    "information_request": " (permintaan informasi)",
}
STAGE_WORDS = {
    Stage.VERIFICATION: "Pemeriksaan kelengkapan (verifikasi)",
    Stage.REPORTER_INFO: "Waktu bagi Anda untuk melengkapi laporan bila diminta",
    Stage.FIRST_RESPONSE: "Tanggapan pertama instansi",
    Stage.RESOLUTION: "Penyelesaian tindak lanjut",
    Stage.FEEDBACK_WINDOW: "Waktu bagi Anda untuk menilai atau mengajukan keberatan",
    Stage.PROTECTION_DECISION: "Keputusan atas permohonan perlindungan",
}


def deadline_summary() -> list[tuple[str, str]]:
    """The general SLA policies in plain words, for the home page — read from the data, so an
    admin's change shows at once."""
    from aduan.agencies.models import DayType, SlaPolicy

    rows = []
    order = {stage: i for i, stage in enumerate(STAGE_WORDS)}
    policies = SlaPolicy.objects.filter(category__isnull=True)
    for policy in sorted(policies, key=lambda p: (order.get(p.stage, 99), p.specificity())):
        unit = "hari kerja" if policy.day_type == DayType.WORKING else "hari kalender"
        scope = SCOPE_WORDS.get(policy.case_kind or policy.supervision_class, "")
        text = f"{policy.days} {unit}"
        if policy.extension_days:
            text += f", dapat diperpanjang {policy.extension_days} {unit}"
        rows.append((STAGE_WORDS.get(policy.stage, policy.stage) + scope, text))
    return rows
