from django.apps import AppConfig

from yiwang.kernel.modules.manifest import ModuleManifest


class AccessConfig(AppConfig):
    name = "yiwang.kernel.access"
    label = "access"
    verbose_name = "权限"
    manifest = ModuleManifest(name="access", verbose_name="权限", always_active=True)
