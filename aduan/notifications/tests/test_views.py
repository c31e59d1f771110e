"""The staff inbox (/staf/notifikasi), its unread count in the header, and the sysadmin's
outbox page (/staf/pesan-keluar) and admin list."""

import datetime as dt

import pytest
from django.urls import reverse

from aduan.cases.tests.builders import build
from aduan.core import clock
from aduan.core.models import AuditRecord
from aduan.notifications.context import unread_notifications
from aduan.notifications.models import (
    Channel,
    Notification,
    NotificationKind,
    OutboundMessage,
    OutboundStatus,
)
from aduan.notifications.selectors import PER_PAGE, records_url
from aduan.sweeps.models import LadderStep

from .conftest import ladder_notice, new_run


def notify(user, case, message, minutes_ago=0, read=False, kind=NotificationKind.CASE_EVENT):
    now = clock.now()
    return Notification.objects.create(
        user=user,
        case=case,
        kind=kind,
        message=f"{message}: {case.tracking_number}",
        created_at=now - dt.timedelta(minutes=minutes_ago),
        read_at=now if read else None,
    )


@pytest.fixture
def routed(staff):
    return build("routed", staff)


def test_inbox_lists_own_notifications_newest_first_with_unread_marked(client, staff, routed):
    officer = staff["officer_dpupr"]
    old = notify(officer, routed, "Disposisi baru untuk instansi Anda", minutes_ago=30, read=True)
    new = notify(officer, routed, "Pengingat tenggat", minutes_ago=1)
    notify(staff["officer_dinkes"], routed, "Milik orang lain")
    client.force_login(officer)
    response = client.get("/staf/notifikasi")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert page.index(new.message) < page.index(old.message)
    assert "Milik orang lain" not in page
    assert "Notifikasi (1 belum dibaca)" in page  # the header
    assert "Belum dibaca" in page and "Sudah dibaca" in page
    assert reverse("staff:case", args=[routed.tracking_number]) in page
    assert reverse("notifications:mark_read", args=[new.pk]) in page
    assert reverse("notifications:mark_read", args=[old.pk]) not in page  # already read
    assert routed.title not in page and "Siti" not in page


def test_mark_one_and_all_read(client, staff, routed):
    officer = staff["officer_dpupr"]
    first = notify(officer, routed, "Satu", minutes_ago=2)
    notify(officer, routed, "Dua", minutes_ago=1)
    client.force_login(officer)
    response = client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == "/staf/notifikasi"
    first.refresh_from_db()
    assert first.read_at is not None
    assert "Notifikasi (1 belum dibaca)" in client.get("/staf/laporan").content.decode()

    response = client.post(reverse("notifications:mark_all_read"), {"page": "2"})
    assert response["Location"] == "/staf/notifikasi?page=2"
    assert not Notification.objects.filter(user=officer, read_at__isnull=True).exists()
    page = client.get("/staf/notifikasi").content.decode()
    assert "belum dibaca)" not in page and ">Notifikasi</a>" in page


def test_someone_elses_notification_cannot_be_marked(client, staff, routed):
    other = notify(staff["officer_dinkes"], routed, "Bukan milik Anda")
    client.force_login(staff["officer_dpupr"])
    assert client.post(reverse("notifications:mark_read", args=[other.pk])).status_code == 404
    assert client.get(reverse("notifications:mark_read", args=[other.pk])).status_code == 405
    other.refresh_from_db()
    assert other.read_at is None


def test_marking_needs_the_csrf_token(staff, routed):
    from django.test import Client

    mine = notify(staff["officer_dpupr"], routed, "Satu")
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["officer_dpupr"])
    assert client.post(reverse("notifications:mark_read", args=[mine.pk])).status_code == 403
    assert client.post(reverse("notifications:mark_all_read")).status_code == 403
    mine.refresh_from_db()
    assert mine.read_at is None


def test_escalation_about_a_case_out_of_sight_links_to_the_register(client, staff, routed):
    """The Inspektorat is told of a public-track escalation it cannot open."""
    run = new_run()
    (notice,) = ladder_notice(run, routed, LadderStep.ESCALATED, [staff["wbs"]])
    notify(staff["wbs"], routed, "Peristiwa lain")  # a case event: no link at all
    client.force_login(staff["wbs"])
    page = client.get("/staf/notifikasi").content.decode()
    assert notice.message in page
    assert reverse("staff:case", args=[routed.tracking_number]) not in page
    register = records_url()
    link = f'<a href="{register}">Lihat daftar ketidakpatuhan</a>'
    assert page.count(link) == (1 if register else 0)  # not for the plain case event


def test_inbox_is_paginated(client, staff, routed):
    officer = staff["officer_dpupr"]
    for n in range(PER_PAGE + 3):
        notify(officer, routed, f"Pemberitahuan nomor {n:02d}", minutes_ago=n)
    client.force_login(officer)
    first = client.get("/staf/notifikasi").content.decode()
    second = client.get("/staf/notifikasi?page=2").content.decode()
    assert "Pemberitahuan nomor 00" in first and "Pemberitahuan nomor 00" not in second
    assert f"Pemberitahuan nomor {PER_PAGE + 2}" in second
    assert "Halaman 2 dari 2" in second
    assert client.get("/staf/notifikasi?page=abc").status_code == 200


