"""What an actor may do, and where: the grants read from their role assignments.

A `Grant` is one role assignment reduced to what access needs: the permission codenames of the
role, whether the role is the system administrator's (everything, everywhere), and the
materialized path of the organization it was granted at (``None`` = the whole system). A role
granted at 鲁山县环境保护局 covers every organization whose path starts with the bureau's path —
its 股, 大队 and 室 — and nothing beside it.

`Grants` is built once per actor per request (the people part caches it on the `Person`
instance), so `can` over a list of objects costs no further queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Grant:
    permissions: frozenset[str]
    path: str | None  # None: the whole system
    grants_all: bool = False

    def has(self, permission: str) -> bool:
        return self.grants_all or permission in self.permissions

    def covers_path(self, path: str | None) -> bool:
        if self.path is None:
            return True
        return path is not None and path.startswith(self.path)


@dataclass(frozen=True)
class Grants:
    """All current grants of one actor."""

    grants: tuple[Grant, ...] = ()
    superuser: bool = False
    _prefix_cache: dict[str, tuple[str, ...] | None] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_system_admin(self) -> bool:
        return self.superuser or any(g.grants_all and g.path is None for g in self.grants)

    def allows(self, permission: str, path: str | None) -> bool:
        if self.is_system_admin:
            return True
        return any(g.has(permission) and g.covers_path(path) for g in self.grants)

    def anywhere(self, permission: str) -> bool:
        return self.is_system_admin or any(g.has(permission) for g in self.grants)

    def prefixes(self, permission: str) -> tuple[str, ...] | None:
        """Path prefixes where `permission` holds; ``None`` means everywhere, ``()`` nowhere.

        Prefixes covered by a shorter prefix are dropped, so the scoping query has as few
        ``LIKE 'prefix%'`` terms as possible.
        """
        if permission in self._prefix_cache:
            return self._prefix_cache[permission]
        result: tuple[str, ...] | None
        if self.is_system_admin:
            result = None
        else:
            paths = sorted(
                {g.path for g in self.grants if g.has(permission)}, key=lambda p: (p is not None, p)
            )
            if paths and paths[0] is None:
                result = None
            else:
                kept: list[str] = []
                for p in sorted(p for p in paths if p is not None):
                    if not any(p.startswith(k) for k in kept):
                        kept.append(p)
                result = tuple(kept)
        self._prefix_cache[permission] = result
        return result


NO_GRANTS = Grants()


@runtime_checkable
class Actor(Protocol):
    """Anything that can act: in practice `yiwang.kernel.people.models.Person`."""

    pk: object

    def access_grants(self) -> Grants: ...
