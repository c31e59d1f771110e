"""The WBS track's services: receiving a sealed report, reading it, and the rules that route it
(issue 6 items 1-4). The case itself moves through the ordinary workflow (aduan.cases.services);
what is different here is that its text, files and identity exist only sealed.
"""

import json
from dataclasses import asdict, dataclass, field

from django.db import transaction

from aduan import crypto
from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import Agency
from aduan.cases.actors import ReporterActor
from aduan.cases.identity import ReporterData, clean_reporter
from aduan.cases.models import Attachment, Case, CaseKind, Privacy
from aduan.cases.services import NewReport, create_case
from aduan.core import audit, clock
from aduan.core.errors import ValidationFailed
from aduan.crypto import keys
from aduan.intake.storage import SEALED_EXTENSION, delete_stored, store_bytes
from aduan.intake.uploads import CleanFile

from . import sealing
from .models import Conflict, ReportedRank, SealedFile, SealedIdentity, SealedReport

PLACEHOLDER_TITLE = "Laporan WBS"
PLACEHOLDER_DESCRIPTION = (
    "Isi laporan WBS tersegel; hanya tim WBS Inspektorat yang dapat membukanya."
)
SEALED_FIELDS = ("title", "what", "reported_name", "reported_position", "where", "when", "how")
# Reports about these officials go outside the Inspektorat (issue 6 item 3).
EXTERNAL_PATH = {
    ReportedRank.INSPEKTUR: "EXT-ITJEN-KEMENDAGRI",
    ReportedRank.SEKDA: "EXT-ITJEN-KEMENDAGRI",
}
LIMITS = {"title": 200, "what": 20000, "reported_name": 200, "reported_position": 200,
          "where": 500, "when": 200, "how": 20000}  # fmt: skip


@dataclass(frozen=True)
class WbsReport:
    """What the whistleblower submits: 4W+1H, the reported person, evidence; anonymous unless
    `reporter` is given (an ASN may add their NIP confidentially)."""

    what: str
    reported_name: str
    reported_position: str = ""
    reported_agency_code: str = ""
    reported_rank: str = ReportedRank.OTHER
    where: str = ""
    when: str = ""
    how: str = ""
    title: str = ""
    reporter: ReporterData | None = None
    evidence: tuple[CleanFile, ...] = field(default=())
    channel: str = "web"

    def __repr__(self) -> str:  # never the content in a traceback or a log
        return "WbsReport(<tersegel>)"


@dataclass(frozen=True)
class OpenedReport:
    title: str
    what: str
    reported_name: str
    reported_position: str
    where: str
    when: str
    how: str
    reported_rank: str
    reported_agency: str
    external_path: str

    def __repr__(self) -> str:
        return "OpenedReport(<terbuka>)"


def _validate(report: WbsReport) -> dict:
    errors: dict[str, list[str]] = {}
    if len(report.what.strip()) < 20:
        errors["what"] = ["Ceritakan apa yang terjadi, paling sedikit 20 karakter."]
    if not report.reported_name.strip():
        errors["reported_name"] = ["Nama terlapor wajib diisi (boleh perkiraan atau inisial)."]
    for name, limit in LIMITS.items():
        if len(getattr(report, name)) > limit:
            errors[name] = [f"Paling banyak {limit} karakter."]
    if report.reported_rank not in ReportedRank.values:
        errors["reported_rank"] = ["Pilihan jabatan terlapor tidak dikenal."]
    agency = None
    if report.reported_agency_code:
        agency = Agency.objects.filter(code=report.reported_agency_code, is_active=True).first()
        if agency is None:
            errors["reported_agency"] = ["Instansi terlapor tidak dikenal."]
    reporter = None
    if report.reporter is not None:
        try:
            reporter = clean_reporter(report.reporter)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    return {"agency": agency, "reporter": reporter}


def _sealed_fields(case_id: int, key: bytes, report: WbsReport) -> dict:
    title = report.title.strip() or report.what.strip().splitlines()[0][:120]
    values = {**{name: getattr(report, name).strip() for name in SEALED_FIELDS}, "title": title}
    return {
        f"{name}_enc": keys.seal_text(key, value, context=sealing.field_context(case_id, name))
        for name, value in values.items()
    }


def store_sealed_files(case_id: int, key: bytes, files) -> list[tuple[str, CleanFile]]:
    """Stores each cleaned file sealed with the case's content key (the report's evidence, and
    what the reporter adds later on /lacak); on a failure none of them stays on the disk."""
    stored = []
    try:
        for clean in files:
            sealed = keys.seal(
                key, clean.content, context=sealing.field_context(case_id, f"file:{clean.sha256}")
            )
            stored.append((store_bytes(sealed, SEALED_EXTENSION), clean))
    except BaseException:
        for name, _ in stored:
            delete_stored(name)
        raise
    return stored


