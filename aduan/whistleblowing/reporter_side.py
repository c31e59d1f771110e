"""The whistleblower's side of a sealed WBS case on /lacak and POST /api/v1/track (issue 6
items 1-2): their report opened with the receipt, the messages both ways, the evidence.

Everything the reporter and the officers write on a WBS case is sealed with the case's content
key, which the reporter reaches through their receipt (sealing.content_key_for_reporter):

- a message has an empty `Message.body`; its text is `SealedMessage.body_enc`, sealed under the
  context `sealing.field_context(case_id, f"message:{message_id}")` (handling.message_context);
- a file is stored sealed (services.store_sealed_files) and marked by a `SealedFile` row.

The receipt is passed in by the caller, which has just checked it against the case's hash
(aduan.intake.services.open_case); it is never stored, logged or put in an exception.
"""

from dataclasses import replace

from django.db import transaction

from aduan.cases import services as case_services
from aduan.cases.models import Attachment, Case, Message
from aduan.core.errors import NotFound, SealedContentLocked, ValidationFailed
from aduan.crypto import keys
from aduan.crypto.fields import DecryptionFailed
from aduan.intake.selectors import ReporterView, reporter_view
from aduan.intake.storage import delete_stored
from aduan.intake.uploads import clean_uploads

from . import handling, sealing, services
from .models import SealedFile, SealedMessage

MAX_BODY = 20000
# A case sealed without a reporter copy (demo data): the receipt opens nothing.
NO_REPORTER_COPY = "Isi laporan ini tidak dapat dibuka dengan kode akses."


def is_sealed(case: Case) -> bool:
    """A WBS case received through the portal (its text exists only sealed)."""
    return handling.is_sealed(case)


def seal_message(key: bytes, message: Message, body: str) -> SealedMessage:
    """Keeps `body` of `message` only sealed: its plaintext column is emptied, in the caller's
    transaction. For either side: the reporter's replies here, officers' messages elsewhere."""
    Message.objects.filter(pk=message.pk).update(body="")
    message.body = ""
    return SealedMessage.objects.create(
        message=message,
        body_enc=keys.seal_text(
            key, body, context=handling.message_context(message.case_id, message.pk)
        ),
    )


def open_messages(key: bytes, case: Case, message_ids) -> dict[int, str]:
    """The opened bodies of those of `message_ids` that are sealed, by message id."""
    sealed = SealedMessage.objects.filter(message__case=case, message_id__in=list(message_ids))
    return {
        item.message_id: keys.unseal_text(
            key, item.body_enc, context=handling.message_context(case.pk, item.message_id)
        )
        for item in sealed
    }


def view_for_reporter(case: Case, receipt: str) -> ReporterView:
    """What the reporter sees of their sealed case: the public view, with their report opened
    (title and 4W+1H) and the sealed messages readable."""
    view = reporter_view(case)
    ids = [m.id for m in view.messages]
    try:
        # One Argon2id derivation for the page: the report and the messages share the key.
        key = sealing.content_key_for_reporter(case.pk, receipt)
        opened = services.open_with_key(case, key)
        bodies = {}
        if ids and SealedMessage.objects.filter(message_id__in=ids).exists():
            bodies = open_messages(key, case, ids)
    except DecryptionFailed:  # no reporter copy: the placeholders, nothing opened
        return view
    messages = [replace(m, body=bodies.get(m.id, m.body)) for m in view.messages]
    return replace(view, title=opened.title, messages=messages, report=opened)


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(fields={"body": ["Pesan wajib diisi."]})
    if len(body) > MAX_BODY:
        raise ValidationFailed(fields={"body": ["Pesan paling banyak 20.000 karakter."]})
    return body


def send_message(case: Case, actor, receipt: str, body: str, files=()) -> Message:
    """The reporter's message or answer (it completes the report when the officers asked for
    more, e.g. the evidence gate's request): the ordinary reporter message, its text and files
    sealed. Nothing is written when any part is refused."""
    text = _clean_body(body)
    cleaned = clean_uploads(list(files))
    try:
        key = sealing.content_key_for_reporter(case.pk, receipt)
    except DecryptionFailed:
        raise SealedContentLocked(NO_REPORTER_COPY) from None
    stored = services.store_sealed_files(case.pk, key, cleaned)
    evidence = [
        case_services.StoredEvidence(
            storage_name=name,
            content_type=clean.content_type,
            size=len(clean.content),
            sha256=clean.sha256,
        )
        for name, clean in stored
    ]
    try:
        with transaction.atomic():
            message = case_services.post_reporter_message(
                actor, case, body=handling.SEALED_PLACEHOLDER, evidence=evidence
            )
            seal_message(key, message, text)
            SealedFile.objects.bulk_create(
                SealedFile(attachment=item) for item in Attachment.objects.filter(message=message)
            )
    except BaseException:
        for name, _ in stored:
            delete_stored(name)
        raise
    return message


def open_attachment(case: Case, attachment: Attachment, receipt: str, data: bytes) -> bytes:
    """The bytes of one of the case's files as the reporter downloads them: opened when
    sealed, as stored otherwise."""
    if not handling.is_sealed_file(attachment):
        return data
    try:
        key = sealing.content_key_for_reporter(case.pk, receipt)
        return services.open_file(case, attachment, key, data)
    except DecryptionFailed:
        raise NotFound("Berkas tidak ditemukan.") from None
