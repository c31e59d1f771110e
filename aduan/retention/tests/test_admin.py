"""The sysadmin edits retention in the admin, audited; purge records are read-only there."""

import datetime as dt

import pytest
import time_machine

from aduan.cases.tests.builders import build
from aduan.core.models import AuditRecord
from aduan.retention.models import PurgeRecord, RetentionPolicy
from aduan.retention.services import purge_expired

pytestmark = pytest.mark.django_db


def test_sysadmin_changes_a_window_and_it_is_audited(client, staff):
    client.force_login(staff["sysadmin"])
    policy = RetentionPolicy.objects.get(case_kind="complaint")
    url = f"/admin/retention/retentionpolicy/{policy.pk}/change/"
    assert client.get(url).status_code == 200
    form = {"identity_days": "400", "files_days": "500", "content_days": "1000",
            "legal_source": policy.legal_source, "note": ""}  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    policy.refresh_from_db()
    assert (policy.identity_days, policy.files_days, policy.content_days) == (400, 500, 1000)
    audit = AuditRecord.objects.get(action="retention_policy_changed")
    assert audit.actor == staff["sysadmin"].username
    assert audit.details == {"identity_days": 400, "files_days": 500, "content_days": 1000}


def test_an_inconsistent_window_is_refused_in_the_form(client, staff):
    client.force_login(staff["sysadmin"])
    policy = RetentionPolicy.objects.get(case_kind="complaint")
    form = {"identity_days": "2000", "files_days": "500", "content_days": "1000"}
    response = client.post(f"/admin/retention/retentionpolicy/{policy.pk}/change/", form)
    assert response.status_code == 200
    assert "Tidak boleh lebih lama dari isi laporan" in response.content.decode()


def test_others_cannot_reach_it(client, staff):
    client.force_login(staff["coordinator"])
    response = client.get("/admin/retention/retentionpolicy/")
    assert response.status_code in (302, 403, 404)


def test_purge_records_are_listed_without_case_numbers_and_cannot_be_changed(client, staff):
    with time_machine.travel(dt.datetime(2026, 2, 2, 10, tzinfo=dt.UTC), tick=False):
        case = build("archived", staff)
    purge_expired(dt.datetime(2036, 2, 2, tzinfo=dt.UTC))
    record = PurgeRecord.objects.filter(case=case).first()
    client.force_login(staff["sysadmin"])
    listing = client.get("/admin/retention/purgerecord/")
    assert listing.status_code == 200
    assert case.tracking_number not in listing.content.decode()
    detail = client.get(f"/admin/retention/purgerecord/{record.pk}/change/")
    assert detail.status_code == 200 and case.tracking_number not in detail.content.decode()
    assert client.post(f"/admin/retention/purgerecord/{record.pk}/delete/").status_code == 403
