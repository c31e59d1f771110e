import pytest
from django.core.management import CommandError, call_command

from aduan.core import audit
from aduan.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def test_chain_verifies_and_detects_edits_and_deletions(make_user):
    user = make_user("coordinator", "DISKOMINFO")
    for n in range(4):
        audit.record(user, "case_view", f"case:ADU-2026-00000{n}", fields=n)
    assert audit.verify_chain() == (4, None)
    call_command("verify_audit")
    second = AuditRecord.objects.order_by("id")[1]
    AuditRecord.objects.filter(pk=second.pk).update(action="case_export")
    checked, broken = audit.verify_chain()
    assert (checked, broken.pk) == (1, second.pk)
    with pytest.raises(CommandError, match="PUTUS"):
        call_command("verify_audit")
    AuditRecord.objects.filter(pk=second.pk).update(action="case_view")
    AuditRecord.objects.filter(pk=AuditRecord.objects.order_by("id")[2].pk).delete()
    assert audit.verify_chain()[1] is not None


def test_records_name_the_actor_and_role(make_user):
    user = make_user("agency_officer", "DPUPR", "opd.x")
    entry = audit.record(user, "login")
    assert (entry.actor, entry.actor_role) == ("opd.x", "agency_officer")
    assert audit.record(None, "login_failed").actor == "anonymous"
