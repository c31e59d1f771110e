"""The WBS officer's work on a sealed WBS case (issue 6 items 1-4): messages and requests to
the reporter stored sealed, the evidence gate, the handler (never a conflicted officer), and
the conclusion. Each service takes the officer's unlocked private key (aduan.whistleblowing.
keyring.session_private_key); without it nothing sealed can be read or written, and the
service answers SealedContentLocked (409): over the API the officer never holds the key.

Every service locks the case through the ordinary access rules (a conflicted officer does not
see the case: NotFound), moves it through the workflow table (aduan.cases.workflow), writes
the CaseEvent and an audit record — neither ever with what was written, which exists only
sealed with the case's content key.
"""

from django.db import transaction

from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import INSPECTORATE_CODE, Agency
from aduan.cases import deadlines, services
from aduan.cases.access import require_role
from aduan.cases.models import Case, CaseKind, Message
from aduan.cases.services.base import lock_case, move_assignment, move_case, record_event
from aduan.cases.workflow import AssignmentStatus, CaseStatus
from aduan.core import audit, clock
from aduan.core.errors import (
    InvalidTransition,
    RoutingNotAllowed,
    SealedContentLocked,
    ValidationFailed,
)
from aduan.crypto import keys
from aduan.crypto.fields import DecryptionFailed

from . import rules, sealing
from .models import Conflict, KeyPurpose, Outcome, SealedFile, SealedMessage, SealedReport

MAX_TEXT = 20000
# What a sealed row's plaintext column holds while the real text is sealed beside it.
SEALED_PLACEHOLDER = "(tersegel)"
NOT_SEALED = "Tindakan ini hanya untuk laporan WBS tersegel."
NO_GRANT = (
    "Kunci laporan ini belum dibungkus untuk Anda. Kunci dibungkus otomatis ketika rekan "
    "petugas WBS yang sudah memegangnya masuk ke situs petugas; minta rekan masuk, lalu "
    "buka kembali halaman ini."
)
# The workflow step (aduan.cases.workflow.CONCLUDE_STEPS) each outcome takes.
CONCLUDE_STEP = {
    Outcome.INVESTIGATE: "investigate",
    Outcome.REFER_LPSK: "refer_protection",
    Outcome.REFER_KPK: "refer_enforcement",
    Outcome.REFER_KEJAKSAAN: "refer_enforcement",
    Outcome.REFER_POLRI: "refer_enforcement",
    Outcome.SUBSTANTIATED: "publish_result",
    Outcome.UNSUBSTANTIATED: "publish_result",
}


def conclude_step(outcome: str, status: str) -> str:
    """The step an outcome takes from a status: a referral while the case is still being
    verified is that stage's own refer_out (verification ends in one of its four outcomes)."""
    step = CONCLUDE_STEP[outcome]
    if step == "refer_enforcement" and status == CaseStatus.RECEIVED:
        return "refer_out"
    return step


REFERRAL_DESTINATION = {
    Outcome.REFER_KPK: "EXT-KPK",
    Outcome.REFER_KEJAKSAAN: "EXT-KEJATI",
    Outcome.REFER_POLRI: "EXT-POLDA",
    Outcome.REFER_LPSK: "EXT-LPSK",
}
NOT_NOW = {
    "investigate": "Audit dengan tujuan tertentu dimulai setelah disposisi Inspektorat "
    "diterima (status Ditindaklanjuti).",
    "refer_protection": "Rujukan ke LPSK hanya untuk laporan yang masih berjalan.",
    "refer_enforcement": "Pelimpahan ke aparat penegak hukum hanya saat verifikasi atau "
    "selama laporan ditindaklanjuti.",
    "refer_out": "Pelimpahan ke aparat penegak hukum hanya saat verifikasi atau selama "
    "laporan ditindaklanjuti.",
    "publish_result": "Kesimpulan terbukti atau tidak terbukti diberikan setelah disposisi "
    "Inspektorat diterima (status Ditindaklanjuti).",
}
RESULT_TEXT = {
    Outcome.SUBSTANTIATED: "Hasil penanganan Inspektorat: laporan Anda terbukti.",
    Outcome.UNSUBSTANTIATED: "Hasil penanganan Inspektorat: laporan Anda tidak terbukti.",
}
RESULT_MORE = " Penjelasan petugas ada pada pesan di halaman ini."
SEALED_RESULT = "Hasil penanganan WBS tersegel; lihat kesimpulan pada halaman laporan."


