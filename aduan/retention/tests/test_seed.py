"""Default retention policies: one per kind, valid, seeded once, admin edits kept."""

import pytest
from django.core.management import call_command

from aduan.cases.models import CaseKind
from aduan.retention.models import RetentionPolicy
from aduan.retention.seed import seed_retention_policies

pytestmark = pytest.mark.django_db


def test_every_kind_has_a_valid_default(reference):
    policies = {p.case_kind: p for p in RetentionPolicy.objects.all()}
    assert set(policies) == set(CaseKind.values)
    for policy in policies.values():
        policy.full_clean()
        assert policy.legal_source


def test_seeding_again_keeps_admin_edits(reference):
    RetentionPolicy.objects.filter(case_kind="aspiration").update(identity_days=90)
    assert seed_retention_policies() == 0
    assert RetentionPolicy.objects.get(case_kind="aspiration").identity_days == 90


def test_seed_reference_seeds_them(reference, capsys):
    RetentionPolicy.objects.all().delete()
    call_command("seed_reference")
    assert RetentionPolicy.objects.count() == len(CaseKind.values)
    assert "Kebijakan retensi: 4 baru" in capsys.readouterr().out
