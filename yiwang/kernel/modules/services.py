"""Switching modules on or off and setting their typed settings, per organization.

One service, `module_activation_set`: permission ``modules.manage_activation`` at the organization
(a grant at a bureau covers its units), validation before any write, a ledger entry with the before
and after state, and `ModuleActivationChanged` after commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from yiwang.kernel.errors import DomainError
from yiwang.kernel.events.bus import publish_on_commit
from yiwang.kernel.ledger import record
from yiwang.kernel.organizations.models import Organization

from .events import ModuleActivationChanged
from .manifest import ModuleManifest
from .models import ModuleActivation
from .registry import manifest_for
from .settings import validate_settings

PERMISSION = "modules.manage_activation"


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


def _manifest(module: str) -> ModuleManifest:
    try:
        return manifest_for(module)
    except LookupError:
        raise DomainError("unknown_module", f"没有名为“{str(module)[:40]}”的模块", "module") from None


def _state(row: ModuleActivation | None) -> dict[str, Any]:
    if row is None:
        return {"enabled": None, "settings": {}}
    return {"enabled": row.enabled, "settings": dict(row.settings)}


@transaction.atomic
def module_activation_set(
    *,
    actor: Any,
    organization: Organization,
    module: str,
    enabled: bool | None = UNCHANGED,
    settings: dict[str, Any] | None = None,
    inherit: Sequence[str] = (),
) -> ModuleActivation:
    """Decide a module's activation and settings at `organization` (its subtree inherits them).

    - `enabled`: True/False decides here; None inherits the decision from above; left out: unchanged.
    - `settings`: values this organization sets (validated against the manifest's dataclass).
    - `inherit`: names of settings this organization stops setting (the value from above applies).
    """
    from yiwang.kernel.access import require

    require(actor, PERMISSION, organization)
    manifest = _manifest(module)
    if enabled is not UNCHANGED and enabled is not None and not isinstance(enabled, bool):
        raise DomainError("invalid_activation", "启用状态应为是、否或沿用上级", "enabled")
    if manifest.always_active and enabled is False:
        raise DomainError(
            "module_always_active", f"“{manifest.verbose_name}”是平台核心部分，不能停用", "enabled"
        )
    cleaned = validate_settings(manifest, settings or {})
    known = set(manifest.settings_defaults())
    unknown = [name for name in inherit if name not in known]
    if unknown:
        raise DomainError(
            "setting_unknown", f"模块“{manifest.verbose_name}”没有设置项“{unknown[0]}”", "inherit"
        )
    overlap = set(inherit) & set(cleaned)
    if overlap:
        raise DomainError(
            "setting_conflict", f"设置项“{sorted(overlap)[0]}”不能同时设置和沿用上级", "inherit"
        )

    row = (
        ModuleActivation.objects.select_for_update().filter(organization=organization, module=module).first()
    )
    before = _state(row)
    if row is None:
        row = ModuleActivation(organization=organization, module=module, enabled=None, settings={})
    if enabled is not UNCHANGED:
        row.enabled = enabled
    row.settings = {k: v for k, v in {**row.settings, **cleaned}.items() if k not in set(inherit)}
    row.settings = _jsonable(row.settings)
    row.save()
    after = _state(row)
    record(
        actor=actor,
        action="modules.activation.changed",
        subject=row,
        before=before,
        after=after,
        data={"module": module, "organization": organization.name},
    )
    publish_on_commit(ModuleActivationChanged(module=module, organization_id=organization.pk))
    return row


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