# Keys and sealed rows -------------------------------------------------------------------------


def is_sealed(case: Case) -> bool:
    """A WBS case received through the WBS portal, whose text exists only sealed."""
    return (
        case.kind == CaseKind.WHISTLEBLOWING
        and SealedReport.objects.filter(case_id=case.pk).exists()
    )


def content_key(actor, private_key: bytes | None, case: Case) -> bytes:
    """The case's content key for this officer, or SealedContentLocked."""
    if private_key is None:
        raise SealedContentLocked()
    try:
        return sealing.case_key_for_holder(case.pk, KeyPurpose.CONTENT, actor, private_key)
    except DecryptionFailed:
        raise SealedContentLocked(NO_GRANT) from None


def seal_field(key: bytes, case: Case, name: str, text: str) -> str:
    return keys.seal_text(key, text, context=sealing.field_context(case.pk, name))


def open_field(key: bytes, case: Case, name: str, token: str) -> str:
    return keys.unseal_text(key, token, context=sealing.field_context(case.pk, name))


def is_sealed_file(attachment) -> bool:
    return SealedFile.objects.filter(attachment_id=attachment.pk).exists()


def message_context(case_id: int, message_id: int) -> str:
    return sealing.field_context(case_id, f"message:{message_id}")


def _seal_message(key: bytes, case: Case, message: Message, body: str) -> None:
    """Empties the plaintext column and keeps the body only sealed."""
    Message.objects.filter(pk=message.pk).update(body="")
    message.body = ""
    SealedMessage.objects.create(
        message=message,
        body_enc=keys.seal_text(key, body, context=message_context(case.pk, message.pk)),
    )


def open_message(key: bytes, case: Case, sealed: SealedMessage) -> str:
    return keys.unseal_text(key, sealed.body_enc, context=message_context(case.pk, sealed.pk))


