"""What the case file keeps beside its steps: deadlines (CAL-06), generated documents, the timeline,
and the idempotency keys that make a form submitted twice apply once.

`CaseDeadline` does not inherit the calendar's `DeadlineFields`: enforcement periods are also
counted in months (ENF-15 court application: delivery + 6 months + 3 months, 民法典 art. 202) and
a party's calendar-day period moves to the next working day (民法典 art. 203), which the kernel's
working/calendar-day recomputation cannot express. It keeps the same facts (rule id, start day,
basis, amount, due day) plus months, source and the alert day of `rules.Deadline`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..documents import DocumentKind
from ..rules.deadlines import DayBasis, Deadline
from .base import CaseChild, CaseScopedQuerySet
from .cases import Case, CaseOfficer


class DeadlineKind(models.TextChoices):
    HEARING_REQUEST = "hearing_request", "申请听证期限"
    REVIEW = "review", "法制审核时限"
    DELIVERY = "delivery", "决定书送达期限"
    PAYMENT = "payment", "履行（缴纳罚款）期限"
    COURT_APPLICATION = "court_application", "申请法院强制执行期限"
    SEIZURE = "seizure", "查封、扣押期限"
    CERTIFICATE = "certificate", "执法证有效期"


RULE_FIELDS = ("rule", "start", "due", "basis", "days", "months", "source", "alert_on")


def deadline_rule(values: Mapping[str, Any]) -> Deadline:
    """The `rules.Deadline` of a stored deadline, from its row or from ``values(*RULE_FIELDS)``."""
    return Deadline(**{**{f: values[f] for f in RULE_FIELDS}, "basis": DayBasis(values["basis"])})


class DeadlineQuerySet(CaseScopedQuerySet):
    """Deadlines scoped by their own copy of the case's handling unit: the supervisor's overdue page
    counts thousands of open deadlines and must not join every one to its case (issue 3 benchmark)."""

    scope_path_field = "unit__path"


class CaseDeadline(CaseChild):
    """A deadline of a case, stored with the rule id and start day it was computed from (CAL-06).

    `agency` and `unit` repeat the case's agency and handling unit, which never change after
    filing (no service moves a case), so the overdue page reads and scopes deadlines alone.
    """

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="deadlines")
    agency = models.ForeignKey(
        "organizations.Organization", verbose_name="行政机关", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "organizations.Organization", verbose_name="承办机构", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("期限类别", max_length=20, choices=DeadlineKind.choices)
    rule = models.CharField("规则", max_length=20, help_text="如 ENF-14")
    start = models.DateField("起算日")
    due = models.DateField("届满日")
    basis = models.CharField("计算方式", max_length=16, choices=[(b.value, b.label) for b in DayBasis])
    days = models.PositiveIntegerField("天数", default=0)
    months = models.PositiveSmallIntegerField("月数", default=0)
    source = models.CharField("依据", max_length=200, blank=True)
    alert_on = models.DateField("提醒日", null=True, blank=True)
    label = models.CharField("说明", max_length=200, blank=True, help_text="如 执法证 ZF-… 周海涛")
    officer = models.ForeignKey(
        CaseOfficer,
        verbose_name="执法人员",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review = models.ForeignKey(
        "enforcement.LegalReview",
        verbose_name="法制审核",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    satisfied_on = models.DateField("完成日期", null=True, blank=True)
    cancelled_at = models.DateTimeField("撤销时间", null=True, blank=True, help_text="情况变化，期限不再适用")
    created_at = models.DateTimeField("计算时间", default=timezone.now)

    objects: ClassVar[Any] = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due__gte=models.F("start")), name="enf_deadline_due_after_start"
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "due"],
                condition=Q(satisfied_on__isnull=True, cancelled_at__isnull=True),
                name="enf_deadline_open_idx",
            ),
            models.Index(
                fields=["due"],
                condition=Q(satisfied_on__isnull=True, cancelled_at__isnull=True),
                name="enf_deadline_open_due_idx",
            ),
            models.Index(fields=["case", "kind"], name="enf_deadline_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.due:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The agency and unit are always the case's (the overdue page scopes by them)."""
        self.agency_id = self.case.agency_id
        self.unit_id = self.case.unit_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.satisfied_on is None and self.cancelled_at is None

    def as_rule(self) -> Deadline:
        return deadline_rule(vars(self))

    def explain(self) -> str:
        """E.g. 自2026年9月28日起7个工作日，至2026年10月13日止（ENF-14，行政处罚法第六十一条、第八十五条）."""
        return self.as_rule().explain()

    def is_overdue(self, on: date) -> bool:
        if self.cancelled_at is not None:
            return False
        return self.as_rule().is_overdue(on, self.satisfied_on)

    def should_alert(self, on: date) -> bool:
        return self.is_open and self.as_rule().should_alert(on)

    @classmethod
    def from_rule(cls, d: Deadline, *, case: Case, kind: str, **extra: Any) -> CaseDeadline:
        """An unsaved row for the computed deadline `d` of `case`."""
        return cls(
            case=case,  # the agency and unit are copied from it on save
            kind=kind,
            rule=d.rule,
            start=d.start,
            due=d.due,
            basis=str(d.basis),
            days=d.days,
            months=d.months,
            source=d.source[:200],
            alert_on=d.alert_on,
            **extra,
        )


