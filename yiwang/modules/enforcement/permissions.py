"""Permission codenames the module will declare in its manifest: ``"enforcement.<verb>_case"``.

Every transition names one of these (`workflow.ACTIONS`); the manifest (`apps.py`) turns them into
`PermissionSpec`s and the default roles (officer, legal reviewer, agency head, supervisor,
archivist) bundle them.
"""

from __future__ import annotations

PERMISSION_LABELS: dict[str, str] = {
    "enforcement.view_case": "查看执法案件",
    "enforcement.file_case": "提请立案",
    "enforcement.approve_case": "审批立案、撤销立案与终止（机关负责人）",
    "enforcement.investigate_case": "调查取证",
    "enforcement.examine_case": "案件审查",
    "enforcement.notify_case": "告知与催告",
    "enforcement.hear_case": "陈述申辩与听证",
    "enforcement.submit_case": "送审与报批",
    "enforcement.review_case": "法制审核",
    "enforcement.discuss_case": "集体讨论",
    "enforcement.decide_case": "作出执法决定（机关负责人）",
    "enforcement.transfer_case": "移送司法机关",
    "enforcement.deliver_case": "送达",
    "enforcement.execute_case": "执行",
    "enforcement.inspect_case": "行政检查",
    "enforcement.accept_case": "受理行政许可申请",
    "enforcement.close_case": "结案",
    "enforcement.archive_case": "归档",
    "enforcement.correct_case": "更正案件信息",
    "enforcement.supervise_case": "执法监督（超期与统计）",
    "enforcement.manage_catalogue": "维护法制审核目录",
    "enforcement.generate_document": "生成执法文书",
    "enforcement.evaluate_case": "案卷评查",
}

# Permissions no transition names: corrections (ENF-16), supervision, the review catalogue (ENF-30)
# and generated documents. Every transition permission ends in ``_case`` (`workflow.ACTIONS`).
EXTRA_PERMISSIONS = (
    "enforcement.correct_case",
    "enforcement.supervise_case",
    "enforcement.manage_catalogue",
    "enforcement.generate_document",
    "enforcement.evaluate_case",
)
