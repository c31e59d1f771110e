"""Other apps plug their data into the purge (the WBS app's sealed tables will): purgers per
scope, and holds that keep a case out of every purge."""

import datetime as dt

import pytest
import time_machine

from aduan.cases.models import Case, ReporterIdentity
from aduan.cases.tests.builders import build
from aduan.retention import registry
from aduan.retention.models import PurgeRecord
from aduan.retention.services import purge_expired

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.datetime.fromisoformat("2026-02-02T10:00:00+08:00")
LATER = CLOSED_ON + dt.timedelta(days=4000)


@pytest.fixture
def plug_in():
    calls = []

    @registry.register_purger("identity", "sealed_identity")
    def purge_sealed(case_ids):
        calls.append(list(case_ids))
        return {case_id: 2 for case_id in case_ids}

    yield calls
    registry.unregister_purger("identity", "sealed_identity")


def test_the_built_in_purgers_are_registered():
    # The cases app's own, and the WBS app's (crypto-shredding, aduan/whistleblowing/purgers.py).
    names = {scope: [p.name for p in registry.purgers_for(scope)]
             for scope in ("identity", "files", "content")}  # fmt: skip
    assert names == {
        "identity": ["reporter_identity", "wbs_sealed_identity"],
        "files": ["attachments"],
        "content": [
            "assignment_texts",
            "case_text",
            "event_notes",
            "feedback_comments",
            "messages",
            "wbs_sealed_content",
        ],
    }


def test_a_plugged_in_purger_gets_the_expired_cases_and_is_recorded(staff, plug_in):
    with time_machine.travel(CLOSED_ON, tick=False):
        case = build("archived", staff)
    counts = purge_expired(LATER)
    assert plug_in == [[case.pk]]
    assert counts["items"]["sealed_identity"] == 2
    record = PurgeRecord.objects.get(case=case, scope="identity")
    assert record.items == {"reporter_identity": 1, "sealed_identity": 2}
    purge_expired(LATER)
    assert plug_in == [[case.pk]]  # once


def test_a_held_case_is_skipped_until_the_hold_ends(staff):
    with time_machine.travel(CLOSED_ON, tick=False):
        held = build("archived", staff)
        free = build("archived", staff)
    registry.register_hold("legal", lambda: Case.objects.filter(pk=held.pk).values("pk"))
    try:
        purge_expired(LATER)
        assert ReporterIdentity.objects.filter(case=held).exists()
        assert not ReporterIdentity.objects.filter(case=free).exists()
    finally:
        registry.unregister_hold("legal")
    purge_expired(LATER)
    assert not ReporterIdentity.objects.filter(case=held).exists()
