"""Is this ASN a protected reporter? (DESIGN §1 "ASN employment rights", issue 6 item 6.)

When an HR action (mutasi, demotion, discipline, ...) concerns an ASN, an Inspektorat officer
enters the NIP and learns only whether that person is a protected reporter — an ASN who
reported with their NIP — and the references and case numbers of their protection records.
The NIP is compared by keyed hash only (ReporterIdentity.nip_hash, and the WBS track's
sealed identities): it is never stored, logged or put in the audit record, which keeps who
checked, the HR action named and the outcome.
"""

import re
from dataclasses import dataclass

from django.apps import apps

from aduan.cases.actors import role_of
from aduan.cases.identity import nip_hash
from aduan.cases.models import ReporterIdentity
from aduan.core import audit
from aduan.core.errors import NotPermitted, ValidationFailed

from .models import HR_ACTIONS, ProtectionRequest
from .selectors import READER_ROLES


@dataclass(frozen=True)
class NipRecord:
    reference: str
    tracking_number: str
    kind_label: str
    status_label: str


@dataclass(frozen=True)
class NipCheck:
    protected: bool
    records: list[NipRecord]


def sealed_identity_model():
    """The WBS track's sealed identities (aduan.whistleblowing), when installed."""
    try:
        return apps.get_model("whistleblowing", "SealedIdentity")
    except LookupError:
        return None


def clean_nip(nip) -> str:
    digits = re.sub(r"[\s.-]", "", str(nip or ""))
    if not re.fullmatch(r"\d{18}", digits):
        raise ValidationFailed(fields={"nip": ["NIP harus 18 angka."]})
    return digits


def _reporter_cases(value: str) -> set[int]:
    cases = set(ReporterIdentity.objects.filter(nip_hash=value).values_list("case_id", flat=True))
    sealed = sealed_identity_model()
    if sealed is not None:
        cases |= set(sealed.objects.filter(nip_hash=value).values_list("case_id", flat=True))
    return cases


def check_nip(actor, *, nip: str, hr_action: str) -> NipCheck:
    if role_of(actor) not in READER_ROLES:
        raise NotPermitted()
    errors = {}
    try:
        digits = clean_nip(nip)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if hr_action not in HR_ACTIONS:
        errors["hr_action"] = ["Pilih tindakan kepegawaian yang sedang diperiksa."]
    if errors:
        raise ValidationFailed(fields=errors)
    cases = _reporter_cases(nip_hash(digits))
    records = (
        ProtectionRequest.objects.filter(case_id__in=cases)
        .select_related("case")
        .order_by("requested_at", "pk")
    )
    result = NipCheck(
        protected=bool(cases),
        records=[
            NipRecord(
                reference=r.reference,
                tracking_number=r.case.tracking_number,
                kind_label=r.get_kind_display(),
                status_label=r.status_label,
            )
            for r in records
        ],
    )
    audit.record(
        actor,
        "protection_nip_check",
        hr_action=hr_action,
        protected=result.protected,
        records=len(result.records),
    )
    return result
