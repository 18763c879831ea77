"""Plain input data for the standard documents; services map case rows onto these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ..rules.review import Finding, PartyType


@dataclass(frozen=True)
class Agency:
    name: str  # 鲁山县环境保护局
    address: str = ""
    phone: str = ""
    review_body: str = ""  # where the party applies for administrative review, e.g. 鲁山县人民政府
    court: str = ""  # where the party sues, e.g. 鲁山县人民法院
    payment_place: str = ""  # bank and account for fines


@dataclass(frozen=True)
class Party:
    name: str
    party_type: str = PartyType.ORGANIZATION
    identifier: str = ""  # 统一社会信用代码 or 居民身份证号码
    legal_representative: str = ""
    address: str = ""
    phone: str = ""

    @property
    def is_person(self) -> bool:
        return self.party_type == PartyType.PERSON

    @property
    def you(self) -> str:
        """How the documents address the party: 你 (a person) or 你单位 (an organization)."""
        return "你" if self.is_person else "你单位"

    @property
    def identifier_label(self) -> str:
        return "居民身份证号码" if self.is_person else "统一社会信用代码"


@dataclass(frozen=True)
class OfficerRef:
    name: str
    certificate_number: str

    def __str__(self) -> str:
        return f"{self.name}（执法证号：{self.certificate_number}）"


@dataclass(frozen=True)
class CaseFiling:
    """立案审批表."""

    agency: Agency
    case_number: str
    cause: str  # 案由
    source: str  # 案件来源: 检查发现 / 举报投诉 / 部门移送 / 上级交办
    party: Party
    found_on: date
    place: str
    summary: str  # 简要案情
    basis: str  # 立案依据
    officers: tuple[OfficerRef, ...]
    handler_opinion: str
    unit_opinion: str = ""
    head_opinion: str = ""
    approver: str = ""
    approved_on: date | None = None
    submitted_on: date | None = None


@dataclass(frozen=True)
class QA:
    question: str
    answer: str


@dataclass(frozen=True)
class Interviewee:
    name: str
    gender: str = ""
    id_number: str = ""
    employer: str = ""
    position: str = ""
    phone: str = ""
    address: str = ""
    relation: str = "当事人"  # 当事人 / 证人 / 当事人的委托代理人


@dataclass(frozen=True)
class InquiryRecord:
    """询问笔录."""

    agency: Agency
    case_number: str
    cause: str
    started_at: datetime
    ended_at: datetime
    place: str
    inquirers: tuple[OfficerRef, ...]
    recorder: str
    interviewee: Interviewee
    withdrawal_answer: str  # 是否申请回避: the answer as given
    qas: tuple[QA, ...]


@dataclass(frozen=True)
class InspectionRecord:
    """现场检查（勘验）笔录."""

    agency: Agency
    case_number: str
    started_at: datetime
    ended_at: datetime
    place: str
    party: Party
    present_person: str  # 现场负责人 / 在场人
    present_position: str
    inspectors: tuple[OfficerRef, ...]
    recorder: str
    withdrawal_answer: str
    findings: str  # 现场检查情况
    evidence_taken: tuple[str, ...] = ()  # 拍照、录像、采样…
    witness: str = ""


@dataclass(frozen=True)
class LegalProvision:
    """A provision cited in a document, e.g. 《中华人民共和国大气污染防治法》第一百零八条第一项."""

    title: str
    article: str

    def __str__(self) -> str:
        return f"{self.title}{self.article}"


@dataclass(frozen=True)
class AdvanceNotice:
    """行政处罚事先告知书 (ENF-13)."""

    agency: Agency
    number: str
    party: Party
    facts: str
    evidence: tuple[str, ...]
    violated: tuple[LegalProvision, ...]
    penalty_basis: tuple[LegalProvision, ...]
    intended_penalty: str
    issued_on: date
    hearing_right: bool = True
    statement_days: int = 5
    contact_person: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class ReviewOpinionData:
    """法制审核意见书 (ENF-32, ENF-33)."""

    agency: Agency
    number: str
    case_number: str
    cause: str
    party_name: str
    submitting_unit: str
    submitted_on: date
    materials: tuple[str, ...]  # material codes (rules.REVIEW_MATERIALS) or free names
    findings: tuple[Finding, ...]
    outcome: str
    opinion: str
    legal_unit: str
    reviewers: tuple[str, ...]
    reviewed_on: date
    reasons: tuple[str, ...] = ()  # why the decision is in the catalogue (ENF-30)


@dataclass(frozen=True)
class PenaltyDecision:
    """行政处罚决定书 (ENF-13)."""

    agency: Agency
    number: str
    party: Party
    facts: str
    evidence: tuple[str, ...]
    notice_number: str
    notice_on: date
    statements_summary: str  # 陈述、申辩、听证情况及采纳情况
    violated: tuple[LegalProvision, ...]
    penalty_basis: tuple[LegalProvision, ...]
    discretion: str  # 裁量基准适用说明
    penalty: str  # 处罚种类和内容, e.g. 罚款
    decided_on: date
    fine_amount: Decimal | None = None
    payment_days: int = 15
    investigated_on: date | None = None
    other_measures: tuple[str, ...] = field(default_factory=tuple)  # 责令改正等


@dataclass(frozen=True)
class DeliveryReceiptData:
    """送达回证 (ENF-14)."""

    agency: Agency
    document_title: str
    document_number: str
    recipient: str
    place: str
    method: str  # 直接送达 / 留置送达 / 邮寄送达 / 委托送达 / 公告送达
    delivered_by: tuple[OfficerRef, ...]
    delivered_at: datetime | None = None
    witness: str = ""
    remarks: str = ""
