from django.apps import AppConfig

from .manifest import ModuleManifest, PermissionSpec


class ModulesConfig(AppConfig):
    name = "yiwang.kernel.modules"
    label = "modules"
    verbose_name = "模块管理"
    manifest = ModuleManifest(
        name="modules",
        verbose_name="模块管理",
        always_active=True,
        permissions=(PermissionSpec("modules.manage_activation", "启用/停用模块并修改模块设置"),),
    )

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers system checks)
