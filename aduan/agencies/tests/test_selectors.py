import pytest
from django.core.exceptions import ImproperlyConfigured

from aduan.agencies.models import Agency, Category, DayType, SlaPolicy, Stage
from aduan.agencies.seed import seed_sla_policies
from aduan.agencies.selectors import policy_for

pytestmark = pytest.mark.django_db

RESOLUTION = Stage.RESOLUTION


@pytest.fixture(autouse=True)
def no_policies():
    # aduan/conftest.py seeds the defaults once; each test here builds its own set.
    SlaPolicy.objects.all().delete()


def make_policy(days, *, kind="", cls="", category=None, stage=RESOLUTION):
    return SlaPolicy.objects.create(
        stage=stage,
        case_kind=kind,
        supervision_class=cls,
        category=category,
        days=days,
        day_type=DayType.WORKING,
        legal_source="uji",
    )


@pytest.fixture
def category():
    agency = Agency.objects.create(code="DINKES-UJI", name="Dinas Kesehatan", kind="opd")
    return Category.objects.create(code="kesehatan-uji", name="Kesehatan", default_agency=agency)


def pick(kind, cls, category_id=None, stage=RESOLUTION):
    return policy_for(stage, case_kind=kind, supervision_class=cls, category_id=category_id)


def test_blank_policy_matches_anything():
    default = make_policy(14)
    assert pick("complaint", "") == default
    assert pick("aspiration", "non_supervisory", 99) == default
    assert pick(None, None) == default


def test_category_beats_class_beats_kind(category):
    default = make_policy(14)
    by_kind = make_policy(20, kind="complaint")
    by_class = make_policy(60, cls="supervisory")
    by_category = make_policy(7, category=category)

    assert pick("aspiration", "non_supervisory") == default
    assert pick("complaint", "non_supervisory") == by_kind
    assert pick("complaint", "supervisory") == by_class
    assert pick("aspiration", "supervisory") == by_class
    assert pick("complaint", "supervisory", category.pk) == by_category
    assert pick("aspiration", "", category.pk) == by_category


def test_combined_scope_beats_single(category):
    make_policy(60, cls="supervisory")
    make_policy(7, category=category)
    both = make_policy(5, cls="supervisory", category=category)
    kind_and_class = make_policy(30, kind="complaint", cls="supervisory")
    assert pick("complaint", "supervisory") == kind_and_class
    assert pick("complaint", "supervisory", category.pk) == both


def test_non_matching_specific_policies_are_ignored(category):
    make_policy(60, kind="whistleblowing")
    make_policy(60, cls="supervisory")
    make_policy(7, category=category)
    with pytest.raises(ImproperlyConfigured, match="resolution"):
        pick("complaint", "non_supervisory")


def test_other_stages_do_not_leak():
    make_policy(3, stage=Stage.VERIFICATION)
    with pytest.raises(ImproperlyConfigured, match="seed_reference"):
        pick("complaint", "", stage=Stage.FIRST_RESPONSE)


def test_seeded_defaults():
    seed_sla_policies()

    def days(stage, kind, cls=""):
        policy = pick(kind, cls, stage=stage)
        return policy.days, policy.extension_days

    assert days(RESOLUTION, "complaint", "non_supervisory") == (14, 0)
    assert days(RESOLUTION, "aspiration", "") == (14, 0)
    assert days(RESOLUTION, "complaint", "supervisory") == (60, 0)
    assert days(RESOLUTION, "whistleblowing", "supervisory") == (60, 0)
    assert days(RESOLUTION, "information_request", "non_supervisory") == (10, 7)
    assert days(Stage.VERIFICATION, "whistleblowing") == (3, 0)
    assert days(Stage.FIRST_RESPONSE, "complaint") == (5, 0)


def test_one_query_per_call(django_assert_num_queries):
    seed_sla_policies()
    with django_assert_num_queries(1):
        pick("complaint", "supervisory", 3)
