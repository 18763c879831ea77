"""权限: permission registry from manifests, `can`/`require`, scoping by organization subtree, `get_for`."""

from .checks import UnknownPermission, can, grants_of, has_permission_anywhere, is_system_admin, require
from .grants import Actor, Grant, Grants
from .lookup import get_for
from .scoping import ScopedQuerySet, ScopedQuerySetMixin

__all__ = [
    "Actor",
    "Grant",
    "Grants",
    "ScopedQuerySet",
    "ScopedQuerySetMixin",
    "UnknownPermission",
    "can",
    "get_for",
    "grants_of",
    "has_permission_anywhere",
    "is_system_admin",
    "require",
]