class DocumentFormat(models.TextChoices):
    DOCX = "docx", "Word（DOCX）"
    PDF = "pdf", "PDF"


class GeneratedDocument(CaseChild):
    """A standard document generated from the case data, stored with its digests and ledger entry."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("文书", max_length=24, choices=DocumentKind.choices)
    format = models.CharField("格式", max_length=8, choices=DocumentFormat.choices)
    title = models.CharField("标题", max_length=100)
    number = models.CharField("文号", max_length=80, blank=True)
    filename = models.CharField("文件名", max_length=200)
    media_type = models.CharField("媒体类型", max_length=100)
    size = models.PositiveIntegerField("字节数")
    sha256 = models.CharField("SHA-256", max_length=64)
    sm3 = models.CharField("SM3", max_length=64)
    content = models.BinaryField("文件内容")
    source_id = models.BigIntegerField(
        "来源记录编号", null=True, blank=True, help_text="如 询问笔录、审核意见的编号"
    )
    ledger_seq = models.BigIntegerField("台账序号", null=True, blank=True)
    generated_by = models.ForeignKey(
        "people.Person",
        verbose_name="生成人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    generated_at = models.DateTimeField("生成时间", default=timezone.now)

    class Meta:
        verbose_name = "执法文书"
        verbose_name_plural = "执法文书"
        ordering = ["case", "generated_at", "pk"]
        indexes = [models.Index(fields=["case", "kind"], name="enf_document_case_idx")]

    def __str__(self) -> str:
        return self.filename


class CaseEvent(CaseChild):
    """One line of the case's timeline, written with its ledger entry (`ledger_seq`)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        "people.Person",
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=100, blank=True)
    action = models.CharField("动作", max_length=40)
    label = models.CharField("说明", max_length=200)
    from_status = models.CharField("原状态", max_length=32, blank=True)
    to_status = models.CharField("新状态", max_length=32, blank=True)
    note = models.TextField("备注", blank=True)
    ledger_seq = models.BigIntegerField("台账序号", null=True, blank=True)

    class Meta:
        verbose_name = "案件动态"
        verbose_name_plural = "案件动态"
        ordering = ["case", "at", "pk"]
        indexes = [models.Index(fields=["case", "at"], name="enf_event_case_idx")]

    def __str__(self) -> str:
        return self.label


class IdempotencyKey(models.Model):
    """A form or API request already applied: the same key returns the first result (issue 3)."""

    key = models.CharField("幂等键", max_length=100)
    actor_id = models.BigIntegerField("操作人编号", null=True, blank=True)
    operation = models.CharField("操作", max_length=60)
    result_type = models.CharField("结果类型", max_length=80, blank=True)
    result_id = models.BigIntegerField("结果编号", null=True, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "幂等键"
        verbose_name_plural = "幂等键"
        constraints = [models.UniqueConstraint(fields=["actor_id", "key"], name="enf_idempotency_key_unique")]

    def __str__(self) -> str:
        return f"{self.operation}:{self.key}"
