"""Realistic input for the document tests: a case of seed 001's 鲁山县环境保护局."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from yiwang.modules.enforcement.documents import (
    QA,
    AdvanceNotice,
    Agency,
    CaseFiling,
    DeliveryReceiptData,
    InquiryRecord,
    InspectionRecord,
    Interviewee,
    LegalProvision,
    OfficerRef,
    Party,
    PenaltyDecision,
    ReviewOpinionData,
)
from yiwang.modules.enforcement.rules import CHECKLIST, Finding, PartyType, ReviewOutcome

AGENCY = Agency(
    name="鲁山县环境保护局",
    address="鲁山县行政服务中心环保窗口",
    phone="0375-7370179",
    review_body="鲁山县人民政府",
    court="鲁山县人民法院",
    payment_place="鲁山县财政局指定的代收银行（非税收入账户）",
)
PARTY = Party(
    name="鲁山县琴台建材有限公司",
    party_type=PartyType.ORGANIZATION,
    identifier="91410423MA40K8XW5B",
    legal_representative="陈志强",
    address="鲁山县琴台街道建设路18号",
    phone="13803751234",
)
OFFICERS = (OfficerRef("王建国", "41040001"), OfficerRef("李敏", "41040002"))
FACTS = "你单位石料破碎生产线未配套建设除尘设施，生产过程中粉尘无组织排放，厂区及周边道路可见明显积尘。"
EVIDENCE = ("现场检查（勘验）笔录一份", "询问笔录一份", "现场照片十二张", "营业执照复印件一份")
VIOLATED = (LegalProvision("《中华人民共和国大气污染防治法》", "第四十八条第一款"),)
BASIS = (LegalProvision("《中华人民共和国大气污染防治法》", "第一百零八条第一项"),)
NUMBER = "鲁环罚〔2026〕12号"


def filing() -> CaseFiling:
    return CaseFiling(
        agency=AGENCY,
        case_number="鲁环立〔2026〕12号",
        cause="涉嫌未配套建设除尘设施致粉尘无组织排放案",
        source="检查发现",
        party=PARTY,
        found_on=date(2026, 3, 2),
        place="鲁山县琴台街道建设路18号厂区",
        summary=FACTS,
        basis="《中华人民共和国行政处罚法》第五十四条",
        officers=OFFICERS,
        handler_opinion="建议立案调查。",
        unit_opinion="同意立案。",
        head_opinion="同意。",
        approver="张雷虹",
        approved_on=date(2026, 3, 3),
        submitted_on=date(2026, 3, 2),
    )


def inquiry() -> InquiryRecord:
    return InquiryRecord(
        agency=AGENCY,
        case_number="鲁环立〔2026〕12号",
        cause="鲁山县琴台建材有限公司涉嫌粉尘无组织排放一案",
        started_at=datetime(2026, 3, 4, 9, 30),
        ended_at=datetime(2026, 3, 4, 10, 45),
        place="鲁山县环境保护局询问室",
        inquirers=OFFICERS,
        recorder="李敏",
        interviewee=Interviewee(
            "陈志强",
            "男",
            "11010519491231002X",
            "鲁山县琴台建材有限公司",
            "法定代表人",
            "13803751234",
            "鲁山县琴台街道",
        ),
        withdrawal_answer="不申请。",
        qas=(
            QA("破碎生产线何时投产？", "2025年10月投产。"),
            QA("是否配套建设了除尘设施？", "还没有建，准备今年上半年建。"),
        ),
    )


def inspection() -> InspectionRecord:
    return InspectionRecord(
        agency=AGENCY,
        case_number="鲁环立〔2026〕12号",
        started_at=datetime(2026, 3, 2, 14, 0),
        ended_at=datetime(2026, 3, 2, 15, 20),
        place="鲁山县琴台街道建设路18号厂区",
        party=PARTY,
        present_person="刘洋",
        present_position="生产厂长",
        inspectors=OFFICERS,
        recorder="李敏",
        withdrawal_answer="不申请",
        findings="检查时该公司石料破碎生产线正在生产，破碎、筛分工序未配套建设除尘设施，粉尘无组织排放。",
        evidence_taken=("现场拍照十二张", "执法记录仪录像一段"),
    )


def notice() -> AdvanceNotice:
    return AdvanceNotice(
        agency=AGENCY,
        number="鲁环罚告〔2026〕12号",
        party=PARTY,
        facts=FACTS,
        evidence=EVIDENCE,
        violated=VIOLATED,
        penalty_basis=BASIS,
        intended_penalty="罚款人民币伍万元整",
        issued_on=date(2026, 3, 12),
        contact_person="王建国",
        contact_phone="0375-7370179",
    )


def review() -> ReviewOpinionData:
    findings = tuple(Finding(p.code, True) for p in CHECKLIST)
    return ReviewOpinionData(
        agency=AGENCY,
        number="鲁环审〔2026〕12号",
        case_number="鲁环立〔2026〕12号",
        cause="未配套建设除尘设施致粉尘无组织排放案",
        party_name=PARTY.name,
        submitting_unit="环境监察大队",
        submitted_on=date(2026, 3, 18),
        materials=("filing_approval", "inspection_record", "photos_evidence"),
        findings=findings,
        outcome=ReviewOutcome.PASSED,
        opinion="事实清楚，证据确凿，程序合法，适用依据正确，裁量适当，同意按拟处理意见作出决定。",
        legal_unit="局法制股",
        reviewers=("赵丽", "孙伟"),
        reviewed_on=date(2026, 3, 20),
        reasons=("拟对法人或者其他组织处以50,000元罚款，达到审核目录标准（50,000元以上）",),
    )


def decision(**changes: object) -> PenaltyDecision:
    base = dict(
        agency=AGENCY,
        number=NUMBER,
        party=PARTY,
        facts=FACTS,
        evidence=EVIDENCE,
        notice_number="鲁环罚告〔2026〕12号",
        notice_on=date(2026, 3, 12),
        statements_summary="你单位在规定期限内未提出陈述、申辩，也未要求听证。",
        violated=VIOLATED,
        penalty_basis=BASIS,
        discretion="参照《河南省环境行政处罚裁量基准》，属一般违法情形，",
        penalty="罚款",
        decided_on=date(2026, 3, 23),
        fine_amount=Decimal("50000"),
        investigated_on=date(2026, 3, 2),
        other_measures=("责令你单位立即改正违法行为，配套建设除尘设施。",),
    )
    base.update(changes)
    return PenaltyDecision(**base)  # type: ignore[arg-type]


def receipt() -> DeliveryReceiptData:
    return DeliveryReceiptData(
        agency=AGENCY,
        document_title="行政处罚决定书",
        document_number=NUMBER,
        recipient=PARTY.name,
        place=PARTY.address,
        method="直接送达",
        delivered_by=OFFICERS,
        delivered_at=datetime(2026, 3, 24, 10, 0),
    )