def _conflicted_officers(report: WbsReport, agency: Agency | None) -> list[tuple[User, str]]:
    """Officers named in the report, or working in the reported agency, may not handle it.

    A report about the Inspektur or the Sekda takes the external path: the Inspektorat only
    forwards it, so working there is no conflict (else nobody could forward it); being named
    still is."""
    named = report.reported_name.strip().casefold()
    by_agency = agency is not None and report.reported_rank not in EXTERNAL_PATH
    found = []
    for officer in User.objects.filter(role=Role.WBS_OFFICER, is_active=True):
        full = officer.get_full_name().strip().casefold()
        if full and (full in named or named in full):
            found.append((officer, "disebut dalam laporan"))
        elif by_agency and officer.agency_id == agency.pk:
            found.append((officer, "bekerja di instansi terlapor"))
    return found


def submit_report(report: WbsReport) -> tuple[Case, str]:
    """Receives a WBS report; returns the case and its receipt (shown once). Nothing of what
    was written reaches the database or the disk unsealed."""
    resolved = _validate(report)
    placeholder = NewReport(
        kind=CaseKind.WHISTLEBLOWING,
        title=PLACEHOLDER_TITLE,
        description=PLACEHOLDER_DESCRIPTION,
        privacy=Privacy.ANONYMOUS,
        channel=report.channel,
    )
    stored: list = []
    try:
        with transaction.atomic():
            case, receipt = create_case(ReporterActor(), placeholder)
            now = clock.now()
            conflicted = _conflicted_officers(report, resolved["agency"])
            Conflict.objects.bulk_create(
                Conflict(case=case, user=officer, reason=reason, recorded_at=now)
                for officer, reason in conflicted
            )
            # A conflicted officer never receives the case key, not only never sees the case.
            content_key, identity_key = sealing.seal_new_case(
                case.pk, receipt, exclude_users={officer.pk for officer, _ in conflicted}
            )
            SealedReport.objects.create(
                case=case,
                reported_rank=report.reported_rank,
                reported_agency=resolved["agency"],
                **_sealed_fields(case.pk, content_key, report),
            )
            reporter = resolved["reporter"]
            if reporter is not None:
                SealedIdentity.objects.create(
                    case=case,
                    fields_enc=keys.seal_text(
                        identity_key,
                        json.dumps(asdict(reporter)),
                        context=sealing.field_context(case.pk, "identity"),
                    ),
                    is_asn=reporter.is_asn,
                    nip_hash=crypto.keyed_hash(reporter.nip, purpose="reporter-nip"),
                )
                Case.objects.filter(pk=case.pk).update(privacy=Privacy.CONFIDENTIAL)
            stored = store_sealed_files(case.pk, content_key, report.evidence)
            for name, clean in stored:
                attachment = Attachment.objects.create(
                    case=case,
                    storage_name=name,
                    content_type=clean.content_type,
                    size=len(clean.content),
                    sha256=clean.sha256,
                    from_reporter=True,
                    at=now,
                )
                SealedFile.objects.create(attachment=attachment)
    except BaseException:
        for name, _ in stored:
            delete_stored(name)
        raise
    case.refresh_from_db()
    return case, receipt


def open_with_key(case: Case, key: bytes) -> OpenedReport:
    """The report, opened with the case's content key however the caller reached it (a page
    that also opens messages derives the reporter's key once and passes it here)."""
    sealed = SealedReport.objects.select_related("reported_agency").get(case=case)
    values = {
        name: keys.unseal_text(
            key, getattr(sealed, f"{name}_enc"), context=sealing.field_context(case.pk, name)
        )
        for name in SEALED_FIELDS
    }
    agency = sealed.reported_agency
    return OpenedReport(
        **values,
        reported_rank=sealed.reported_rank,
        reported_agency=f"{agency.code} — {agency.name}" if agency else "",
        external_path=EXTERNAL_PATH.get(sealed.reported_rank, ""),
    )


def open_for_officer(user, private_key: bytes | None, case: Case) -> OpenedReport:
    """The report for a WBS officer whose key is unlocked in this session. Audited. Raises
    DecryptionFailed when this officer holds no key for the case (left, or not re-wrapped)."""
    key = sealing.case_key_for_holder(case.pk, "content", user, private_key)
    opened = open_with_key(case, key)
    audit.record(user, "view_protected", f"case:{case.tracking_number}", what="wbs_report")
    return opened


def open_for_reporter(case: Case, receipt: str) -> OpenedReport:
    return open_with_key(case, sealing.content_key_for_reporter(case.pk, receipt))


def open_file(case: Case, attachment: Attachment, key: bytes, data: bytes) -> bytes:
    if not SealedFile.objects.filter(attachment=attachment).exists():
        return data
    context = sealing.field_context(case.pk, f"file:{attachment.sha256}")
    return keys.unseal(key, data, context=context)
