from django.apps import AppConfig
from django.utils.translation import gettext_noop

from yiwang.kernel.modules.manifest import ModuleManifest, NavItem, PermissionSpec, RoleSpec

_VIEW_ORG = "organizations.view_organization"
_MANAGE_ORG = "organizations.manage_organization"

# Default roles of the kernel. A bureau may define further roles of its own (`role_create`).
DEFAULT_ROLES = (
    RoleSpec(
        "org_admin",
        "单位管理员",
        (
            _VIEW_ORG,
            _MANAGE_ORG,
            "people.view_person",
            "people.manage_person",
            "people.grant_role",
            "people.manage_role",
            "people.view_certificate",
            "people.manage_certificate",
        ),
    ),
    RoleSpec(
        "certificate_supervisor",
        "执法证监督管理",
        (_VIEW_ORG, "people.view_person", "people.view_certificate", "people.manage_certificate"),
    ),
    RoleSpec(
        "certificate_viewer", "执法证查询", (_VIEW_ORG, "people.view_person", "people.view_certificate")
    ),
    RoleSpec("staff", "工作人员", (_VIEW_ORG, "people.view_person")),
    RoleSpec("officer", "行政执法人员", (_VIEW_ORG, "people.view_person", "people.view_certificate")),
)


class PeopleConfig(AppConfig):
    name = "yiwang.kernel.people"
    label = "people"
    verbose_name = "人员与证件"
    manifest = ModuleManifest(
        name="people",
        verbose_name="人员与证件",
        always_active=True,
        permissions=(
            PermissionSpec("people.view_person", "查看人员、岗位与授权"),
            PermissionSpec("people.manage_person", "登记人员和岗位"),
            PermissionSpec("people.grant_role", "授予和撤销角色"),
            PermissionSpec("people.manage_role", "定义本单位角色"),
            PermissionSpec("people.view_certificate", "查看执法证"),
            PermissionSpec("people.manage_certificate", "登记、暂扣、注销执法证"),
        ),
        roles=DEFAULT_ROLES,
        nav=(
            NavItem(gettext_noop("我的"), "people:me", order=10),
            NavItem(gettext_noop("人员"), "people:list", permission="people.view_person", order=82),
            NavItem(
                gettext_noop("执法证"), "people:certificates", permission="people.view_certificate", order=84
            ),
        ),
    )
