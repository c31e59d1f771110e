"""Fixtures shared by every app's tests: reference data seeded once, staff users on demand."""

import pytest

from aduan.accounts.models import User
from aduan.agencies.models import Agency


def seed_reference_data() -> None:
    from aduan.agencies.seed import seed_agencies, seed_categories, seed_sla_policies
    from aduan.workdays.seed import seed_holidays

    seed_agencies()
    seed_categories()
    seed_sla_policies()
    seed_holidays(range(2025, 2028))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_reference_data()


@pytest.fixture
def reference(db):
    """Reference data; re-seeded if a transactional test flushed it."""
    if not Agency.objects.exists():
        seed_reference_data()


@pytest.fixture
def make_user(reference):
    def make(role: str, agency_code: str | None = None, username: str | None = None) -> User:
        agency = Agency.objects.get(code=agency_code) if agency_code else None
        name = username or f"{role}-{agency_code or 'x'}-{User.objects.count()}"
        return User.objects.create_user(username=name, password="x", role=role, agency=agency)

    return make


@pytest.fixture
def staff(make_user):
    """One of each role, as in the demo (DESIGN §4)."""
    return {
        "coordinator": make_user("coordinator", "DISKOMINFO", "koordinator"),
        "officer_dpupr": make_user("agency_officer", "DPUPR", "opd.dpupr"),
        "head_dpupr": make_user("agency_head", "DPUPR", "kepala.dpupr"),
        "officer_dinkes": make_user("agency_officer", "DINKES", "opd.dinkes"),
        "head_dinkes": make_user("agency_head", "DINKES", "kepala.dinkes"),
        "wbs": make_user("wbs_officer", "INSPEKTORAT", "inspektorat"),
        "custodian": make_user("custodian", None, "kustodian"),
        "supervisor": make_user("supervisor", "SETDA", "sekda"),
        "auditor": make_user("auditor", None, "auditor"),
        "sysadmin": make_user("sysadmin", None, "admin"),
    }
