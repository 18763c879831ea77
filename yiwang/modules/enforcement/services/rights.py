"""The draft decision, the advance notice and the party's rights (ENF-10, ENF-13): statements and
defence, hearing request and hearing record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.models import Person

from .. import documents, rules
from ..documents.numbering import amount_in_words
from ..models import (
    Adoption,
    AdvanceNotice,
    Case,
    CaseDeadline,
    DeadlineKind,
    Decision,
    DecisionKind,
    DiscretionStandard,
    Evidence,
    Hearing,
    HearingRequest,
    LegalProvision,
    Statement,
    StatementKind,
)
from ..rules import Problem, raise_problems
from ..workflow import Kind
from . import common
from .guards import GuardContext, active_officers, check_guards
from .inputs import text

EXAMINE = "enforcement.examine_case"
HEAR = "enforcement.hear_case"

# Where a decision may still be drafted or changed, by kind (before the head decides).
DRAFTABLE: dict[str, frozenset[str]] = {
    Kind.PENALTY: frozenset(
        {
            "investigation_finished",
            "case_review",
            "notified",
            "hearing",
            "rights_heard",
            "legal_review",
            "reviewed",
            "collective_discussion",
            "decision_pending",
        }
    ),
    Kind.COERCION: frozenset({"initiated", "measure_review", "reminded", "enforcement_review"}),
    Kind.PERMIT: frozenset({"accepted", "heard", "legal_review", "decision_pending"}),
    Kind.LEVY: frozenset({"assessed", "legal_review", "decision_pending"}),
    Kind.INSPECTION: frozenset(),
}
FINE_KINDS = frozenset({DecisionKind.FINE, DecisionKind.FINE_AND_CONFISCATION})


def _provisions(pairs: Sequence[Sequence[str]] | None) -> list[list[str]]:
    out = []
    for pair in pairs or ():
        if len(pair) != 2 or not str(pair[0]).strip() or not str(pair[1]).strip():
            raise DomainError("provision_invalid", "引用的规定须写明法律文件名称和条款", "violated")
        out.append([str(pair[0]).strip(), str(pair[1]).strip()])
    return out


def penalty_text(
    kind: str, fine: Decimal | None, confiscation: Decimal | None, measures: Sequence[str]
) -> str:
    """The penalty as a notice or decision states it, e.g. 罚款人民币伍万元整."""
    parts = []
    if kind in FINE_KINDS and fine is not None:
        parts.append(f"罚款{amount_in_words(fine)}（{fine:,.2f}元）")
    elif kind not in FINE_KINDS:
        parts.append(DecisionKind(kind).label)
    if confiscation:
        parts.append(f"没收违法所得{amount_in_words(confiscation)}")
    parts.extend(m for m in measures if m)
    return "；".join(parts)


def _amount_checks(
    kind: str,
    fine: Decimal | None,
    confiscation: Decimal | None,
    basis: LegalProvision | None,
    standard: DiscretionStandard | None,
    discretion_note: str,
    mitigated: bool,
    case: Case,
) -> None:
    problems: list[Problem] = []
    if kind in FINE_KINDS and fine is None:
        problems.append(Problem("amount_required", "处罚种类为罚款的，须填写罚款金额", "fine_amount"))
    if fine is not None:
        problems += rules.amount_problems(fine, basis.as_basis() if basis else None, mitigated=mitigated)
    if confiscation is not None:
        problems += [
            Problem(p.code, p.message, "confiscation_amount") for p in rules.amount_problems(confiscation)
        ]
    raise_problems(problems)
    if standard is not None:
        if case.violation_type_id is not None and standard.violation_type_id != case.violation_type_id:
            raise DomainError(
                "discretion_standard_mismatch",
                f"裁量基准“{standard}”不适用于本案的违法行为“{case.violation_type}”",
                "discretion_standard",
            )
        if fine is not None and not standard.covers(Decimal(fine)) and not discretion_note.strip():
            raise DomainError(
                "discretion_note_required",
                f"罚款{fine}元不在所选裁量基准{standard.fine_min}至{standard.fine_max}元范围内，须写明裁量理由",
                "discretion_note",
            )


def heavier_than_notice(case: Case, fine: Decimal | None) -> Problem | None:
    """行政处罚法 art. 45: no heavier penalty than the one the party was notified of."""
    notice = AdvanceNotice.objects.filter(case=case).order_by("-issued_on", "-pk").first()
    if notice is None or fine is None or notice.proposed_fine is None:
        return None
    if Decimal(fine) > notice.proposed_fine:
        return Problem(
            "penalty_heavier_than_notice",
            f"罚款{fine}元高于事先告知的{notice.proposed_fine}元；不得因当事人陈述、申辩而加重处罚（行政处罚法第四十五条）",
            "fine_amount",
        )
    return None


@common.idempotent("decision_draft")
@transaction.atomic
def decision_draft(
    *,
    actor: Person | None,
    case: Case,
    kind: str,
    facts: str,
    fine_amount: Decimal | None = None,
    confiscation_amount: Decimal | None = None,
    basis_provision: LegalProvision | None = None,
    basis_text: str = "",
    violated: Sequence[Sequence[str]] | None = None,
    evidence: Sequence[str] | None = None,
    other_measures: Sequence[str] = (),
    discretion_standard: DiscretionStandard | None = None,
    discretion_note: str = "",
    mitigated: bool = False,
    statements_summary: str = "",
    payment_days: int | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Decision:
    """ENF-31: the handling unit drafts the intended decision (kind, amount within the basis's range,
    discretion standard applied). A draft a passed review covered cannot change: return the case
    for further investigation and have it reviewed again (ENF-35)."""
    require(actor, EXAMINE, case)
    case = common.locked(case, expected_status=expected_status)
    if case.status not in DRAFTABLE[Kind(case.kind)]:
        raise DomainError(
            "draft_not_allowed", f"案件当前为“{case.status_label}”，不能拟定或修改决定", "status"
        )
    existing = Decision.objects.filter(case=case).first()
    if existing is not None and existing.issued:
        raise DomainError("decision_issued", "决定已经作出，不能再修改；如有错误请走更正程序", "decision")
    if kind not in DecisionKind.values:
        raise DomainError("decision_kind_invalid", f"决定种类“{kind}”无效", "kind")
    clean_facts = text(facts, "facts", "违法事实")
    fine = None if fine_amount is None else Decimal(str(fine_amount))
    confiscation = None if confiscation_amount is None else Decimal(str(confiscation_amount))
    violation = case.violation_type
    basis = basis_provision or (violation.penalty_basis if violation is not None else None)
    _amount_checks(kind, fine, confiscation, basis, discretion_standard, discretion_note, mitigated, case)
    heavier = heavier_than_notice(case, fine)
    if heavier is not None:
        raise heavier.error()
    review = common.current_review(case)
    if review is not None and review.pending:
        raise DomainError("review_pending", "法制审核进行中，不能修改拟作出的决定", "review")
    days = payment_days if payment_days is not None else common.settings_of(case).payment_days
    if not 1 <= days <= 365:
        raise DomainError("payment_days_invalid", "履行期限应在1至365日之间", "payment_days")
    if violated is None and violation is not None and violation.violated is not None:
        violated = [(violation.violated.title, violation.violated.article)]
    values = {
        "kind": kind,
        "fine_amount": fine,
        "confiscation_amount": confiscation,
        "other_measures": [m.strip() for m in other_measures if m.strip()],
        "facts": clean_facts,
        "evidence": [e.strip() for e in evidence if e.strip()]
        if evidence is not None
        else [e.title for e in Evidence.objects.filter(case=case)],
        "violated": _provisions(violated),
        "basis_provision": basis,
        "basis_text": basis_text.strip() or (basis.citation if basis else ""),
        "discretion_standard": discretion_standard,
        "discretion_note": discretion_note.strip(),
        "mitigated": mitigated,
        "statements_summary": statements_summary.strip(),
        "payment_days": days,
    }
    before = existing.snapshot() if existing is not None else None
    decision = existing or Decision(case=case)
    for key, value in values.items():
        setattr(decision, key, value)
    if review is not None and review.cleared and before is not None and decision.snapshot() != before:
        raise DomainError(
            "draft_reviewed",
            "拟作出的决定已经法制审核通过，不能直接修改；如需修改，请退回补充调查后重新送审",
            "decision",
        )
    decision.drafted_by = actor
    decision.drafted_at = timezone.now()
    decision.save()
    case.proposed_fine = fine
    case.save(update_fields=["proposed_fine"])
    common.write_step(
        actor=actor,
        case=case,
        action="decision_drafted",
        label="拟定处理决定：" + penalty_text(kind, fine, confiscation, values["other_measures"]),  # type: ignore[arg-type]
        subject=decision,
        before=before,
        after=decision.snapshot(),
    )
    return decision


def _notice_number(case: Case) -> str:
    if "罚〔" in case.number:
        return case.number.replace("罚〔", "罚告〔", 1)
    return f"{case.number}（告知）"


@common.idempotent("notice_issue")
@transaction.atomic
def notice_issue(
    *,
    actor: Person | None,
    case: Case,
    served_on: date,
    issued_on: date | None = None,
    served_method: str = "直接送达",
    facts: str = "",
    evidence: Sequence[str] | None = None,
    intended_penalty: str = "",
    hearing_right: bool = True,
    statement_days: int = 5,
    contact_person: str = "",
    contact_phone: str = "",
    number: str = "",
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> AdvanceNotice:
    """ENF-13: the advance notice of facts, reasons, basis, intended penalty and the rights to state,
    defend and ask for a hearing (5 working days, 行政处罚法 art. 64, 85)."""
    common.require_action(actor, "issue_notice", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "issue_notice")
    served = common.act_date(served_on, "served_on")
    issued = common.act_date(issued_on or served, "issued_on")
    if served < issued:
        raise DomainError("served_before_issued", "告知书送达日期不能早于告知日期", "served_on")
    decision = Decision.objects.filter(case=case).select_related("basis_provision").first()
    notice_problems: list[Problem] = []
    data = None
    if decision is not None:
        party = common.primary_party(case)
        from ..document_data import agency_of, party_of

        penalty = intended_penalty.strip() or penalty_text(
            decision.kind, decision.fine_amount, decision.confiscation_amount, decision.other_measures
        )
        basis = [decision.basis_provision] if decision.basis_provision else []
        data = documents.AdvanceNotice(
            agency=agency_of(case),
            number=number.strip() or _notice_number(case),
            party=party_of(party),
            facts=facts.strip() or decision.facts,
            evidence=tuple(evidence if evidence is not None else decision.evidence),
            violated=tuple(documents.LegalProvision(a, b) for a, b in decision.violated),
            penalty_basis=tuple(documents.LegalProvision(p.title, p.article) for p in basis),
            intended_penalty=penalty,
            issued_on=issued,
            hearing_right=hearing_right,
            statement_days=statement_days,
            contact_person=contact_person.strip(),
            contact_phone=contact_phone.strip(),
        )
        try:
            documents.advance_notice(data)
        except DomainError as exc:
            notice_problems.append(Problem(exc.code, exc.message, exc.field))
    check_guards(case, t, GuardContext(on=served, actor=actor, notice_problems=notice_problems))
    assert decision is not None and data is not None
    notice = AdvanceNotice.objects.create(
        case=case,
        number=data.number[:80],
        issued_on=issued,
        served_on=served,
        served_method=served_method.strip()[:20] or "直接送达",
        facts=data.facts,
        evidence=list(data.evidence),
        violated=[[p.title, p.article] for p in data.violated],
        penalty_basis=[[p.title, p.article] for p in data.penalty_basis],
        intended_penalty=data.intended_penalty,
        proposed_fine=decision.fine_amount,
        hearing_right=hearing_right,
        statement_days=statement_days,
        contact_person=data.contact_person[:100],
        contact_phone=data.contact_phone[:40],
        issued_by=actor,
    )
    CaseDeadline.from_rule(
        rules.hearing_request_deadline(served), case=case, kind=DeadlineKind.HEARING_REQUEST
    ).save()
    case.proposed_fine = decision.fine_amount
    common.apply(
        actor=actor,
        case=case,
        transition=t,
        note=f"{notice.number}：{notice.intended_penalty}",
        data={
            "notice_id": notice.pk,
            "proposed_fine": str(decision.fine_amount) if decision.fine_amount else None,
        },
        fields=("proposed_fine",),
        on=served,
    )
    return notice


@common.idempotent("statement_record")
@transaction.atomic
def statement_record(
    *,
    actor: Person | None,
    case: Case,
    kind: str,
    received_on: date,
    content: str = "",
    adoption: str = Adoption.NOT_APPLICABLE,
    response: str = "",
    idempotency_key: str | None = None,
) -> Statement:
    """The party's statement or defence after the notice, and whether it was adopted (ENF-10)."""
    require(actor, HEAR, case)
    case = common.locked(case)
    common.refuse_if_closed(case)
    if case.kind == Kind.PENALTY and case.status not in ("notified", "hearing", "rights_heard"):
        raise DomainError(
            "not_in_statement_period", f"案件当前为“{case.status_label}”，不在陈述申辩阶段", "status"
        )
    if kind not in StatementKind.values:
        raise DomainError("statement_kind_invalid", f"类别“{kind}”无效", "kind")
    if adoption not in Adoption.values:
        raise DomainError("adoption_invalid", f"采纳情况“{adoption}”无效", "adoption")
    day = common.act_date(received_on, "received_on")
    if kind != StatementKind.WAIVER:
        text(content, "content", "陈述申辩内容")
    statement = Statement.objects.create(
        case=case,
        kind=kind,
        received_on=day,
        content=content.strip(),
        adoption=adoption,
        response=response.strip(),
        recorded_by=actor,
    )
    common.write_step(
        actor=actor,
        case=case,
        action="statement_recorded",
        label=f"当事人{statement.get_kind_display()}",
        subject=statement,
        after={"kind": kind, "adoption": adoption},
        note=content,
        on=day,
    )
    return statement


