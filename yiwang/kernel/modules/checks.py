"""System checks over the manifests (``manage.py check``), run on every start and in the tests.

- yiwang.E001 duplicate module name
- yiwang.E002 permission codename not ``"<module>.<verb>_<entity>"``
- yiwang.E003 subscription handler not importable
- yiwang.E004 role names a permission no manifest declares
- yiwang.E005 settings is not a frozen dataclass whose every field has a default
- yiwang.E006 navigation item names a permission no manifest declares
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from django.core import checks
from django.utils.module_loading import import_string

from .manifest import ModuleManifest
from .registry import manifests

_CODENAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z]+_[a-z][a-z0-9_]*$")


def _settings_problem(settings: type) -> str | None:
    if not dataclasses.is_dataclass(settings) or not isinstance(settings, type):
        return "is not a dataclass"
    params = getattr(settings, "__dataclass_params__", None)
    if params is None or not params.frozen:
        return "must be frozen"
    missing = [
        f.name
        for f in dataclasses.fields(settings)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        return f"fields without defaults: {', '.join(missing)}"
    return None


def check_manifest_list(found: Iterable[ModuleManifest]) -> list[checks.CheckMessage]:
    """Every problem in `found`, as Django check messages (pure: testable with any manifests)."""
    found = list(found)
    errors: list[checks.CheckMessage] = []
    seen: set[str] = set()
    perms: set[str] = set()
    for m in found:
        if m.name in seen:
            errors.append(checks.Error(f"duplicate module name {m.name}", id="yiwang.E001"))
        seen.add(m.name)
        for p in m.permissions:
            if not _CODENAME.match(p.codename) or not p.codename.startswith(m.name + "."):
                errors.append(
                    checks.Error(
                        f"permission {p.codename!r} must be '{m.name}.<verb>_<entity>'", id="yiwang.E002"
                    )
                )
            perms.add(p.codename)
        for s in m.subscriptions:
            try:
                import_string(s.handler)
            except ImportError:
                errors.append(
                    checks.Error(f"handler {s.handler} of {m.name} not importable", id="yiwang.E003")
                )
        if m.settings is not None:
            problem = _settings_problem(m.settings)
            if problem:
                errors.append(checks.Error(f"settings of {m.name} {problem}", id="yiwang.E005"))
    for m in found:
        for r in m.roles:
            for code in r.permissions:
                if code not in perms:
                    errors.append(
                        checks.Error(f"role {r.code} names unknown permission {code}", id="yiwang.E004")
                    )
        for item in m.nav:
            if item.permission and item.permission not in perms:
                errors.append(
                    checks.Error(
                        f"nav item {item.label} of {m.name} names unknown permission {item.permission}",
                        id="yiwang.E006",
                    )
                )
    return errors


@checks.register("yiwang")
def check_manifests(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return check_manifest_list(manifests())
