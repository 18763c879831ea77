"""Roles and role assignments.

A role granted at an organization covers that organization and its whole subtree. A granter may
grant only within their own subtree (`grant_outside_scope`) and only roles whose permissions
they themselves hold there (`grant_exceeds_permissions`); the system administrator role only by a
system administrator. Refusals happen before anything is written.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from yiwang.kernel.access import can, is_system_admin
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.ledger import record
from yiwang.kernel.modules.registry import all_permissions, all_roles
from yiwang.kernel.organizations.models import Organization

from ..models import Person, Role, RoleAssignment

GRANT = "people.grant_role"
MANAGE_ROLE = "people.manage_role"
SYSTEM_ADMIN_ROLE = "system_admin"
_ROLE_CODE = re.compile(r"^[a-z][a-z0-9_-]{1,59}$")


def _role_state(role: Role) -> dict[str, Any]:
    return {
        "code": role.code,
        "label": role.label,
        "permissions": sorted(role.permission_set()),
        "grants_all": role.grants_all,
        "source": role.source,
        "organization_id": role.organization_id,
        "active": role.active,
    }


@transaction.atomic
def role_sync_from_manifests(*, actor: Person | None) -> int:
    """Create or update the built-in roles: the system administrator and every manifest `RoleSpec`.

    Idempotent: returns how many roles were created or changed (0 when all are in step).
    """
    wanted: list[dict[str, Any]] = [
        {
            "code": SYSTEM_ADMIN_ROLE,
            "label": "系统管理员",
            "permissions": [],
            "grants_all": True,
            "source": Role.Source.SYSTEM,
        }
    ]
    for spec in all_roles().values():
        wanted.append(
            {
                "code": spec.code,
                "label": spec.label,
                "permissions": sorted(spec.permissions),
                "grants_all": False,
                "source": Role.Source.MANIFEST,
            }
        )
    changes = 0
    existing = {
        r.code: r for r in Role.objects.select_for_update().filter(code__in=[w["code"] for w in wanted])
    }
    for spec_values in wanted:
        role = existing.get(spec_values["code"])
        if role is None:
            role = Role.objects.create(**spec_values)
            record(actor=actor, action="people.role.created", subject=role, after=_role_state(role))
            changes += 1
            continue
        before = _role_state(role)
        for key, value in spec_values.items():
            setattr(role, key, value)
        role.organization = None
        after = _role_state(role)
        if after != before:
            role.save()
            diff = [k for k in after if after[k] != before[k]]
            record(
                actor=actor,
                action="people.role.updated",
                subject=role,
                before={k: before[k] for k in diff},
                after={k: after[k] for k in diff},
            )
            changes += 1
    return changes


def _check_permissions_known(permissions: list[str]) -> list[str]:
    declared = all_permissions()
    unknown = [p for p in permissions if p not in declared]
    if unknown:
        raise DomainError("unknown_permission", "未知的权限：" + "、".join(unknown), "permissions")
    return sorted(set(permissions))


@transaction.atomic
def role_create(
    *,
    actor: Person,
    organization: Organization,
    code: str,
    label: str,
    permissions: list[str],
    description: str = "",
) -> Role:
    """A bureau defines a role of its own, grantable within its subtree."""
    if not can(actor, MANAGE_ROLE, organization):
        raise Forbidden("无权在该单位定义角色")
    clean_code = (code or "").strip().lower()
    if not _ROLE_CODE.match(clean_code):
        raise DomainError(
            "invalid_role_code", "角色代码应以小写字母开头，由小写字母、数字、“_”或“-”组成", "code"
        )
    if Role.objects.filter(code=clean_code).exists():
        raise DomainError("duplicate_role_code", f"角色代码 {clean_code} 已被使用", "code")
    clean_label = " ".join((label or "").split())
    if not clean_label or len(clean_label) > 100:
        raise DomainError("label_required", "请填写角色名称（不超过100个字）", "label")
    perms = _check_permissions_known(list(permissions))
    missing = [p for p in perms if not can(actor, p, organization)]
    if missing:
        labels = "、".join(all_permissions()[p].label for p in missing)
        raise DomainError(
            "grant_exceeds_permissions",
            f"不能定义超出本人权限的角色：您在该单位没有“{labels}”权限",
            "permissions",
        )
    role = Role.objects.create(
        code=clean_code,
        label=clean_label,
        permissions=perms,
        organization=organization,
        source=Role.Source.LOCAL,
        description=description.strip(),
    )
    record(actor=actor, action="people.role.created", subject=role, after=_role_state(role))
    return role


def _scope_name(organization: Organization | None) -> str:
    return organization.name if organization is not None else "全系统"


@transaction.atomic
def role_grant(
    *,
    actor: Person,
    person: Person,
    role: Role,
    organization: Organization | None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> RoleAssignment:
    """Grant `role` to `person` at `organization` (its whole subtree; None = the whole system)."""
    start = valid_from or timezone.localdate()
    if valid_to is not None and valid_to < start:
        raise DomainError(
            "assignment_dates_reversed",
            f"授权截止日期（{valid_to:%Y-%m-%d}）不能早于生效日期（{start:%Y-%m-%d}）",
            "valid_to",
        )
    scope = _scope_name(organization)
    if organization is None:
        if not is_system_admin(actor):
            raise DomainError(
                "grant_outside_scope", "只有系统管理员可以授予全系统范围的角色", "organization", status=403
            )
    elif not can(actor, GRANT, organization):
        raise DomainError(
            "grant_outside_scope",
            f"不能在“{scope}”授予角色：超出了您的授权范围（只能在本人被授予“授予和撤销角色”权限的单位及其下级授权）",
            "organization",
            status=403,
        )
    if not role.active:
        raise DomainError("role_inactive", f"角色“{role.label}”已停用", "role")
    if role.grants_all and not is_system_admin(actor):
        raise DomainError(
            "grant_exceeds_permissions", "只有系统管理员可以授予“系统管理员”角色", "role", status=403
        )
    if role.organization_id is not None:
        home = role.organization
        if organization is None or home is None or not organization.path.startswith(home.path):
            raise DomainError(
                "role_not_available", f"角色“{role.label}”由{home}定义，只能在该单位及其下级授予", "role"
            )
    missing = [p for p in sorted(role.permission_set()) if not can(actor, p, organization)]
    if missing:
        labels = "、".join(all_permissions()[p].label if p in all_permissions() else p for p in missing)
        raise DomainError(
            "grant_exceeds_permissions",
            f"不能授予角色“{role.label}”：您在“{scope}”没有其中的“{labels}”权限",
            "role",
            status=403,
        )
    duplicate = RoleAssignment.objects.current(start).filter(
        person=person, role=role, organization=organization
    )
    if duplicate.exists():
        raise DomainError("role_already_granted", f"{person.name}已在“{scope}”拥有角色“{role.label}”", "role")
    assignment = RoleAssignment.objects.create(
        person=person,
        role=role,
        organization=organization,
        valid_from=start,
        valid_to=valid_to,
        granted_by=actor,
    )
    record(
        actor=actor,
        action="people.role.granted",
        subject=assignment,
        after={
            "person_id": person.pk,
            "role": role.code,
            "organization_id": organization.pk if organization else None,
            "valid_from": start.isoformat(),
            "valid_to": valid_to.isoformat() if valid_to else None,
        },
    )
    person.forget_grants()
    return assignment


@transaction.atomic
def role_revoke(*, actor: Person, assignment: RoleAssignment) -> RoleAssignment:
    locked = (
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("organization", "role")
        .get(pk=assignment.pk)
    )
    if locked.organization is None:
        allowed = is_system_admin(actor)
    else:
        allowed = can(actor, GRANT, locked.organization)
    if not allowed:
        raise DomainError(
            "grant_outside_scope",
            f"不能撤销“{_scope_name(locked.organization)}”的授权：超出了您的授权范围",
            "organization",
            status=403,
        )
    if locked.revoked_at is not None:
        raise DomainError("assignment_already_revoked", "该授权已撤销", "assignment")
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor=actor,
        action="people.role.revoked",
        subject=locked,
        after={"revoked_at": locked.revoked_at.isoformat()},
    )
    assignment.person.forget_grants()
    return locked
