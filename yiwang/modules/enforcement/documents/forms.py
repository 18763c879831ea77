"""The seven standard documents, each built from its input data as a `Document`.

Wording follows the usual national forms for environmental penalty cases and the statutes:
行政处罚法 (2021) art. 44–45, 59, 61–64, 67, 72–73; 行政复议法 (2023) art. 20; 行政诉讼法 art. 46.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models

from yiwang.kernel.errors import DomainError

from ..rules.common import Problem, cn_date, raise_problems
from ..rules.review import CHECKLIST_BY_CODE, REVIEW_MATERIALS, ReviewOutcome
from .data import (
    AdvanceNotice,
    CaseFiling,
    DeliveryReceiptData,
    InquiryRecord,
    InspectionRecord,
    PenaltyDecision,
    ReviewOpinionData,
)
from .model import Block, Document, Fields, Grid, Heading, Para, Sign
from .numbering import amount_in_words, small_number, yuan_figures


class DocumentKind(models.TextChoices):
    FILING_APPROVAL = "filing_approval", "立案审批表"
    INQUIRY_RECORD = "inquiry_record", "询问笔录"
    INSPECTION_RECORD = "inspection_record", "现场检查（勘验）笔录"
    ADVANCE_NOTICE = "advance_notice", "行政处罚事先告知书"
    REVIEW_OPINION = "review_opinion", "法制审核意见书"
    PENALTY_DECISION = "penalty_decision", "行政处罚决定书"
    DELIVERY_RECEIPT = "delivery_receipt", "送达回证"


def _cn_time(t: datetime) -> str:
    return f"{cn_date(t.date())}{t.hour}时{t.minute:02d}分"


def _officers(officers: tuple) -> str:
    return "、".join(str(o) for o in officers)


def _numbered(items: tuple[str, ...]) -> tuple[Para, ...]:
    return tuple(Para(f"{i}. {text}") for i, text in enumerate(items, start=1))


def _seal(agency: str, day_text: str) -> Sign:
    return Sign((f"{agency}（印章）", day_text))


def filing_approval(d: CaseFiling) -> Document:
    approved = cn_date(d.approved_on) if d.approved_on else "　　年　　月　　日"
    submitted = cn_date(d.submitted_on) if d.submitted_on else "　　年　　月　　日"
    p = d.party
    rows = (
        (("案件来源", d.source), ("发现日期", cn_date(d.found_on))),
        (("案由", d.cause),),
        (("当事人", p.name), (p.identifier_label, p.identifier)),
        (("法定代表人（负责人）", p.legal_representative or "—"), ("联系电话", p.phone or "—")),
        (("地址", p.address or "—"),),
        (("违法行为发生地", d.place),),
        (("简要案情", d.summary),),
        (("立案依据", d.basis),),
        (("承办人", _officers(d.officers)),),
        (("承办人意见", f"{d.handler_opinion}\n签名：　　　　　　{submitted}"),),
        (("承办机构意见", f"{d.unit_opinion or ''}\n签名：　　　　　　　　年　　月　　日"),),
        (("机关负责人审批意见", f"{d.head_opinion or ''}\n签名：{d.approver}　　{approved}"),),
    )
    return Document(
        DocumentKind.FILING_APPROVAL, "立案审批表", d.agency.name, d.case_number,
        d.approved_on or d.found_on, (Fields(rows),),
    )  # fmt: skip


def inquiry_record(d: InquiryRecord) -> Document:
    v = d.interviewee
    head = Fields(
        (
            (("时间", f"{_cn_time(d.started_at)}至{_cn_time(d.ended_at)}"),),
            (("地点", d.place),),
            (("询问人", _officers(d.inquirers)), ("记录人", d.recorder)),
            (("被询问人", v.name), ("性别", v.gender or "—")),
            (("身份证号码", v.id_number or "—"), ("与本案关系", v.relation)),
            (("工作单位", v.employer or "—"), ("职务", v.position or "—")),
            (("联系电话", v.phone or "—"), ("住址", v.address or "—")),
        )
    )
    opening = (
        f"问：我们是{d.agency.name}的执法人员，这是我们的执法证件（出示执法证件）。现依法就{d.cause}"
        "向你进行调查询问。你有如实回答问题、协助调查的义务，也有陈述、申辩的权利；如认为询问人员与本案有"
        "直接利害关系或者有其他关系可能影响公正执法，可以申请回避。你是否申请回避？"
    )
    blocks: list[Block] = [head, Para(opening), Para(f"答：{d.withdrawal_answer}")]
    for qa in d.qas:
        blocks += [Para(f"问：{qa.question}"), Para(f"答：{qa.answer}")]
    blocks.append(Para("以上笔录我已看过（或已向我宣读过），与我所说的相符。"))
    blocks.append(
        Sign(
            (
                "被询问人签名：　　　　　　　　年　　月　　日",
                "询问人签名：　　　　　　　　",
                "记录人签名：　　　　　　　　",
            )
        )
    )
    return Document(
        DocumentKind.INQUIRY_RECORD,
        "询问笔录",
        d.agency.name,
        d.case_number,
        d.started_at.date(),
        tuple(blocks),
    )


def inspection_record(d: InspectionRecord) -> Document:
    p = d.party
    head = Fields(
        (
            (("检查时间", f"{_cn_time(d.started_at)}至{_cn_time(d.ended_at)}"),),
            (("检查地点", d.place),),
            (("被检查单位（人）", p.name), (p.identifier_label, p.identifier or "—")),
            (("法定代表人（负责人）", p.legal_representative or "—"), ("联系电话", p.phone or "—")),
            (("现场负责人", d.present_person), ("职务", d.present_position or "—")),
            (("检查人", _officers(d.inspectors)), ("记录人", d.recorder)),
        )
    )
    blocks: list[Block] = [
        head,
        Para(
            "执法人员出示执法证件，表明身份，告知当事人有如实提供情况、配合检查的义务，以及认为执法人员与本案"
            f"有利害关系时申请回避的权利。当事人是否申请回避：{d.withdrawal_answer}"
        ),
        Heading("现场检查（勘验）情况"),
        Para(d.findings),
    ]
    if d.evidence_taken:
        blocks += [Heading("现场取证情况"), *_numbered(d.evidence_taken)]
    blocks.append(Para("以上笔录经当事人（现场负责人）核对，记录属实。"))
    lines = [
        "当事人（现场负责人）签名：　　　　　　　　年　　月　　日",
        "检查人签名：　　　　　　　　",
        "记录人签名：　　　　　　　　",
    ]
    if d.witness:
        lines.append(f"见证人：{d.witness}　签名：　　　　　　")
    blocks.append(Sign(tuple(lines)))
    return Document(
        DocumentKind.INSPECTION_RECORD, "现场检查（勘验）笔录", d.agency.name, d.case_number, d.started_at.date(),
        tuple(blocks),
    )  # fmt: skip


def _cited(provisions: tuple) -> str:
    return "、".join(str(x) for x in provisions)


def advance_notice(d: AdvanceNotice) -> Document:
    """ENF-13: facts, reasons, basis, intended penalty, and the rights to state, defend and be heard."""
    you = d.party.you
    problems = []
    for value, name in ((d.facts, "违法事实"), (d.intended_penalty, "拟作出的行政处罚")):
        if not value.strip():
            problems.append(Problem("notice_incomplete", f"告知书缺少{name}", "notice"))
    if not d.penalty_basis:
        problems.append(Problem("notice_incomplete", "告知书缺少处罚依据", "notice"))
    raise_problems(problems)
    rights = (
        f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{you}有权进行陈述和申辩。"
        f"{you}如需陈述、申辩，请于收到本告知书之日起{small_number(d.statement_days)}个工作日内向我局提出书面陈述、申辩意见，或者到我局当面陈述、申辩。"
    )
    if d.hearing_right:
        rights += (
            f"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{you}有权要求举行听证；"
            f"要求听证的，应当在收到本告知书之日起五个工作日内向我局提出。"
        )
    rights += "逾期未提出陈述、申辩" + ("或者听证要求" if d.hearing_right else "") + "的，视为放弃上述权利。"
    blocks: tuple[Block, ...] = (
        Para(f"{d.party.name}：", indent=False, align="left"),
        Para(f"经查，{d.facts}"),
        Para("以上事实，有以下证据为证："),
        *_numbered(d.evidence),
        Para(
            f"{you}的上述行为违反了{_cited(d.violated)}的规定。依据{_cited(d.penalty_basis)}的规定，"
            f"我局拟对{you}作出如下行政处罚：{d.intended_penalty}。"
        ),
        Para(rights),
        Para(f"联系人：{d.contact_person}　　联系电话：{d.contact_phone or d.agency.phone}", indent=False),
        Para(f"地址：{d.agency.address}", indent=False),
        _seal(d.agency.name, cn_date(d.issued_on)),
    )
    return Document(
        DocumentKind.ADVANCE_NOTICE, "行政处罚事先告知书", d.agency.name, d.number, d.issued_on, blocks
    )


def review_opinion(d: ReviewOpinionData) -> Document:
    materials = "、".join(REVIEW_MATERIALS.get(m, m) for m in d.materials) or "—"
    rows = (
        (("案件编号", d.case_number), ("当事人", d.party_name)),
        (("案由", d.cause),),
        (("送审机构", d.submitting_unit), ("送审日期", cn_date(d.submitted_on))),
        (("送审材料", materials),),
        (("审核事由", "；".join(d.reasons) or "—"),),
    )
    grid_rows = []
    for f in d.findings:
        point = CHECKLIST_BY_CODE.get(f.point)
        if point is None:
            raise DomainError("checklist_unknown_point", f"审核要点“{f.point}”不在审核清单中", "findings")
        grid_rows.append(
            (
                str(point.number),
                point.question,
                point.ok_label if f.ok else point.problem_label,
                f.note or "—",
            )
        )
    outcome = dict(ReviewOutcome.choices).get(d.outcome, d.outcome)
    blocks = (
        Fields(rows),
        Heading("审核要点及结论"),
        Grid(("序号", "审核要点", "结论", "说明"), tuple(grid_rows), (0.7, 4.2, 1.6, 3.5)),
        Heading(f"审核结论：{outcome}"),
        Para(d.opinion),
        Para(f"审核人员：{'、'.join(d.reviewers)}", indent=False),
        Sign((f"{d.legal_unit}（签章）", cn_date(d.reviewed_on))),
    )
    return Document(
        DocumentKind.REVIEW_OPINION, "法制审核意见书", d.agency.name, d.number, d.reviewed_on, blocks
    )


def decision_problems(d: PenaltyDecision) -> list[Problem]:
    """ENF-13: the decision states facts and evidence, legal basis, penalty, and the route and time
    limit for review or litigation."""
    missing = []
    if not d.facts.strip():
        missing.append("违法事实")
    if not d.evidence:
        missing.append("证据")
    if not d.violated or not d.penalty_basis:
        missing.append("违反的规定及处罚依据")
    if not d.penalty.strip():
        missing.append("处罚种类和内容")
    if not d.agency.review_body.strip() or not d.agency.court.strip():
        missing.append("申请行政复议或者提起行政诉讼的途径")
    if d.fine_amount is not None and not d.agency.payment_place.strip():
        missing.append("罚款缴纳地点")
    return [Problem("decision_incomplete", f"行政处罚决定书缺少{m}", "decision") for m in missing]


def penalty_decision(d: PenaltyDecision) -> Document:
    raise_problems(decision_problems(d))
    you, p, a = d.party.you, d.party, d.agency
    party_rows: list[Block] = [Para(f"当事人：{p.name}", indent=False)]
    party_rows.append(Para(f"{p.identifier_label}：{p.identifier}", indent=False))
    if p.legal_representative:
        party_rows.append(Para(f"法定代表人（负责人）：{p.legal_representative}", indent=False))
    if p.address:
        party_rows.append(Para(f"地址：{p.address}", indent=False))
    when = f"于{cn_date(d.investigated_on)}" if d.investigated_on else ""
    penalty = d.penalty
    if d.fine_amount is not None:
        penalty += f"{amount_in_words(d.fine_amount)}（{yuan_figures(d.fine_amount)}）"
    blocks: list[Block] = [
        *party_rows,
        Heading("一、违法事实和证据"),
        Para(f"我局{when}对{you}进行了调查，发现{you}实施了以下违法行为：{d.facts}"),
        Para("以上事实，有以下证据为证："),
        *_numbered(d.evidence),
        Heading("二、行政处罚告知和陈述、申辩、听证情况"),
        Para(
            f"我局于{cn_date(d.notice_on)}以《行政处罚事先告知书》（{d.notice_number}）告知{you}拟作出行政处罚的事实、"
            f"理由、依据及{you}依法享有的陈述、申辩、要求听证的权利。{d.statements_summary}"
        ),
        Heading("三、行政处罚的依据、种类及其履行方式、期限"),
        Para(
            f"{you}的上述行为违反了{_cited(d.violated)}的规定。依据{_cited(d.penalty_basis)}的规定，{d.discretion}"
        ),
        Para(f"我局决定对{you}作出如下行政处罚：{penalty}。"),
        *(Para(m) for m in d.other_measures),
    ]
    if d.fine_amount is not None:
        blocks.append(
            Para(
                f"{you}应当自收到本决定书之日起{small_number(d.payment_days)}日内，将罚款缴至{a.payment_place}。"
                "到期不缴纳罚款的，我局将依照《中华人民共和国行政处罚法》第七十二条第一款第一项的规定，"
                "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。"
            )
        )
    blocks += [
        Heading("四、申请行政复议或者提起行政诉讼的途径和期限"),
        Para(
            f"{you}如不服本处罚决定，可以在收到本决定书之日起六十日内向{a.review_body}申请行政复议，"
            f"也可以在收到本决定书之日起六个月内向{a.court}提起行政诉讼。申请行政复议或者提起行政诉讼的，"
            "行政处罚不停止执行，法律另有规定的除外。"
        ),
        Para(
            f"{you}逾期不申请行政复议，不提起行政诉讼，又不履行本处罚决定的，我局将依法申请人民法院强制执行。"
        ),
        _seal(a.name, cn_date(d.decided_on)),
    ]
    return Document(
        DocumentKind.PENALTY_DECISION, "行政处罚决定书", a.name, d.number, d.decided_on, tuple(blocks)
    )


def delivery_receipt(d: DeliveryReceiptData) -> Document:
    when = _cn_time(d.delivered_at) if d.delivered_at else "　　年　　月　　日　　时　　分"
    rows = (
        (("送达文书名称及文号", f"{d.document_title}（{d.document_number}）"),),
        (("受送达人", d.recipient),),
        (("送达地点", d.place),),
        (("送达方式", d.method), ("送达时间", when)),
        (("送达人", _officers(d.delivered_by)),),
        (("受送达人签名或盖章", "\n\n　　　　　　　　　　　　　年　　月　　日"),),
        (("代收人及代收理由", ""),),
        (("见证人", d.witness or ""),),
        (("备注", d.remarks),),
    )
    day = d.delivered_at.date() if d.delivered_at else None
    blocks = (Fields(rows), _seal(d.agency.name, cn_date(day) if day else "　　年　　月　　日"))
    return Document(DocumentKind.DELIVERY_RECEIPT, "送达回证", d.agency.name, d.document_number, day, blocks)
