from django.apps import AppConfig
from django.utils.translation import gettext_noop

from yiwang.kernel.modules.manifest import ModuleManifest, NavItem, PermissionSpec, RoleSpec


class CalendarConfig(AppConfig):
    name = "yiwang.kernel.calendar"
    label = "calendar"
    verbose_name = "工作日历"
    manifest = ModuleManifest(
        name="calendar",
        verbose_name="工作日历",
        always_active=True,
        description="工作日、法定节假日和调休（CAL-01…06）；本地调整与年度安排录入。",
        permissions=(PermissionSpec("calendar.manage_override", "录入和撤销工作日历调整及年度安排"),),
        roles=(RoleSpec("calendar_keeper", "工作日历管理员", ("calendar.manage_override",)),),
        nav=(NavItem(gettext_noop("工作日历"), "calendar:index", order=80),),
    )
