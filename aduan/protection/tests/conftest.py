"""Helpers for the protection tests: a reporter with a receipt, on the public or WBS track."""

import pytest
from django.core.cache import cache

from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.identity import ReporterData
from aduan.cases.tests.builders import new_report

NIP = "198503152010011002"
ASN = ReporterData(
    name="Perlindungan Sutrisno",
    nik="6371015566778899",
    email="sutrisno.asn@example.id",
    is_asn=True,
    nip=NIP,
)
ACCOUNT = "Atasan saya mengancam akan memutasi saya ke pedalaman sejak laporan ini masuk."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def reported(staff):
    """(case, receipt, reporter actor): a confidential report by an ASN, routed to DPUPR."""
    case, receipt = services.create_case(
        ReporterActor(), new_report(privacy="confidential", reporter=ASN)
    )
    services.route(staff["coordinator"], case, agencies=["DPUPR"], instructions="Segera.")
    case.refresh_from_db()
    return case, receipt, ReporterActor(case_id=case.pk)
