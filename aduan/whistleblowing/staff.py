"""The WBS officer's side of the back-office case page (issue 6): what the page shows of a
sealed WBS case, its forms, and the adapters the staff views call (aduan.staff.views.cases and
.actions branch here for `case.kind == "whistleblowing"`).

The officer's private key is unlocked only by their password at /staf/masuk and held for the
session (aduan.whistleblowing.keyring). With it the page opens the 4W+1H (audited by
services.open_for_officer), the messages and the evidence; without it the page says why
nothing opens and how to open it. The reporter's identity is never here: it is sealed with a
key only custodians hold.
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext

from aduan.accounts.roles import Role
from aduan.cases.actors import role_of
from aduan.cases.models import Case
from aduan.core.errors import NotFound, SealedContentLocked
from aduan.crypto.fields import DecryptionFailed
from aduan.staff.forms import ACTION_DONE, INTERNAL

from . import handling, keyring, rules, services
from .models import Conflict, Outcome, SealedMessage, SealedReport
from .staff_forms import (
    NO,
    OFFICER_DONE,
    OFFICER_FORMS,
    OFFICER_LABELS,
    YES,
    AssignHandlerForm,
)

NO_SESSION_KEY = (
    "Isi laporan ini tersegel. Kunci Anda dibuka oleh kata sandi Anda ketika Anda masuk "
    "melalui halaman Masuk petugas (/staf/masuk) di peramban ini, dan sesi ini tidak "
    "memegangnya (misalnya sesi sudah berganti). Keluar, lalu masuk kembali dengan kata sandi "
    "Anda untuk membaca laporan, pesan dan bukti, dan untuk menulis pesan tersegel."
)
SEALED_BODY = "[Pesan tersegel: buka dengan kunci Anda]"
MESSAGE = "message"


@dataclass(frozen=True)
class OfficerView:
    """The sealed part of a WBS case page."""

    locked: str  # why nothing sealed opened ("" when it did)
    report: services.OpenedReport | None
    rank_label: str
    external_code: str  # the external path (reports about the Inspektur or the Sekda)
    external_name: str
    evidence_sufficient: bool | None
    evidence_reason: str
    evidence_judged_at: dt.datetime | None
    evidence_requested_at: dt.datetime | None
    reporter_window_end: dt.datetime | None  # archiving for lack of evidence allowed after
    handler: str
    conflicts: list[tuple[str, str]]
    outcome: str
    outcome_label: str
    outcome_note: str
    forms: list[dict] = field(default_factory=list)


def _key(request, case: Case) -> tuple[bytes | None, bytes | None, str]:
    """(the session's private key, the case's content key, why it did not open)."""
    private = keyring.session_private_key(request)
    if private is None:
        return None, None, NO_SESSION_KEY
    try:
        return private, handling.content_key(request.user, private, case), ""
    except SealedContentLocked as exc:
        return private, None, exc.message


def _forms(case: Case, detail, bound: dict, external: bool) -> list[dict]:
    forms = []
    for action in detail.available_actions:
        form_class = OFFICER_FORMS.get(action)
        if form_class is None or (external and action == "conclude"):
            continue  # on the external path the Inspektorat only refers the case on
        form = bound.get(action)
        if form is None:
            form = form_class(case=case) if form_class is AssignHandlerForm else form_class()
        forms.append({"action": action, "label": OFFICER_LABELS[action], "form": form})
    return forms


def _open_messages(key: bytes | None, case: Case, messages: list) -> list:
    """The page's messages with the sealed bodies opened (or marked sealed)."""
    ids = [m.id for m in messages]
    sealed = {s.pk: s for s in SealedMessage.objects.filter(message_id__in=ids)}
    opened = []
    for m in messages:
        if m.id not in sealed:
            opened.append(m)
            continue
        body = SEALED_BODY
        if key is not None:
            try:
                body = handling.open_message(key, case, sealed[m.id])
            except DecryptionFailed:
                body = SEALED_BODY
        opened.append(replace(m, body=body))
    return opened


def case_context(request, case: Case, detail, bound: dict) -> dict:
    """Extra context for staff/case_detail.html: `wbs` (an OfficerView) and the `detail`
    with its messages opened. Empty for anything but a WBS officer on a sealed WBS case."""
    if role_of(request.user) != Role.WBS_OFFICER or not handling.is_sealed(case):
        return {}
    sealed = SealedReport.objects.select_related("handler").get(case_id=case.pk)
    private, key, locked = _key(request, case)
    report = None
    evidence_reason = outcome_note = ""
    if key is not None:
        report = services.open_for_officer(request.user, private, case)  # audited
        evidence_reason = handling.open_field(
            key, case, "evidence_reason", sealed.evidence_reason_enc
        )
        outcome_note = handling.open_field(key, case, "outcome_note", sealed.outcome_note_enc)
    external = rules.external_path(sealed)
    conflicts = Conflict.objects.filter(case_id=case.pk).select_related("user")
    view = OfficerView(
        locked=locked,
        report=report,
        rank_label=rules.rank_label(sealed),
        external_code=external.code if external else "",
        external_name=external.name if external else "",
        evidence_sufficient=sealed.evidence_sufficient,
        evidence_reason=evidence_reason,
        evidence_judged_at=sealed.evidence_judged_at,
        evidence_requested_at=sealed.evidence_requested_at,
        reporter_window_end=rules.reporter_window_end(case, sealed),
        handler=sealed.handler.username if sealed.handler else "",
        conflicts=[(c.user.username, c.reason) for c in conflicts.order_by("user__username")],
        outcome=sealed.outcome,
        outcome_label=Outcome(sealed.outcome).label if sealed.outcome else "",
        outcome_note=outcome_note,
        forms=_forms(case, detail, bound, external is not None),
    )
    messages = _open_messages(key, case, detail.messages)
    return {"wbs": view, "detail": replace(detail, messages=messages)}


# Actions --------------------------------------------------------------------------------------


def form_for(request, case: Case, action: str):
    """A bound officer form, or None for an action the ordinary forms parse."""
    form_class = OFFICER_FORMS.get(action)
    if form_class is None:
        return None
    if form_class is AssignHandlerForm:
        return form_class(request.POST, case=case)
    return form_class(request.POST)


def _values(action: str, data: dict) -> dict:
    if action == "judge_evidence":
        choice = data.get("sufficient")
        return {**data, "sufficient": True if choice == YES else False if choice == NO else None}
    if action == MESSAGE:
        return {"body": data["body"], "internal": data["audience"] == INTERNAL}
    return data


def act(request, case: Case, action: str, data: dict) -> str:
    """Takes the action through aduan.whistleblowing.handling with the session's key;
    returns the flash message, or "" when the ordinary service applies."""
    private = keyring.session_private_key(request)
    if not handling.perform(request.user, case, action, _values(action, data), private):
        return ""
    if action == MESSAGE:
        if data["audience"] == INTERNAL:
            return gettext("Catatan internal tersimpan (tersegel).")
        return gettext("Pesan tersegel sudah dikirim kepada pelapor.")
    return str(OFFICER_DONE.get(action) or ACTION_DONE[action])


def open_download(request, case: Case, attachment, data: bytes) -> bytes:
    """The stored bytes of an attachment, opened when sealed (SealedContentLocked without
    the key; NotFound when they do not open)."""
    if not handling.is_sealed_file(attachment):
        return data
    private = keyring.session_private_key(request)
    if private is None:
        raise SealedContentLocked(NO_SESSION_KEY)
    key = handling.content_key(request.user, private, case)
    try:
        return services.open_file(case, attachment, key, data)
    except DecryptionFailed:
        raise NotFound() from None
