"""Per-organization activation of a module, with its settings stored as validated JSON.

Change rows only through `yiwang.kernel.modules.services.module_activation_set` (permission check,
validation, ledger entry); read them through `settings.is_active` / `settings.settings_for`.
"""

from __future__ import annotations

from django.db import models


class ModuleActivation(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="module_activations"
    )
    module = models.CharField("模块", max_length=40)
    enabled = models.BooleanField(
        "启用", null=True, blank=True, default=None, help_text="为空表示沿用上级单位的决定"
    )
    settings = models.JSONField(
        "设置", default=dict, blank=True, help_text="本单位改动的设置项；其余沿用上级或默认值"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "模块启用"
        verbose_name_plural = "模块启用"
        constraints = [
            models.UniqueConstraint(fields=["organization", "module"], name="module_activation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.module}"
