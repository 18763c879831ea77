"""Case rows → the plain data the standard documents are built from (`documents.data`).

One function per document kind; `document_input(case, kind, source_id)` picks the row (the latest
of its kind unless `source_id` names one) and raises `document_data_missing` when the case does not
have what the document needs yet (e.g. no decision made).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from yiwang.kernel.errors import DomainError

from . import documents
from .documents import DocumentKind
from .models import (
    AdvanceNotice,
    Case,
    CaseEvent,
    CaseOfficer,
    Decision,
    Delivery,
    Inquiry,
    Inspection,
    Party,
    ReviewOpinion,
    Statement,
)
from .rules import Finding, PartyType
from .rules.settings import EnforcementSettings


def _settings(case: Case) -> EnforcementSettings:
    from yiwang.kernel.modules.settings import settings_for

    found = settings_for("enforcement", case.agency)
    return found if isinstance(found, EnforcementSettings) else EnforcementSettings()


def agency_of(case: Case) -> documents.Agency:
    """The agency as the documents print it. Unless set, the review body is the people's government
    above the agency, the court and the payment place those of its county."""
    s = _settings(case)
    parent = case.agency.parent_node()
    government = parent.name if parent is not None else ""
    county = government.removesuffix("人民政府") if government.endswith("人民政府") else ""
    court = s.court or (f"{county}人民法院" if county else "")
    payment = s.payment_place or (f"{county}财政局指定的代收银行（政府非税收入账户）" if county else "")
    return documents.Agency(
        name=case.agency.name,
        address=s.agency_address,
        phone=s.agency_phone,
        review_body=s.review_body or government,
        court=court,
        payment_place=payment,
    )


def party_of(party: Party | None) -> documents.Party:
    if party is None:
        return documents.Party(name="（未登记当事人）", party_type=PartyType.ORGANIZATION)
    return documents.Party(
        name=party.name,
        party_type=party.party_type,
        identifier=party.identifier,
        legal_representative=party.legal_representative,
        address=party.address,
        phone=party.phone,
    )


def _primary(case: Case) -> Party | None:
    return case.parties.filter(is_primary=True).first()


def officer_refs(officers: Any) -> tuple[documents.OfficerRef, ...]:
    return tuple(documents.OfficerRef(o.name, o.certificate_number) for o in officers)


def _active_officers(case: Case) -> list[CaseOfficer]:
    return list(CaseOfficer.objects.filter(case=case, removed_at__isnull=True))


def _missing(what: str) -> DomainError:
    return DomainError("document_data_missing", f"案件尚无{what}，不能生成该文书", "kind")


def _pick(qs: Any, source_id: int | None, what: str) -> Any:
    row = qs.filter(pk=source_id).first() if source_id is not None else qs.last()
    if row is None:
        raise _missing(what)
    return row


def filing_approval(case: Case) -> documents.CaseFiling:
    filed = CaseEvent.objects.filter(case=case, action="file").order_by("at").first()
    approved = (
        CaseEvent.objects.filter(case=case, action__in=("approve_filing", "reject_filing"))
        .order_by("at")
        .last()
    )
    return documents.CaseFiling(
        agency=agency_of(case),
        case_number=case.number,
        cause=case.title,
        source=case.get_source_display(),
        party=party_of(_primary(case)),
        found_on=case.found_on or timezone.localtime(case.filed_at).date(),
        place=case.place or "—",
        summary=case.summary or case.title,
        basis=case.legal_basis or "《中华人民共和国行政处罚法》第五十四条",
        officers=officer_refs(_active_officers(case)),
        handler_opinion=(filed.note if filed is not None and filed.note else "建议立案调查。"),
        unit_opinion="同意立案。" if approved is not None and approved.action == "approve_filing" else "",
        head_opinion=(approved.note if approved is not None else ""),
        approver=(approved.actor_name if approved is not None else ""),
        approved_on=case.filed_on,
        submitted_on=timezone.localtime(filed.at).date() if filed is not None else None,
    )


def inquiry_record(case: Case, source_id: int | None = None) -> documents.InquiryRecord:
    q: Inquiry = _pick(Inquiry.objects.filter(case=case).order_by("started_at", "pk"), source_id, "询问笔录")
    return documents.InquiryRecord(
        agency=agency_of(case),
        case_number=case.number,
        cause=f"{case.party_name}{case.title}一案",
        started_at=timezone.localtime(q.started_at),
        ended_at=timezone.localtime(q.ended_at),
        place=q.place,
        inquirers=officer_refs(q.inquirers.order_by("-lead", "pk")),
        recorder=q.recorder,
        interviewee=documents.Interviewee(
            q.interviewee_name,
            q.interviewee_gender,
            q.interviewee_id_number,
            q.interviewee_employer,
            q.interviewee_position,
            q.interviewee_phone,
            q.interviewee_address,
            q.relation,
        ),
        withdrawal_answer=q.withdrawal_answer,
        qas=tuple(documents.QA(x.get("question", ""), x.get("answer", "")) for x in q.qas),
    )


def inspection_record(case: Case, source_id: int | None = None) -> documents.InspectionRecord:
    i: Inspection = _pick(
        Inspection.objects.filter(case=case).order_by("started_at", "pk"), source_id, "现场检查笔录"
    )
    return documents.InspectionRecord(
        agency=agency_of(case),
        case_number=case.number,
        started_at=timezone.localtime(i.started_at),
        ended_at=timezone.localtime(i.ended_at),
        place=i.place,
        party=party_of(_primary(case)),
        present_person=i.present_person,
        present_position=i.present_position,
        inspectors=officer_refs(i.inspectors.order_by("-lead", "pk")),
        recorder=i.recorder,
        withdrawal_answer=i.withdrawal_answer,
        findings=i.findings,
        evidence_taken=tuple(i.evidence_taken or ()),
        witness=i.witness,
    )


def _provisions(pairs: Any) -> tuple[documents.LegalProvision, ...]:
    return tuple(documents.LegalProvision(a, b) for a, b in pairs or ())


def advance_notice(case: Case, source_id: int | None = None) -> documents.AdvanceNotice:
    n: AdvanceNotice = _pick(
        AdvanceNotice.objects.filter(case=case).order_by("issued_on", "pk"), source_id, "事先告知"
    )
    return documents.AdvanceNotice(
        agency=agency_of(case),
        number=n.number,
        party=party_of(_primary(case)),
        facts=n.facts,
        evidence=tuple(n.evidence),
        violated=_provisions(n.violated),
        penalty_basis=_provisions(n.penalty_basis),
        intended_penalty=n.intended_penalty,
        issued_on=n.issued_on,
        hearing_right=n.hearing_right,
        statement_days=n.statement_days,
        contact_person=n.contact_person,
        contact_phone=n.contact_phone,
    )


def review_opinion(case: Case, source_id: int | None = None) -> documents.ReviewOpinionData:
    o: ReviewOpinion = _pick(
        ReviewOpinion.objects.filter(review__case=case)
        .select_related("review", "submission", "reviewer__organization")
        .order_by("reviewed_at", "pk"),
        source_id,
        "法制审核意见",
    )
    findings = tuple(Finding(f.point, f.ok, f.note) for f in o.findings.order_by("number"))
    reviewer_unit = o.reviewer.organization.name if o.reviewer.organization is not None else "法制审核机构"
    return documents.ReviewOpinionData(
        agency=agency_of(case),
        number=o.number or case.number,
        case_number=case.number,
        cause=case.title,
        party_name=case.party_name,
        submitting_unit=case.unit.name,
        submitted_on=timezone.localtime(o.submission.submitted_at).date(),
        materials=tuple(o.submission.materials),
        findings=findings,
        outcome=o.outcome,
        opinion=o.opinion,
        legal_unit=reviewer_unit,
        reviewers=(o.reviewer.name,),
        reviewed_on=timezone.localtime(o.reviewed_at).date(),
        reasons=tuple(r.get("text", "") for r in o.review.reasons),
    )


def _statements_summary(case: Case, decision: Decision) -> str:
    if decision.statements_summary:
        return decision.statements_summary
    you = "你" if (p := _primary(case)) is not None and p.is_person else "你单位"
    rows = list(Statement.objects.filter(case=case))
    hearing = "并举行了听证" if case.hearing_held else "未要求听证"
    if not rows:
        return f"{you}在规定期限内未提出陈述、申辩，{hearing}。"
    said = "；".join(
        f"{s.get_kind_display()}：{s.content}（{s.get_adoption_display()}）" for s in rows if s.content
    )
    return f"{you}提出了陈述、申辩，{hearing}。{said}" if said else f"{you}明确放弃陈述、申辩，{hearing}。"


def penalty_decision(case: Case) -> documents.PenaltyDecision:
    decision = (
        Decision.objects.filter(case=case).select_related("basis_provision", "discretion_standard").first()
    )
    if decision is None or not decision.issued or decision.decided_on is None:
        raise _missing("已作出的处罚决定")
    notice = AdvanceNotice.objects.filter(case=case).order_by("issued_on", "pk").last()
    if notice is None:
        raise _missing("事先告知")
    basis = decision.basis_provision
    standard = decision.discretion_standard
    discretion = decision.discretion_note or (
        f"参照{standard.basis}，属“{standard.get_circumstance_display()}”情形（{standard.description}），"
        if standard is not None
        else ""
    )
    penalty = decision.get_kind_display()
    return documents.PenaltyDecision(
        agency=agency_of(case),
        number=decision.number or case.number,
        party=party_of(_primary(case)),
        facts=decision.facts,
        evidence=tuple(decision.evidence),
        notice_number=notice.number,
        notice_on=notice.issued_on,
        statements_summary=_statements_summary(case, decision),
        violated=_provisions(decision.violated),
        penalty_basis=(documents.LegalProvision(basis.title, basis.article),) if basis else (),
        discretion=discretion,
        penalty="罚款" if decision.fine_amount is not None else penalty,
        decided_on=decision.decided_on,
        fine_amount=decision.fine_amount,
        payment_days=decision.payment_days,
        investigated_on=case.found_on or case.filed_on,
        other_measures=tuple(decision.other_measures),
    )


def delivery_receipt(case: Case, source_id: int | None = None) -> documents.DeliveryReceiptData:
    d: Delivery = _pick(
        Delivery.objects.filter(case=case).order_by("delivered_on", "pk"), source_id, "送达记录"
    )
    return documents.DeliveryReceiptData(
        agency=agency_of(case),
        document_title=d.document_title,
        document_number=d.document_number,
        recipient=d.recipient,
        place=d.place,
        method=d.get_method_display(),
        delivered_by=officer_refs(d.delivered_by.order_by("-lead", "pk")),
        delivered_at=timezone.localtime(d.delivered_at) if d.delivered_at else None,
        witness=d.witness,
        remarks=d.remarks,
    )


def build(case: Case, kind: str, source_id: int | None = None) -> documents.Document:
    """The `Document` of `kind` for `case` (DomainError when the data are missing or incomplete)."""
    if kind == DocumentKind.FILING_APPROVAL:
        return documents.filing_approval(filing_approval(case))
    if kind == DocumentKind.INQUIRY_RECORD:
        return documents.inquiry_record(inquiry_record(case, source_id))
    if kind == DocumentKind.INSPECTION_RECORD:
        return documents.inspection_record(inspection_record(case, source_id))
    if kind == DocumentKind.ADVANCE_NOTICE:
        return documents.advance_notice(advance_notice(case, source_id))
    if kind == DocumentKind.REVIEW_OPINION:
        return documents.review_opinion(review_opinion(case, source_id))
    if kind == DocumentKind.PENALTY_DECISION:
        return documents.penalty_decision(penalty_decision(case))
    if kind == DocumentKind.DELIVERY_RECEIPT:
        return documents.delivery_receipt(delivery_receipt(case, source_id))
    raise DomainError("document_kind_invalid", f"文书种类“{kind}”无效", "kind")
