"""Legal review forms (重大执法决定法制审核, ENF-31…35)."""

from __future__ import annotations

from typing import Any

from django import forms

from yiwang.kernel.errors import DomainError

from ..rules import CHECKLIST, REVIEW_MATERIALS, EscalationRuling, Finding, ReviewOutcome
from .base import StepForm, area_field, date_field


class ReviewSubmitForm(StepForm):
    """ENF-31: submit after the investigation, with the draft decision and the materials."""

    materials = forms.MultipleChoiceField(
        label="送审材料",
        choices=list(REVIEW_MATERIALS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="勾选随案报送的材料；审核目录规定的材料必须齐全且已归入案卷",
    )
    note = area_field("送审说明", required=False, rows=3)
    on = date_field("送审日期", required=False, help_text="留空为今天")


class ReviewAnswerForm(StepForm):
    """ENF-32, ENF-33: every checklist point answered, then the outcome and the written opinion."""

    outcome = forms.ChoiceField(label="审核结论", choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    opinion = area_field("审核意见", rows=5)
    on = date_field("审核日期", required=False, help_text="留空为今天")

    checklist_error: str = ""

    def setup(self) -> None:
        for point in CHECKLIST:
            self.fields[f"point_{point.code}"] = forms.ChoiceField(
                label=f"{point.number}. {point.question}",
                choices=[("1", point.ok_label), ("0", point.problem_label)],
                widget=forms.RadioSelect,
                initial="1",
            )
            self.fields[f"note_{point.code}"] = forms.CharField(
                label=f"第{point.number}项具体意见", required=False, widget=forms.Textarea(attrs={"rows": 1})
            )

    def points(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        """(point, answer field, note field) for each checklist point, in order."""
        return [(p, self[f"point_{p.code}"], self[f"note_{p.code}"]) for p in CHECKLIST]

    def findings(self) -> list[Finding]:
        data = self.cleaned_data
        return [
            Finding(p.code, data.get(f"point_{p.code}") == "1", data.get(f"note_{p.code}", ""))
            for p in CHECKLIST
        ]

    def answer_fields(self) -> set[str]:
        return {f"point_{p.code}" for p in CHECKLIST} | {f"note_{p.code}" for p in CHECKLIST}

    def attach(self, exc: DomainError) -> None:
        if exc.field == "findings":
            self.refusal = exc
            self.checklist_error = exc.message
            self.add_error(None, exc.message)
            return
        super().attach(exc)


class ReviewObjectForm(StepForm):
    """ENF-34: the handling unit disagrees, stating its reasons and basis."""

    unit_reasons = area_field("异议理由", rows=4)
    unit_basis = area_field("异议依据", rows=3)


class ReviewSettleForm(StepForm):
    """ENF-34: consultation reached agreement; the legal unit reviews again."""

    note = area_field("协商情况", rows=3)
    on = date_field("日期", required=False, help_text="留空为今天")


class ReviewEscalateForm(StepForm):
    """ENF-34: consultation failed; both opinions go to the head."""

    consultation_note = area_field("协商情况", rows=3, help_text="写明协商经过及未能达成一致的原因")
    on = date_field("报请日期", required=False, help_text="留空为今天")
    error_fields = {"consulted": "consultation_note"}


class ReviewRulingForm(StepForm):
    """ENF-34: the head decides with both opinions side by side."""

    ruling = forms.ChoiceField(label="负责人决定", choices=EscalationRuling.choices, widget=forms.RadioSelect)
    note = area_field("决定理由", rows=3)
    on = date_field("决定日期", required=False, help_text="留空为今天")


class ReviewWithdrawForm(StepForm):
    reason = area_field("撤回送审的理由", rows=3)