def _text(value: str, field: str, message: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(fields={field: [message]})
    if len(value) > MAX_TEXT:
        raise ValidationFailed(fields={field: ["Paling banyak 20.000 karakter."]})
    return value


def _locked_sealed(actor, case: Case, action: str) -> tuple[Case, SealedReport]:
    """Inside a transaction: the case (NotFound when the actor may not see it), the role
    (NotPermitted), and its sealed report, locked."""
    case = lock_case(actor, case)
    require_role(actor, action)
    sealed = SealedReport.objects.select_for_update().filter(case_id=case.pk).first()
    if case.kind != CaseKind.WHISTLEBLOWING or sealed is None:
        raise InvalidTransition(action, case.status, NOT_SEALED)
    return case, sealed


def _target(case: Case) -> str:
    return f"case:{case.tracking_number}"


# Messages -------------------------------------------------------------------------------------


def post_sealed_message(
    actor, case: Case, *, body: str, internal: bool, private_key: bytes | None
) -> Message:
    """A message to the reporter or an internal note on a sealed WBS case: the ordinary
    staff message (aduan.staff.services.post_staff_message: roles, status, event), with the
    body stored only sealed (Message.body stays "")."""
    from aduan.staff.services import post_staff_message

    body = _text(body, "body", "Pesan wajib diisi.")
    with transaction.atomic():
        case = lock_case(actor, case)
        key = content_key(actor, private_key, case)
        message = post_staff_message(actor, case, body=SEALED_PLACEHOLDER, internal=internal)
        _seal_message(key, case, message, body)
    return message


def request_info_sealed(actor, case: Case, *, message: str, private_key: bytes | None) -> Message:
    """request_info on a sealed WBS case: the same clock pause and event, the message sealed."""
    text = _text(message, "message", "Tuliskan informasi apa yang perlu dilengkapi.")
    with transaction.atomic():
        case = lock_case(actor, case)
        require_role(actor, "request_info")
        key = content_key(actor, private_key, case)
        sent = services.request_info(actor, case, message=SEALED_PLACEHOLDER)
        _seal_message(key, case, sent, text)
    return sent


# The evidence gate ----------------------------------------------------------------------------


def judge_evidence(
    actor,
    case: Case,
    *,
    sufficient: bool | None,
    reason: str,
    message: str = "",
    private_key: bytes | None,
) -> SealedReport:
    """Records whether the initial evidence suffices, with a reason (sealed). Insufficient:
    the reporter is asked for more through the receipt channel (request_info, the message
    sealed, the clock paused) and `evidence_requested_at` starts the window after which an
    anonymous report may be archived for lack of evidence (rules.check_archive)."""
    errors = {}
    if not isinstance(sufficient, bool):
        errors["sufficient"] = ["Pilih apakah bukti awal cukup atau tidak."]
    try:
        reason = _text(reason, "reason", "Alasan penilaian wajib diisi.")
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if sufficient is False:
        try:
            message = _text(message, "message", "Tuliskan bukti apa yang perlu dilengkapi pelapor.")
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        case, sealed = _locked_sealed(actor, case, "judge_evidence")
        key = content_key(actor, private_key, case)
        previous = move_case(case, "judge_evidence", actor)
        now = clock.now()
        sealed.evidence_sufficient = sufficient
        sealed.evidence_reason_enc = seal_field(key, case, "evidence_reason", reason)
        sealed.evidence_judged_at = now
        if not sufficient:
            sealed.evidence_requested_at = now
        sealed.save(
            update_fields=[
                "evidence_sufficient",
                "evidence_reason_enc",
                "evidence_judged_at",
                "evidence_requested_at",
            ]
        )
        record_event(
            case,
            "judge_evidence",
            actor,
            from_status=previous,
            note="Bukti awal dinilai " + ("cukup." if sufficient else "tidak cukup."),
            data={"sufficient": sufficient},
        )
        audit.record(actor, "wbs_evidence_judged", _target(case), sufficient=sufficient)
        if not sufficient:
            request_info_sealed(actor, case, message=message, private_key=private_key)
    return sealed


# The handler ----------------------------------------------------------------------------------


def conflict_of(case: Case, user) -> Conflict | None:
    return Conflict.objects.filter(case_id=case.pk, user_id=user.pk).first()


def assign_handler(actor, case: Case, *, handler: str) -> SealedReport:
    """Names the WBS officer who handles the case. An officer in conflict with it (named in
    the report, or working in the reported agency) is refused. Needs no key."""
    username = (handler or "").strip()
    if not username:
        raise ValidationFailed(fields={"handler": ["Pilih petugas WBS yang menangani."]})
    with transaction.atomic():
        case, sealed = _locked_sealed(actor, case, "assign_handler")
        target = User.objects.filter(
            username=username, role=Role.WBS_OFFICER, is_active=True
        ).first()
        if target is None:
            raise ValidationFailed(fields={"handler": ["Pilih petugas WBS yang aktif."]})
        conflict = conflict_of(case, target)
        if conflict is not None:
            raise ValidationFailed(
                fields={
                    "handler": [
                        "Petugas ini tidak dapat menangani laporan ini karena benturan "
                        f"kepentingan ({conflict.reason})."
                    ]
                }
            )
        previous = move_case(case, "assign_handler", actor)
        sealed.handler = target
        sealed.save(update_fields=["handler"])
        record_event(
            case,
            "assign_handler",
            actor,
            from_status=previous,
            note=f"Penanganan laporan ditugaskan kepada {target.username}.",
            data={"handler": target.username},
        )
        audit.record(actor, "wbs_handler_assigned", _target(case), handler=target.pk)
    return sealed


# The conclusion -------------------------------------------------------------------------------


def _open_share(case: Case) -> list:
    """The Inspektorat's shares still open on the case."""
    return list(
        case.assignments.select_for_update()
        .filter(agency__code=INSPECTORATE_CODE)
        .exclude(status__in=[AssignmentStatus.DONE, AssignmentStatus.RETURNED])
    )


def _refer(case: Case, outcome: str, step: str, now) -> tuple[str, dict]:
    target = Agency.objects.get(code=REFERRAL_DESTINATION[outcome])
    for assignment in _open_share(case) if step == "refer_enforcement" else []:
        move_assignment(assignment, step)
        assignment.completed_at = now
        assignment.save(update_fields=["status", "completed_at"])
    case.referred_to = target
    case.due_at = None
    case.closed_at = now
    return f"Laporan dilimpahkan kepada {target.name}.", {"destination": target.code}


def _publish(case: Case, outcome: str, now, with_message: bool) -> str:
    shares = _open_share(case)
    if not shares or any(a.status == AssignmentStatus.PENDING for a in shares):
        raise InvalidTransition("conclude", case.status, NOT_NOW["publish_result"])
    for assignment in shares:
        if assignment.status == AssignmentStatus.ACCEPTED:
            move_assignment(assignment, "submit_result")
            assignment.result_submitted_at = now
            assignment.result_summary = SEALED_RESULT
        move_assignment(assignment, "publish_result")
        assignment.completed_at = now
        assignment.save()
    case.result_summary = RESULT_TEXT[outcome] + (RESULT_MORE if with_message else "")
    case.answered_at = now
    case.clock_started_at = now
    case.due_at = deadlines.case_stage_deadline(case)
    return case.result_summary


def _validate_conclusion(outcome: str, note: str, message: str) -> tuple[str, str]:
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = ["Pilih kesimpulan penanganan."]
    for field, value, required, text in (
        ("note", note, True, "Catatan kesimpulan wajib diisi."),
        ("message", message, CONCLUDE_STEP.get(outcome) == "publish_result",
         "Tuliskan penjelasan hasil untuk pelapor."),
    ):  # fmt: skip
        try:
            _text(value, field, text, required=required)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    return note.strip(), (message or "").strip()


def conclude(
    actor,
    case: Case,
    *,
    outcome: str,
    note: str,
    message: str = "",
    private_key: bytes | None,
) -> Case:
    """The officer's conclusion (the handler or any officer not in conflict): investigate
    (audit with a purpose), refer to the LPSK (the case goes on), hand it to the KPK, the
    Kejaksaan or the Polri (referred), or substantiated / unsubstantiated (the answer is
    published to the reporter; they see it on /lacak and may rate or object). The note is
    sealed; a message to the reporter, when given, is sealed too."""
    note, message = _validate_conclusion(outcome, note, message)
    with transaction.atomic():
        case, sealed = _locked_sealed(actor, case, "conclude")
        external = rules.external_path(sealed)
        if external is not None:
            raise RoutingNotAllowed(
                f"Terlapor adalah {rules.rank_label(sealed)}: laporan ini menempuh jalur "
                f"eksternal; Inspektorat tidak menyimpulkannya sendiri. Alihkan laporan "
                f"kepada {external.name}."
            )
        key = content_key(actor, private_key, case)
        step = conclude_step(outcome, case.status)
        try:
            previous = move_case(case, step, actor)
        except InvalidTransition:
            raise InvalidTransition("conclude", case.status, NOT_NOW[step]) from None
        now = clock.now()
        data: dict = {"outcome": outcome}
        if step == "investigate":
            note_out = "Inspektorat melakukan audit dengan tujuan tertentu atas laporan ini."
        elif step == "refer_protection":
            lpsk = Agency.objects.get(code=REFERRAL_DESTINATION[outcome])
            note_out = f"Pelapor dirujuk kepada {lpsk.name} untuk perlindungan."
            data["destination"] = lpsk.code
        elif step in ("refer_out", "refer_enforcement"):
            note_out, extra = _refer(case, outcome, step, now)
            data.update(extra)
        else:
            note_out = _publish(case, outcome, now, bool(message))
        case.save()
        sealed.outcome = outcome
        sealed.outcome_note_enc = seal_field(key, case, "outcome_note", note)
        sealed.save(update_fields=["outcome", "outcome_note_enc"])
        if message:  # to the reporter, who reads it on /lacak
            sent = Message.objects.create(case=case, at=now, author=actor, body="")
            _seal_message(key, case, sent, message)
            data["message_id"] = sent.pk
        record_event(
            case, step, actor, from_status=previous, note=note_out, visible_to_reporter=True,
            data=data,
        )  # fmt: skip
        audit.record(actor, "wbs_concluded", _target(case), outcome=outcome)
    return case


# The staff page and the staff API share one dispatcher ----------------------------------------


OFFICER_ACTIONS = frozenset({"judge_evidence", "assign_handler", "conclude"})
# The ordinary actions' free text on a sealed case (field, how the sealed note is headed): it
# is kept as a sealed message and the case itself gets only a placeholder, so staff notes are
# no more readable at rest than the report they are about.
FREE_TEXT = {
    "route": ("instructions", "Instruksi disposisi"),
    "accept": ("note", "Catatan penerimaan disposisi"),
    "update": ("note", "Perkembangan"),
    "return": ("reason", "Alasan pengembalian"),
    "submit_result": ("summary", "Hasil tindak lanjut"),
    "archive": ("note", "Catatan pengarsipan"),
    "refer_out": ("note", "Catatan pengalihan"),
    "close": ("note", "Catatan penutupan"),
}
SEALED_NOTE = "(catatan tersegel; lihat pesan tersegel)"


def seal_free_text(actor, case: Case, action: str, data: dict, private_key: bytes | None) -> None:
    """Moves an ordinary action's free text into a sealed message, leaving the placeholder in
    `data` for the ordinary service. The caller runs both in one transaction."""
    field, heading = FREE_TEXT[action]
    text = str(data.get(field) or "").strip()
    if not text:
        return
    to_reporter = action == "update" and bool(data.get("visible_to_reporter"))
    post_sealed_message(
        actor, case, body=f"{heading}: {text}", internal=not to_reporter, private_key=private_key
    )
    data[field] = SEALED_NOTE


def perform(actor, case: Case, action: str, data: dict, private_key: bytes | None) -> bool:
    """Takes `action` the way a sealed WBS case needs; False when the ordinary service
    applies (not a sealed case, or an action that writes nothing sealed). The officer's own
    actions exist only for sealed WBS cases."""
    sealed = is_sealed(case)
    if action in OFFICER_ACTIONS and not sealed:
        require_role(actor, action)
        raise InvalidTransition(action, case.status, NOT_SEALED)
    if not sealed:
        return False
    if action == "message":
        post_sealed_message(
            actor, case, body=data["body"], internal=data["internal"], private_key=private_key
        )
    elif action == "request_info":
        request_info_sealed(actor, case, message=data["message"], private_key=private_key)
    elif action == "judge_evidence":
        judge_evidence(
            actor,
            case,
            sufficient=data.get("sufficient"),
            reason=data.get("reason", ""),
            message=data.get("message", ""),
            private_key=private_key,
        )
    elif action == "assign_handler":
        assign_handler(actor, case, handler=data.get("handler", ""))
    elif action == "conclude":
        conclude(
            actor,
            case,
            outcome=data.get("outcome", ""),
            note=data.get("note", ""),
            message=data.get("message", ""),
            private_key=private_key,
        )
    elif action == "publish_result":
        require_role(actor, action)
        raise InvalidTransition(
            action,
            case.status,
            "Jawaban laporan WBS dikirim melalui Kesimpulan (terbukti atau tidak terbukti), "
            "tersegel.",
        )
    elif action in FREE_TEXT:
        seal_free_text(actor, case, action, data, private_key)
        return False  # the ordinary service goes on, with the placeholder
    else:
        return False
    return True
