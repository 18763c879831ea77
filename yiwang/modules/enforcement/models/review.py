"""Legal review of major decisions (重大执法决定法制审核), ENF-30…37.

One `LegalReview` per review of a case, following `workflow.REVIEW_TRANSITIONS`. Every submission
and resubmission is a `ReviewSubmission` (materials and the draft as it was, ENF-31); every answer
is a `ReviewOpinion` with its checklist `ReviewFinding`s point by point (ENF-32) and its outcome
(ENF-33). A disagreement is a `ReviewEscalation` carrying both opinions to the agency head (ENF-34).
Nothing is overwritten: the history of a review is its rows.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from yiwang.kernel.access.scoping import ScopedQuerySet

from ..rules.review import CHECKLIST, EscalationRuling, ReviewOutcome
from ..workflow import REVIEW_CLEARS_DECISION, ReviewStatus
from .base import MONEY_DIGITS, CaseChild
from .cases import Case


class _ViaReview(ScopedQuerySet):
    scope_path_field = "review__case__unit__path"


class _ViaOpinion(ScopedQuerySet):
    scope_path_field = "opinion__review__case__unit__path"


class LegalReview(CaseChild):
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField("审核状态", max_length=16, choices=ReviewStatus.choices)
    reasons = models.JSONField("纳入审核目录的理由", default=list, help_text="[{code, text, source}]")
    round = models.PositiveSmallIntegerField("送审次数", default=1)
    submitted_at = models.DateTimeField("最近送审时间", default=timezone.now)
    due_on = models.DateField("审核期限", help_text="ENF-37：最近一次送审起算")
    concluded_at = models.DateTimeField("审核结论时间", null=True, blank=True)
    outcome = models.CharField(
        "最近审核结论", max_length=16, choices=ReviewOutcome.choices, blank=True, help_text="为空表示尚未作出"
    )
    ruling = models.CharField("负责人决定", max_length=16, choices=EscalationRuling.choices, blank=True)
    reviewed_fine = models.DecimalField(
        "审核时拟罚款（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    reviewed_draft = models.JSONField("审核时的拟决定", default=dict, blank=True)
    superseded_at = models.DateTimeField(
        "失效时间", null=True, blank=True, help_text="拟决定变更后须重新审核"
    )
    status_changed_at = models.DateTimeField("状态变更时间", default=timezone.now)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="enf_review_status_known"
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=~Q(status=ReviewStatus.WITHDRAWN) & Q(superseded_at__isnull=True),
                name="enf_review_one_current_per_case",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="enf_review_queue_idx"),
            models.Index(fields=["case", "-submitted_at"], name="enf_review_case_idx"),
        ]

    def __str__(self) -> str:
        return f"法制审核（{self.case.number}，第{self.round}次送审）"

    @property
    def cleared(self) -> bool:
        """ENF-35/34: passed, or the head ruled for the handling unit."""
        return self.status in REVIEW_CLEARS_DECISION and self.superseded_at is None

    @property
    def pending(self) -> bool:
        return self.status in (ReviewStatus.SUBMITTED, ReviewStatus.DISPUTED, ReviewStatus.ESCALATED)


class ReviewSubmission(models.Model):
    """One (re)submission: the materials and the draft decision as submitted (ENF-31)."""

    review = models.ForeignKey(
        LegalReview, verbose_name="法制审核", on_delete=models.PROTECT, related_name="submissions"
    )
    round = models.PositiveSmallIntegerField("送审次数")
    submitted_at = models.DateTimeField("送审时间", default=timezone.now)
    submitted_by = models.ForeignKey(
        "people.Person",
        verbose_name="送审人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    materials = models.JSONField("送审材料", default=list)
    note = models.TextField("送审说明", blank=True)
    draft = models.JSONField("拟作出的决定", default=dict)

    objects = _ViaReview.as_manager()

    class Meta:
        verbose_name = "送审记录"
        verbose_name_plural = "送审记录"
        ordering = ["review", "round"]
        constraints = [
            models.UniqueConstraint(fields=["review", "round"], name="enf_submission_round_unique")
        ]

    def __str__(self) -> str:
        return f"第{self.round}次送审"


class ReviewOpinion(models.Model):
    """A reviewer's answer: the checklist point by point, the outcome and the written opinion."""

    review = models.ForeignKey(
        LegalReview, verbose_name="法制审核", on_delete=models.PROTECT, related_name="opinions"
    )
    submission = models.ForeignKey(
        ReviewSubmission, verbose_name="所审送审记录", on_delete=models.PROTECT, related_name="opinions"
    )
    outcome = models.CharField("审核结论", max_length=16, choices=ReviewOutcome.choices)
    opinion = models.TextField("审核意见")
    number = models.CharField("意见书文号", max_length=80, blank=True)
    reviewer = models.ForeignKey(
        "people.Person", verbose_name="审核人", on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField("审核时间", default=timezone.now)

    objects = _ViaReview.as_manager()

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ["review", "reviewed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=ReviewOutcome.values), name="enf_opinion_outcome_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}（{self.reviewed_at:%Y-%m-%d}）"


class ReviewFinding(models.Model):
    """ENF-32: the answer to one checklist point."""

    opinion = models.ForeignKey(
        ReviewOpinion, verbose_name="审核意见", on_delete=models.PROTECT, related_name="findings"
    )
    point = models.CharField("审核要点", max_length=32, choices=[(p.code, p.question) for p in CHECKLIST])
    number = models.PositiveSmallIntegerField("序号")
    ok = models.BooleanField("符合")
    note = models.TextField("具体意见", blank=True)

    objects = _ViaOpinion.as_manager()

    class Meta:
        verbose_name = "审核要点结论"
        verbose_name_plural = "审核要点结论"
        ordering = ["opinion", "number"]
        constraints = [models.UniqueConstraint(fields=["opinion", "point"], name="enf_finding_point_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.get_point_display()}"


class ReviewEscalation(models.Model):
    """ENF-34: the handling unit's objection (reasons and basis), consultation, the head's ruling."""

    review = models.ForeignKey(
        LegalReview, verbose_name="法制审核", on_delete=models.PROTECT, related_name="escalations"
    )
    review_opinion = models.ForeignKey(
        ReviewOpinion, verbose_name="法制审核意见", on_delete=models.PROTECT, related_name="+"
    )
    unit_reasons = models.TextField("承办机构异议理由")
    unit_basis = models.TextField("承办机构异议依据")
    objected_at = models.DateTimeField("提出异议时间", default=timezone.now)
    objected_by = models.ForeignKey(
        "people.Person",
        verbose_name="提出人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    consulted = models.BooleanField("已协商", default=False)
    consultation_note = models.TextField("协商情况", blank=True)
    escalated_at = models.DateTimeField("报请负责人时间", null=True, blank=True)
    escalated_by = models.ForeignKey(
        "people.Person",
        verbose_name="报请人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ruling = models.CharField("负责人决定", max_length=16, choices=EscalationRuling.choices, blank=True)
    ruling_note = models.TextField("决定理由", blank=True)
    ruled_by = models.ForeignKey(
        "people.Person",
        verbose_name="决定人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ruled_at = models.DateTimeField("决定时间", null=True, blank=True)

    objects = _ViaReview.as_manager()

    class Meta:
        verbose_name = "审核意见分歧"
        verbose_name_plural = "审核意见分歧"
        ordering = ["review", "objected_at", "pk"]

    def __str__(self) -> str:
        return f"意见分歧（{self.objected_at:%Y-%m-%d}）"

    def both_opinions(self) -> dict[str, Any]:
        """ENF-34: what the head sees side by side."""
        return {
            "review": {"outcome": self.review_opinion.outcome, "opinion": self.review_opinion.opinion},
            "unit": {"reasons": self.unit_reasons, "basis": self.unit_basis},
        }
