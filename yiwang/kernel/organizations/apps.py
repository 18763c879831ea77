from django.apps import AppConfig
from django.utils.translation import gettext_noop

from yiwang.kernel.modules.manifest import ModuleManifest, NavItem, PermissionSpec


class OrganizationsConfig(AppConfig):
    name = "yiwang.kernel.organizations"
    label = "organizations"
    verbose_name = "机关单位"
    manifest = ModuleManifest(
        name="organizations",
        verbose_name="机关单位",
        always_active=True,
        permissions=(
            PermissionSpec("organizations.view_organization", "查看机关单位"),
            PermissionSpec("organizations.manage_organization", "管理机关单位及内设机构"),
        ),
        nav=(
            NavItem(
                gettext_noop("机关单位"),
                "organizations:list",
                permission="organizations.view_organization",
                order=80,
            ),
        ),
    )
