"""Role grants: within the granter's subtree, within the granter's own permissions; sync; revoke."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from yiwang.kernel.access import can
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.modules.registry import all_roles
from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.models import Role, RoleAssignment
from yiwang.kernel.people.services import (
    person_create,
    role_create,
    role_grant,
    role_revoke,
    role_sync_from_manifests,
)

pytestmark = pytest.mark.django_db
GRANT = "people.grant_role"
VIEW_ORG = "organizations.view_organization"


@pytest.fixture
def setting(manager: Any) -> Any:
    role_sync_from_manifests(actor=None)
    tree = build_lushan(manager)
    staff = person_create(actor=manager, name="孙丽娟", organization=tree.legal_unit)
    return tree, staff


@pytest.fixture
def bureau_admin(make_person: Any, setting: Any) -> Any:
    tree, _ = setting
    head = make_person(scope=None)
    role_grant(actor=_admin(), person=head, role=Role.objects.get(code="org_admin"), organization=tree.bureau)
    return head


def _admin() -> Any:
    from yiwang.kernel.testing.factories import PersonFactory

    return PersonFactory(superuser=True)


def test_sync_creates_built_in_roles_once() -> None:
    first = role_sync_from_manifests(actor=None)
    assert first == 1 + len(all_roles())
    assert Role.objects.get(code="system_admin").grants_all
    assert role_sync_from_manifests(actor=None) == 0
    codes = set(Role.objects.values_list("code", flat=True))
    assert {"system_admin", *all_roles()} <= codes
    Role.objects.filter(code="staff").update(permissions=["people.view_person"])
    assert role_sync_from_manifests(actor=None) == 1
    assert set(Role.objects.get(code="staff").permissions) == set(all_roles()["staff"].permissions)


def test_grant_within_own_subtree(bureau_admin: Any, setting: Any, ledger_size: Any) -> None:
    tree, staff = setting
    before = ledger_size()
    assignment = role_grant(
        actor=bureau_admin, person=staff, role=Role.objects.get(code="staff"), organization=tree.legal_unit
    )
    assert assignment.granted_by == bureau_admin
    assert ledger_size() == before + 1
    assert can(staff, VIEW_ORG, tree.legal_unit) and not can(staff, VIEW_ORG, tree.bureau)


def test_grant_outside_scope_refused_nothing_written__issue2_bad_input(
    bureau_admin: Any, setting: Any, ledger_size: Any
) -> None:
    tree, staff = setting
    rows, entries = RoleAssignment.objects.count(), ledger_size()
    for scope in (tree.neighbour, tree.county, None):
        with pytest.raises(DomainError) as info:
            role_grant(
                actor=bureau_admin, person=staff, role=Role.objects.get(code="staff"), organization=scope
            )
        assert info.value.code == "grant_outside_scope"
        assert info.value.status == 403
        assert "授权范围" in info.value.message or "全系统" in info.value.message
    assert (RoleAssignment.objects.count(), ledger_size()) == (rows, entries)


def test_grant_of_a_role_with_permissions_the_granter_lacks_is_refused(
    make_person: Any, setting: Any, ledger_size: Any
) -> None:
    tree, staff = setting
    granter = make_person(GRANT, VIEW_ORG, "people.view_person", scope=tree.bureau)
    role_grant(actor=granter, person=staff, role=Role.objects.get(code="staff"), organization=tree.bureau)
    rows, entries = RoleAssignment.objects.count(), ledger_size()
    with pytest.raises(DomainError) as info:
        role_grant(
            actor=granter, person=staff, role=Role.objects.get(code="org_admin"), organization=tree.bureau
        )
    assert info.value.code == "grant_exceeds_permissions"
    assert "管理机关单位及内设机构" in info.value.message
    with pytest.raises(DomainError) as info:
        role_grant(
            actor=granter, person=staff, role=Role.objects.get(code="system_admin"), organization=tree.bureau
        )
    assert info.value.code == "grant_exceeds_permissions"
    assert (RoleAssignment.objects.count(), ledger_size()) == (rows, entries)


def test_assignment_dates_reversed_and_duplicates_are_refused(bureau_admin: Any, setting: Any) -> None:
    tree, staff = setting
    today = timezone.localdate()
    with pytest.raises(DomainError) as info:
        role_grant(
            actor=bureau_admin,
            person=staff,
            role=Role.objects.get(code="staff"),
            organization=tree.bureau,
            valid_from=today,
            valid_to=today - datetime.timedelta(days=1),
        )
    assert info.value.code == "assignment_dates_reversed"
    role_grant(
        actor=bureau_admin, person=staff, role=Role.objects.get(code="staff"), organization=tree.bureau
    )
    with pytest.raises(DomainError) as info:
        role_grant(
            actor=bureau_admin, person=staff, role=Role.objects.get(code="staff"), organization=tree.bureau
        )
    assert info.value.code == "role_already_granted"


def test_local_role_is_grantable_only_in_its_subtree(bureau_admin: Any, setting: Any, manager: Any) -> None:
    tree, staff = setting
    role = role_create(
        actor=bureau_admin,
        organization=tree.bureau,
        code="epb_archivist",
        label="档案管理员",
        permissions=[VIEW_ORG, "people.view_person"],
    )
    assert role.source == Role.Source.LOCAL
    role_grant(actor=bureau_admin, person=staff, role=role, organization=tree.legal_unit)
    with pytest.raises(DomainError) as info:
        role_grant(actor=manager, person=staff, role=role, organization=tree.neighbour)
    assert info.value.code == "role_not_available"


def test_local_role_cannot_exceed_the_definers_permissions(make_person: Any, setting: Any) -> None:
    tree, _ = setting
    definer = make_person("people.manage_role", VIEW_ORG, scope=tree.bureau)
    with pytest.raises(DomainError) as info:
        role_create(
            actor=definer,
            organization=tree.bureau,
            code="x_role",
            label="越权角色",
            permissions=["people.grant_role"],
        )
    assert info.value.code == "grant_exceeds_permissions"
    with pytest.raises(DomainError) as info:
        role_create(
            actor=definer, organization=tree.bureau, code="y_role", label="未知", permissions=["a.b_c"]
        )
    assert info.value.code == "unknown_permission"
    with pytest.raises(Forbidden):
        role_create(actor=definer, organization=tree.neighbour, code="z_role", label="邻局", permissions=[])


def test_revoke_takes_effect_and_is_scoped(
    bureau_admin: Any, make_person: Any, setting: Any, ledger_size: Any
) -> None:
    tree, staff = setting
    assignment = role_grant(
        actor=bureau_admin, person=staff, role=Role.objects.get(code="staff"), organization=tree.bureau
    )
    outsider = make_person(GRANT, scope=tree.neighbour)
    entries = ledger_size()
    with pytest.raises(DomainError) as info:
        role_revoke(actor=outsider, assignment=assignment)
    assert info.value.code == "grant_outside_scope"
    assert ledger_size() == entries
    role_revoke(actor=bureau_admin, assignment=assignment)
    assert ledger_size() == entries + 1
    assert not can(staff, VIEW_ORG, tree.bureau)
    with pytest.raises(DomainError) as info:
        role_revoke(actor=bureau_admin, assignment=assignment)
    assert info.value.code == "assignment_already_revoked"
