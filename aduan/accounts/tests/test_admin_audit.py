"""Configuration changes in the admin are in the audit log (aduan.core.admin_site
SysadminModelAdmin): add, change, delete of reference data and users; field names only, never a
password, its hash or a second-factor secret."""

import json

import pytest

from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.accounts.services import start_enrolment
from aduan.agencies.models import Agency, Category
from aduan.core import audit
from aduan.core.models import AuditRecord

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Yang-Kuat-2026"


@pytest.fixture
def sysadmin(client, reference):
    user = User.objects.create_user("admin.uji", password="x", role=Role.SYSADMIN)
    client.force_login(user)
    return user


def everything_logged() -> str:
    rows = AuditRecord.objects.values("actor", "action", "target", "details")
    return json.dumps(list(rows), default=str)


def test_changing_an_agency_is_logged_with_the_fields(client, sysadmin):
    agency = Agency.objects.get(code="DPUPR")
    response = client.post(
        f"/admin/agencies/agency/{agency.pk}/change/",
        {"code": "DPUPR", "name": "Dinas PUPR Kalsel", "kind": agency.kind, "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    entry = AuditRecord.objects.get(action="config_change")
    assert (entry.actor, entry.actor_role) == ("admin.uji", "sysadmin")
    assert entry.target == f"agencies.agency:{agency.pk}"
    assert entry.details["fields"] and entry.details["object"]
    assert "Dinas PUPR Kalsel" not in json.dumps(entry.details["fields"])  # names, not values


def test_adding_a_user_logs_no_password(client, sysadmin):
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "opd.baru",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "role": Role.AGENCY_OFFICER,
            "agency": Agency.objects.get(code="DPUPR").pk,
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="opd.baru")
    entry = AuditRecord.objects.get(action="config_add")
    assert entry.target == f"accounts.user:{created.pk}"
    text = everything_logged()
    assert NEW_PASSWORD not in text and created.password not in text


def test_setting_a_password_logs_that_it_changed_only(client, sysadmin):
    user = User.objects.create_user("opd.lama", password="x", role=Role.AGENCY_OFFICER)
    response = client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    user.refresh_from_db()
    entry = AuditRecord.objects.get(action="config_change", target=f"accounts.user:{user.pk}")
    assert entry.details["fields"]
    text = everything_logged()
    assert NEW_PASSWORD not in text and user.password not in text


def test_deleting_reference_data_is_logged(client, sysadmin):
    category = Category.objects.create(code="uji-hapus", name="Kategori uji")
    response = client.post(f"/admin/agencies/category/{category.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    entry = AuditRecord.objects.get(action="config_delete")
    assert entry.target == f"agencies.category:{category.pk}"
    assert entry.details["object"] == str(category)


def test_bulk_deletion_logs_each_object(client, sysadmin):
    made = [Category.objects.create(code=f"uji-{n}", name=f"Uji {n}") for n in range(2)]
    response = client.post(
        "/admin/agencies/category/",
        {"action": "delete_selected", "_selected_action": [c.pk for c in made], "post": "yes"},
    )
    assert response.status_code == 302
    targets = set(
        AuditRecord.objects.filter(action="config_delete").values_list("target", flat=True)
    )
    assert targets == {f"agencies.category:{c.pk}" for c in made}
    assert audit.check_chain().problem is None


def test_second_factor_secrets_never_reach_the_log(client, sysadmin):
    user = User.objects.create_user("opd.totp", password="x", role=Role.AUDITOR)
    secret = start_enrolment(user)
    response = client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {"username": "opd.totp", "role": Role.AUDITOR, "first_name": "Baru"},
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    assert AuditRecord.objects.filter(action="config_change").exists()
    user.refresh_from_db()
    assert secret not in everything_logged()
    assert user.totp_secret_enc not in everything_logged()
