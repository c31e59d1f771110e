import csv
from io import StringIO

import pytest
from django.core.management import call_command

from aduan.agencies.models import (
    COORDINATOR_AGENCY_CODE,
    INSPECTORATE_CODE,
    Agency,
    AgencyKind,
    Category,
    DayType,
    SlaPolicy,
    Stage,
    SupervisionClass,
)
from aduan.agencies.seed import (
    AGENCIES_CSV,
    CATEGORIES_CSV,
    seed_agencies,
    seed_categories,
    seed_sla_policies,
)

pytestmark = pytest.mark.django_db

DEFAULT_POLICY_COUNT = 9


def csv_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(autouse=True)
def empty():
    """Start from an empty reference table (aduan/conftest.py seeds the test database once;
    this transaction is rolled back afterwards)."""
    SlaPolicy.objects.all().delete()
    Category.objects.all().delete()
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()


@pytest.fixture
def seeded(empty):
    seed_agencies()
    seed_categories()
    seed_sla_policies()


def test_counts_match_the_csvs(seeded):
    assert Agency.objects.count() == len(csv_rows(AGENCIES_CSV))
    assert Category.objects.count() == len(csv_rows(CATEGORIES_CSV))
    assert SlaPolicy.objects.count() == DEFAULT_POLICY_COUNT


def test_first_run_reports_what_it_created():
    assert seed_agencies() == len(csv_rows(AGENCIES_CSV))
    assert seed_categories() == len(csv_rows(CATEGORIES_CSV))
    assert seed_sla_policies() == DEFAULT_POLICY_COUNT


def test_key_agencies_and_all_regencies_exist(seeded):
    assert Agency.objects.filter(code=INSPECTORATE_CODE, kind=AgencyKind.OPD).exists()
    assert Agency.objects.filter(code=COORDINATOR_AGENCY_CODE, kind=AgencyKind.OPD).exists()
    regencies = Agency.objects.filter(kind=AgencyKind.REGENCY)
    assert regencies.count() == 13
    assert regencies.filter(name__startswith="Pemerintah Kabupaten ").count() == 11
    assert set(
        regencies.filter(name__startswith="Pemerintah Kota ").values_list("code", flat=True)
    ) == {
        "KOTA-BANJARBARU",
        "KOTA-BANJARMASIN",
    }


def test_parents_and_evidence_are_linked(seeded):
    for row in csv_rows(AGENCIES_CSV):
        agency = Agency.objects.get(code=row["code"])
        assert (agency.parent.code if agency.parent else "") == row["parent"], row["code"]
        assert agency.evidence == row["evidence"]
    assert Agency.objects.get(code="BIRO-HUKUM").parent.code == "SETDA"
    assert Agency.objects.get(code="RSUD-ULIN").parent.code == "DINKES"


def test_categories_link_default_agency_and_class(seeded):
    for row in csv_rows(CATEGORIES_CSV):
        category = Category.objects.get(code=row["code"])
        assert (category.default_agency.code if category.default_agency else "") == row[
            "default_agency"
        ]
        assert category.supervision_class == row["supervision_class"]
        assert category.guide, f"{row['code']} has no guide"
    assert Category.objects.get(code="pungli").default_agency.code == INSPECTORATE_CODE
    assert Category.objects.get(code="topik-lainnya").default_agency is None


def test_second_run_creates_nothing(seeded):
    counts = (Agency.objects.count(), Category.objects.count(), SlaPolicy.objects.count())
    assert (seed_agencies(), seed_categories(), seed_sla_policies()) == (0, 0, 0)
    assert counts == (Agency.objects.count(), Category.objects.count(), SlaPolicy.objects.count())


def test_admin_edits_survive_reseeding(seeded):
    Agency.objects.filter(code="DPUPR").update(name="Dinas PUPR (nama baru)", kind="external")
    Agency.objects.filter(code="BIRO-HUKUM").update(parent=None)
    Category.objects.filter(code="kesehatan").update(
        name="Kesehatan Masyarakat",
        default_agency=Agency.objects.get(code="DINSOS"),
        supervision_class=SupervisionClass.SUPERVISORY,
    )
    SlaPolicy.objects.filter(stage=Stage.FIRST_RESPONSE).update(days=3)

    seed_agencies()
    seed_categories()
    seed_sla_policies()

    dpupr = Agency.objects.get(code="DPUPR")
    assert (dpupr.name, dpupr.kind) == ("Dinas PUPR (nama baru)", "external")
    assert Agency.objects.get(code="BIRO-HUKUM").parent is None
    kesehatan = Category.objects.get(code="kesehatan")
    assert kesehatan.name == "Kesehatan Masyarakat"
    assert kesehatan.default_agency.code == "DINSOS"
    assert kesehatan.supervision_class == SupervisionClass.SUPERVISORY
    assert SlaPolicy.objects.get(stage=Stage.FIRST_RESPONSE).days == 3


def test_deleted_agency_is_recreated_with_its_parent(seeded):
    Agency.objects.filter(code="RSJ-SAMBANG-LIHUM").delete()
    assert seed_agencies() == 1
    assert Agency.objects.get(code="RSJ-SAMBANG-LIHUM").parent.code == "DINKES"


def test_default_policies_follow_the_design(seeded):
    def policy(stage, kind="", cls=""):
        p = SlaPolicy.objects.get(
            stage=stage, case_kind=kind, supervision_class=cls, category__isnull=True
        )
        assert p.legal_source
        return (p.days, p.day_type, p.extension_days)

    working, calendar = DayType.WORKING, DayType.CALENDAR
    assert policy(Stage.VERIFICATION) == (3, working, 0)
    assert policy(Stage.REPORTER_INFO) == (30, calendar, 0)
    assert policy(Stage.FIRST_RESPONSE) == (5, working, 0)
    assert policy(Stage.RESOLUTION) == (14, working, 0)
    assert policy(Stage.RESOLUTION, cls=SupervisionClass.SUPERVISORY) == (60, working, 0)
    assert policy(Stage.RESOLUTION, kind="whistleblowing") == (60, working, 0)
    assert policy(Stage.RESOLUTION, kind="information_request") == (10, working, 7)
    assert policy(Stage.FEEDBACK_WINDOW) == (10, working, 0)
    assert policy(Stage.PROTECTION_DECISION) == (7, calendar, 0)
    assert "3" in SlaPolicy.objects.get(stage=Stage.FIRST_RESPONSE).note


def test_seed_reference_command_is_idempotent(monkeypatch):
    import aduan.workdays.seed

    calls = []
    monkeypatch.setattr(
        aduan.workdays.seed, "seed_holidays", lambda years: calls.append(list(years)) or 0
    )
    out = StringIO()
    call_command("seed_reference", stdout=out)
    call_command("seed_reference", stdout=out)

    assert Agency.objects.count() == len(csv_rows(AGENCIES_CSV))
    assert Category.objects.count() == len(csv_rows(CATEGORIES_CSV))
    assert SlaPolicy.objects.count() == DEFAULT_POLICY_COUNT
    assert calls == [list(range(2024, 2029))] * 2
    text = out.getvalue()
    assert f"Instansi: {len(csv_rows(AGENCIES_CSV))} baru" in text
    assert "Instansi: 0 baru" in text
    assert f"Standar waktu: 0 baru, {DEFAULT_POLICY_COUNT} total" in text