def test_inbox_costs_the_same_queries_whatever_it_holds(client, staff, routed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = staff["officer_dpupr"]
    client.force_login(officer)

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staf/notifikasi").status_code == 200
        return len(queries)

    notify(officer, routed, "Satu")
    cost()
    few = cost()
    for n in range(10):
        notify(officer, build("routed", staff), f"Lagi {n}")
    assert cost() == few


def test_unread_count_only_on_staff_pages(rf, staff):
    request = rf.get("/lacak")
    request.user = staff["coordinator"]
    assert unread_notifications(request) == {}
    request = rf.get("/staf/laporan")
    request.user = staff["coordinator"]
    assert str(unread_notifications(request)["unread_notifications"]) == "0"


def test_inbox_needs_a_signed_in_staff_member(client):
    response = client.get("/staf/notifikasi")
    assert response.status_code == 302
    assert response["Location"].startswith("/staf/masuk?next=")


# The sysadmin's outbox ------------------------------------------------------------------------


def outbound(case=None, user=None, status=OutboundStatus.FAILED, **fields):
    now = clock.now()
    return OutboundMessage.objects.create(
        channel=fields.pop("channel", Channel.EMAIL),
        template=fields.pop("template", "reporter_case_updated"),
        case=case,
        user=user,
        status=status,
        attempts=fields.pop("attempts", 5),
        last_error=fields.pop("last_error", "SMTPServerDisconnected"),
        created_at=now,
        next_attempt_at=None if status == OutboundStatus.FAILED else now,
        **fields,
    )


def test_outbox_page_lists_failed_and_pending_never_an_address(client, staff, routed):
    failed = outbound(case=routed)
    staff["head_dpupr"].email = "kepala.dpupr@kalselprov.go.id"
    staff["head_dpupr"].save()
    pending = outbound(
        case=routed, user=staff["head_dpupr"], status=OutboundStatus.PENDING, attempts=2,
        template="staff_notice", last_error="GatewayRejected",
    )  # fmt: skip
    sent = outbound(case=routed, status=OutboundStatus.SENT, last_error="", attempts=1)
    client.force_login(staff["sysadmin"])
    page = client.get("/staf/pesan-keluar").content.decode()
    for message in (failed, pending):
        assert f"#{message.pk}" in page
    assert f"#{sent.pk}<" not in page
    assert "SMTPServerDisconnected" in page and "GatewayRejected" in page
    assert routed.tracking_number in page and "petugas" in page
    assert page.count("Coba lagi</button>") == 1  # only the failed one
    assert "kalselprov.go.id" not in page and "Siti" not in page and routed.title not in page

    only_failed = client.get("/staf/pesan-keluar?status=failed").content.decode()
    assert f"#{failed.pk}<" in only_failed and f"#{pending.pk}<" not in only_failed


@pytest.mark.parametrize("role", ["coordinator", "officer_dpupr", "supervisor", "auditor", "wbs"])
def test_outbox_is_for_the_sysadmin_only(client, staff, routed, role):
    failed = outbound(case=routed)
    client.force_login(staff[role])
    assert client.get("/staf/pesan-keluar").status_code == 404
    assert client.post(reverse("notifications:retry", args=[failed.pk])).status_code == 404
    failed.refresh_from_db()
    assert failed.status == OutboundStatus.FAILED


def test_retry_puts_a_failed_message_back_and_is_audited(
    client, staff, routed, django_capture_on_commit_callbacks
):
    failed = outbound(case=routed, last_error="ConnectionRefusedError")
    client.force_login(staff["sysadmin"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("notifications:retry", args=[failed.pk]))
    assert response.status_code == 302 and response["Location"] == "/staf/pesan-keluar"
    assert len(callbacks) == 1  # the delivery task, after commit
    failed.refresh_from_db()
    assert failed.status == OutboundStatus.PENDING
    assert failed.attempts == 0
    assert failed.next_attempt_at is not None
    record = AuditRecord.objects.get(action="outbound_retry")
    assert record.details == {
        "channel": "email",
        "template": "reporter_case_updated",
        "attempts": 5,
        "last_error": "ConnectionRefusedError",
    }
    # Only a failed message can be retried.
    assert client.post(reverse("notifications:retry", args=[failed.pk])).status_code == 404
    assert client.get(reverse("notifications:retry", args=[failed.pk])).status_code == 405


def test_outbox_in_the_admin_is_read_only(client, staff, routed):
    failed = outbound(case=routed)
    outbound(case=routed, status=OutboundStatus.SENT)
    client.force_login(staff["sysadmin"])
    listing = client.get("/admin/notifications/outboundmessage/?status__exact=failed")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "SMTPServerDisconnected" in text and routed.tracking_number in text
    assert routed.title not in text and "Siti" not in text
    assert client.get("/admin/notifications/outboundmessage/add/").status_code == 403
    detail = client.get(f"/admin/notifications/outboundmessage/{failed.pk}/change/")
    assert detail.status_code == 200
    assert b'name="status"' not in detail.content  # nothing to edit
    deleted = client.post(f"/admin/notifications/outboundmessage/{failed.pk}/delete/")
    assert deleted.status_code == 403
    assert client.get("/admin/notifications/notification/").status_code == 404
