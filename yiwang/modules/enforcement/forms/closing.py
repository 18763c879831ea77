"""Forms from delivery to archive (ENF-14…16, ENF-70), endings, corrections, documents and the
generic transition form for steps without data of their own."""

from __future__ import annotations

from typing import Any

from django import forms

from yiwang.kernel.people.models import Person

from ..documents import DocumentKind
from ..models import CaseOfficer, DeliveryMethod
from ..services import CORRECTABLE
from ..workflow import GUARDS, Transition
from .base import StepForm, area_field, date_field, datetime_field, money_field, text_field


class _Approver(StepForm):
    """A step approved by the agency head: the approver is chosen among those who may approve."""

    def __init__(self, *args: Any, approvers: Any = None, **kwargs: Any) -> None:
        self._approvers = approvers
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        for name in ("approved_by", "approver"):
            if name in self.fields:
                field: Any = self.fields[name]
                field.queryset = self._approvers if self._approvers is not None else Person.objects.none()
                mine = self.actor is not None and self._approvers is not None and not self.is_bound
                if mine and self._approvers.filter(pk=self.actor.pk).exists():
                    self.initial.setdefault(name, self.actor.pk)


class DeliveryForm(StepForm):
    """ENF-14: on the spot or within 7 working days, never dated before the decision; the receipt."""

    delivered_on = date_field("送达日期")
    delivered_at = datetime_field("送达时间", required=False)
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    on_spot = forms.BooleanField(label="宣告后当场交付", required=False)
    recipient = text_field("受送达人")
    place = text_field("送达地点")
    officers = forms.ModelMultipleChoiceField(
        label="送达人", queryset=CaseOfficer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    receipt_signed = forms.BooleanField(label="受送达人已在送达回证上签收", required=False, initial=True)
    receipt_signer = text_field("签收人", required=False)
    witness = text_field("见证人", required=False, help_text="留置送达须有见证人")
    remarks = area_field("备注", required=False, rows=2)

    def setup(self) -> None:
        field: Any = self.fields["officers"]
        if self.case is not None:
            field.queryset = self.case.officers.filter(removed_at__isnull=True)


class PaymentForm(StepForm):
    """ENF-15: a payment by the party (with the late surcharge when due)."""

    amount = money_field("缴纳金额（元）", required=True)
    paid_on = date_field("缴纳日期")
    receipt_number = text_field("缴款凭证号", required=False)
    note = text_field("备注", required=False)


class PerformanceForm(StepForm):
    note = area_field("履行情况", required=False, rows=2)
    on = date_field("履行完毕日期", required=False, help_text="留空为今天")


class CourtApplicationForm(StepForm):
    """ENF-15: apply to the court within 3 months after the remedy periods (行政强制法 art. 53–54)."""

    reminder_on = date_field("催告书送达日期", required=False)
    applied_on = date_field("申请日期")
    court = text_field("受理法院")
    reference = text_field("法院案号", required=False)


class CourtFinishForm(StepForm):
    finished_on = date_field("执行完毕日期")
    result = area_field("执行结果", rows=3)


class TerminateForm(StepForm):
    """撤销立案 / 终止 / 不予处罚, with reasons; the case still closes and archives (ENF-10)."""

    action = forms.ChoiceField(label="处理", choices=[], widget=forms.RadioSelect)
    reasons = area_field("理由和依据", rows=4)
    on = date_field("日期", required=False, help_text="留空为今天")

    def __init__(self, *args: Any, actions: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        self._actions = actions or []
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        field: Any = self.fields["action"]
        field.choices = self._actions
        if self._actions and not self.is_bound:
            self.initial.setdefault("action", self._actions[0][0])


class TransferForm(_Approver):
    """移送司法机关 (ENF-32 point 8), approved by the agency head."""

    organ = text_field("接收机关", help_text="如 鲁山县公安局")
    reasons = area_field("移送理由", rows=4)
    approved_by = forms.ModelChoiceField(label="批准人（机关负责人）", queryset=Person.objects.none())
    on = date_field("移送日期", required=False, help_text="留空为今天")


class TransferReceiptForm(StepForm):
    receipt_on = date_field("回执日期")
    receipt_number = text_field("回执编号", required=False)


class CloseForm(_Approver):
    """结案: the closing report approved by the agency head (ENF-70)."""

    report = area_field("结案报告", rows=5)
    approved_by = forms.ModelChoiceField(label="批准人（机关负责人）", queryset=Person.objects.none())
    on = date_field("结案日期", required=False, help_text="留空为今天")
    error_fields = {"approved_by": "approved_by"}


class ArchiveForm(StepForm):
    """归档: only a complete case file (ENF-70)."""

    archive_number = text_field("档案号")
    on = date_field("归档日期", required=False, help_text="留空为今天")
    error_fields = {"documents": "__all__"}


class CorrectionForm(_Approver):
    """ENF-16: field, new value, reason and approver; the old value is kept."""

    field = forms.ChoiceField(label="更正项目", choices=list(CORRECTABLE.items()))
    new_value = area_field("更正后内容", rows=2, required=False)
    reason = area_field("更正理由", rows=3)
    approver = forms.ModelChoiceField(label="批准人（机关负责人）", queryset=Person.objects.none())


class DocumentForm(forms.Form):
    """Which standard document to generate, and in which format (each generation is stored)."""

    kind = forms.ChoiceField(label="文书", choices=DocumentKind.choices, widget=forms.HiddenInput)
    idempotency_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    fmt = forms.ChoiceField(label="格式", choices=[("pdf", "PDF"), ("docx", "Word")], initial="pdf")


# Guards whose data the generic transition form asks for (field name, in `GUARD_FIELDS`).
GUARD_FIELDS: dict[str, tuple[str, ...]] = {
    "reasons_recorded": ("reasons",),
    "obligation_unperformed": ("reasons",),
    "investigation_report_present": ("report",),
    "recheck_recorded": ("report",),
    "closing_report_approved": ("report", "approved_by"),
    "transfer_approved_by_head": ("approved_by",),
    "costs_determined": ("amount",),
    "materials_complete": ("materials_complete",),
    "hearing_notice_given": ("notified_on",),
    "substitute_reminder_given": ("reminder_on",),
    "reminder_period_elapsed": ("reminder_on",),
}


class TransitionForm(_Approver):
    """A transition without data of its own: the fields its guards need, nothing more."""

    on = date_field("日期", required=False, help_text="留空为今天")
    reasons = area_field("理由和依据", required=False, rows=3)
    report = area_field("报告或记录", required=False, rows=4)
    approved_by = forms.ModelChoiceField(
        label="批准人（机关负责人）", queryset=Person.objects.none(), required=False
    )
    amount = money_field("金额（元）")
    materials_complete = forms.BooleanField(label="申请材料齐全、符合法定形式", required=False)
    notified_on = date_field("通知听证日期", required=False)
    reminder_on = date_field("催告日期", required=False)

    def __init__(self, *args: Any, transition: Transition | None = None, **kwargs: Any) -> None:
        self.transition = transition
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        wanted = {"on"}
        for guard in self.transition.guards if self.transition else ():
            wanted.update(GUARD_FIELDS.get(guard, ()))
        for name in [
            n for n in self.fields if n not in wanted and n not in ("idempotency_key", "expected_status")
        ]:
            del self.fields[name]

    def guard_texts(self) -> list[tuple[str, str]]:
        """What the step checks before it applies: (rule id, description)."""
        if self.transition is None:
            return []
        return [(GUARDS[g].source, GUARDS[g].description) for g in self.transition.guards if g in GUARDS]
