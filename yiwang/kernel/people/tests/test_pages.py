"""People pages: my page and the supervisor's certificate page (ENF-113), person page, forms."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.models import EnforcementCertificate, Person, RoleAssignment
from yiwang.kernel.people.services import certificate_issue, person_create, position_assign

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def world(manager: Any) -> Any:
    tree = build_lushan(manager)
    officers = {}
    for name, number, ends in (("周海涛", "ZF-1", 700), ("吴晓东", "ZF-2", 20), ("郑国强", "ZF-3", -10)):
        officer = person_create(
            actor=manager, name=name, organization=tree.inspection, username=f"u-{number}"
        )
        position_assign(actor=manager, person=officer, organization=tree.inspection, title="执法队员")
        certificate_issue(
            actor=manager,
            holder=officer,
            number=number,
            issuing_authority="河南省人民政府",
            domain="ecology",
            valid_from=days(-1000),
            valid_to=days(ends),
        )
        officers[number] = officer
    other = person_create(actor=manager, name="邻局人员", organization=tree.neighbour, username="u-other")
    certificate_issue(
        actor=manager,
        holder=other,
        number="ZF-9",
        issuing_authority="河南省人民政府",
        domain="justice",
        valid_from=days(-1000),
        valid_to=days(5),
    )
    return tree, officers


def test_my_page_warns_30_days_before_expiry__ENF_113(world: Any, client_for: Any) -> None:
    _tree, officers = world
    page = client_for(officers["ZF-2"]).get("/people/me/")
    text = page.content.decode()
    assert page.status_code == 200
    assert f"将于{days(20):%Y-%m-%d}到期（还剩20天）" in text
    assert 'data-testid="certificate-warning"' in text
    assert "即将到期" in text and 'class="badge warn"' in text


def test_my_page_says_an_expired_certificate_cannot_be_used__ENF_113(world: Any, client_for: Any) -> None:
    _tree, officers = world
    text = client_for(officers["ZF-3"]).get("/people/me/").content.decode()
    assert f"已于{days(-10):%Y-%m-%d}过期，不能用于调查取证等执法活动" in text
    assert 'class="badge bad"' in text and "已过期10天" in text


def test_my_page_has_no_warning_when_far_from_expiry__ENF_113(world: Any, client_for: Any) -> None:
    _tree, officers = world
    text = client_for(officers["ZF-1"]).get("/people/me/").content.decode()
    assert 'data-testid="certificate-warning"' not in text
    assert "ZF-1" in text and 'class="badge good"' in text


def test_supervisor_page_lists_expiring_and_expired_in_subtree__ENF_113(
    world: Any, make_person: Any, client_for: Any
) -> None:
    tree, _ = world
    supervisor = make_person("people.view_certificate", scope=tree.bureau)
    page = client_for(supervisor).get("/people/certificates/")
    assert page.status_code == 200
    numbers = [row.certificate.number for row in page.context["rows"]]
    assert numbers == ["ZF-3", "ZF-2"]  # expired first, then expiring; ZF-1 fine; ZF-9 outside the subtree
    text = page.content.decode()
    assert 'data-level="expired"' in text and 'data-level="expiring"' in text
    everything = client_for(supervisor).get("/people/certificates/?show=all")
    assert [r.certificate.number for r in everything.context["rows"]] == ["ZF-3", "ZF-2", "ZF-1"]


def test_supervisor_page_needs_the_permission(world: Any, client_for: Any) -> None:
    _tree, officers = world
    assert client_for(officers["ZF-1"]).get("/people/certificates/").status_code == 403


def test_expired_assignment_removes_the_supervisor_page(
    world: Any, make_person: Any, client_for: Any
) -> None:
    tree, _ = world
    supervisor = make_person("people.view_certificate", scope=tree.bureau)
    RoleAssignment.objects.filter(person=supervisor).update(valid_from=days(-30), valid_to=days(-1))
    assert client_for(supervisor).get("/people/certificates/").status_code == 403


def test_person_page_and_list_are_scoped(world: Any, make_person: Any, client_for: Any) -> None:
    tree, officers = world
    viewer = make_person("people.view_person", scope=tree.bureau)
    client = client_for(viewer)
    listing = client.get("/people/").content.decode()
    assert "吴晓东" in listing and "邻局人员" not in listing
    assert client.get(f"/people/{officers['ZF-2'].pk}/").status_code == 200
    assert officers["ZF-1"].organization == tree.inspection
    outsider = Person.objects.get(name="邻局人员")
    assert client.get(f"/people/{outsider.pk}/").status_code == 404


def test_certificate_form_reports_reversed_dates_and_writes_nothing(
    world: Any, make_person: Any, client_for: Any, ledger_size: Any
) -> None:
    tree, officers = world
    admin = make_person("people.view_person", "people.manage_certificate", scope=tree.bureau)
    rows, entries = EnforcementCertificate.objects.count(), ledger_size()
    response = client_for(admin).post(
        f"/people/{officers['ZF-1'].pk}/certificates/new/",
        {
            "number": "ZF-NEW",
            "issuing_authority": "河南省人民政府",
            "domain": "1",
            "valid_from": "2027-01-01",
            "valid_to": "2026-01-01",
        },
        follow=True,
    )
    assert "开始日期（2027-01-01）必须早于截止日期（2026-01-01）" in response.content.decode()
    assert (EnforcementCertificate.objects.count(), ledger_size()) == (rows, entries)


def test_grant_form_refuses_outside_scope(
    world: Any, make_person: Any, client_for: Any, ledger_size: Any
) -> None:
    from yiwang.kernel.people.models import Role
    from yiwang.kernel.people.services import role_sync_from_manifests

    tree, officers = world
    role_sync_from_manifests(actor=None)
    granter = make_person(
        "people.grant_role", "people.view_person", "organizations.view_organization", scope=tree.bureau
    )
    client = client_for(granter)
    rows, entries = RoleAssignment.objects.count(), ledger_size()
    response = client.post(
        f"/people/{officers['ZF-1'].pk}/roles/grant/",
        {"role": Role.objects.get(code="staff").pk, "organization": tree.neighbour.pk},
        follow=True,
    )
    assert "授权信息不完整" in response.content.decode()  # the neighbour is not even offered
    assert (RoleAssignment.objects.count(), ledger_size()) == (rows, entries)
    ok = client.post(
        f"/people/{officers['ZF-1'].pk}/roles/grant/",
        {"role": Role.objects.get(code="staff").pk, "organization": tree.inspection.pk},
        follow=True,
    )
    assert "已授予周海涛角色“工作人员”" in ok.content.decode()
