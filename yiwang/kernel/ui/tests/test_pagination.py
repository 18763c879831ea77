"""`CappedPaginator`: staff lists count at most ``cap + 1`` rows and say when there are more."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.people.models import Person
from yiwang.kernel.ui.pagination import CappedPaginator, paginate

pytestmark = pytest.mark.django_db


def test_a_short_list_is_counted_and_paged_exactly() -> None:
    p = CappedPaginator(list(range(45)), 20, cap=100)
    assert (p.count, p.capped, p.num_pages, p.shown_count) == (45, False, 3, 45)
    assert list(p.page(3).object_list) == list(range(40, 45))


def test_a_long_list_stops_counting_at_the_cap_and_pages_only_within_it() -> None:
    p = CappedPaginator(list(range(1000)), 20, cap=100)
    assert (p.count, p.capped, p.shown_count, p.num_pages) == (101, True, 100, 5)
    assert list(p.page(5).object_list)[-1] == 99
    request = RequestFactory().get("/", {"page": "9999"})
    assert paginate(request, list(range(1000)), 20, cap=100).number == 5  # out of range: the last page


def test_a_queryset_is_counted_with_a_limit_in_one_query(org_tree: object) -> None:
    total = Organization.objects.count()
    assert total >= 3
    qs = Organization.objects.order_by("path")
    with CaptureQueriesContext(connection) as queries:
        p = CappedPaginator(qs, 1, cap=2)
        assert p.count == 3 and p.capped
    assert len(queries) == 1
    sql = queries[0]["sql"].upper()
    assert "LIMIT 3" in sql and "ORDER BY" not in sql  # the order does not change a count
    assert CappedPaginator(qs, 10, cap=total).count == total
    assert not CappedPaginator(qs, 10, cap=total).capped


def test_a_cheaper_queryset_can_be_counted_in_place_of_the_listed_one(make_person: Any) -> None:
    for _ in range(3):
        make_person()
    listed = Person.objects.order_by("pk").values("pk", "organization__name", "user__username")
    counted = Person.objects.values("pk")
    with CaptureQueriesContext(connection) as queries:
        p = CappedPaginator(listed, 2, cap=100, counted=counted)
        assert p.count == Person.objects.count() >= 3
    assert "JOIN" not in queries[0]["sql"].upper()
    assert len(list(p.page(1).object_list)) == 2
