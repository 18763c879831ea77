"""can / require / scoped_to / get_for: scoping by organization subtree (issue 2 item 5)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from yiwang.kernel.access import (
    Grant,
    Grants,
    UnknownPermission,
    can,
    get_for,
    has_permission_anywhere,
    require,
)
from yiwang.kernel.errors import Forbidden, NotFound
from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.models import Person, RoleAssignment

VIEW = "organizations.view_organization"
MANAGE = "organizations.manage_organization"

pytestmark = pytest.mark.django_db


@pytest.fixture
def lushan(manager: Any) -> Any:
    return build_lushan(manager)


def test_role_at_bureau_covers_its_units_not_the_neighbouring_bureau(make_person: Any, lushan: Any) -> None:
    officer = make_person(VIEW, MANAGE, scope=lushan.bureau)
    assert can(officer, MANAGE, lushan.bureau)
    assert can(officer, MANAGE, lushan.legal_unit)  # 法制股 is below the bureau
    assert can(officer, MANAGE, lushan.inspection)
    assert not can(officer, MANAGE, lushan.neighbour)  # 鲁山县司法局 beside it
    assert not can(officer, MANAGE, lushan.county)  # and not upwards
    visible = set(Organization.objects.scoped_to(officer, VIEW).values_list("name", flat=True))
    assert visible == {"鲁山县环境保护局", "法制股", "环境监察大队"}


def test_role_at_unit_does_not_cover_the_bureau(make_person: Any, lushan: Any) -> None:
    clerk = make_person(VIEW, scope=lushan.legal_unit)
    assert can(clerk, VIEW, lushan.legal_unit)
    assert not can(clerk, VIEW, lushan.bureau)
    assert not can(clerk, VIEW, lushan.inspection)


def test_sibling_paths_sharing_a_prefix_are_not_confused(make_person: Any, manager: Any) -> None:
    """Path steps have a fixed width, so bureau 0001 0002 never covers 0001 0002x… siblings' paths."""
    from yiwang.kernel.organizations.services import organization_create

    tree = build_lushan(manager)
    units = [
        organization_create(actor=manager, parent=tree.bureau, name=f"股{i}", kind="unit") for i in range(12)
    ]
    clerk = make_person(VIEW, scope=units[0])
    assert [u.pk for u in units if can(clerk, VIEW, u)] == [units[0].pk]


def test_expired_assignment_does_not_count(make_person: Any, lushan: Any) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)
    today = timezone.localdate()
    RoleAssignment.objects.filter(person=officer).update(
        valid_from=today - datetime.timedelta(days=60), valid_to=today - datetime.timedelta(days=1)
    )
    officer.forget_grants()
    assert not can(officer, VIEW, lushan.bureau)
    assert list(Organization.objects.scoped_to(officer, VIEW)) == []


def test_assignment_counts_through_its_last_day_and_not_before_its_first(
    make_person: Any, lushan: Any
) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)
    today = timezone.localdate()
    RoleAssignment.objects.filter(person=officer).update(
        valid_from=today - datetime.timedelta(days=5), valid_to=today
    )
    officer.forget_grants()
    assert can(officer, VIEW, lushan.bureau)
    assert officer.access_grants(today + datetime.timedelta(days=1)).anywhere(VIEW) is False
    assert officer.access_grants(today - datetime.timedelta(days=6)).anywhere(VIEW) is False


def test_revoked_assignment_does_not_count(make_person: Any, lushan: Any) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)
    RoleAssignment.objects.filter(person=officer).update(revoked_at=timezone.now())
    officer.forget_grants()
    assert not can(officer, VIEW, lushan.bureau)


def test_inactive_person_or_account_holds_nothing(make_person: Any, lushan: Any) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)
    Person.objects.filter(pk=officer.pk).update(active=False)
    assert not can(Person.objects.get(pk=officer.pk), VIEW, lushan.bureau)
    other = make_person(VIEW, scope=lushan.bureau)
    other.user.is_active = False
    other.user.save()
    assert not can(Person.objects.get(pk=other.pk), VIEW, lushan.bureau)


def test_system_admin_may_do_everything(manager: Any, lushan: Any) -> None:
    from yiwang.kernel.people.services import system_admin_ensure

    admin, created = system_admin_ensure(username="sysadmin", name="系统管理员", password="Yiwang-admin-2026")
    assert created
    for actor in (manager, admin):
        assert can(actor, MANAGE, lushan.neighbour)
        assert can(actor, "people.grant_role")
        assert Organization.objects.scoped_to(actor, VIEW).count() == Organization.objects.count()


def test_nobody_and_anonymous_may_do_nothing(lushan: Any, person: Any) -> None:
    assert not can(None, VIEW, lushan.bureau)
    assert not can(person, VIEW, lushan.bureau)
    assert not has_permission_anywhere(None, VIEW)
    assert list(Organization.objects.scoped_to(None, VIEW)) == []


def test_unknown_permission_is_a_programming_error(person: Any) -> None:
    with pytest.raises(UnknownPermission):
        can(person, "organizations.fly_organization")
    with pytest.raises(UnknownPermission):
        Organization.objects.scoped_to(person, "nope.view_x")


