"""Staff sign-in in the browser: password, second factor, recovery codes, throttling,
sign-out, idle timeout, enrolment under production settings."""

import datetime as dt
import json
import re

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY

from aduan.accounts.gate import SECOND_FACTOR_SESSION_KEY
from aduan.accounts.models import RecoveryCode, User
from aduan.core import clock
from aduan.core.models import AuditRecord
from aduan.crypto import totp

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/staf/masuk"
SECOND = "/staf/2fa"
ENROL = "/staf/2fa/daftar"
PROTECTED = "/uji/rahasia"


def login(client, username="opd.uji", password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def audit_text() -> str:
    rows = AuditRecord.objects.values("actor", "action", "target", "details")
    return json.dumps(list(rows), default=str)


# --- Password ---------------------------------------------------------------------------------


def test_login_page_renders_without_javascript(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body and 'name="password"' in body
    assert "<script" not in body
    assert "no-store" in response["Cache-Control"]


def test_login_without_second_factor_in_development(client, officer, settings):
    settings.ADUAN_REQUIRE_SECOND_FACTOR = False
    response = login(client, next=PROTECTED)
    assert response.status_code == 302
    assert response["Location"] == PROTECTED
    assert client.get(PROTECTED).content == b"halo opd.uji"
    record = AuditRecord.objects.get(action="login")
    assert record.actor == "opd.uji"
    assert PASSWORD not in audit_text()


def test_wrong_password_is_refused_and_logged_without_the_password(client, officer):
    response = login(client, password="salah-" + PASSWORD)
    assert response.status_code == 400
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert AuditRecord.objects.filter(action="login_failed", actor="anonymous").count() == 1
    assert PASSWORD not in audit_text()
    assert "opd.uji" not in audit_text()


def test_a_user_without_a_role_cannot_enter(client, reference):
    User.objects.create_user("tanpa.peran", password=PASSWORD)
    response = login(client, username="tanpa.peran")
    assert response.status_code == 400
    assert SESSION_KEY not in client.session
    # Even with a session made some other way, the staff gate and API refuse.
    client.force_login(User.objects.get(username="tanpa.peran"))
    response = client.get(PROTECTED)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.get("/uji-api/whoami").status_code == 401


def test_inactive_user_cannot_enter(client, officer):
    officer.is_active = False
    officer.save()
    assert login(client).status_code == 400


@pytest.mark.parametrize(
    "next_url", ["https://jahat.example/", "//jahat.example/x", "javascript:alert(1)"]
)
def test_next_must_stay_on_this_site(client, officer, next_url):
    response = login(client, next=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/staf/"


def test_anonymous_staff_page_goes_to_login_with_next(client):
    response = client.get(PROTECTED)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fuji%2Frahasia"


# --- Throttling -------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_username(client, officer):
    for _ in range(5):
        assert login(client, password="salah").status_code == 400
    response = login(client)  # right password, but locked
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "coba lagi dalam 15 menit" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_five_failures_from_one_client_lock_that_client(client, officer):
    for i in range(5):
        assert login(client, username=f"tebakan{i}", password="salah").status_code == 400
    assert login(client).status_code == 429


def test_lock_expires_after_the_window(client, officer):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as t:
        for _ in range(5):
            login(client, password="salah")
        assert login(client).status_code == 429
        t.shift(dt.timedelta(minutes=16))
        assert login(client).status_code == 302


def test_the_lock_holds_for_another_client(client, officer):
    from django.test import Client

    for _ in range(5):
        login(client, password="salah")
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert login(other).status_code == 429


# --- Second factor ----------------------------------------------------------------------------


def test_enrolled_user_must_pass_the_second_factor(client, enrolled):
    _user, secret = enrolled
    response = login(client, next=PROTECTED)
    assert response.status_code == 302
    assert response["Location"] == f"{SECOND}?next=%2Fuji%2Frahasia"
    # Password alone does not open staff pages or the API.
    assert client.get(PROTECTED)["Location"] == "/staf/2fa"
    assert client.get("/uji-api/whoami").status_code == 401

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()

    wrong = client.post(SECOND, {"code": "000000", "next": PROTECTED})
    assert wrong.status_code == 400
    assert "Kode tidak cocok" in wrong.content.decode()

    before = client.session.session_key
    response = client.post(SECOND, {"code": totp.code_at(secret), "next": PROTECTED})
    assert response.status_code == 302
    assert response["Location"] == PROTECTED
    assert client.session[SECOND_FACTOR_SESSION_KEY] is True
    assert client.session.session_key != before  # cycled after the second factor
    assert client.get(PROTECTED).status_code == 200
    assert client.get("/uji-api/whoami").json() == {"username": "opd.uji"}
    actions = list(AuditRecord.objects.values_list("action", flat=True))
    assert actions == ["login", "second_factor_failed", "second_factor_ok"]


def test_a_totp_code_cannot_be_used_twice(client, enrolled):
    from django.test import Client

    _user, secret = enrolled
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC), tick=False):
        code = totp.code_at(secret)
        login(client)
        assert client.post(SECOND, {"code": code}).status_code == 302
        other = Client()
        login(other)
        assert other.post(SECOND, {"code": code}).status_code == 400


def test_recovery_code_works_once(client, enrolled):
    from django.test import Client

    from aduan.accounts import services

    user, _secret = enrolled
    codes = services._new_recovery_codes(user)
    assert len(codes) == 10 and len(set(codes)) == 10
    login(client)
    # Lower case, no dash: still the same code.
    response = client.post(SECOND, {"code": codes[3].lower().replace("-", "")})
    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 200
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=False).count() == 1

    other = Client()
    login(other)
    assert other.post(SECOND, {"code": codes[3]}).status_code == 400
    assert other.post(SECOND, {"code": codes[4]}).status_code == 302
    assert AuditRecord.objects.filter(action="second_factor_ok").count() == 2
    for code in codes:
        assert code not in audit_text()


