"""POST/DELETE /api/v1/auth/token and Bearer authentication of the staff API."""

import datetime as dt
import json

import pytest
import time_machine
from django.test import RequestFactory

from aduan.accounts import services
from aduan.accounts.api_auth import StaffBearerAuth
from aduan.accounts.models import ApiToken
from aduan.core.models import AuditRecord
from aduan.crypto import totp

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token"
WHOAMI = "/uji-api/whoami"
START = dt.datetime(2026, 3, 2, 1, 0, 5, tzinfo=dt.UTC)


def ask(client, **body):
    payload = {"username": "opd.uji", "password": PASSWORD, **body}
    return client.post(TOKEN_URL, json.dumps(payload), content_type="application/json")


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def assert_unauthenticated(response):
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def audit_text() -> str:
    rows = AuditRecord.objects.values("actor", "action", "target", "details")
    return json.dumps(list(rows), default=str)


def test_token_for_an_account_without_second_factor(client, officer):
    response = ask(client, name="skrip rekap")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    token = body["token"]
    assert set(body) == {"token", "expires_at"}
    row = ApiToken.objects.get()
    # Whole seconds, WITA (the API's renderer).
    assert body["expires_at"].endswith("+08:00")
    assert dt.datetime.fromisoformat(body["expires_at"]) == row.expires_at.replace(microsecond=0)
    assert row.expires_at - row.created_at == dt.timedelta(hours=8)
    assert row.user == officer and row.name == "skrip rekap"
    assert row.token_hash == totp.api_token_digest(token) and token not in row.token_hash
    assert token.startswith(row.prefix)

    assert client.get(WHOAMI, **bearer(token)).json() == {"username": "opd.uji"}
    # A token needs no CSRF token for writes.
    assert client.post(WHOAMI.replace("whoami", "ping"), **bearer(token)).status_code == 200

    record = AuditRecord.objects.get(action="token_created")
    assert record.actor == "opd.uji"
    text = audit_text()
    assert token not in text and PASSWORD not in text


def test_wrong_password_is_401(client, officer):
    assert_unauthenticated(ask(client, password="salah"))
    assert not ApiToken.objects.exists()
    assert AuditRecord.objects.filter(action="token_failed").count() == 1
    assert "salah" not in audit_text()


def test_unknown_user_and_role_less_user_are_401(client, officer, reference):
    from aduan.accounts.models import User

    assert_unauthenticated(ask(client, username="tidak.ada"))
    User.objects.create_user("tanpa.peran", password=PASSWORD)
    assert_unauthenticated(ask(client, username="tanpa.peran"))


def test_enrolled_account_needs_a_fresh_otp(client, enrolled):
    _user, secret = enrolled
    with time_machine.travel(START, tick=False) as t:
        assert_unauthenticated(ask(client))  # no otp
        assert_unauthenticated(ask(client, otp="000000"))
        code = totp.code_at(secret)
        assert ask(client, otp=code).status_code == 200
        assert_unauthenticated(ask(client, otp=code))  # the same code again
        t.shift(dt.timedelta(seconds=30))
        assert ask(client, otp=totp.code_at(secret)).status_code == 200


def test_production_requires_an_otp_even_without_enrolment(client, officer, settings):
    settings.ADUAN_REQUIRE_SECOND_FACTOR = True
    response = ask(client, otp="123456")
    assert_unauthenticated(response)
    assert "/staf/2fa/daftar" in response.json()["error"]["message"]


def test_token_requests_are_throttled_like_sign_in(client, officer):
    for _ in range(5):
        assert_unauthenticated(ask(client, password="salah"))
    response = ask(client)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert response["Retry-After"] == "900"


def test_expired_token_is_refused(client, officer):
    with time_machine.travel(START, tick=False) as t:
        _, token = services.create_api_token(officer)
        assert client.get(WHOAMI, **bearer(token)).status_code == 200
        t.shift(dt.timedelta(hours=8, seconds=1))
        assert_unauthenticated(client.get(WHOAMI, **bearer(token)))


