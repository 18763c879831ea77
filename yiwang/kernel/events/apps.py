from django.apps import AppConfig

from yiwang.kernel.modules.manifest import ModuleManifest


class EventsConfig(AppConfig):
    name = "yiwang.kernel.events"
    label = "events"
    verbose_name = "领域事件"
    manifest = ModuleManifest(name="events", verbose_name="领域事件", always_active=True)
