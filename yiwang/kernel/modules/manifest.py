"""`ModuleManifest`: a module's whole contract with the kernel, as data.

A Django app (kernel part or domain module) exposes ``manifest = ModuleManifest(...)`` on its
AppConfig. From the manifests the kernel builds the permission registry, the default roles, the
navigation, the event subscriptions and the settings each organization can set.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PermissionSpec:
    """A permission codename ``"<module>.<verb>_<entity>"`` with its Chinese label."""

    codename: str
    label: str


@dataclass(frozen=True)
class RoleSpec:
    """A default role: a named bundle of permission codenames, granted within an organization subtree."""

    code: str
    label: str
    permissions: tuple[str, ...]


@dataclass(frozen=True)
class NavItem:
    """One navigation entry. `permission` None means every signed-in user; `public` means everyone."""

    label: str
    url_name: str
    permission: str | None = None
    public: bool = False
    order: int = 100


@dataclass(frozen=True)
class Subscription:
    """Deliver events of `event` (a dataclass in `yiwang.contracts` or the kernel) to `handler` (dotted path)."""

    event: str
    handler: str


@dataclass(frozen=True)
class ModuleManifest:
    name: str
    verbose_name: str
    permissions: tuple[PermissionSpec, ...] = ()
    roles: tuple[RoleSpec, ...] = ()
    nav: tuple[NavItem, ...] = ()
    subscriptions: tuple[Subscription, ...] = ()
    # A frozen dataclass whose fields (with defaults) are the module's per-organization settings.
    settings: type | None = None
    # Kernel parts are always active; domain modules are activated per organization.
    always_active: bool = False
    description: str = ""
    # Dotted path of a callable loading the module's demo data (``seed_demo(*, actor)``);
    # `manage.py demo_seed` calls it after the kernel's own seeds, in INSTALLED_APPS order.
    demo_seed: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def settings_defaults(self) -> dict[str, Any]:
        if self.settings is None:
            return {}
        return {f.name: _default_of(f) for f in dataclasses.fields(self.settings)}


def _default_of(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None
