"""System checks over the manifests: duplicate names, malformed permission codenames, bad handlers."""

from __future__ import annotations

import re
from typing import Any

from django.core import checks
from django.utils.module_loading import import_string

from .registry import manifests

_CODENAME = re.compile(r"^[a-z_]+\.[a-z]+_[a-z_]+$")


@checks.register("yiwang")
def check_manifests(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    seen: set[str] = set()
    perms: set[str] = set()
    for m in manifests():
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
    for m in manifests():
        for r in m.roles:
            for code in r.permissions:
                if code not in perms:
                    errors.append(
                        checks.Error(f"role {r.code} names unknown permission {code}", id="yiwang.E004")
                    )
    return errors
