from django.apps import AppConfig

from yiwang.kernel.modules.manifest import ModuleManifest


class CalendarConfig(AppConfig):
    name = "yiwang.kernel.calendar"
    label = "calendar"
    verbose_name = "工作日历"
    manifest = ModuleManifest(name="calendar", verbose_name="工作日历", always_active=True)