def test_require_raises_forbidden_with_the_permission_label(make_person: Any, lushan: Any) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)
    require(officer, VIEW, lushan.bureau)
    with pytest.raises(Forbidden) as info:
        require(officer, MANAGE, lushan.bureau)
    assert "管理机关单位及内设机构" in info.value.message


def test_object_organization_found_by_method_or_attribute(make_person: Any, lushan: Any) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)

    class ByAttribute:
        organization = lushan.legal_unit

    class ByMethod:
        def access_organization(self) -> Organization:
            return lushan.neighbour

    class Orphan:
        organization = None

    assert can(officer, VIEW, ByAttribute())
    assert not can(officer, VIEW, ByMethod())
    assert not can(officer, VIEW, Orphan())


def test_has_permission_anywhere(make_person: Any, lushan: Any) -> None:
    officer = make_person("people.view_certificate", scope=lushan.inspection)
    assert has_permission_anywhere(officer, "people.view_certificate")
    assert not has_permission_anywhere(officer, "people.grant_role")


def test_grants_are_read_once_per_actor(
    make_person: Any, lushan: Any, django_assert_num_queries: Any
) -> None:
    officer = Person.objects.select_related("user").get(pk=make_person(VIEW, scope=lushan.bureau).pk)
    orgs = list(Organization.objects.all())
    with django_assert_num_queries(1):  # the grants; every further check is in memory
        answers = [can(officer, VIEW, o) for o in orgs]
    assert answers.count(True) == 3


def test_scoped_to_is_one_query_with_cached_grants(
    make_person: Any, lushan: Any, django_assert_num_queries: Any
) -> None:
    officer = make_person(VIEW, scope=lushan.legal_unit)
    officer.access_grants()
    extra = make_person(VIEW, scope=lushan.neighbour)
    RoleAssignment.objects.filter(person=extra).update(person=officer)
    officer.forget_grants()
    officer.access_grants()
    with django_assert_num_queries(1):
        names = sorted(o.name for o in Organization.objects.scoped_to(officer, VIEW))
    assert names == ["法制股", "鲁山县司法局"]


def test_prefixes_drop_those_covered_by_a_shorter_one() -> None:
    grants = Grants(
        grants=(
            Grant(frozenset({VIEW}), "0001"),
            Grant(frozenset({VIEW}), "00010003"),
            Grant(frozenset({VIEW}), "0002"),
            Grant(frozenset({MANAGE}), "0003"),
        )
    )
    assert grants.prefixes(VIEW) == ("0001", "0002")
    assert grants.prefixes(MANAGE) == ("0003",)
    assert grants.prefixes("people.view_person") == ()
    assert Grants(grants=(Grant(frozenset({VIEW}), None),)).prefixes(VIEW) is None


def test_get_for_missing_and_forbidden_raise_the_same_not_found(make_person: Any, lushan: Any) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)
    qs = Organization.objects.all()
    assert get_for(qs, actor=officer, permission=VIEW, pk=lushan.legal_unit.pk) == lushan.legal_unit
    missing_pk = Organization.objects.order_by("-pk").first().pk + 1000
    errors = []
    for pk in (missing_pk, lushan.neighbour.pk, "not-a-number"):
        with pytest.raises(NotFound) as info:
            get_for(qs, actor=officer, permission=VIEW, pk=pk)
        errors.append(info.value.as_dict())
    assert (
        errors[0]
        == errors[1]
        == errors[2]
        == {"code": "not_found", "message": "对象不存在或无权访问", "field": None}
    )


def test_missing_and_forbidden_give_identical_404_bodies_in_api_and_pages(
    make_person: Any, lushan: Any, api_client_for: Any, client_for: Any
) -> None:
    officer = make_person(VIEW, scope=lushan.bureau)
    missing_pk = Organization.objects.order_by("-pk").first().pk + 1000
    api = api_client_for(officer)
    forbidden = api.get(f"/api/organizations/{lushan.neighbour.pk}/")
    missing = api.get(f"/api/organizations/{missing_pk}/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
    assert forbidden.json()["code"] == "not_found"
    pages = client_for(officer)
    page_forbidden = pages.get(f"/organizations/{lushan.neighbour.pk}/")
    page_missing = pages.get(f"/organizations/{missing_pk}/")
    assert page_forbidden.status_code == page_missing.status_code == 404

    def body(response: Any) -> str:  # the same page but for the per-request CSRF mask and the path
        text = response.content.decode().replace(response.wsgi_request.path, "")
        return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", text)

    assert body(page_forbidden) == body(page_missing)


def test_navigation_shows_items_only_with_the_permission(
    make_person: Any, lushan: Any, client_for: Any
) -> None:
    viewer = make_person(VIEW, scope=lushan.bureau)
    page = client_for(viewer).get("/")
    labels = [i["label"] for i in page.context["nav_items"]]
    assert "机关单位" in labels
    assert "执法证" not in labels
    nobody = make_person()
    labels = [i["label"] for i in client_for(nobody).get("/").context["nav_items"]]
    assert "机关单位" not in labels
