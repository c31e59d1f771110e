import pytest

from aduan.core import audit
from aduan.core.models import AuditRecord
from aduan.core.pagination import Page, paginate

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """Seven audit records, oldest first: any ordered queryset will do."""
    for n in range(7):
        audit.record(None, "login_failed", f"n:{n}")
    return AuditRecord.objects.order_by("id")


def targets(page: Page) -> list[str]:
    return [record.target for record in page.items]


def test_pages_slice_in_order(records, django_assert_num_queries):
    with django_assert_num_queries(2):  # count and slice
        first = paginate(records, 1, 3, max_per_page=50)
    assert targets(first) == ["n:0", "n:1", "n:2"]
    assert (first.page, first.pages, first.total, first.per_page) == (1, 3, 7, 3)
    assert first.has_next and not first.has_previous
    middle = paginate(records, "2", "3", max_per_page=50)  # numbers from a query string
    assert targets(middle) == ["n:3", "n:4", "n:5"]
    assert middle.has_next and middle.has_previous


def test_last_page_is_short(records):
    last = paginate(records, 3, 3, max_per_page=50)
    assert targets(last) == ["n:6"]
    assert last.has_previous and not last.has_next


def test_page_is_clamped_to_the_range(records):
    assert paginate(records, 99, 3, max_per_page=50).page == 3
    assert targets(paginate(records, 99, 3, max_per_page=50)) == ["n:6"]
    for low in (0, -5):
        page = paginate(records, low, 3, max_per_page=50)
        assert (page.page, targets(page)) == (1, ["n:0", "n:1", "n:2"])


def test_per_page_is_clamped(records):
    assert paginate(records, 1, 10_000, max_per_page=4).per_page == 4
    assert len(paginate(records, 1, 10_000, max_per_page=4).items) == 4
    for low in (0, -1):
        page = paginate(records, 1, low, max_per_page=4)
        assert (page.per_page, page.pages, targets(page)) == (1, 7, ["n:0"])
    whole = paginate(records, 1, 50, max_per_page=50)
    assert (whole.pages, len(whole.items), whole.has_next) == (1, 7, False)


def test_empty_queryset_is_one_empty_page(django_assert_num_queries):
    with django_assert_num_queries(1):  # the count; no slice is read
        page = paginate(AuditRecord.objects.order_by("id"), 4, 25, max_per_page=50)
    assert page == Page(items=[], page=1, pages=1, total=0, per_page=25)
    assert not page.has_previous and not page.has_next
