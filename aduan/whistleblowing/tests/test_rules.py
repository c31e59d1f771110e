"""Routing rules by the reported person (issue 6 item 3): a report about the Inspektur or the
Sekda takes the external path (Itjen Kemendagri), never the Inspektorat's own team."""

import pytest

from aduan.cases import services as case_services
from aduan.cases.workflow import CaseStatus
from aduan.core.errors import RoutingNotAllowed
from aduan.whistleblowing import handling, rules
from aduan.whistleblowing.models import SealedReport

from .officer import sealed_case, with_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    user = make_user("wbs_officer", "INSPEKTORAT", "wbs.rute")
    user.key = with_key(user)
    return user


@pytest.mark.parametrize(("rank", "agency"), [("inspektur", ""), ("sekda", "SETDA")])
def test_inspektur_or_sekda_reported_takes_the_external_path(officer, rank, agency):
    # (With the Inspektorat named as the reported agency every Inspektorat officer is in
    # conflict and nobody there sees the case at all.)
    case, _ = sealed_case(reported_rank=rank, reported_agency_code=agency)
    assert rules.external_path(SealedReport.objects.get(case=case)).code == "EXT-ITJEN-KEMENDAGRI"
    with pytest.raises(RoutingNotAllowed) as caught:
        case_services.route(officer, case, agencies=["INSPEKTORAT"])
    assert caught.value.status == 422
    assert "jalur eksternal" in caught.value.message and "agencies" in caught.value.fields
    with pytest.raises(RoutingNotAllowed) as caught:
        case_services.refer_out(officer, case, destination="EXT-KPK")
    assert "destination" in caught.value.fields
    with pytest.raises(RoutingNotAllowed):
        handling.conclude(
            officer, case, outcome="refer_kpk", note="Pidana.", private_key=officer.key
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    case_services.refer_out(officer, case, destination="EXT-ITJEN-KEMENDAGRI")
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRED
    assert case.referred_to.code == "EXT-ITJEN-KEMENDAGRI"


def test_other_officials_stay_with_the_inspectorate(officer):
    case, _ = sealed_case(reported_rank="other")
    assert rules.external_path(SealedReport.objects.get(case=case)) is None
    case_services.route(officer, case, agencies=["INSPEKTORAT"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ROUTED


def test_a_referral_elsewhere_is_allowed_for_other_officials(officer):
    case, _ = sealed_case()
    case_services.refer_out(officer, case, destination="EXT-KEJATI")
    case.refresh_from_db()
    assert case.referred_to.code == "EXT-KEJATI"
