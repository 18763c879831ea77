"""The guards of the transition tables (`actions.GUARDS`), evaluated against a case.

Each guard is a function ``(case, ctx) -> list[Problem]`` reading the case's rows and what the
service was given (`GuardContext`); `check_guards` runs every guard a transition names and raises
the first problem as a `DomainError` (the others travel in ``details``) — before any write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from yiwang.kernel.access import can
from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.models import Person
from yiwang.kernel.people.rules import certificate_refusal

from .. import rules
from ..models import (
    AdvanceNotice,
    Case,
    CaseDeadline,
    CaseEvent,
    CaseOfficer,
    CollectiveDiscussion,
    DeadlineKind,
    Delivery,
    Hearing,
    Inspection,
    JudicialTransfer,
    Statement,
    Withdrawal,
)
from ..rules import Problem, raise_problems
from ..rules.common import cn_date
from ..workflow import Transition
from . import common


@dataclass
class GuardContext:
    """What a service knows beyond the case rows: the day, reasons, approver, dates, amounts."""

    on: date
    actor: Person | None = None
    reasons: str = ""
    report: str = ""
    approved_by: Person | None = None
    delivered_on: date | None = None
    requested_on: date | None = None
    reminder_on: date | None = None
    notified_on: date | None = None
    materials: tuple[str, ...] = ()
    materials_complete: bool = False
    amount: Decimal | None = None
    fine: Decimal | None = None
    notice_problems: list[Problem] = field(default_factory=list)


Guard = Callable[[Case, GuardContext], list[Problem]]


def _p(code: str, message: str, field: str | None = None) -> list[Problem]:
    return [Problem(code, message, field)]


def active_officers(case: Case) -> list[CaseOfficer]:
    return list(
        CaseOfficer.objects.filter(case=case, removed_at__isnull=True).select_related(
            "certificate", "certificate__domain", "person"
        )
    )


def officer_problems(case: Case, officers: list[CaseOfficer], on: date) -> list[Problem]:
    """ENF-11 and ENF-113 on the certificates as they are now (not the snapshot): at least two
    officers, each certificate valid on `on` and covering the case's domain. The kernel's
    `certificate_refusal` is asked too, so the module never accepts what the kernel refuses."""
    certs = [
        rules.OfficerCertificate(
            o.name,
            o.certificate.number,
            o.certificate.domain.label,
            o.certificate.valid_from,
            o.certificate.valid_to,
            o.certificate.status,
        )
        for o in officers
    ]
    problems = rules.check_officers(certs, case.domain.label, on)
    if not any(p.code != "officers_too_few" for p in problems):
        for o in officers:
            refusal = certificate_refusal(o.certificate, case.domain, on)
            if refusal is not None:
                problems.insert(0, Problem(refusal.code, f"执法人员{o.name}：{refusal.message}", "officers"))
    return problems


def _two_certified_officers(case: Case, ctx: GuardContext) -> list[Problem]:
    return officer_problems(case, active_officers(case), ctx.on)


def _certificates_shown(case: Case, ctx: GuardContext) -> list[Problem]:
    if Inspection.objects.filter(case=case, certificates_shown=False).exists():
        return _p(
            "certificates_not_shown", "现场检查笔录记载未出示执法证件，不能开始检查", "certificates_shown"
        )
    return []


def _no_conflict(case: Case, ctx: GuardContext) -> list[Problem]:
    """ENF-12: a pending or granted withdrawal of an officer still on the case blocks the step."""
    officers = active_officers(case)
    pending = (
        Withdrawal.objects.filter(officer__in=officers).exclude(approved=False).select_related("officer")
    )
    interests = [rules.Interest(w.officer.certificate_number, w.reason, w.note) for w in pending]
    return rules.withdrawal_problems([o.as_rule() for o in officers], interests)


def _reasons(case: Case, ctx: GuardContext) -> list[Problem]:
    if not ctx.reasons.strip():
        return _p("reasons_missing", "须写明理由和依据", "reasons")
    return []


def _investigation_report(case: Case, ctx: GuardContext) -> list[Problem]:
    if not (ctx.report.strip() or case.investigation_report.strip()):
        return _p("investigation_report_missing", "须填写调查终结报告（违法事实、证据、处理意见）", "report")
    return []


def _draft_decision(case: Case, ctx: GuardContext) -> list[Problem]:
    if not common.has_decision(case):
        return _p("draft_decision_missing", "尚未拟定处理意见（拟作出的决定），不能进行此步骤", "decision")
    return []


def _notice_content(case: Case, ctx: GuardContext) -> list[Problem]:
    return list(ctx.notice_problems)


def hearing_deadline(case: Case) -> CaseDeadline | None:
    return (
        CaseDeadline.objects.filter(case=case, kind=DeadlineKind.HEARING_REQUEST).order_by("-start").first()
    )


def _hearing_in_time(case: Case, ctx: GuardContext) -> list[Problem]:
    d = hearing_deadline(case)
    asked = ctx.requested_on or ctx.on
    if d is not None and asked > d.due:
        return _p(
            "hearing_request_late",
            f"听证申请日期{cn_date(asked)}已超过申请期限（{d.explain()}）",
            "requested_on",
        )
    return []


def _statement_period_ended(case: Case, ctx: GuardContext) -> list[Problem]:
    if Statement.objects.filter(case=case).exists():
        return []
    d = hearing_deadline(case)
    if d is not None and ctx.on <= d.due:
        return _p(
            "statement_period_open",
            f"陈述、申辩期限尚未届满（至{cn_date(d.due)}），当事人也未陈述申辩或明确放弃",
            "on",
        )
    return []


def _hearing_record_signed(case: Case, ctx: GuardContext) -> list[Problem]:
    last = Hearing.objects.filter(case=case).order_by("-held_on", "-pk").first()
    if last is None or not last.record_signed:
        return _p("hearing_record_unsigned", "听证笔录须经当事人审核签字或盖章", "record_signed")
    return []


def _review_submission(case: Case, ctx: GuardContext) -> list[Problem]:
    return rules.review_submission_problems(
        investigation_finished=True,
        draft_decision_present=common.has_decision(case),
        materials=ctx.materials,
        catalogue=common.catalogue_of(case),
    )


def _review_passed(case: Case, ctx: GuardContext) -> list[Problem]:
    review = common.current_review(case)
    if review is None or not review.cleared:
        return _p("review_not_passed", "法制审核尚未通过，不能进行此步骤", "review")
    return []


def enf35_problems(case: Case, fine: Decimal | None) -> list[Problem]:
    """ENF-35: a decision in the review catalogue needs a passed review that covered this draft
    (`rules.require_review_passed`; the head's ruling for the handling unit counts, ENF-34)."""
    reasons = common.review_reasons(case, fine=fine)
    if not reasons:
        return []
    review = common.current_review(case)
    try:
        rules.require_review_passed(
            reasons=reasons,
            outcome=(review.outcome or None) if review is not None and not review.pending else None,
            ruling=(review.ruling or None) if review is not None else None,
        )
    except DomainError as exc:
        return [Problem(exc.code, exc.message, exc.field)]
    assert review is not None
    if fine is not None and review.reviewed_fine is not None and Decimal(fine) != review.reviewed_fine:
        return _p(
            "review_required",
            f"拟决定罚款{fine}元与法制审核通过时的{review.reviewed_fine}元不一致，须重新进行法制审核",
            "review",
        )
    return []


def _review_if_required(case: Case, ctx: GuardContext) -> list[Problem]:
    fine = ctx.fine
    if fine is None and common.has_decision(case):
        fine = case.decision.fine_amount
    return enf35_problems(case, fine)


def _review_not_pending(case: Case, ctx: GuardContext) -> list[Problem]:
    review = common.current_review(case)
    if review is not None and review.pending:
        return _p(
            "review_pending",
            f"法制审核正在进行（{review.get_status_display()}），请先等待结论或撤回送审",
            "review",
        )
    return []


def discussion_required(case: Case) -> bool:
    """行政处罚法 art. 57: complex or major cases go to the heads' collective discussion."""
    return bool(case.complex_case or case.major_public_interest or case.major_social_risk)


def _discussion_if_required(case: Case, ctx: GuardContext) -> list[Problem]:
    if not discussion_required(case):
        return []
    if CollectiveDiscussion.objects.filter(case=case, record_signed=True).exists():
        return []
    return _p(
        "discussion_required",
        "本案情节复杂或涉及重大公共利益，须经机关负责人集体讨论后方可作出决定（行政处罚法第五十七条）",
        "discussion",
    )


def _discussion_signed(case: Case, ctx: GuardContext) -> list[Problem]:
    last = CollectiveDiscussion.objects.filter(case=case).order_by("-held_on", "-pk").first()
    if last is None or not last.record_signed:
        return _p("discussion_record_unsigned", "集体讨论记录须经参加人签名", "record_signed")
    return []


def _notice_given(case: Case, ctx: GuardContext) -> list[Problem]:
    if not AdvanceNotice.objects.filter(case=case).exists():
        return _p(
            "advance_notice_missing",
            "作出行政处罚决定前，须告知当事人拟作出的处罚及其权利（ENF-13）",
            "notice",
        )
    return []


def _amount_in_range(case: Case, ctx: GuardContext) -> list[Problem]:
    if not common.has_decision(case):
        return []
    decision = case.decision
    amount = ctx.fine if ctx.fine is not None else decision.fine_amount
    if amount is None:
        return []
    basis = decision.basis_provision.as_basis() if decision.basis_provision is not None else None
    return rules.amount_problems(amount, basis, mitigated=decision.mitigated)


def _delivery_after_decision(case: Case, ctx: GuardContext) -> list[Problem]:
    if case.decided_on is None or ctx.delivered_on is None:
        return _p("decision_missing", "尚未作出决定，不能送达", "delivered_on")
    return rules.delivery_problems(case.decided_on, ctx.delivered_on, today=common.today())


def _payment_deadline_passed(case: Case, ctx: GuardContext) -> list[Problem]:
    d = CaseDeadline.objects.filter(case=case, kind=DeadlineKind.PAYMENT).order_by("-start").first()
    if d is None:
        return _p("payment_deadline_missing", "没有履行期限记录，不能申请强制执行", "on")
    if d.satisfied_on is not None:
        return _p("obligation_performed", "当事人已在期限内履行，无需申请强制执行", "on")
    if ctx.on <= d.due:
        return _p(
            "payment_deadline_not_passed", f"履行期限至{cn_date(d.due)}届满，届满前不能申请强制执行", "on"
        )
    return []


def _court_window(case: Case, ctx: GuardContext) -> list[Problem]:
    if case.delivered_on is None:
        return _p("decision_not_delivered", "决定尚未送达，不能申请强制执行", "on")
    d = rules.court_enforcement_deadline(case.delivered_on)
    if ctx.on < d.start:
        return _p(
            "court_window_not_open",
            f"当事人申请行政复议或者提起行政诉讼的期限尚未届满，自{cn_date(d.start)}起方可申请人民法院强制执行（行政强制法第五十三条）",
            "on",
        )
    if ctx.on > d.due:
        return _p("court_window_closed", f"申请人民法院强制执行的期限已于{cn_date(d.due)}届满", "on")
    return []


def _approved_by_head(case: Case, ctx: GuardContext) -> list[Problem]:
    who = ctx.approved_by or ctx.actor
    if who is None or not (
        can(who, "enforcement.decide_case", case) or can(who, "enforcement.approve_case", case)
    ):
        return _p("not_approved_by_head", "须经机关负责人批准", "approved_by")
    return []


def _transfer_receipt(case: Case, ctx: GuardContext) -> list[Problem]:
    if not JudicialTransfer.objects.filter(case=case, receipt_on__isnull=False).exists():
        return _p("transfer_receipt_missing", "尚未取得司法机关接收移送的回执", "receipt")
    return []


def _closing_report(case: Case, ctx: GuardContext) -> list[Problem]:
    if not ctx.report.strip():
        return _p("closing_report_missing", "须填写结案报告", "report")
    return _approved_by_head(case, ctx)


def _case_file_complete(case: Case, ctx: GuardContext) -> list[Problem]:
    from ..selectors import case_file_missing

    missing = case_file_missing(case)
    if missing:
        names = "、".join(str(label) for _, label in missing)
        return _p("case_file_incomplete", f"案卷材料不齐全，缺少：{names}（请先生成并归入案卷）", "documents")
    return []


def _obligation_unperformed(case: Case, ctx: GuardContext) -> list[Problem]:
    if not ctx.reasons.strip():
        return _p("obligation_not_stated", "须写明当事人未履行的生效行政决定及期限", "reasons")
    return []


def _reminder_on(case: Case) -> date | None:
    ev = CaseEvent.objects.filter(case=case, action="issue_reminder").order_by("-at").first()
    return None if ev is None else ev.at.date()


def _reminder_elapsed(case: Case, ctx: GuardContext) -> list[Problem]:
    reminded = ctx.reminder_on or _reminder_on(case)
    if reminded is None:
        return _p("reminder_missing", "尚未催告当事人履行", "reminder_on")
    earliest = rules.court_application_earliest(reminded)
    if ctx.on < earliest:
        return _p(
            "reminder_period_open",
            f"催告书送达十个工作日后（{cn_date(earliest)}起）仍未履行的，方可进行此步骤（行政强制法第五十四条）",
            "on",
        )
    return []


def _decision_delivered(case: Case, ctx: GuardContext) -> list[Problem]:
    if (
        case.decided_on is None
        or not Delivery.objects.filter(case=case, delivered_on__gte=case.decided_on).exists()
    ):
        return _p("decision_not_delivered", "强制执行决定或代履行决定尚未送达当事人", "delivery")
    return []


def _substitute_reminder(case: Case, ctx: GuardContext) -> list[Problem]:
    if ctx.reminder_on is None:
        return _p(
            "substitute_reminder_missing",
            "代履行三日前须催告当事人履行（行政强制法第五十一条）",
            "reminder_on",
        )
    earliest = rules.substitute_earliest(ctx.reminder_on)
    if ctx.on < earliest:
        return _p("substitute_reminder_missing", f"催告后满三个工作日（{cn_date(earliest)}）方可代履行", "on")
    return []


def _costs_determined(case: Case, ctx: GuardContext) -> list[Problem]:
    if ctx.amount is None or ctx.amount < 0:
        return _p("costs_not_determined", "须按成本合理确定代履行费用（行政强制法第五十一条）", "amount")
    return []


def _inspection_signed(case: Case, ctx: GuardContext) -> list[Problem]:
    last = Inspection.objects.filter(case=case).order_by("-started_at", "-pk").first()
    if last is None:
        return _p("inspection_record_missing", "尚未制作现场检查笔录", "inspection")
    if not last.party_signed and not last.refusal_note.strip():
        return _p(
            "inspection_record_unsigned", "现场检查笔录须经当事人签字确认，或注明拒签情况", "inspection"
        )
    return []


def _recheck_recorded(case: Case, ctx: GuardContext) -> list[Problem]:
    if not ctx.report.strip():
        return _p("recheck_missing", "须填写复查记录", "report")
    return []


def _materials_complete(case: Case, ctx: GuardContext) -> list[Problem]:
    if not ctx.materials_complete:
        return _p(
            "materials_incomplete",
            "申请材料不齐全或不符合法定形式，不能受理（行政许可法第三十二条）",
            "materials",
        )
    return []


def _hearing_notice(case: Case, ctx: GuardContext) -> list[Problem]:
    if ctx.notified_on is None:
        return _p("hearing_notice_missing", "须写明通知申请人、利害关系人听证的日期", "notified_on")
    return []


def _review_checked_by_service(case: Case, ctx: GuardContext) -> list[Problem]:
    return []  # checklist, objection and escalation are checked by the review services (rules.review)


GUARD_CHECKS: dict[str, Guard] = {
    "two_certified_officers": _two_certified_officers,
    "certificates_shown": _certificates_shown,
    "no_conflict_of_interest": _no_conflict,
    "reasons_recorded": _reasons,
    "investigation_report_present": _investigation_report,
    "draft_decision_present": _draft_decision,
    "notice_content_complete": _notice_content,
    "hearing_requested_in_time": _hearing_in_time,
    "statement_period_ended": _statement_period_ended,
    "hearing_notice_given": _hearing_notice,
    "hearing_record_signed": _hearing_record_signed,
    "review_submission_complete": _review_submission,
    "review_passed": _review_passed,
    "review_passed_if_required": _review_if_required,
    "review_not_pending": _review_not_pending,
    "discussion_held_if_required": _discussion_if_required,
    "discussion_record_signed": _discussion_signed,
    "advance_notice_given": _notice_given,
    "amount_within_legal_range": _amount_in_range,
    "delivery_not_before_decision": _delivery_after_decision,
    "payment_deadline_passed": _payment_deadline_passed,
    "court_application_window_open": _court_window,
    "transfer_approved_by_head": _approved_by_head,
    "transfer_receipt_recorded": _transfer_receipt,
    "closing_report_approved": _closing_report,
    "case_file_complete": _case_file_complete,
    "obligation_unperformed": _obligation_unperformed,
    "reminder_period_elapsed": _reminder_elapsed,
    "decision_delivered": _decision_delivered,
    "substitute_reminder_given": _substitute_reminder,
    "costs_determined": _costs_determined,
    "inspection_record_signed": _inspection_signed,
    "recheck_recorded": _recheck_recorded,
    "materials_complete": _materials_complete,
    "checklist_complete": _review_checked_by_service,
    "objection_reasons_stated": _review_checked_by_service,
    "both_opinions_attached": _review_checked_by_service,
}


def check_guards(
    case: Case, transition: Transition, ctx: GuardContext, *, skip: tuple[str, ...] = ()
) -> None:
    """Run every guard `transition` names (except `skip`, checked by the caller); raise the first problem."""
    problems: list[Problem] = []
    for name in transition.guards:
        if name in skip:
            continue
        problems.extend(GUARD_CHECKS[name](case, ctx))
    raise_problems(problems)
