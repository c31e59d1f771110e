"""Fixtures shared by every app's tests: reference data seeded once, staff users on demand."""

from pathlib import Path

import pytest

from aduan.accounts.models import User
from aduan.agencies.models import Agency


def seed_reference_data() -> None:
    from aduan.agencies.seed import seed_agencies, seed_categories, seed_sla_policies
    from aduan.compliance.seed import seed_sanction_measures
    from aduan.retention.seed import seed_retention_policies
    from aduan.workdays.seed import seed_holidays

    seed_agencies()
    seed_categories()
    seed_sla_policies()
    seed_sanction_measures()
    seed_retention_policies()
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


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; skipped (with the reason printed) without it."""
    import os
    import shutil

    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        reason = "Chromium tidak terpasang (apt-get install chromium): uji peramban dilewati."
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the tests and
    # the live server are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_context(chromium, request):
    """A fresh browser profile; `@pytest.mark.javascript(False)` turns scripts off."""
    marker = request.node.get_closest_marker("javascript")
    enabled = marker.args[0] if marker else True
    context = chromium.new_context(java_script_enabled=enabled, bypass_csp=True, locale="id-ID")
    context.set_default_timeout(20_000)  # a missing element fails in 20 s, not 30
    yield context
    context.close()


AXE_PATH = Path(__file__).resolve().parent.parent / "vendor" / "axe-core"


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Runs the vendored axe-core on the page; returns the violations of the given impacts."""
    page.add_script_tag(content=(AXE_PATH / "axe.min.js").read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