@common.idempotent("statements_close")
@transaction.atomic
def statements_close(
    *,
    actor: Person | None,
    case: Case,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """ENF-10: the statement period ended (or the party stated, defended or waived) without a hearing."""
    common.require_action(actor, "close_statements", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "close_statements")
    day = common.act_date(on)
    check_guards(case, t, GuardContext(on=day, actor=actor))
    common.close_deadlines(case, DeadlineKind.HEARING_REQUEST, cancel=True)
    common.apply(actor=actor, case=case, transition=t, on=day)
    return case


@common.idempotent("hearing_request")
@transaction.atomic
def hearing_request(
    *,
    actor: Person | None,
    case: Case,
    requested_on: date,
    requested_by: str,
    content: str = "",
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> HearingRequest:
    """The party asks for a hearing within 5 working days of the notice (行政处罚法 art. 64)."""
    common.require_action(actor, "request_hearing", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "request_hearing")
    day = common.act_date(requested_on, "requested_on")
    who = text(requested_by, "requested_by", "申请人", max_length=200)
    check_guards(case, t, GuardContext(on=day, actor=actor, requested_on=day))
    request = HearingRequest.objects.create(
        case=case, requested_on=day, requested_by=who, content=content.strip(), recorded_by=actor
    )
    common.close_deadlines(case, DeadlineKind.HEARING_REQUEST, satisfied_on=day)
    common.apply(actor=actor, case=case, transition=t, note=content, data={"request_id": request.pk}, on=day)
    return request


HEARING_NOTICE_DAYS = 7  # 行政处罚法 art. 64(2): notify the party seven days before the hearing


@common.idempotent("hearing_record")
@transaction.atomic
def hearing_record(
    *,
    actor: Person | None,
    case: Case,
    notified_on: date,
    held_on: date,
    place: str,
    host: str,
    recorder: str,
    participants: str,
    summary: str,
    opinion: str = "",
    record_signed: bool = True,
    public: bool = True,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Hearing:
    """听证笔录: notified 7 days ahead, hosted by someone who did not investigate the case, signed by
    the party (行政处罚法 art. 64); the case's catalogue facts now include "after a hearing" (ENF-30)."""
    common.require_action(actor, "finish_hearing", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "finish_hearing")
    held = common.act_date(held_on, "held_on")
    notified = common.act_date(notified_on, "notified_on")
    if held < notified + timedelta(days=HEARING_NOTICE_DAYS) and case.kind == Kind.PENALTY:
        raise DomainError(
            "hearing_notice_too_late",
            "应当在举行听证的七日前通知当事人听证的时间、地点（行政处罚法第六十四条）",
            "notified_on",
        )
    host_name = text(host, "host", "听证主持人", max_length=100)
    if host_name in {o.name for o in active_officers(case)}:
        raise DomainError(
            "hearing_host_investigator",
            f"{host_name}是本案调查人员，不能主持听证（行政处罚法第六十四条）",
            "host",
        )
    if not record_signed:
        raise DomainError("hearing_record_unsigned", "听证笔录须经当事人审核签字或盖章", "record_signed")
    check_guards(case, t, GuardContext(on=held, actor=actor), skip=("hearing_record_signed",))
    request = HearingRequest.objects.filter(case=case).order_by("-requested_on").first()
    hearing = Hearing.objects.create(
        case=case,
        request=request,
        notified_on=notified,
        held_on=held,
        place=text(place, "place", "听证地点", max_length=200),
        host=host_name,
        recorder=text(recorder, "recorder", "记录员", max_length=100),
        participants=text(participants, "participants", "参加人员"),
        summary=text(summary, "summary", "听证情况"),
        opinion=opinion.strip(),
        public=public,
        record_signed=record_signed,
        recorded_by=actor,
    )
    case.hearing_held = True
    common.apply(
        actor=actor,
        case=case,
        transition=t,
        note=opinion,
        data={"hearing_id": hearing.pk},
        fields=("hearing_held",),
        on=held,
    )
    return hearing
