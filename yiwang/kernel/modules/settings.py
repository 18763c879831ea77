"""Typed per-organization module settings.

A manifest's `settings` is a frozen dataclass with defaults (taken from the rules pages). An
organization stores only what it changed; `settings_for` walks up the organization tree so a
county-level setting applies to its departments unless they set their own, then fills defaults,
and returns an instance of the dataclass — typed data, not code.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from yiwang.kernel.errors import DomainError
from yiwang.kernel.organizations.models import Organization

from .manifest import ModuleManifest
from .models import ModuleActivation
from .registry import manifest_for


def _coerce(name: str, typ: Any, value: Any) -> Any:
    origin = typing.get_origin(typ)
    if typ is bool:
        if isinstance(value, bool):
            return value
        raise DomainError("invalid_setting", f"设置项 {name} 应为是/否", name)
    if typ in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise DomainError("invalid_setting", f"设置项 {name} 应为数字", name)
        if typ is int and float(value) != int(value):
            raise DomainError("invalid_setting", f"设置项 {name} 应为整数", name)
        return typ(value)
    if typ is str:
        if not isinstance(value, str):
            raise DomainError("invalid_setting", f"设置项 {name} 应为文字", name)
        return value
    if origin in (tuple, list):
        if not isinstance(value, (list, tuple)):
            raise DomainError("invalid_setting", f"设置项 {name} 应为列表", name)
        return tuple(value) if origin is tuple else list(value)
    return value


def validate_settings(manifest: ModuleManifest, values: dict[str, Any]) -> dict[str, Any]:
    """Check names and types against the manifest's dataclass; returns the cleaned dict."""
    if manifest.settings is None:
        if values:
            raise DomainError("invalid_setting", f"模块“{manifest.verbose_name}”没有可设置项", None)
        return {}
    hints = typing.get_type_hints(manifest.settings)
    fields = {f.name for f in dataclasses.fields(manifest.settings)}
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise DomainError("invalid_setting", f"未知设置项：{key}", key)
        cleaned[key] = _coerce(key, hints[key], value)
    return cleaned


def settings_for(module: str, organization: Organization) -> Any:
    manifest = manifest_for(module)
    if manifest.settings is None:
        return None
    merged: dict[str, Any] = manifest.settings_defaults()
    chain = [*organization.get_ancestors(), organization]
    rows = {
        a.organization_id: a.settings
        for a in ModuleActivation.objects.filter(module=module, organization__in=chain)
    }
    for org in chain:  # top-down: nearer organizations override farther ones
        merged.update(rows.get(org.pk, {}))
    return manifest.settings(**merged)


def is_active(module: str, organization: Organization) -> bool:
    """Kernel parts always; a domain module when the nearest activation up the tree says enabled."""
    manifest = manifest_for(module)
    if manifest.always_active:
        return True
    chain = [*organization.get_ancestors(), organization]
    rows = dict(
        ModuleActivation.objects.filter(module=module, organization__in=chain).values_list(
            "organization_id", "enabled"
        )
    )
    state = False
    for org in chain:
        if org.pk in rows:
            state = rows[org.pk]
    return state
