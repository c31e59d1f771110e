"""One page of a list, for the staff pages and the API: two queries (count, slice) whatever
the page holds, one when the list is empty. Out-of-range numbers are clamped, never an error:
they come from query strings."""

from dataclasses import dataclass
from math import ceil

from django.db.models import QuerySet


@dataclass(frozen=True)
class Page:
    items: list
    page: int  # 1..pages
    pages: int  # at least 1, also for an empty list
    total: int
    per_page: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(queryset: QuerySet, page: int, per_page: int, *, max_per_page: int) -> Page:
    """The `page`-th slice of `queryset` (already ordered). `per_page` is clamped to
    1..max_per_page and `page` to 1..pages, so a page past the end is the last one."""
    per_page = max(1, min(int(per_page), max_per_page))
    total = queryset.count()
    pages = max(1, ceil(total / per_page))
    page = max(1, min(int(page), pages))
    start = (page - 1) * per_page
    items = list(queryset[start : start + per_page]) if total else []
    return Page(items=items, page=page, pages=pages, total=total, per_page=per_page)
