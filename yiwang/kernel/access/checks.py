"""`can`, `require`, `has_permission_anywhere`: one answer to "may this actor do this here?".

- The permission must be declared in some manifest (`yiwang.kernel.modules.registry`); a typo
  raises `UnknownPermission` instead of silently denying.
- The system administrator role (and a Django superuser) may do everything.
- With an object, the object's organization is found through ``access_organization()`` or an
  ``organization`` attribute (an `Organization` is its own); the permission must be held at that
  organization or above it (materialized-path prefix). An object without an organization is
  covered only by system-wide grants.
- Without an object, `can` answers whether the actor holds the permission anywhere; use it only
  for actions that are not about one organization's data.
"""

from __future__ import annotations

from typing import Any

from yiwang.kernel.errors import Forbidden
from yiwang.kernel.modules import registry

from .grants import NO_GRANTS, Grants


class UnknownPermission(LookupError):
    """A codename no manifest declares: a programming error, never a user's."""


def _declared() -> frozenset[str]:
    manifests = registry.manifests()
    cached = _DECLARED.get(id(manifests))
    if cached is None:
        _DECLARED.clear()
        cached = _DECLARED[id(manifests)] = frozenset(registry.all_permissions())
    return cached


_DECLARED: dict[int, frozenset[str]] = {}


def known_permission(permission: str) -> str:
    if permission not in _declared():
        raise UnknownPermission(f"permission {permission!r} is not declared in any manifest")
    return permission


def grants_of(actor: Any) -> Grants:
    if actor is None:
        return NO_GRANTS
    getter = getattr(actor, "access_grants", None)
    if getter is None:
        return NO_GRANTS
    grants = getter()
    return grants if isinstance(grants, Grants) else NO_GRANTS


def organization_of(obj: Any) -> Any:
    """The organization an object belongs to, or None."""
    if obj is None:
        return None
    method = getattr(obj, "access_organization", None)
    if callable(method):
        return method()
    return getattr(obj, "organization", None)


def path_of(obj: Any) -> str | None:
    org = organization_of(obj)
    return None if org is None else getattr(org, "path", None)


def can(actor: Any, permission: str, obj: Any = None) -> bool:
    known_permission(permission)
    grants = grants_of(actor)
    if obj is None:
        return grants.anywhere(permission)
    return grants.allows(permission, path_of(obj))


def require(actor: Any, permission: str, obj: Any = None) -> None:
    """Raise `Forbidden` unless `can(actor, permission, obj)`."""
    if not can(actor, permission, obj):
        label = registry.all_permissions()[permission].label
        raise Forbidden(f"无权执行此操作：需要“{label}”权限")


def has_permission_anywhere(actor: Any, permission: str) -> bool:
    """For navigation: does the actor hold `permission` at some organization (or system-wide)?"""
    return can(actor, permission)


def is_system_admin(actor: Any) -> bool:
    return grants_of(actor).is_system_admin
