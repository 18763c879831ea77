"""People API: me, certificates with ENF-113 warnings, grants and bad input with stable codes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.models import EnforcementCertificate, Person, Role, RoleAssignment
from yiwang.kernel.people.services import certificate_issue, person_create, role_sync_from_manifests

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def world(manager: Any) -> Any:
    role_sync_from_manifests(actor=None)
    tree = build_lushan(manager)
    officer = person_create(actor=manager, name="吴晓东", organization=tree.inspection, username="wuxd")
    certificate_issue(
        actor=manager,
        holder=officer,
        number="ZF-2",
        issuing_authority="河南省人民政府",
        domain="ecology",
        valid_from=TODAY - datetime.timedelta(days=900),
        valid_to=TODAY + datetime.timedelta(days=20),
    )
    return tree, officer


def test_me_lists_own_certificates_with_warnings__ENF_113(world: Any, api_client_for: Any) -> None:
    _tree, officer = world
    body = api_client_for(officer).get("/api/people/me/").json()
    assert body["person"]["name"] == "吴晓东"
    assert [(c["number"], c["warning"], c["days_left"]) for c in body["certificates"]] == [
        ("ZF-2", "expiring", 20)
    ]


def test_certificates_attention_filter__ENF_113(world: Any, make_person: Any, api_client_for: Any) -> None:
    tree, _ = world
    supervisor = make_person("people.view_certificate", scope=tree.county)
    body = api_client_for(supervisor).get("/api/people/certificates/?attention=1").json()
    assert [c["number"] for c in body["results"]] == ["ZF-2"]
    outsider = make_person("people.view_certificate", scope=tree.neighbour)
    assert api_client_for(outsider).get("/api/people/certificates/?attention=1").json()["results"] == []


def test_api_certificate_dates_reversed_gives_stable_code_and_writes_nothing__issue2_bad_input(
    world: Any, make_person: Any, api_client_for: Any, ledger_size: Any
) -> None:
    tree, officer = world
    admin = make_person("people.view_person", "people.manage_certificate", scope=tree.bureau)
    rows, entries = EnforcementCertificate.objects.count(), ledger_size()
    response = api_client_for(admin).post(
        "/api/people/certificates/",
        {
            "holder": officer.pk,
            "number": "ZF-NEW",
            "issuing_authority": "河南省人民政府",
            "domain": "ecology",
            "valid_from": "2027-01-01",
            "valid_to": "2026-12-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "certificate_dates_reversed"
    assert response.json()["field"] == "valid_to"
    assert (EnforcementCertificate.objects.count(), ledger_size()) == (rows, entries)


def test_api_grant_outside_scope_gives_stable_code_and_writes_nothing__issue2_bad_input(
    world: Any, make_person: Any, api_client_for: Any, ledger_size: Any
) -> None:
    tree, officer = world
    granter = make_person(
        "people.grant_role", "people.view_person", "organizations.view_organization", scope=tree.bureau
    )
    outside = make_person("people.view_person", "organizations.view_organization", scope=tree.county)
    assert granter.pk != outside.pk
    RoleAssignment.objects.filter(person=outside).update(person=granter)  # granter may also *see* the county
    granter.forget_grants()
    rows, entries = RoleAssignment.objects.count(), ledger_size()
    response = api_client_for(granter).post(
        "/api/people/role-assignments/",
        {"person": officer.pk, "role": Role.objects.get(code="staff").pk, "organization": tree.neighbour.pk},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "grant_outside_scope"
    assert "超出了您的授权范围" in response.json()["message"]
    assert (RoleAssignment.objects.count(), ledger_size()) == (rows, entries)
    ok = api_client_for(granter).post(
        "/api/people/role-assignments/",
        {"person": officer.pk, "role": Role.objects.get(code="staff").pk, "organization": tree.inspection.pk},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["role_code"] == "staff"


def test_api_person_create_with_account(world: Any, make_person: Any, api_client_for: Any) -> None:
    tree, _ = world
    admin = make_person(
        "people.manage_person", "organizations.view_organization", "people.view_person", scope=tree.bureau
    )
    response = api_client_for(admin).post(
        "/api/people/",
        {
            "name": "周海涛",
            "organization": tree.inspection.pk,
            "username": "zhouht",
            "password": "Yiwang-demo-2026",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["username"] == "zhouht"
    person = Person.objects.get(pk=response.json()["id"])
    assert person.user is not None and person.user.check_password("Yiwang-demo-2026")
    weak = api_client_for(admin).post(
        "/api/people/",
        {"name": "某人", "organization": tree.inspection.pk, "username": "weak", "password": "123"},
        format="json",
    )
    assert weak.status_code == 400 and weak.json()["code"] == "weak_password"


def test_api_certificate_missing_and_forbidden_look_alike(
    world: Any, make_person: Any, api_client_for: Any
) -> None:
    tree, _ = world
    outsider = make_person("people.view_certificate", scope=tree.neighbour)
    cert = EnforcementCertificate.objects.get(number="ZF-2")
    api = api_client_for(outsider)
    forbidden = api.get(f"/api/people/certificates/{cert.pk}/")
    missing = api.get(f"/api/people/certificates/{cert.pk + 999}/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
