"""Every case event a service writes (aduan.cases.services.base.record_event) is also in the
audit log: who, which case, which move — never the note, the message or the identity."""

import json

import pytest

from aduan.cases import services
from aduan.cases.models import CaseEvent
from aduan.core import audit
from aduan.core.errors import NotFound, NotPermitted
from aduan.core.models import AuditRecord

from .builders import REPORTER_DATA, build

pytestmark = pytest.mark.django_db


def test_each_transition_is_in_the_chain_without_content(staff):
    case = build("closed", staff, privacy="open")
    target = f"case:{case.tracking_number}"
    logged = list(AuditRecord.objects.filter(action="case_event", target=target).order_by("id"))
    events = list(CaseEvent.objects.filter(case=case).order_by("id"))
    assert [r.details["event"] for r in logged] == [e.action for e in events]
    assert [(r.details["from_status"], r.details["to_status"]) for r in logged] == [
        (e.from_status, e.to_status) for e in events
    ]
    route = next(r for r in logged if r.details["event"] == "route")
    assert (route.actor, route.actor_role) == ("koordinator", "coordinator")
    accept = next(r for r in logged if r.details["event"] == "accept")
    assert accept.actor == "opd.dpupr" and accept.details["assignment"]
    create = logged[0]
    assert (create.actor, create.actor_role) == ("reporter", "reporter")
    text = json.dumps([r.details for r in logged])
    for secret in (REPORTER_DATA.name, REPORTER_DATA.nik, "Jalan berlubang", "Ditambal", "Segera"):
        assert secret not in text
    assert audit.check_chain().problem is None


def test_a_refused_transition_leaves_no_record(staff):
    case = build("received", staff)
    before = AuditRecord.objects.count()
    with pytest.raises((NotPermitted, NotFound)):  # the officer cannot even see it yet
        services.route(staff["officer_dpupr"], case, agencies=["DPUPR"])
    assert AuditRecord.objects.count() == before
