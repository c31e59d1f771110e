"""Protection services: request → 7-day deadline → decision the reporter reads; retaliation
linked to the case and sent to the Inspektorat; the overdue query for the sweep."""

import datetime as dt

import pytest
import time_machine

from aduan.cases.actors import ReporterActor
from aduan.core import clock
from aduan.core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from aduan.core.models import AuditRecord
from aduan.notifications.models import Notification, NotificationKind, OutboundMessage
from aduan.protection import services
from aduan.protection.models import ProtectionRequest
from aduan.protection.selectors import overdue_protection_requests, reporter_protection

from .conftest import ACCOUNT

pytestmark = pytest.mark.django_db


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=clock.WITA)


def test_request_gets_a_seven_calendar_day_deadline(reported):
    case, _, reporter = reported
    with time_machine.travel(at("2026-12-24 10:00"), tick=False):  # Christmas Eve: counts too
        record = services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
    assert record.due_at == at("2026-12-31 23:59:59")
    assert record.is_pending and record.status_label == "Menunggu keputusan"
    assert record.reference.startswith("PRL-")


def test_request_reaches_the_inspectorate_and_is_audited_without_text(reported, staff):
    case, _, reporter = reported
    record = services.request_protection(reporter, case, kind="legal_aid", description=ACCOUNT)
    notice = Notification.objects.get(user=staff["wbs"])
    assert notice.kind == NotificationKind.PROTECTION and notice.case_id == case.pk
    assert record.reference in notice.message and ACCOUNT not in notice.message
    assert not Notification.objects.filter(user=staff["officer_dpupr"]).exists()
    audit = AuditRecord.objects.get(action="protection_request")
    assert audit.details == {"case": case.tracking_number, "kind": "legal_aid"}
    assert audit.actor == "reporter"


def test_the_account_is_sealed_at_rest(reported):
    case, _, reporter = reported
    record = services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
    row = ProtectionRequest.objects.filter(pk=record.pk).values().get()
    assert all(ACCOUNT not in str(value) for value in row.values())
    assert services.unseal(record.reference, "description", row["description_enc"]) == ACCOUNT


def test_decision_is_visible_to_the_reporter_and_told_by_the_outbox(
    reported, staff, django_capture_on_commit_callbacks
):
    case, _, reporter = reported
    record = services.request_protection(reporter, case, kind="transfer", description=ACCOUNT)
    note = "Dikabulkan: BKD memproses pemindahan Anda dalam 14 hari."
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(staff["wbs"], record, outcome="granted", note=note)
    mine = reporter_protection(case)
    assert len(mine) == 1
    assert mine[0].status == "granted" and mine[0].status_label == "Dikabulkan"
    assert mine[0].decision_note == note and mine[0].decided_at is not None
    message = OutboundMessage.objects.get(case=case, event__isnull=True)
    assert message.template == "reporter_case_updated"
    audit = AuditRecord.objects.get(action="protection_decision")
    assert audit.details["outcome"] == "granted" and audit.details["late"] is False


def test_decision_once_only_and_only_by_the_inspectorate(reported, staff):
    case, _, reporter = reported
    record = services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
    for role in ("coordinator", "officer_dpupr", "supervisor", "custodian", "sysadmin"):
        with pytest.raises(NotPermitted):
            services.decide(staff[role], record, outcome="granted", note="Dikabulkan saja ya.")
    with pytest.raises(NotPermitted):
        services.decide(reporter, record, outcome="granted", note="Saya kabulkan sendiri.")
    with pytest.raises(ValidationFailed):
        services.decide(staff["wbs"], record, outcome="maybe", note="Belum tahu keputusannya.")
    with pytest.raises(ValidationFailed):
        services.decide(staff["wbs"], record, outcome="refused", note="")
    services.decide(staff["wbs"], record, outcome="referred", note="Dirujuk ke LPSK, Jakarta.")
    with pytest.raises(InvalidTransition):
        services.decide(staff["wbs"], record, outcome="granted", note="Berubah pikiran saja.")


def test_only_the_receipt_holder_of_that_case_may_ask(reported, staff):
    case, _, _ = reported
    with pytest.raises(NotFound):
        services.request_protection(
            ReporterActor(case_id=case.pk + 999), case, kind="threat", description=ACCOUNT
        )
    with pytest.raises(NotFound):
        services.request_protection(staff["wbs"], case, kind="threat", description=ACCOUNT)


def test_invalid_requests(reported):
    case, _, reporter = reported
    with pytest.raises(ValidationFailed) as caught:
        services.request_protection(reporter, case, kind="retaliation", description=ACCOUNT)
    assert "kind" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        services.request_protection(reporter, case, kind="threat", description="tolong")
    assert "description" in caught.value.fields
    services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
    with pytest.raises(InvalidTransition):  # the same kind is still pending
        services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
    services.request_protection(reporter, case, kind="legal_aid", description=ACCOUNT)
    assert ProtectionRequest.objects.filter(case=case).count() == 2


def test_retaliation_is_linked_to_the_case_and_sent_to_the_inspectorate(reported, staff):
    case, _, reporter = reported
    record = services.report_retaliation(
        reporter, case, adverse_action="transfer", description=ACCOUNT
    )
    assert record.kind == "retaliation" and record.case_id == case.pk
    assert record.adverse_action == "transfer"
    notice = Notification.objects.get(user=staff["wbs"])
    assert "pembalasan" in notice.message and case.tracking_number in notice.message
    # Nothing of it in the case timeline the routed agency reads.
    assert not case.events.filter(action__icontains="protection").exists()
    assert not case.events.filter(action__icontains="retaliation").exists()
    with pytest.raises(ValidationFailed):
        services.report_retaliation(reporter, case, adverse_action="nope", description=ACCOUNT)


def test_overdue_requests_for_the_sweep(reported, staff):
    case, _, reporter = reported
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):
        late = services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
        decided = services.request_protection(reporter, case, kind="legal_aid", description=ACCOUNT)
        services.decide(staff["wbs"], decided, outcome="refused", note="Tidak memenuhi syarat.")
    with time_machine.travel(at("2026-11-05 09:00"), tick=False):
        fresh = services.request_protection(
            reporter, case, kind="psychological_aid", description=ACCOUNT
        )
    assert list(overdue_protection_requests(at("2026-11-09 23:59:59"))) == []
    assert list(overdue_protection_requests(at("2026-11-10 00:00"))) == [late]
    assert list(overdue_protection_requests(at("2026-11-13 00:00"))) == [late, fresh]
