"""The custodian's side of a WBS case: its identity is sealed under the case's identity key,
wrapped only for custodians (and the recovery key), never for WBS officers."""

import json

from aduan.cases.identity import ReporterData
from aduan.cases.models import Case
from aduan.core.errors import InvalidTransition
from aduan.crypto import keys
from aduan.crypto.fields import DecryptionFailed

from . import sealing
from .models import KeyPurpose, SealedIdentity

NEEDS_SESSION = (
    "Identitas pelapor WBS hanya dapat dibuka melalui situs petugas, setelah kustodian masuk "
    "dengan kata sandinya (kunci kustodian dibuka saat masuk)."
)


def has_sealed_identity(case: Case) -> bool:
    return SealedIdentity.objects.filter(case=case).exists()


def open_sealed_identity(case: Case, actor, private_key: bytes | None) -> ReporterData:
    sealed = SealedIdentity.objects.filter(case=case).first()
    if sealed is None:
        raise InvalidTransition("reveal_identity", case.status, "Identitas tidak tersimpan.")
    try:
        key = sealing.case_key_for_holder(case.pk, KeyPurpose.IDENTITY, actor, private_key)
        data = keys.unseal_text(
            key, sealed.fields_enc, context=sealing.field_context(case.pk, "identity")
        )
    except DecryptionFailed as exc:
        raise InvalidTransition("reveal_identity", case.status, NEEDS_SESSION) from exc
    return ReporterData(**json.loads(data))
