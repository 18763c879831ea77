"""The registry of manifests, read from the installed apps."""

from __future__ import annotations

from functools import cache

from django.apps import apps

from .manifest import ModuleManifest, NavItem, PermissionSpec, RoleSpec, Subscription


@cache
def manifests() -> tuple[ModuleManifest, ...]:
    found = []
    for config in apps.get_app_configs():
        manifest = getattr(config, "manifest", None)
        if isinstance(manifest, ModuleManifest):
            found.append(manifest)
    return tuple(found)


def manifest_for(name: str) -> ModuleManifest:
    for m in manifests():
        if m.name == name:
            return m
    raise LookupError(name)


def all_permissions() -> dict[str, PermissionSpec]:
    return {p.codename: p for m in manifests() for p in m.permissions}


def all_roles() -> dict[str, RoleSpec]:
    return {r.code: r for m in manifests() for r in m.roles}


def all_nav() -> list[NavItem]:
    return sorted((item for m in manifests() for item in m.nav), key=lambda i: (i.order, i.label))


def all_subscriptions() -> list[Subscription]:
    return [s for m in manifests() for s in m.subscriptions]


def clear_cache() -> None:
    manifests.cache_clear()
