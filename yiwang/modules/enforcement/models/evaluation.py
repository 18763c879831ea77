"""Case-file evaluation (案卷评查, ENF-110): a run over the closed files of an organization's
subtree, and each file's result item by item. The checklist a run used is stored with it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from yiwang.kernel.access.scoping import ScopedQuerySet

from .base import CaseScopedQuerySet
from .cases import Case


class EvaluationGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASSING = "passing", "合格"
    FAILING = "failing", "不合格"


class EvaluationRunQuerySet(ScopedQuerySet):
    scope_path_field = "scope__path"


class EvaluationRun(models.Model):
    """One evaluation of the closed penalty files under `scope` closed within the period."""

    scope = models.ForeignKey(
        "organizations.Organization", verbose_name="评查范围", on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField("结案日期自", null=True, blank=True)
    period_end = models.DateField("结案日期至", null=True, blank=True)
    checklist = models.JSONField("评查标准", default=list, help_text="[{code, label, weight, rule}]")
    file_count = models.PositiveIntegerField("案卷数", default=0)
    average = models.DecimalField("平均得分", max_digits=4, decimal_places=1, null=True, blank=True)
    started_by = models.ForeignKey(
        "people.Person",
        verbose_name="评查人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField("评查时间", default=timezone.now)
    ledger_seq = models.BigIntegerField("台账序号", null=True, blank=True)

    objects = EvaluationRunQuerySet.as_manager()

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"案卷评查（{self.scope}，{self.started_at:%Y-%m-%d}）"

    def access_organization(self) -> Any:
        return self.scope


class FileEvaluation(models.Model):
    """The result of one file in a run: score in percent, grade, items and weak points."""

    run = models.ForeignKey(
        EvaluationRun, verbose_name="评查", on_delete=models.CASCADE, related_name="files"
    )
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="evaluations")
    unit = models.ForeignKey(
        "organizations.Organization", verbose_name="承办机构", on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField("得分", max_digits=4, decimal_places=1)
    points = models.DecimalField("实得分", max_digits=5, decimal_places=1)
    maximum = models.PositiveSmallIntegerField("应得分")
    grade = models.CharField("等次", max_length=16, choices=EvaluationGrade.choices)
    items = models.JSONField("逐项结果", default=list)
    weak = models.JSONField("失分项", default=list)

    objects = CaseScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "案卷评查结果"
        verbose_name_plural = "案卷评查结果"
        ordering = ["run", "score", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "case"], name="enf_evaluation_once_per_run")]
        indexes = [models.Index(fields=["run", "unit"], name="enf_evaluation_unit_idx")]

    def __str__(self) -> str:
        return f"{self.case.number}：{self.score}分"

    def access_organization(self) -> Any:
        return self.case.access_organization()
