"""Writes to the organization tree: check permission and rules, change, ledger entry, event.

Bad input is refused with a `DomainError` before anything is written: an invalid unified social
credit code (`invalid_credit_code`, DIS-03), a missing one for a body (`credit_code_required`), a
code already used by another body (`duplicate_credit_code`), a kind placed where it cannot sit
(`invalid_placement`), an empty name (`name_required`).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction

from yiwang.kernel.access import is_system_admin, require
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.events.bus import publish_on_commit
from yiwang.kernel.ledger import record

from . import rules
from .events import OrganizationCreated, OrganizationUpdated
from .models import Kind, Level, Organization
from .validators import normalize_credit_code

if TYPE_CHECKING:
    from yiwang.kernel.people.models import Person

MANAGE = "organizations.manage_organization"
_CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"


def snapshot(org: Organization) -> dict[str, Any]:
    """The fields the ledger keeps for an organization."""
    return {
        "name": org.name,
        "short_name": org.short_name,
        "level": org.level,
        "kind": org.kind,
        "credit_code": org.credit_code,
        "code": org.code,
        "active": org.active,
        "parent_id": parent.pk if (parent := org.parent_node()) is not None else None,
    }


def _clean_name(value: str, field: str = "name") -> str:
    name = " ".join((value or "").split())
    if not name:
        raise DomainError("name_required", "请填写机构名称", field)
    if len(name) > 200:
        raise DomainError("name_too_long", f"机构名称不能超过200个字（现为{len(name)}个字）", field)
    return name


def _clean_short_name(value: str) -> str:
    short = " ".join((value or "").split())
    if len(short) > 60:
        raise DomainError("short_name_too_long", f"简称不能超过60个字（现为{len(short)}个字）", "short_name")
    return short


def _clean_credit_code(kind: str, value: str | None, *, exclude_pk: int | None = None) -> str | None:
    raw = (value or "").strip()
    if not rules.needs_credit_code(kind):
        if raw:
            raise DomainError(
                "unit_has_no_credit_code", "内设机构没有独立的统一社会信用代码，请留空", "credit_code"
            )
        return None
    if not raw:
        raise DomainError(
            "credit_code_required", "请填写统一社会信用代码（机关、单位均有18位代码）", "credit_code"
        )
    code = normalize_credit_code(raw)
    clash = Organization.objects.filter(credit_code=code).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise DomainError(
            "duplicate_credit_code",
            f"统一社会信用代码 {code} 已属于“{clash.name}”，不能重复登记",
            "credit_code",
        )
    return code


def _clean_code(value: str | None) -> str:
    code = (value or "").strip().lower()
    if not code:
        return "org-" + uuid.uuid4().hex[:12]
    if len(code) > 40 or any(c not in _CODE_ALPHABET for c in code):
        raise DomainError(
            "invalid_code", "系统代码只能由小写字母、数字和连字符组成，且不超过40个字符", "code"
        )
    if Organization.objects.filter(code=code).exists():
        raise DomainError("duplicate_code", f"系统代码 {code} 已被使用", "code")
    return code


@transaction.atomic
def organization_create(
    *,
    actor: Person,
    parent: Organization | None,
    name: str,
    kind: str,
    credit_code: str | None = None,
    short_name: str = "",
    code: str | None = None,
    level: str | None = None,
) -> Organization:
    """Add a body or internal unit under `parent` (a root county-level government when None)."""
    if parent is None:
        if not is_system_admin(actor):
            raise Forbidden("只有系统管理员可以新建顶层机构（县级人民政府）")
    else:
        parent = Organization.objects.get(pk=parent.pk)  # fresh numchild; add_child locks the row
        require(actor, MANAGE, parent)
    if kind not in Kind.values:
        raise DomainError("invalid_kind", f"未知的机构类型：{kind}", "kind")
    parent_kind = parent.kind if parent else None
    parent_level = parent.level if parent else None
    if not rules.placement_allowed(kind, parent_kind, parent_level):
        where = f"“{parent.name}”之下" if parent else "顶层"
        raise DomainError(
            "invalid_placement",
            f"{Kind(kind).label}不能设在{where}：{rules.PARENT_DESCRIPTION[kind]}",
            "parent",
        )
    derived = rules.expected_level(kind, parent_kind, parent_level)
    if level and level != derived:
        raise DomainError(
            "level_mismatch", f"层级与上级机构不一致：该机构应为“{Level(derived).label}”", "level"
        )
    clean = {
        "name": _clean_name(name),
        "short_name": _clean_short_name(short_name),
        "kind": kind,
        "level": derived,
        "credit_code": _clean_credit_code(kind, credit_code),
        "code": _clean_code(code),
    }
    org: Organization = (
        Organization.objects.add_root(create_kwargs=clean)
        if parent is None
        else Organization.objects.add_child(parent, create_kwargs=clean)
    )
    record(actor=actor, action="organizations.organization.created", subject=org, after=snapshot(org))
    publish_on_commit(
        OrganizationCreated(
            organization_id=org.pk,
            parent_id=parent.pk if parent else None,
            name=org.name,
            kind=org.kind,
            level=org.level,
        )
    )
    return org


_UNSET: Any = object()


@transaction.atomic
def organization_update(
    *,
    actor: Person,
    organization: Organization,
    name: str = _UNSET,
    short_name: str = _UNSET,
    credit_code: str | None = _UNSET,
    active: bool = _UNSET,
) -> Organization:
    """Change name, short name, credit code or the active flag. Moving in the tree is not offered."""
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    require(actor, MANAGE, org)
    before = snapshot(org)
    if name is not _UNSET:
        org.name = _clean_name(name)
    if short_name is not _UNSET:
        org.short_name = _clean_short_name(short_name)
    if credit_code is not _UNSET:
        org.credit_code = _clean_credit_code(org.kind, credit_code, exclude_pk=org.pk)
    if active is not _UNSET:
        org.active = bool(active)
    after = snapshot(org)
    changed = tuple(k for k in after if after[k] != before[k])
    if not changed:
        return org
    org.save()
    record(
        actor=actor,
        action="organizations.organization.updated",
        subject=org,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    publish_on_commit(OrganizationUpdated(organization_id=org.pk, changed=changed))
    organization.refresh_from_db()
    return org