def test_wrong_second_factor_codes_are_throttled(client, enrolled):
    _user, secret = enrolled
    login(client)
    for _ in range(5):
        assert client.post(SECOND, {"code": "000000"}).status_code == 400
    response = client.post(SECOND, {"code": totp.code_at(secret)})
    assert response.status_code == 429
    assert SECOND_FACTOR_SESSION_KEY not in client.session


def test_second_factor_page_needs_a_password_first(client, enrolled):
    response = client.get(SECOND)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Production: enrolment is compulsory ------------------------------------------------------


def test_production_forces_enrolment_before_any_staff_page(client, officer, settings):
    settings.ADUAN_REQUIRE_SECOND_FACTOR = True
    response = login(client, next=PROTECTED)
    assert response["Location"] == f"{ENROL}?next=%2Fuji%2Frahasia"
    # No staff page, no API, and the 2FA page sends to enrolment.
    assert client.get(PROTECTED)["Location"] == SECOND
    assert client.get(SECOND)["Location"] == ENROL
    assert client.get("/uji-api/whoami").status_code == 401

    page = client.get(ENROL, {"next": PROTECTED})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    body = page.content.decode()
    assert "<svg" in body and "<img" not in body  # drawn locally, inline
    assert "http" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )
    officer.refresh_from_db()
    secret = officer.get_totp_secret()
    assert totp.grouped(secret) in body
    assert officer.totp_confirmed_at is None
    # The same pending secret on reload (the app may already have scanned it).
    client.get(ENROL)
    officer.refresh_from_db()
    assert officer.get_totp_secret() == secret

    assert client.post(ENROL, {"code": "123456", "next": PROTECTED}).status_code in (400,)
    done = client.post(ENROL, {"code": totp.code_at(secret), "next": PROTECTED})
    assert done.status_code == 200
    codes = re.findall(r"<code>([0-9A-Z]{5}-[0-9A-Z]{5})</code>", done.content.decode())
    assert len(codes) == 10
    assert "no-store" in done["Cache-Control"]
    officer.refresh_from_db()
    assert officer.totp_confirmed_at is not None
    assert client.get(PROTECTED).status_code == 200
    assert AuditRecord.objects.filter(action="second_factor_enrolled").exists()


def test_enrolled_user_can_make_new_recovery_codes_with_a_code(client, enrolled):
    user, secret = enrolled
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC), tick=False) as t:
        login(client)
        client.post(SECOND, {"code": totp.code_at(secret)})
        assert client.get(ENROL).status_code == 200
        t.shift(dt.timedelta(seconds=30))
        response = client.post(ENROL, {"code": totp.code_at(secret)})
    assert response.status_code == 200
    assert len(re.findall(r"<code>[0-9A-Z]{5}-[0-9A-Z]{5}</code>", response.content.decode())) == 10
    assert RecoveryCode.objects.filter(user=user).count() == 10


def test_enrolment_secret_is_sealed_to_its_user(officer, make_user):
    from aduan.accounts import services
    from aduan.crypto import DecryptionFailed

    secret = services.start_enrolment(officer)
    assert secret not in officer.totp_secret_enc
    other = make_user("auditor")
    other.totp_secret_enc = officer.totp_secret_enc  # copied to another row: does not open
    with pytest.raises(DecryptionFailed):
        other.get_totp_secret()


# --- Sign-out and idle timeout ----------------------------------------------------------------


def test_logout_takes_a_post(client, officer):
    login(client)
    page = client.get("/staf/keluar")
    assert page.status_code == 200
    assert SESSION_KEY in client.session  # a GET does not sign out
    response = client.post("/staf/keluar")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert SESSION_KEY not in client.session
    assert client.get(PROTECTED).status_code == 302
    record = AuditRecord.objects.get(action="logout")
    assert record.actor == "opd.uji" and record.details == {"reason": "user"}


@pytest.fixture
def idle_middleware(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "aduan.accounts.middleware.StaffIdleTimeoutMiddleware",
    ]


def test_idle_session_ends_after_thirty_minutes(client, officer, idle_middleware):
    start = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as t:
        login(client)
        assert client.get(PROTECTED).status_code == 200
        # Active every 20 minutes for two hours: stays signed in.
        for _ in range(6):
            t.shift(dt.timedelta(minutes=20))
            assert client.get(PROTECTED).status_code == 200
        t.shift(dt.timedelta(minutes=31))
        response = client.get(PROTECTED)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert SESSION_KEY not in client.session
    record = AuditRecord.objects.get(action="logout")
    assert record.details == {"reason": "idle"}


def test_idle_timeout_is_a_setting(client, officer, idle_middleware, settings):
    settings.ADUAN_STAFF_IDLE_SECONDS = 5 * 60
    with time_machine.travel(dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC), tick=False) as t:
        login(client)
        assert client.get(PROTECTED).status_code == 200
        t.shift(dt.timedelta(minutes=6))
        assert client.get(PROTECTED).status_code == 302


def test_idle_timeout_does_not_touch_anonymous_requests(client, idle_middleware):
    assert client.get(LOGIN).status_code == 200
    assert not client.session.keys()


def test_session_cookie_age_is_eight_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert clock.now()  # the clock is what the middleware reads
