"""Paging for staff lists over large tables: the count stops at a cap.

A county supervisor's case list spans hundreds of thousands of rows; counting them all on every
page view is the most expensive part of the page and tells a reader nothing the words
"超过 5,000 条" do not. `CappedPaginator` counts at most ``cap + 1`` rows (``SELECT COUNT(*) FROM
(… LIMIT cap + 1)``), offers the pages within the cap, and says when the list goes on beyond it
so the reader narrows it with the filters. Small lists are counted and paged exactly as before.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

DEFAULT_CAP = 5_000


class CappedPaginator(Paginator):
    def __init__(
        self, object_list: Any, per_page: int, *, cap: int = DEFAULT_CAP, counted: Any = None, **kwargs: Any
    ) -> None:
        """`counted`: the same rows as a cheaper queryset to count (e.g. without the joins a
        ``values()`` list of related columns adds); by default `object_list` is counted."""
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.counted = counted

    @cached_property
    def count(self) -> int:
        """The number of rows up to the cap; ``cap + 1`` when there are more (see `capped`)."""
        items: Any = self.object_list if self.counted is None else self.counted
        if hasattr(items, "count") and hasattr(items, "query"):
            return int(items.order_by()[: self.cap + 1].count())  # the order does not change a count
        return min(len(items), self.cap + 1)

    @property
    def capped(self) -> bool:
        """True when the list holds more rows than the cap (only the first `cap` are paged)."""
        return self.count > self.cap

    @property
    def shown_count(self) -> int:
        return min(self.count, self.cap)

    def page(self, number: Any) -> Page:
        """Rows of page `number`, never beyond the cap (the extra counted row is not shown)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.shown_count:
            top = self.shown_count
        return Page(self.object_list[bottom:top], number, self)

    @cached_property
    def num_pages(self) -> int:
        if self.shown_count == 0 and not self.allow_empty_first_page:
            return 0
        return max(1, -(-self.shown_count // self.per_page))


def paginate(
    request: HttpRequest, items: Any, size: int, *, cap: int = DEFAULT_CAP, counted: Any = None
) -> Page:
    """The requested page (``?page=``; out of range or not a number gives the nearest page)."""
    return CappedPaginator(items, size, cap=cap, counted=counted).get_page(request.GET.get("page"))
