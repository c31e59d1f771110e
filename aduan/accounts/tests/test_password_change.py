"""A staff member's own password change at /staf/kata-sandi: the current password (throttled
like the sign-in), the new one twice under AUTH_PASSWORD_VALIDATORS, audited without either."""

import pytest
from django.test import Client

from aduan.accounts.models import User
from aduan.core.models import AuditRecord

from .conftest import PASSWORD
from .test_signin import audit_text, login

pytestmark = pytest.mark.django_db

PAGE = "/staf/kata-sandi"
NEW = "Sandi-Baru-Petugas-5820?"


@pytest.fixture
def signed_in(client, officer):
    assert login(client).status_code == 302
    return officer


def change(client, current=PASSWORD, new=NEW, again=None):
    return client.post(
        PAGE,
        {
            "current_password": current,
            "new_password1": new,
            "new_password2": new if again is None else again,
        },
    )


def password_unchanged() -> bool:
    return User.objects.get(username="opd.uji").check_password(PASSWORD)


def test_the_page_works_without_javascript_and_is_linked_from_the_header(client, signed_in):
    response = client.get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("current_password", "new_password1", "new_password2"):
        assert f'name="{name}"' in body
    assert "<script" not in body
    assert f'href="{PAGE}"' in body
    assert "no-store" in response["Cache-Control"]


def test_signed_out_goes_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/staf/masuk")


def test_wrong_current_password_is_refused_and_nothing_changes(client, signed_in):
    response = change(client, current="bukan-sandi-ini")
    assert response.status_code == 400
    assert "Kata sandi sekarang salah." in response.content.decode()
    assert password_unchanged()
    assert AuditRecord.objects.filter(action="password_change_failed").exists()
    assert not AuditRecord.objects.filter(action="password_changed").exists()
    assert "bukan-sandi-ini" not in audit_text() and NEW not in audit_text()


@pytest.mark.parametrize(
    ("new", "again", "message"),
    [
        ("pendek", None, "terlalu pendek"),
        ("12345678901", None, "seluruhnya terdiri dari angka"),
        ("password123", None, "terlalu umum"),
        (NEW, NEW + "x", "Kedua kata sandi baru tidak sama."),
        (PASSWORD, None, "harus berbeda"),
    ],
)
def test_weak_or_mismatched_new_password_is_refused(client, signed_in, new, again, message):
    response = change(client, new=new, again=again)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert password_unchanged()
    assert not AuditRecord.objects.filter(action="password_changed").exists()


def test_the_change_keeps_this_session_and_is_audited_without_the_password(client, signed_in):
    response = change(client)
    assert response.status_code == 302 and response["Location"] == PAGE
    officer = User.objects.get(username="opd.uji")
    assert officer.check_password(NEW) and not officer.check_password(PASSWORD)
    page = client.get(PAGE)  # still signed in: the session's auth hash was updated
    assert page.status_code == 200
    assert "Kata sandi Anda telah diganti." in page.content.decode()
    record = AuditRecord.objects.get(action="password_changed")
    assert record.actor == "opd.uji" and record.target == f"user:{officer.pk}"
    assert PASSWORD not in audit_text() and NEW not in audit_text()


def test_other_sessions_are_signed_out(client, signed_in):
    other = Client()
    assert login(other).status_code == 302
    assert change(client).status_code == 302
    assert other.get(PAGE).status_code == 302  # to the sign-in page


def test_guessing_the_current_password_is_throttled(client, signed_in, settings):
    settings.ADUAN_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        assert change(client, current="tebakan").status_code == 400
    response = change(client)  # even the right one now waits
    assert response.status_code == 429
    assert "Retry-After" in response
    assert password_unchanged()
