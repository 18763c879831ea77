"""Reads of the organization tree that depend on who asks (every one takes the actor)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yiwang.kernel.access import can, get_for

from .models import Organization, OrganizationQuerySet

if TYPE_CHECKING:
    from yiwang.kernel.people.models import Person

VIEW = "organizations.view_organization"
MANAGE = "organizations.manage_organization"


def organization_list_for(
    *,
    actor: Person | None,
    parent_id: int | None = None,
    kind: str | None = None,
    search: str = "",
    permission: str = VIEW,
) -> OrganizationQuerySet:
    """Organizations where the actor holds `permission` (default: view), in tree (path) order."""
    qs: OrganizationQuerySet = Organization.objects.all().scoped_to(actor, permission)
    if parent_id is not None:
        parent = Organization.objects.filter(pk=parent_id).first()
        if parent is None:
            return qs.none()
        qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(name__icontains=search.strip())
    return qs


def organization_get_for(*, actor: Person | None, organization_id: Any) -> Organization:
    """One organization the actor may view; `NotFound` when missing or outside the actor's scope."""
    return get_for(Organization.objects.all(), actor=actor, permission=VIEW, pk=organization_id)


@dataclass(frozen=True)
class TreeRow:
    organization: Organization
    indent: int  # 0 for the top of what the actor sees
    can_manage: bool


def organization_tree_for(*, actor: Person | None) -> list[TreeRow]:
    """The visible part of the tree as indented rows, pre-order (one query)."""
    rows: list[TreeRow] = []
    orgs = list(organization_list_for(actor=actor))
    visible_top_depth: dict[str, int] = {}
    for org in orgs:
        anchor = next((p for p in visible_top_depth if org.path.startswith(p)), None)
        if anchor is None:
            visible_top_depth[org.path] = org.depth
            base = org.depth
        else:
            base = visible_top_depth[anchor]
        rows.append(TreeRow(organization=org, indent=org.depth - base, can_manage=can(actor, MANAGE, org)))
    return rows


def organization_children_for(*, actor: Person | None, organization: Organization) -> OrganizationQuerySet:
    return organization_list_for(actor=actor, parent_id=organization.pk)


def organization_ancestors_for(*, actor: Person | None, organization: Organization) -> list[Organization]:
    """The breadcrumb: ancestors the actor may view (those outside scope are left out)."""
    ancestors = organization.ancestor_nodes()
    return [a for a in ancestors if can(actor, VIEW, a)]
