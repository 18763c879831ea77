"""Local calendar data (CAL-02, CAL-03) and the reusable deadline fields (CAL-06).

- `CalendarOverride`: one day declared a working day or a day off by a named document; it wins over
  the packaged data. Overrides are never deleted: withdrawing one stamps it, so the history stays.
- `CalendarYear`: an administrator's declaration that a year's whole schedule has been entered as
  overrides (the State Council published it before the package was updated). Only then do
  computations reach into a year the package does not cover.
- `DeadlineFields`: an abstract model any module inherits to store a deadline with its rule id,
  start day and basis, so it can be recomputed and explained.

The person who entered a row is kept as id and display name, like the ledger does, so the
calendar does not depend on the people part and history survives the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .rules import DeadlineBasis

if TYPE_CHECKING:
    from .rules import DeadlineInfo


class SourceFields(models.Model):
    """Where a local calendar decision comes from (CAL-03: "entered with their source and date")."""

    source_document = models.CharField(
        "依据文件", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    source_number = models.CharField("文号", max_length=80, blank=True, help_text="如：国办发明电〔2026〕7号")
    source_date = models.DateField("发布日期")
    entered_by_person_id = models.BigIntegerField("录入人编号", null=True, blank=True)
    entered_by_name = models.CharField("录入人", max_length=100, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    changed_at = models.DateTimeField("最后变更", auto_now=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤销时间", null=True, blank=True)
    withdrawn_by_name = models.CharField("撤销人", max_length=100, blank=True)
    withdraw_reason = models.CharField("撤销原因", max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def source_label(self) -> str:
        number = f"（{self.source_number}）" if self.source_number else ""
        return f"{self.source_document}{number}，{self.source_date:%Y-%m-%d}"


class CalendarOverride(SourceFields):
    """A day declared a working day or a day off locally; wins over the packaged data (CAL-03)."""

    day = models.DateField("日期")
    is_working_day = models.BooleanField("是否工作日")
    reason = models.CharField("事由", max_length=200, help_text="如：春节假期延长")

    class Meta:
        verbose_name = "工作日历调整"
        verbose_name_plural = "工作日历调整"
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"],
                condition=Q(withdrawn_at__isnull=True),
                name="calendar_override_one_active_per_day",
            ),
        ]

    def __str__(self) -> str:
        what = "上班" if self.is_working_day else "休息"
        return f"{self.day:%Y-%m-%d} {what}（{self.reason}）"


class CalendarYear(SourceFields):
    """An administrator declares `year`'s schedule completely entered as overrides (CAL-02)."""

    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2200)]
    )

    class Meta:
        verbose_name = "本地录入的年度安排"
        verbose_name_plural = "本地录入的年度安排"
        ordering = ["year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(withdrawn_at__isnull=True), name="calendar_year_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年（本地录入）"


class DeadlineFields(models.Model):
    """Abstract: a stored deadline that keeps its rule id and start day (CAL-06).

    Inherit it on an entity with one deadline (``class Application(DeadlineFields)``) or on a child
    table for entities with several (``class CaseDeadline(DeadlineFields): case = FK``). A subclass
    declaring its own ``Meta`` must write ``class Meta(DeadlineFields.Meta)`` to keep the constraint.
    Fill it with ``row.set_deadline(compute_deadline(...))``; after a calendar change,
    ``row.set_deadline(recompute_deadline(row))`` applies the current calendar (True when the due
    date moved) and ``recompute_deadline(row).explain()`` explains it in Chinese.
    """

    due_date = models.DateField("期限届满日", db_index=True)
    deadline_rule_id = models.CharField("期限依据规则", max_length=40)
    deadline_start = models.DateField("起算日")
    deadline_basis = models.CharField(
        "计算方式",
        max_length=16,
        choices=[(b.value, b.label) for b in DeadlineBasis],
        default=DeadlineBasis.WORKING_DAYS.value,
    )
    deadline_amount = models.IntegerField("期限天数")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_basis__in=[b.value for b in DeadlineBasis]),
                name="%(app_label)s_%(class)s_deadline_basis_valid",
            ),
        ]

    def set_deadline(self, info: DeadlineInfo) -> bool:
        """Store `info`; returns True when the due date changed (the caller saves)."""
        changed = getattr(self, "due_date", None) != info.due
        self.due_date = info.due
        self.deadline_rule_id = info.rule_id
        self.deadline_start = info.start
        self.deadline_basis = str(info.kind)
        self.deadline_amount = info.amount
        return changed
