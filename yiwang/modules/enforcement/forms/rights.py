"""Forms from the draft decision to the decision (ENF-10, ENF-13, ENF-31, ENF-35): draft, advance
notice, statements and defence, hearing request and record, collective discussion, the decision."""

from __future__ import annotations

from typing import Any

from django import forms

from ..models import Adoption, DecisionKind, DiscretionStandard, LegalProvision, StatementKind
from .base import StepForm, area_field, date_field, lines, money_field, text_field


def provisions(value: str) -> list[list[str]]:
    """Lines like ``《中华人民共和国大气污染防治法》第四十五条`` (or ``文件｜条款``) as [文件, 条款] pairs.

    A line that cannot be split is kept whole, so the service names it (``provision_invalid``)."""
    out = []
    for line in lines(value):
        if "》" in line:
            title, _, article = line.partition("》")
            out.append([title + "》", article.strip()])
        elif "｜" in line or "|" in line:
            title, _, article = line.replace("｜", "|").partition("|")
            out.append([title.strip(), article.strip()])
        else:
            out.append([line, ""])
    return out


class DraftDecisionForm(StepForm):
    """ENF-31: the handling unit drafts the intended decision."""

    kind = forms.ChoiceField(label="处理种类", choices=DecisionKind.choices, initial=DecisionKind.FINE)
    fine_amount = money_field("罚款金额（元）")
    confiscation_amount = money_field("没收违法所得（元）")
    facts = area_field("违法事实", rows=5)
    evidence = area_field(
        "证据（每行一项）", required=False, rows=4, help_text="留空则列出案卷中登记的全部证据"
    )
    violated = area_field(
        "违反的规定（每行一条）",
        required=False,
        rows=2,
        help_text="如《中华人民共和国大气污染防治法》第四十五条；留空按违法行为类型",
    )
    basis_provision = forms.ModelChoiceField(
        label="处罚依据条款",
        queryset=LegalProvision.objects.none(),
        required=False,
        help_text="留空按违法行为类型",
    )
    basis_text = area_field("处罚依据（文字）", required=False, rows=2)
    discretion_standard = forms.ModelChoiceField(
        label="适用的裁量基准", queryset=DiscretionStandard.objects.none(), required=False
    )
    discretion_note = area_field("裁量说明", required=False, rows=2)
    mitigated = forms.BooleanField(label="依法减轻处罚", required=False)
    other_measures = area_field(
        "其他措施（每行一项）", required=False, rows=2, help_text="如 责令改正违法行为"
    )
    statements_summary = area_field("陈述、申辩、听证情况及采纳情况", required=False, rows=2)
    payment_days = forms.IntegerField(
        label="履行期限（日）", required=False, help_text="留空按本机关设置（默认15日）"
    )
    error_fields = {"amount": "fine_amount"}

    def setup(self) -> None:
        basis: Any = self.fields["basis_provision"]
        basis.queryset = LegalProvision.objects.filter(active=True)
        standard: Any = self.fields["discretion_standard"]
        qs = DiscretionStandard.objects.filter(active=True).select_related("violation_type")
        if self.case is not None and self.case.violation_type_id is not None:
            qs = qs.filter(violation_type_id=self.case.violation_type_id)
        standard.queryset = qs

    def clean_evidence(self) -> list[str] | None:
        return lines(self.cleaned_data.get("evidence", "")) or None

    def clean_violated(self) -> list[list[str]] | None:
        return provisions(self.cleaned_data.get("violated", "")) or None

    def clean_other_measures(self) -> list[str]:
        return lines(self.cleaned_data.get("other_measures", ""))


class NoticeForm(StepForm):
    """ENF-13: 行政处罚事先告知书 with the party's rights."""

    served_on = date_field("送达日期")
    issued_on = date_field("告知日期", required=False, help_text="留空同送达日期")
    served_method = forms.ChoiceField(
        label="送达方式",
        choices=[(m, m) for m in ("直接送达", "留置送达", "邮寄送达", "委托送达", "电子送达")],
    )
    facts = area_field("违法事实", required=False, rows=4, help_text="留空按拟作出的决定")
    intended_penalty = area_field("拟作出的行政处罚", required=False, rows=2, help_text="留空按拟作出的决定")
    hearing_right = forms.BooleanField(label="告知听证权利", required=False, initial=True)
    statement_days = forms.IntegerField(label="陈述申辩期限（工作日）", initial=5)
    contact_person = text_field("联系人", required=False)
    contact_phone = text_field("联系电话", required=False)
    number = text_field("告知书文号", required=False, help_text="留空自动编号")


class StatementForm(StepForm):
    kind = forms.ChoiceField(label="类别", choices=StatementKind.choices)
    received_on = date_field("提出日期")
    content = area_field("陈述申辩内容", required=False, rows=4)
    adoption = forms.ChoiceField(label="采纳情况", choices=Adoption.choices, initial=Adoption.NOT_APPLICABLE)
    response = area_field("复核意见", required=False, rows=2)


class HearingRequestForm(StepForm):
    requested_on = date_field("申请日期")
    requested_by = text_field("申请人")
    content = area_field("申请事项", required=False, rows=2)


class HearingRecordForm(StepForm):
    """听证笔录 (行政处罚法 art. 64): notified seven days ahead, hosted by a non-investigator, signed."""

    notified_on = date_field("通知日期")
    held_on = date_field("举行日期")
    place = text_field("地点")
    host = text_field("主持人", help_text="须为非本案调查人员")
    recorder = text_field("记录员")
    participants = area_field("参加人员", rows=2)
    summary = area_field("听证情况", rows=5)
    opinion = area_field("听证意见", required=False, rows=2)
    public = forms.BooleanField(label="公开举行", required=False, initial=True)
    record_signed = forms.BooleanField(label="笔录经当事人审核签字或盖章", required=False, initial=True)


class DiscussionForm(StepForm):
    """集体讨论记录 (行政处罚法 art. 57)."""

    held_on = date_field("讨论日期")
    chair = text_field("主持人")
    participants = area_field("参加人员", rows=2)
    summary = area_field("讨论情况", rows=4)
    conclusion = area_field("讨论决定", rows=2)
    record_signed = forms.BooleanField(label="记录经参加人签名", required=False, initial=True)


class DecideForm(StepForm):
    """The head's decision; ENF-35 refuses a major decision without a passed review."""

    action = forms.ChoiceField(label="决定", choices=[("decide", "批准作出决定")], widget=forms.HiddenInput)
    fine_amount = money_field("罚款金额（元）", help_text="留空按拟作出的决定；变更金额须与审核通过的一致")
    note = area_field("决定意见", required=False, rows=2)
    on = date_field("决定日期", required=False, help_text="留空为今天")
    error_fields = {"amount": "fine_amount"}

    def __init__(self, *args: Any, actions: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        self._actions = actions
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        if self._actions:
            field: Any = self.fields["action"]
            field.choices = self._actions
            if len(self._actions) > 1:
                field.widget = forms.RadioSelect(choices=self._actions)
            self.initial.setdefault("action", self._actions[0][0])
