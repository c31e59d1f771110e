"""Staff writing on a case outside the workflow steps: a message to the reporter, or an
internal note that only staff read. Neither moves the case; both leave a CaseEvent."""

from django.db import transaction

from aduan.accounts.roles import Role
from aduan.cases.actors import role_of
from aduan.cases.models import Case, Message
from aduan.cases.services.base import lock_case, record_event
from aduan.cases.workflow import OPEN_CASE_STATUSES
from aduan.core import clock
from aduan.core.errors import InvalidTransition, NotPermitted, ValidationFailed

# Who may write to the reporter through the case, and who may leave internal notes.
# The supervisor, custodian, auditor and sysadmin read (or not) but do not write here.
REPORTER_MESSAGE_ROLES = frozenset({Role.COORDINATOR, Role.WBS_OFFICER, Role.AGENCY_OFFICER})
INTERNAL_NOTE_ROLES = REPORTER_MESSAGE_ROLES | {Role.AGENCY_HEAD}
MAX_BODY = 20000


def may_post(actor, *, internal: bool) -> bool:
    roles = INTERNAL_NOTE_ROLES if internal else REPORTER_MESSAGE_ROLES
    return role_of(actor) in roles


def post_staff_message(actor, case: Case, *, body: str, internal: bool) -> Message:
    """A message to the reporter (open cases only) or an internal note (any status).

    The reporter sees only that "staff" wrote; staff see who. Internal notes never reach the
    reporter: not in /lacak, not in the API, not in a notification.
    """
    internal = bool(internal)
    if not may_post(actor, internal=internal):
        raise NotPermitted()
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(fields={"body": ["Pesan wajib diisi."]})
    if len(body) > MAX_BODY:
        raise ValidationFailed(fields={"body": ["Pesan paling banyak 20.000 karakter."]})
    action = "internal_note" if internal else "staff_message"
    with transaction.atomic():
        case = lock_case(actor, case)  # NotFound when the actor may not see the case
        if not internal and case.status not in OPEN_CASE_STATUSES:
            raise InvalidTransition(
                action, case.status, "Laporan sudah selesai; pesan tidak dapat dikirim lagi."
            )
        now = clock.now()
        message = Message.objects.create(
            case=case, at=now, author=actor, body=body, internal=internal
        )
        record_event(
            case,
            "staff_message",
            actor,
            from_status=case.status,
            note="Catatan internal petugas." if internal else "Petugas mengirim pesan.",
            visible_to_reporter=not internal,
            data={"message_id": message.pk, "internal": internal},
        )
    return message
