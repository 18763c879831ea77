from django.apps import AppConfig

from yiwang.kernel.modules.manifest import ModuleManifest


class PeopleConfig(AppConfig):
    name = "yiwang.kernel.people"
    label = "people"
    verbose_name = "人员与证件"
    manifest = ModuleManifest(name="people", verbose_name="人员与证件", always_active=True)
