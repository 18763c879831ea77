"""Forms of filing and investigation (ENF-10…12, ENF-113)."""

from __future__ import annotations

from typing import Any

from django import forms

from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.people.models import EnforcementCertificate, EnforcementDomain

from ..models import CaseOfficer, CaseSource, EvidenceKind, RaisedBy, ViolationType, Withdrawal
from ..rules import PartyType, WithdrawalReason
from ..workflow import Kind
from .base import StepForm, area_field, date_field, datetime_field, lines, text_field


class CaseFileForm(StepForm):
    """登记案件 (a penalty case goes to the head for filing approval, ENF-10)."""

    kind = forms.ChoiceField(label="执法类别", choices=Kind.choices, initial=Kind.PENALTY)
    unit = forms.ModelChoiceField(label="承办机构", queryset=Organization.objects.none())
    title = text_field("案由", help_text="如 某公司未按规定使用大气污染防治设施案")
    violation_type = forms.ModelChoiceField(
        label="违法行为类型", queryset=ViolationType.objects.none(), required=False
    )
    domain = forms.ModelChoiceField(
        label="执法领域",
        queryset=EnforcementDomain.objects.none(),
        required=False,
        help_text="已选违法行为类型的，按其执法领域",
    )
    source = forms.ChoiceField(label="案件来源", choices=CaseSource.choices, initial=CaseSource.INSPECTION)
    party_type = forms.ChoiceField(
        label="当事人类型", choices=PartyType.choices, initial=PartyType.ORGANIZATION
    )
    party_name = text_field("当事人名称或姓名", required=False)
    party_identifier = text_field(
        "统一社会信用代码或居民身份证号码",
        required=False,
        help_text="单位填18位统一社会信用代码，个人填18位身份证号码",
    )
    party_legal_representative = text_field("法定代表人或负责人", required=False)
    party_address = text_field("住所或地址", required=False)
    party_phone = text_field("联系电话", required=False)
    place = text_field("违法地点", required=False)
    occurred_at = datetime_field("违法时间", required=False)
    found_on = date_field("发现日期", required=False)
    summary = area_field("简要案情", required=False)
    legal_basis = area_field("立案依据及涉嫌违反的规定", required=False, rows=3)
    opinion = area_field("承办人意见", required=False, rows=2)
    major_public_interest = forms.BooleanField(label="涉及重大公共利益", required=False)
    major_social_risk = forms.BooleanField(label="可能引发重大社会风险", required=False)
    major_rights = forms.BooleanField(label="直接关系当事人或第三人重大权益", required=False)
    complex_case = forms.BooleanField(label="案情疑难复杂、涉及多个法律关系", required=False)
    ordinary_procedure = forms.BooleanField(label="适用一般程序", required=False, initial=True)
    on = date_field("登记日期", required=False, help_text="留空为今天")

    error_fields = {
        "party.name": "party_name",
        "party.identifier": "party_identifier",
        "party.legal_representative": "party_legal_representative",
        "party_type": "party_type",
    }

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        self._units = units
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        unit: Any = self.fields["unit"]
        unit.queryset = self._units if self._units is not None else Organization.objects.none()
        violation: Any = self.fields["violation_type"]
        violation.queryset = ViolationType.objects.filter(active=True).select_related("domain")
        domain: Any = self.fields["domain"]
        domain.queryset = EnforcementDomain.objects.filter(active=True)


