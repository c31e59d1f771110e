"""A protection decision past its 7 days is brought to the Inspektorat once, by the sweep."""

import datetime as dt

import pytest

from aduan.notifications.models import Notification
from aduan.protection import services
from aduan.protection.overdue import notify_overdue
from aduan.sweeps.runner import run_sweep

from .conftest import ACCOUNT

pytestmark = pytest.mark.django_db


def test_overdue_request_reported_once_to_the_inspectorate(reported, staff, make_user):
    case, _, reporter = reported
    inspektur = make_user("agency_head", "INSPEKTORAT")
    record = services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
    Notification.objects.all().delete()  # the notices of the request itself
    assert notify_overdue(record.due_at - dt.timedelta(minutes=1)) == 0
    later = record.due_at + dt.timedelta(minutes=1)
    run = run_sweep(later, duties=["protection"])
    assert run.counts["protection"] == {"overdue_reported": 1}
    notices = Notification.objects.filter(kind="protection")
    assert {n.user for n in notices} == {staff["wbs"], inspektur}
    assert all(record.reference in n.message for n in notices)
    assert notify_overdue(later) == 0  # once
