"""Typed per-organization module settings.

A manifest's `settings` is a frozen dataclass with defaults (taken from the rules pages). Field
metadata may add a Chinese ``label``, bounds ``min``/``max`` and allowed ``choices``. An
organization stores only what it changed; `settings_for` walks down the organization tree from
the root so a county-level setting applies to its departments unless they set their own, then
fills defaults, and returns an instance of the dataclass — typed data, not code.

Validation errors are `DomainError`s naming the setting, with stable codes:

- ``setting_unknown``: no such setting in the module;
- ``setting_wrong_type``: e.g. text where a whole number is needed;
- ``setting_out_of_range``: below ``min`` or above ``max``;
- ``setting_not_allowed``: not one of ``choices``;
- ``module_without_settings``: the module has no settings at all;
- ``module_not_enabled``: (`require_active`) the module is not enabled at the organization.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from yiwang.kernel.errors import DomainError
from yiwang.kernel.organizations.models import Organization

from .manifest import ModuleManifest
from .models import ModuleActivation
from .registry import manifest_for


def setting_label(f: dataclasses.Field[Any]) -> str:
    return str(f.metadata.get("label", f.name))


def _wrong(label: str, name: str, expected: str) -> DomainError:
    return DomainError("setting_wrong_type", f"设置项“{label}”应为{expected}", name)


def _coerce(f: dataclasses.Field[Any], typ: Any, value: Any, label: str) -> Any:
    name = f.name
    origin = typing.get_origin(typ)
    args = typing.get_args(typ)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        if value is None:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(f, inner[0], value, label)
    if typ is bool:
        if isinstance(value, bool):
            return value
        raise _wrong(label, name, "是或否")
    if typ in (int, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _wrong(label, name, "数字")
        if typ is int and float(value) != int(value):
            raise _wrong(label, name, "整数")
        return typ(value)
    if typ is str:
        if not isinstance(value, str):
            raise _wrong(label, name, "文字")
        return value
    if origin in (tuple, list):
        if not isinstance(value, list | tuple):
            raise _wrong(label, name, "列表")
        item_type = args[0] if args else Any
        items = list(value) if item_type is Any else [_coerce(f, item_type, v, label) for v in value]
        return tuple(items) if origin is tuple else items
    return value


def _check_bounds(f: dataclasses.Field[Any], value: Any, label: str) -> None:
    if value is None:
        return
    lo, hi, choices = f.metadata.get("min"), f.metadata.get("max"), f.metadata.get("choices")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if lo is not None and value < lo:
            raise DomainError("setting_out_of_range", f"设置项“{label}”不能小于{lo}", f.name)
        if hi is not None and value > hi:
            raise DomainError("setting_out_of_range", f"设置项“{label}”不能大于{hi}", f.name)
    if choices is not None and value not in choices:
        allowed = "、".join(str(c) for c in choices)
        raise DomainError("setting_not_allowed", f"设置项“{label}”只能是：{allowed}", f.name)


def validate_settings(manifest: ModuleManifest, values: dict[str, Any]) -> dict[str, Any]:
    """Check names, types and bounds against the manifest's dataclass; returns the cleaned dict."""
    if not isinstance(values, dict):
        raise DomainError("setting_wrong_type", "模块设置应为“名称: 值”的集合", None)
    if manifest.settings is None:
        if values:
            raise DomainError("module_without_settings", f"模块“{manifest.verbose_name}”没有可设置项", None)
        return {}
    hints = typing.get_type_hints(manifest.settings)
    fields = {f.name: f for f in dataclasses.fields(manifest.settings)}
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        f = fields.get(key)
        if f is None:
            raise DomainError("setting_unknown", f"模块“{manifest.verbose_name}”没有设置项“{key}”", str(key))
        label = setting_label(f)
        cleaned[key] = _coerce(f, hints[key], value, label)
        _check_bounds(f, cleaned[key], label)
    return cleaned


def _chain(organization: Organization) -> list[Organization]:
    """From the root down to `organization` itself."""
    return [*organization.ancestor_nodes(), organization]


def settings_for(module: str, organization: Organization) -> Any:
    """The module's settings as they apply at `organization`: nearest organization wins."""
    manifest = manifest_for(module)
    if manifest.settings is None:
        return None
    known = {f.name for f in dataclasses.fields(manifest.settings)}
    merged: dict[str, Any] = manifest.settings_defaults()
    chain = _chain(organization)
    rows = {
        a.organization_id: a.settings
        for a in ModuleActivation.objects.filter(module=module, organization__in=chain)
    }
    for org in chain:  # top-down: nearer organizations override farther ones
        for key, value in (rows.get(org.pk) or {}).items():
            # A value stored before a release renamed, dropped or narrowed a setting is ignored
            # (the farther or default value applies), never fatal.
            if key in known:
                try:
                    merged.update(validate_settings(manifest, {key: value}))
                except DomainError:
                    continue
    return manifest.settings(**merged)


def is_active(module: str, organization: Organization) -> bool:
    """Kernel parts always; a domain module when the nearest decision up the tree says enabled.

    A row whose ``enabled`` is None only holds settings and inherits the decision from above.
    """
    manifest = manifest_for(module)
    if manifest.always_active:
        return True
    chain = _chain(organization)
    rows = dict(
        ModuleActivation.objects.filter(
            module=module, organization__in=chain, enabled__isnull=False
        ).values_list("organization_id", "enabled")
    )
    state = False
    for org in chain:
        if org.pk in rows:
            state = bool(rows[org.pk])
    return state


def require_active(module: str, organization: Organization) -> None:
    """Refuse work of a domain module at an organization that has not enabled it (a county turns
    modules on body by body; until then the body's staff cannot start work in it)."""
    if not is_active(module, organization):
        manifest = manifest_for(module)
        raise DomainError(
            "module_not_enabled",
            f"{organization.name}尚未启用“{manifest.verbose_name}”模块，请联系系统管理员启用后再办理",
            None,
        )