class FilingApprovalForm(StepForm):
    """ENF-10: the head approves filing or decides not to file (with reasons)."""

    approve = forms.TypedChoiceField(
        label="审批意见",
        choices=[("1", "同意立案"), ("0", "不予立案")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    opinion = area_field("审批意见及理由", required=False, rows=3, help_text="不予立案的须写明理由")
    on = date_field("审批日期", required=False, help_text="留空为今天")
    error_fields = {"reasons": "opinion"}


class OfficersForm(StepForm):
    """ENF-11, ENF-113: at least two officers, each with a valid certificate covering the domain."""

    certificates = forms.ModelMultipleChoiceField(
        label="承办执法人员（执法证）",
        queryset=EnforcementCertificate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="至少两名，执法证须在有效期内且执法领域与案件相符",
    )
    lead = forms.ModelChoiceField(
        label="主办人员", queryset=EnforcementCertificate.objects.none(), required=False
    )
    on = date_field("指派日期", required=False, help_text="留空为今天")
    error_fields = {"officers": "certificates"}

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        self._candidates = candidates
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        for name in ("certificates", "lead"):
            field: Any = self.fields[name]
            field.queryset = self._candidates if self._candidates is not None else field.queryset
            field.label_from_instance = _certificate_label
        if self.case is not None and not self.is_bound:
            current = list(self.case.officers.filter(removed_at__isnull=True))
            self.initial.setdefault("certificates", [o.certificate_id for o in current])
            lead = next((o.certificate_id for o in current if o.lead), None)
            if lead is not None:
                self.initial.setdefault("lead", lead)


def _certificate_label(cert: Any) -> str:
    return f"{cert.holder.name}（{cert.number}，{cert.domain.label}，有效期至{cert.valid_to:%Y-%m-%d}）"


class _OfficerChoices(StepForm):
    """A form choosing among the case's active officers (`officer_fields`)."""

    officer_fields: tuple[str, ...] = ()

    def setup(self) -> None:
        qs: Any = self.case.officers.filter(removed_at__isnull=True) if self.case is not None else None
        for name in self.officer_fields:
            field: Any = self.fields[name]
            if qs is not None:
                field.queryset = qs


class EvidenceForm(StepForm):
    kind = forms.ChoiceField(label="证据种类", choices=EvidenceKind.choices)
    title = text_field("证据名称", help_text="如 现场照片十二张")
    collected_on = date_field("取证日期")
    description = area_field("证明内容", required=False, rows=2)
    collected_by = text_field("取证人", required=False)
    place = text_field("取证地点", required=False)
    pages = forms.IntegerField(label="页数/件数", initial=1)


def _qas(value: str) -> list[tuple[str, str]]:
    """问：… / 答：… lines into pairs; a line without a prefix continues the one before."""
    pairs: list[list[str]] = []
    for line in lines(value):
        if line.startswith(("问：", "问:")):
            pairs.append([line[2:].strip(), ""])
        elif line.startswith(("答：", "答:")) and pairs:
            pairs[-1][1] = (pairs[-1][1] + line[2:].strip()).strip()
        elif pairs:
            if pairs[-1][1]:
                pairs[-1][1] += line
            else:
                pairs[-1][0] += line
        else:
            pairs.append([line, ""])
    return [(q, a) for q, a in pairs]


class InquiryForm(_OfficerChoices):
    """询问笔录 (ENF-72): two officers at least (ENF-11)."""

    officer_fields = ("inquirers",)
    started_at = datetime_field("开始时间")
    ended_at = datetime_field("结束时间")
    place = text_field("询问地点")
    inquirers = forms.ModelMultipleChoiceField(
        label="询问人", queryset=CaseOfficer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    recorder = text_field("记录人")
    interviewee_name = text_field("被询问人姓名", required=False)
    interviewee_gender = forms.ChoiceField(
        label="性别", choices=[("", "—"), ("男", "男"), ("女", "女")], required=False
    )
    interviewee_id_number = text_field("身份证号码", required=False)
    interviewee_employer = text_field("工作单位", required=False)
    interviewee_position = text_field("职务", required=False)
    interviewee_phone = text_field("联系电话", required=False)
    interviewee_address = text_field("住址", required=False)
    relation = text_field("与案件关系", required=False, initial="当事人")
    qas = area_field("问答内容", rows=8, help_text="每个问题一行以“问：”开头，回答一行以“答：”开头")
    error_fields = {"interviewee.name": "interviewee_name", "interviewee.id_number": "interviewee_id_number"}

    def clean_qas(self) -> list[tuple[str, str]]:
        return _qas(self.cleaned_data.get("qas", ""))


class InspectionForm(_OfficerChoices):
    """现场检查（勘验）笔录 (ENF-72); certificates shown first (ENF-11)."""

    officer_fields = ("inspectors",)
    started_at = datetime_field("开始时间")
    ended_at = datetime_field("结束时间")
    place = text_field("检查地点")
    inspectors = forms.ModelMultipleChoiceField(
        label="检查人", queryset=CaseOfficer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    recorder = text_field("记录人")
    present_person = text_field("现场负责人")
    present_position = text_field("职务", required=False)
    certificates_shown = forms.BooleanField(label="检查开始时已出示执法证件", required=False, initial=True)
    findings = area_field("现场检查情况", rows=6, required=False)
    evidence_taken = area_field("现场取证（每行一项）", required=False, rows=3)
    witness = text_field("见证人", required=False)
    party_signed = forms.BooleanField(label="当事人已签字确认", required=False, initial=True)
    refusal_note = text_field("拒签情况", required=False)

    def clean_evidence_taken(self) -> list[str]:
        return lines(self.cleaned_data.get("evidence_taken", ""))


class WithdrawalRequestForm(_OfficerChoices):
    """ENF-12: an officer with an interest in the case withdraws (回避)."""

    officer_fields = ("officer",)
    officer = forms.ModelChoiceField(label="执法人员", queryset=CaseOfficer.objects.none())
    reason = forms.ChoiceField(label="回避事由", choices=WithdrawalReason.choices)
    raised_by = forms.ChoiceField(label="提出方式", choices=RaisedBy.choices)
    note = area_field("具体情况", required=False, rows=2)


class WithdrawalDecideForm(StepForm):
    """ENF-12: the head decides on a withdrawal."""

    withdrawal = forms.ModelChoiceField(label="回避申请", queryset=Withdrawal.objects.none())
    approved = forms.TypedChoiceField(
        label="决定",
        choices=[("1", "决定回避"), ("0", "不予回避")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    note = area_field("决定理由", required=False, rows=2, help_text="不予回避的须写明理由")

    def setup(self) -> None:
        field: Any = self.fields["withdrawal"]
        if self.case is not None:
            field.queryset = self.case.withdrawals.filter(approved__isnull=True).select_related("officer")


class FinishInvestigationForm(StepForm):
    report = area_field("调查终结报告", rows=8, required=False, help_text="违法事实、证据、处理意见")
    on = date_field("调查终结日期", required=False, help_text="留空为今天")
