"""The list of sanction measures is the sysadmin's reference data; the register is not."""

import pytest
from django.contrib import admin

from aduan.compliance.models import NonComplianceRecord, Sanction, SanctionMeasure
from aduan.compliance.services import record_sanction

from .conftest import new_sanction

pytestmark = pytest.mark.django_db


def test_only_the_measures_are_in_the_admin():
    assert admin.site.is_registered(SanctionMeasure)
    assert not admin.site.is_registered(NonComplianceRecord)
    assert not admin.site.is_registered(Sanction)


def test_sysadmin_edits_the_list_of_measures(client, staff):
    client.force_login(staff["sysadmin"])
    listing = client.get("/admin/compliance/sanctionmeasure/")
    assert listing.status_code == 200
    assert "Teguran tertulis" in listing.content.decode()
    response = client.post(
        "/admin/compliance/sanctionmeasure/add/",
        {
            "code": "penundaan-tpp",
            "name": "Rekomendasi penundaan TPP",
            "order": "70",
            "is_active": "on",
            "evidence": "Keputusan Gubernur (contoh)",
        },
    )
    assert response.status_code == 302
    assert SanctionMeasure.objects.get(code="penundaan-tpp").is_active
    assert client.get("/admin/compliance/noncompliancerecord/").status_code == 404
    assert client.get("/admin/compliance/sanction/").status_code == 404


def test_a_measure_in_use_cannot_be_deleted(client, staff, register):
    record_sanction(staff["supervisor"], new_sanction([register["dpupr"]]))
    used = SanctionMeasure.objects.get(code="teguran-tertulis")
    unused = SanctionMeasure.objects.get(code="teguran-lisan")
    client.force_login(staff["sysadmin"])
    assert client.get(f"/admin/compliance/sanctionmeasure/{used.pk}/delete/").status_code == 403
    assert client.get(f"/admin/compliance/sanctionmeasure/{unused.pk}/delete/").status_code == 200


@pytest.mark.parametrize("role", ["supervisor", "coordinator", "auditor"])
def test_other_roles_stay_out(client, staff, role):
    client.force_login(staff[role])
    response = client.get("/admin/compliance/sanctionmeasure/")
    assert response.status_code in (302, 403, 404)
    assert "Teguran tertulis" not in response.content.decode()