def test_delete_revokes_the_presented_token(client, officer):
    _, token = services.create_api_token(officer)
    _, other = services.create_api_token(officer)
    response = client.delete(TOKEN_URL, **bearer(token))
    assert response.status_code == 204
    assert_unauthenticated(client.get(WHOAMI, **bearer(token)))
    assert_unauthenticated(client.delete(TOKEN_URL, **bearer(token)))
    assert client.get(WHOAMI, **bearer(other)).status_code == 200  # only the presented one
    assert AuditRecord.objects.filter(action="token_revoked").count() == 1
    assert token not in audit_text()


def test_delete_without_a_token_is_401(client, officer):
    assert_unauthenticated(client.delete(TOKEN_URL))
    client.force_login(officer)
    assert_unauthenticated(client.delete(TOKEN_URL))  # a session has no token to revoke


def test_bad_bearer_value_is_401_even_with_a_session(client, officer):
    client.force_login(officer)
    assert client.get(WHOAMI).status_code == 200
    assert_unauthenticated(client.get(WHOAMI, **bearer("aduan_palsu")))
    assert_unauthenticated(client.get(WHOAMI, **bearer("")))


def test_tokens_of_deactivated_or_role_less_users_are_refused(client, officer):
    _, token = services.create_api_token(officer)
    officer.is_active = False
    officer.save()
    assert_unauthenticated(client.get(WHOAMI, **bearer(token)))
    officer.is_active = True
    officer.role = ""
    officer.save()
    assert_unauthenticated(client.get(WHOAMI, **bearer(token)))


def test_bearer_auth_directly_and_last_used_at_once_a_minute(officer):
    auth = StaffBearerAuth()
    factory = RequestFactory()
    with time_machine.travel(START, tick=False) as t:
        row, token = services.create_api_token(officer)
        request = factory.get("/", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert auth(request) == officer
        assert request.api_token.pk == row.pk and request.user == officer
        row.refresh_from_db()
        assert row.last_used_at == START
        t.shift(dt.timedelta(seconds=30))
        auth(factory.get("/", HTTP_AUTHORIZATION=f"Bearer {token}"))
        row.refresh_from_db()
        assert row.last_used_at == START  # not rewritten within the minute
        t.shift(dt.timedelta(seconds=31))
        auth(factory.get("/", HTTP_AUTHORIZATION=f"Bearer {token}"))
        row.refresh_from_db()
        assert row.last_used_at == START + dt.timedelta(seconds=61)

        assert auth(factory.get("/")) is None  # no header: let the session auth try
        assert auth(factory.get("/", HTTP_AUTHORIZATION="Basic eDp5")) is None
        services.revoke_api_token(row, officer)
        assert auth.authenticate(factory.get("/"), token) is None


def test_session_post_without_cookie_is_401_not_a_csrf_error(client):
    assert_unauthenticated(client.post("/uji-api/ping"))


def test_session_post_still_needs_csrf(officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post("/uji-api/ping").status_code == 403


def test_token_page_creates_shows_once_and_revokes(client, officer):
    client.force_login(officer)
    assert client.get("/staf/token").status_code == 200
    response = client.post("/staf/token", {"action": "create", "name": "laptop"})
    assert response.status_code == 200
    row = ApiToken.objects.get()
    body = response.content.decode()
    token = body.split("<code>", 1)[1].split("</code>", 1)[0]
    assert row.token_hash == totp.api_token_digest(token)
    listing = client.get("/staf/token").content.decode()
    assert token not in listing and row.prefix in listing
    assert client.post(f"/staf/token/{row.pk}/cabut").status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_token_page_cannot_revoke_someone_elses_token(client, officer, make_user):
    row, _ = services.create_api_token(make_user("auditor"))
    client.force_login(officer)
    assert client.post(f"/staf/token/{row.pk}/cabut").status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None
