"""Background work. Tasks take ids, re-check state and are safe to run twice."""

from functools import partial

from django.apps import apps
from django.db import IntegrityError, transaction
from django.tasks import task

from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import INSPECTORATE_CODE, SupervisionClass
from aduan.notifications.models import Notification
from aduan.notifications.reporter import queue_reporter_update
from aduan.notifications.tasks import deliver_outbound

from .models import CaseEvent, CaseKind


def _recipients(event: CaseEvent) -> list[User]:
    """Who needs to act next. Content-free messages: number and action only."""
    case = event.case
    staff = User.objects.filter(is_active=True)
    wbs_track = case.kind == CaseKind.WHISTLEBLOWING or (
        case.supervision_class == SupervisionClass.SUPERVISORY
        and case.assignments.filter(agency__code=INSPECTORATE_CODE).exists()
    )
    queue = staff.filter(role=Role.WBS_OFFICER if wbs_track else Role.COORDINATOR)
    if wbs_track:  # an officer in conflict with the case does not learn of it (issue 6)
        conflict = apps.get_model("whistleblowing", "Conflict")
        queue = queue.exclude(pk__in=conflict.objects.filter(case=case).values("user_id"))
    if event.action == "route":
        codes = event.data.get("agencies", [])
        return list(staff.filter(role=Role.AGENCY_OFFICER, agency__code__in=codes))
    if event.action == "object":
        agencies = case.assignments.values("agency_id")
        return list(staff.filter(role=Role.AGENCY_OFFICER, agency_id__in=agencies))
    if event.action == "submit_result" and event.data.get("needs_head_approval"):
        return list(staff.filter(role=Role.AGENCY_HEAD, agency_id=event.assignment.agency_id))
    if event.action in {
        "create",
        "reporter_reply",
        "reporter_message",
        "requeue",
        "return",
        "submit_result",
        "approve_result",
        "feedback",
    }:
        return list(queue)
    return []


NOTICE = {
    "create": "Laporan baru masuk",
    "route": "Disposisi baru untuk instansi Anda",
    "return": "Disposisi dikembalikan oleh instansi",
    "requeue": "Laporan kembali ke antrean verifikasi",
    "reporter_reply": "Pelapor melengkapi laporan",
    "reporter_message": "Pesan baru dari pelapor",
    "submit_result": "Hasil tindak lanjut dikirim",
    "approve_result": "Hasil tindak lanjut disetujui kepala OPD",
    "object": "Pelapor mengajukan keberatan",
    "feedback": "Pelapor memberi penilaian",
}


@task()
def notify_case_event(event_id: int) -> int:
    event = CaseEvent.objects.select_related("case", "assignment").filter(pk=event_id).first()
    if event is None:
        return 0
    created = _notify_staff(event) if event.action in NOTICE else 0
    # The reporter, if they left an e-mail: a content-free "look at /lacak" through the outbox.
    outbound = queue_reporter_update(event)
    if outbound is not None:
        transaction.on_commit(partial(deliver_outbound.enqueue, outbound.pk))
    return created


def _notify_staff(event: CaseEvent) -> int:
    created = 0
    for user in _recipients(event):
        try:
            with transaction.atomic():
                Notification.objects.create(
                    user=user,
                    case=event.case,
                    event=event,
                    message=f"{NOTICE[event.action]}: {event.case.tracking_number}",
                    created_at=event.at,
                )
            created += 1
        except IntegrityError:
            continue  # already delivered by an earlier run of this task
    return created


@task()
def recompute_deadlines_task() -> int:
    from .services import recompute_open_deadlines

    return recompute_open_deadlines()
