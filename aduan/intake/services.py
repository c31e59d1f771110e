"""The reporter's side: submit a report with evidence, open a case with number and receipt,
write to it, rate it. Views and the API call these; the case services do the workflow."""

from dataclasses import dataclass, replace
from functools import cache

from aduan import crypto
from aduan.cases import services as case_services
from aduan.cases.actors import ReporterActor
from aduan.cases.models import Case, CaseKind
from aduan.core.errors import NotFound

from . import proof, throttle
from .storage import delete_stored, open_stored, store
from .uploads import clean_uploads


@dataclass(frozen=True)
class Submission:
    case: Case
    receipt: str  # shown once, never stored in the clear
    proof: proof.Proof


def store_evidence(files) -> list[case_services.StoredEvidence]:
    """Cleans every file first (nothing is written if one is refused), then stores them."""
    cleaned = clean_uploads(list(files))
    stored: list[case_services.StoredEvidence] = []
    try:
        for item in cleaned:
            stored.append(
                case_services.StoredEvidence(
                    storage_name=store(item),
                    content_type=item.content_type,
                    size=len(item.content),
                    sha256=item.sha256,
                )
            )
    except BaseException:
        discard_evidence(stored)
        raise
    return stored


def discard_evidence(stored) -> None:
    for item in stored:
        delete_stored(item.storage_name)


def submit_report(report: case_services.NewReport, files=(), actor=None) -> Submission:
    stored = store_evidence(files)
    try:
        case, receipt = case_services.create_case(
            actor or ReporterActor(), replace(report, evidence=tuple(stored))
        )
    except BaseException:
        discard_evidence(stored)  # nothing of a refused report stays behind
        raise
    return Submission(case=case, receipt=receipt, proof=proof.issue(case))


def normalise_tracking_number(value: str) -> str:
    return "".join((value or "").split()).upper()


@cache
def _decoy_hash() -> str:
    # Checked when the number is unknown, so both failures cost the same time.
    return crypto.hash_secret(crypto.random_receipt())


NO_MATCH = "Nomor pelacakan atau kode akses tidak cocok."


def open_case(client: str, tracking_number: str, receipt: str) -> tuple[Case, ReporterActor]:
    """The case for a tracking number and receipt. Wrong number and wrong receipt fail alike,
    and repeated failures are throttled."""
    number = normalise_tracking_number(tracking_number)
    throttle.check(client, number)
    case = Case.objects.filter(tracking_number=number).first() if number else None
    matches = crypto.verify_secret(case.receipt_hash if case else _decoy_hash(), receipt or "")
    if case is None or not matches:
        throttle.register_failure(client, number)
        raise NotFound(NO_MATCH)
    return case, ReporterActor(case_id=case.pk)


def status_only(client: str, tracking_number: str) -> Case:
    """For those who kept only the number: the status, nothing else."""
    number = normalise_tracking_number(tracking_number)
    throttle.check(client, number)
    case = Case.objects.filter(tracking_number=number).only("status", "tracking_number").first()
    if case is None:
        throttle.register_failure(client, number)
        raise NotFound("Nomor pelacakan tidak ditemukan.")
    return case


def send_message(case: Case, actor: ReporterActor, body: str, files=(), *, receipt: str = ""):
    if case.kind == CaseKind.WHISTLEBLOWING:
        from aduan.whistleblowing import reporter_side

        if reporter_side.is_sealed(case):  # text and files sealed with the case's key
            return reporter_side.send_message(case, actor, receipt, body, files)
    stored = store_evidence(files)
    try:
        return case_services.post_reporter_message(actor, case, body=body, evidence=stored)
    except BaseException:
        discard_evidence(stored)
        raise


def reporter_file(case: Case, attachment, receipt: str) -> bytes:
    """The bytes of a file the reporter downloads (a sealed WBS file opened with the receipt).
    Raises ValueError for a storage name that is not ours."""
    content = open_stored(attachment.storage_name)
    if case.kind == CaseKind.WHISTLEBLOWING:
        from aduan.whistleblowing import reporter_side

        content = reporter_side.open_attachment(case, attachment, receipt, content)
    return content


def rate(case: Case, actor: ReporterActor, *, rating, satisfied, comment="", objection=False):
    return case_services.give_feedback(
        actor, case, rating=rating, satisfied=satisfied, comment=comment, objection=objection
    )
