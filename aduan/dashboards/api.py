"""Staff JSON API: an agency's scorecard (shared/API.md, "Staff"; docs/scorecard.md).

GET /api/v1/agencies/{code}/scorecard?from=YYYY-MM-DD&to=YYYY-MM-DD. Supervisor, coordinator
and WBS officer see every agency; agency heads and officers their own; everyone else gets the
same 404 as for an unknown code. A malformed date or from > to is 422; the default period is
the current month to date (WITA).
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from aduan.accounts.api_auth import staff_auth

from .periods import parse_period
from .selectors import scorecard, scorecard_agency_for

router = Router(auth=staff_auth, tags=["Dasbor"])


class ScorecardOut(Schema):
    agency_code: str
    agency_name: str
    date_from: dt.date
    date_to: dt.date
    as_of: dt.datetime
    assigned: int
    answered: int
    returned: int
    first_responses_due: int
    first_responses_on_time: int
    first_response_on_time_rate: float | None
    resolutions_due: int
    resolutions_on_time: int
    resolution_on_time_rate: float | None
    median_working_days_to_first_response: float | None
    median_working_days_to_resolution: float | None
    open_now: int
    overdue_now: int
    escalations: int
    non_compliance_records: int
    feedback_count: int
    satisfied_count: int
    mean_rating: float | None
    satisfied_rate: float | None
    compliance_score: float | None


PERIOD_PARAMETERS = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": "string", "format": "date"},
        "description": text,
    }
    for name, text in [
        ("from", "Tanggal awal (WITA), bawaan: tanggal 1 bulan ini"),
        ("to", "Tanggal akhir (WITA, inklusif), bawaan: hari ini"),
    ]
]


@router.get(
    "/agencies/{code}/scorecard",
    response=ScorecardOut,
    summary="Rapor kepatuhan satu instansi",
    description="Definisi setiap angka: docs/scorecard.md.",
    openapi_extra={"parameters": PERIOD_PARAMETERS},
)
def agency_scorecard(request: HttpRequest, code: str):
    agency = scorecard_agency_for(request.auth, code)
    period = parse_period(request.GET.get("from"), request.GET.get("to"))
    return scorecard(agency, period.date_from, period.date_to).as_dict()
