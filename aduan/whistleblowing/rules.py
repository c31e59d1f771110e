"""The rules a sealed WBS case adds to the ordinary workflow (issue 6 items 2 and 3). The case
services (aduan.cases.services.verification) call these for a WBS case, inside their
transaction, after the role and the transition table have been checked:

- `check_route`: a report about the Inspektur or the Sekda takes the external path; it is
  never routed to the Inspektorat's own team.
- `check_refer`: such a report is referred only along that path (Itjen Kemendagri).
- `check_archive`: a WBS report is never archived for lack of evidence unless the reporter was
  asked for more (the evidence gate, aduan.whistleblowing.handling.judge_evidence) and the
  reporter-information window (SLA stage reporter_info, 30 calendar days) has passed.

Messages are Bahasa Indonesia and name no person and no content.
"""

import datetime as dt

from aduan.agencies.models import INSPECTORATE_CODE, Agency, Stage
from aduan.cases import deadlines
from aduan.cases.models import ArchiveReason, Case, CaseKind
from aduan.core import clock
from aduan.core.errors import InvalidTransition, RoutingNotAllowed

from .models import ReportedRank, SealedReport
from .services import EXTERNAL_PATH

# Archive reasons that amount to "not enough to go on" for a WBS report.
LACK_OF_EVIDENCE = frozenset(
    {ArchiveReason.TOO_GENERAL, ArchiveReason.NOT_RELEVANT, ArchiveReason.OTHER}
)


def sealed_report(case: Case) -> SealedReport | None:
    if case.kind != CaseKind.WHISTLEBLOWING:
        return None
    return SealedReport.objects.filter(case_id=case.pk).first()


def external_path(sealed: SealedReport | None) -> Agency | None:
    """The body that handles a report about the Inspektur or the Sekda, or None."""
    if sealed is None:
        return None
    code = EXTERNAL_PATH.get(sealed.reported_rank)
    return Agency.objects.filter(code=code).first() if code else None


def rank_label(sealed: SealedReport) -> str:
    return ReportedRank(sealed.reported_rank).label


def _external_message(sealed: SealedReport, agency: Agency) -> str:
    return (
        f"Terlapor adalah {rank_label(sealed)}: laporan ini menempuh jalur eksternal dan "
        f"tidak ditangani tim WBS Inspektorat sendiri. Alihkan laporan kepada {agency.name}."
    )


def check_route(case: Case, codes: list[str]) -> None:
    sealed = sealed_report(case)
    agency = external_path(sealed)
    if agency is None:
        return
    if INSPECTORATE_CODE in {(code or "").strip() for code in codes}:
        message = _external_message(sealed, agency)
        raise RoutingNotAllowed(message, fields={"agencies": [message]})


def check_refer(case: Case, destination: str) -> None:
    sealed = sealed_report(case)
    agency = external_path(sealed)
    if agency is not None and destination != agency.code:
        message = _external_message(sealed, agency)
        raise RoutingNotAllowed(message, fields={"destination": [message]})


def reporter_window_end(case: Case, sealed: SealedReport) -> dt.datetime | None:
    """When the reporter's time to add evidence ends, counted from the evidence request."""
    if sealed.evidence_requested_at is None:
        return None
    policy = deadlines.case_policy(case, Stage.REPORTER_INFO)
    return deadlines.deadline_for(Stage.REPORTER_INFO, sealed.evidence_requested_at, policy)


def may_archive_for_lack_of_evidence(case: Case, sealed: SealedReport, now=None) -> bool:
    end = reporter_window_end(case, sealed)
    return end is not None and (now or clock.now()) > end


def check_archive(case: Case, reason: str, status: str) -> None:
    """Raises InvalidTransition (409) when a WBS report would be archived for lack of
    evidence before the evidence request was made and its window passed."""
    if case.kind != CaseKind.WHISTLEBLOWING or reason not in LACK_OF_EVIDENCE:
        return
    sealed = sealed_report(case)
    if sealed is None:
        return  # not a sealed WBS report: the ordinary rules apply
    end = reporter_window_end(case, sealed)
    if end is None:
        raise InvalidTransition(
            "archive",
            status,
            "Laporan WBS tidak dapat diarsipkan karena kurang bukti sebelum pelapor diminta "
            "melengkapi bukti: nilai dulu kecukupan bukti awal (tidak cukup), sehingga "
            "pelapor diminta melengkapinya melalui halaman Lacak.",
        )
    if clock.now() <= end:
        day = clock.local_date(end).strftime("%d-%m-%Y")
        raise InvalidTransition(
            "archive",
            status,
            "Laporan WBS belum dapat diarsipkan karena kurang bukti: waktu pelapor untuk "
            f"melengkapi bukti baru berakhir {day} pukul 23.59 WITA.",
        )
