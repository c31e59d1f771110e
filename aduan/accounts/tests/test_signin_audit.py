"""Sign-in and sign-out in the audit log (aduan.accounts.services): every success and failure,
the account a failure aimed at when the name is one, never a password or a name as typed."""

import json

import pytest

from aduan.core import audit
from aduan.core.models import AuditRecord

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN, LOGOUT = "/staf/masuk", "/staf/keluar"


def logged() -> list[tuple[str, str, str]]:
    return list(AuditRecord.objects.order_by("id").values_list("actor", "action", "target"))


def everything_logged() -> str:
    rows = AuditRecord.objects.values("actor", "actor_role", "action", "target", "details")
    return json.dumps(list(rows), default=str)


def test_login_and_logout_are_chained(client, officer):
    client.post(LOGIN, {"username": "opd.uji", "password": PASSWORD})
    client.post(LOGOUT)
    target = f"user:{officer.pk}"
    assert logged() == [("opd.uji", "login", target), ("opd.uji", "logout", target)]
    assert audit.check_chain().problem is None


def test_a_failure_names_the_account_aimed_at_but_not_the_password(client, officer):
    client.post(LOGIN, {"username": "opd.uji", "password": "salah-" + PASSWORD})
    assert logged() == [("anonymous", "login_failed", f"user:{officer.pk}")]
    assert PASSWORD not in everything_logged()


def test_a_failure_with_an_unknown_name_logs_no_name(client, officer):
    # A password typed into the username field must not land in the log.
    client.post(LOGIN, {"username": PASSWORD, "password": PASSWORD})
    assert logged() == [("anonymous", "login_failed", "")]
    assert PASSWORD not in everything_logged()


def test_no_ip_address_is_logged(client, officer):
    client.post(LOGIN, {"username": "opd.uji", "password": "salah"}, REMOTE_ADDR="203.0.113.77")
    client.post(LOGIN, {"username": "opd.uji", "password": PASSWORD}, REMOTE_ADDR="203.0.113.77")
    assert "203.0.113" not in everything_logged()
