"""Helpers for the back-office page tests."""

import pytest
from django.core.cache import cache

from aduan.cases.identity import ReporterData
from aduan.cases.tests.builders import build

# A reporter whose name and NIK must never reach anyone but the coordinator (privacy=open).
CANARY = ReporterData(
    name="Kanari Zulaikha Pratiwi",
    nik="6371019988776655",
    phone="0812 7777 4242",
    email="kanari.zulaikha@example.id",
    address="Jl. Kanari No. 7, Banjarbaru",
)
CANARY_STRINGS = (CANARY.name, CANARY.nik, "kanari.zulaikha@example.id", "Jl. Kanari")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def as_user(client):
    """Signs the test client in as one staff user (no second factor under test settings)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def canary_case(staff):
    """An open (terbuka) report with a unique identity, routed to DPUPR and DINKES."""
    return build("routed", staff, privacy="open", reporter=CANARY)
