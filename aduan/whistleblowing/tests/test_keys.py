"""Officers joining and leaving (issue 6): a leaver opens neither old nor new cases; a newcomer
opens old cases once a colleague's sign-in has re-wrapped them; the key is unlocked at sign-in
and held half in the session, half in a cookie."""

import pytest
from django.test import RequestFactory

from aduan.crypto.fields import DecryptionFailed
from aduan.whistleblowing import keyring, services
from aduan.whistleblowing.models import CaseKeyGrant, KeyHolder
from aduan.whistleblowing.receivers import unlock_keys

pytestmark = pytest.mark.django_db

PASSWORD = "x"  # aduan/conftest.py make_user


def report(**overrides) -> services.WbsReport:
    fields = {
        "what": "Pejabat pengadaan meminta setoran lima persen dari setiap termin.",
        "reported_name": "Fulan bin Fulan",
        "reported_position": "Pejabat Pembuat Komitmen",
        "reported_agency_code": "DPUPR",
    }
    return services.WbsReport(**{**fields, **overrides})


def sign_in(user) -> bytes:
    """What the sign-in does for a key holder (unlock, and re-wrap for colleagues)."""
    request = RequestFactory().post("/staf/masuk")
    request.session = {}
    request.user = user
    unlock_keys(sender=None, request=request, user=user, password=PASSWORD)
    return keyring.unlock_at_sign_in(user, PASSWORD)


def test_a_leaver_opens_nothing_and_a_newcomer_opens_after_rewrap(make_user):
    alice = make_user("wbs_officer", "INSPEKTORAT")
    bob = make_user("wbs_officer", "INSPEKTORAT")
    alice_key, bob_key = sign_in(alice), sign_in(bob)
    old_case, _ = services.submit_report(report())
    assert services.open_for_officer(bob, bob_key, old_case).reported_name == "Fulan bin Fulan"

    bob.is_active = False
    bob.save()
    assert not KeyHolder.objects.filter(user=bob).exists()
    new_case, _ = services.submit_report(report())
    for case in (old_case, new_case):
        with pytest.raises(DecryptionFailed):
            services.open_for_officer(bob, bob_key, case)
    assert not CaseKeyGrant.objects.filter(holder__user=bob).exists()

    carol = make_user("wbs_officer", "INSPEKTORAT")
    carol_key = sign_in(carol)
    with pytest.raises(DecryptionFailed):  # the cases were sealed before she joined
        services.open_for_officer(carol, carol_key, old_case)
    sign_in(alice)  # a colleague who can open them signs in: their keys are wrapped for carol
    for case in (old_case, new_case):
        assert "setoran" in services.open_for_officer(carol, carol_key, case).what
    assert "setoran" in services.open_for_officer(alice, alice_key, new_case).what


def test_a_wrong_session_half_opens_nothing(client, make_user):
    officer = make_user("wbs_officer", "INSPEKTORAT", username="wbs.sesi")
    response = client.post("/staf/masuk", {"username": "wbs.sesi", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[keyring.COOKIE_NAME]
    assert cookie["httponly"] and cookie["path"] == "/staf/"
    sealed = client.session[keyring.SESSION_FIELD]

    def request_with(cookie_value):
        request = RequestFactory().get("/staf/")
        request.user = officer
        request.session = {keyring.SESSION_FIELD: sealed}
        request.COOKIES[keyring.COOKIE_NAME] = cookie_value
        return request

    private = keyring.session_private_key(request_with(cookie.value))
    assert private == keyring.unlock_at_sign_in(officer, PASSWORD)
    assert keyring.session_private_key(request_with("A" * 43)) is None


def test_the_coordinator_holds_no_key(client, make_user):
    make_user("coordinator", "DISKOMINFO", username="koor.sesi")
    response = client.post("/staf/masuk", {"username": "koor.sesi", "password": PASSWORD})
    assert response.status_code == 302
    assert keyring.COOKIE_NAME not in response.cookies
    assert not KeyHolder.objects.exists()


def test_a_conflicted_officer_never_receives_the_case_key(make_user):
    from aduan.agencies.models import Agency

    fine = make_user("wbs_officer", "INSPEKTORAT")
    seconded = make_user("wbs_officer", "INSPEKTORAT")
    seconded.agency = Agency.objects.get(code="DPUPR")  # working in the reported agency
    seconded.save()
    for officer in (fine, seconded):
        sign_in(officer)
    case, _ = services.submit_report(report(reported_agency_code="DPUPR"))
    holders = set(CaseKeyGrant.objects.filter(case=case).values_list("holder__user", flat=True))
    assert fine.pk in holders and seconded.pk not in holders
    sign_in(fine)  # a colleague's re-wrap does not hand it over either
    assert not CaseKeyGrant.objects.filter(case=case, holder__user=seconded).exists()


def test_a_report_about_the_inspektur_stays_visible_to_forward_it(make_user):
    from aduan.whistleblowing.models import Conflict

    officer = make_user("wbs_officer", "INSPEKTORAT")
    sign_in(officer)
    case, _ = services.submit_report(
        report(reported_rank="inspektur", reported_agency_code="INSPEKTORAT")
    )
    assert not Conflict.objects.filter(case=case).exists()
    assert CaseKeyGrant.objects.filter(case=case, holder__user=officer).exists()
