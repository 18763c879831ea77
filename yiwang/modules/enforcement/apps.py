"""The enforcement module's contract with the kernel: permissions, default roles, navigation,
settings (`rules.EnforcementSettings`) and the demo seed."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_noop

from yiwang.kernel.modules.manifest import ModuleManifest, NavItem, PermissionSpec, RoleSpec

from .permissions import PERMISSION_LABELS
from .rules.settings import EnforcementSettings

VIEW = "enforcement.view_case"


def _p(*verbs: str) -> tuple[str, ...]:
    return (VIEW, *(f"enforcement.{v}_case" for v in verbs))


ROLES = (
    # 执法人员: the handling unit's officers (seed 001 annex 7 调查岗、审查岗、送达岗、执行岗)
    RoleSpec(
        "enforcement_officer",
        "执法人员（行政执法）",
        (
            *_p(
                "file",
                "investigate",
                "examine",
                "notify",
                "hear",
                "submit",
                "deliver",
                "execute",
                "inspect",
                "accept",
                "close",
                "correct",
            ),
            "enforcement.generate_document",
        ),
    ),
    # 法制审核人员: the legal unit (法制股), ENF-30…37
    RoleSpec(
        "enforcement_reviewer",
        "法制审核人员",
        (
            *_p("review"),
            "enforcement.manage_catalogue",
            "enforcement.generate_document",
            "enforcement.evaluate_case",  # 案卷评查 of the agency's files (ENF-110)
        ),
    ),
    # 机关负责人: approves filing, decides, rules on disagreements (ENF-10, ENF-34)
    RoleSpec(
        "enforcement_head",
        "机关负责人（行政执法）",
        (*_p("approve", "decide", "transfer", "discuss"), "enforcement.generate_document"),
    ),
    # 档案管理员: archives closed files (ENF-70)
    RoleSpec("enforcement_archivist", "档案管理员（行政执法）", _p("archive")),
    # 执法监督: the justice bureau, read-only over the bodies it supervises (ENF-111)
    RoleSpec(
        "enforcement_supervisor",
        "执法监督（司法行政）",
        (VIEW, "enforcement.supervise_case", "enforcement.evaluate_case"),
    ),
)


# Navigation for the staff pages (`urls.py`); each entry shows for those holding its permission.
NAV = (
    NavItem(gettext_noop("执法案件"), "enforcement:case-list", permission=VIEW, order=30),
    NavItem(
        gettext_noop("我的待办"), "enforcement:todo", permission="enforcement.investigate_case", order=31
    ),
    NavItem(
        gettext_noop("法制审核"), "enforcement:review-queue", permission="enforcement.review_case", order=32
    ),
    NavItem(
        gettext_noop("待决定"), "enforcement:decision-queue", permission="enforcement.decide_case", order=33
    ),
    NavItem(
        gettext_noop("超期监督"), "enforcement:overdue", permission="enforcement.supervise_case", order=34
    ),
    NavItem(
        gettext_noop("案卷评查"),
        "enforcement:evaluation-list",
        permission="enforcement.evaluate_case",
        order=35,
    ),
)


class EnforcementConfig(AppConfig):
    name = "yiwang.modules.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"
    manifest = ModuleManifest(
        name="enforcement",
        verbose_name="行政执法",
        description="行政处罚、行政强制、行政检查、行政许可、行政征收征用的办案与重大执法决定法制审核",
        permissions=tuple(PermissionSpec(code, label) for code, label in PERMISSION_LABELS.items()),
        roles=ROLES,
        nav=NAV,
        settings=EnforcementSettings,
        demo_seed="yiwang.modules.enforcement.seeds.seed_demo",
    )
