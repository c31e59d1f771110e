import pytest
from django.contrib import admin

from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import Agency

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"

# Reference data and users only (DESIGN §4: sysadmin never sees case content).
ALLOWED_ADMIN_APPS = {
    "accounts", "agencies", "workdays", "compliance", "sweeps", "notifications", "retention",
}  # fmt: skip


@pytest.fixture
def diskominfo():
    agency, _ = Agency.objects.get_or_create(
        code="DISKOMINFO", defaults={"name": "Diskominfo", "kind": "opd"}
    )
    return agency


@pytest.fixture
def sysadmin():
    # Deliberately not is_staff: the role decides, not Django's staff flag.
    return User.objects.create_user("admin", password=PASSWORD, role=Role.SYSADMIN)


@pytest.fixture
def coordinator(diskominfo):
    return User.objects.create_user(
        "koordinator", password=PASSWORD, role=Role.COORDINATOR, agency=diskominfo, is_staff=True
    )


def test_sysadmin_can_use_reference_data_admin(client, sysadmin, diskominfo):
    client.force_login(sysadmin)
    for url in (
        "/admin/",
        "/admin/agencies/agency/",
        f"/admin/agencies/agency/{diskominfo.pk}/change/",
        "/admin/agencies/category/",
        "/admin/agencies/slapolicy/",
        "/admin/accounts/user/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    index = client.get("/admin/").content.decode()
    assert "Administrasi aduan" in index
    assert "/admin/agencies/agency/" in index


def test_sysadmin_can_edit_an_agency(client, sysadmin, diskominfo):
    client.force_login(sysadmin)
    response = client.post(
        f"/admin/agencies/agency/{diskominfo.pk}/change/",
        {"code": "DISKOMINFO", "name": "Dinas Kominfo Kalsel", "kind": "opd", "is_active": "on"},
    )
    assert response.status_code == 302
    diskominfo.refresh_from_db()
    assert diskominfo.name == "Dinas Kominfo Kalsel"


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSADMIN])
def test_other_roles_are_refused_even_with_is_staff(client, diskominfo, role):
    user = User.objects.create_user(
        f"u-{role}", password=PASSWORD, role=role, agency=diskominfo, is_staff=True
    )
    client.force_login(user)
    response = client.get("/admin/agencies/agency/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/agencies/agency/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_inactive_sysadmin_is_refused(client, sysadmin):
    sysadmin.is_active = False
    sysadmin.save()
    client.force_login(sysadmin)
    assert client.get("/admin/").status_code == 302


def test_superuser_is_admitted(client):
    root = User.objects.create_superuser("root", password=PASSWORD, role=Role.SYSADMIN)
    client.force_login(root)
    assert client.get("/admin/agencies/agency/").status_code == 200


def test_admin_sign_in_goes_through_the_staff_sign_in(client):
    response = client.get("/admin/login/?next=/admin/agencies/agency/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staf/masuk?next=%2Fadmin%2Fagencies%2Fagency%2F")


def test_a_password_alone_never_opens_the_admin(client, sysadmin, settings):
    settings.ADUAN_REQUIRE_SECOND_FACTOR = True
    client.force_login(sysadmin)  # signed in, second factor not passed
    assert client.get("/admin/agencies/agency/").status_code == 302
    session = client.session
    session["aduan_second_factor_ok"] = True
    session.save()
    assert client.get("/admin/agencies/agency/").status_code == 200


def test_no_case_content_is_registered():
    labels = {model._meta.app_label for model in admin.site._registry}
    assert labels <= ALLOWED_ADMIN_APPS, labels - ALLOWED_ADMIN_APPS
    names = {model._meta.label for model in admin.site._registry}
    assert not any(name.startswith("cases.") for name in names)
    # The outbox, read-only, holds no content (notifications.Notification stays out).
    assert {n for n in names if n.startswith("notifications.")} <= {"notifications.OutboundMessage"}
    # Compliance: only the list of measures; the register itself is case-linked.
    assert {n for n in names if n.startswith("compliance.")} == {"compliance.SanctionMeasure"}
    assert "auth.Group" not in names
    assert "django_tasks_database.DBTaskResult" not in names


def test_case_admin_urls_do_not_exist(client, sysadmin):
    client.force_login(sysadmin)
    assert client.get("/admin/cases/case/").status_code == 404


def test_sysadmin_creates_a_user_with_role_and_agency(client, sysadmin, diskominfo):
    client.force_login(sysadmin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "opd.baru",
            "usable_password": "true",
            "password1": "Sandi-Yang-Kuat-2026",
            "password2": "Sandi-Yang-Kuat-2026",
            "role": Role.AGENCY_OFFICER,
            "agency": diskominfo.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="opd.baru")
    assert (created.role, created.agency) == (Role.AGENCY_OFFICER, diskominfo)


def test_sysadmin_cannot_grant_superuser_or_take_over_one(client, sysadmin, diskominfo):
    root = User.objects.create_superuser("root", password=PASSWORD, role=Role.SYSADMIN)
    client.force_login(sysadmin)
    page = client.get(f"/admin/accounts/user/{sysadmin.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert client.get(f"/admin/accounts/user/{root.pk}/password/").status_code == 403
    response = client.post(
        f"/admin/accounts/user/{root.pk}/change/",
        {"username": "root", "role": Role.SYSADMIN, "is_active": "on"},
    )
    assert response.status_code == 403
