"""Enforcement kinds, their statuses and transition tables, as data (ENF-01, ENF-10, ENF-30…35).

Each kind (ENF-01) has its own status enum and a transition table
``TRANSITIONS[kind][status] -> (Transition, ...)``. A `Transition` names the target status, the
action code, its Chinese label, the permission it needs (``"enforcement.<verb>_case"``) and the
names of the rule checks (`GUARDS`) the service must run before the change. Nothing here touches
the database: services look transitions up with `transition_for`, the flow charts are drawn from
the same tables (`flowchart.py`), so what is published is what the code enforces.

The legal review of a major decision (重大执法决定法制审核, ENF-30…35) has its own small table,
`REVIEW_TRANSITIONS`: while it runs, the case stays in its "法制审核" status; when the review ends
passed (or the agency head rules for the handling unit, ENF-34) the case moves on with
``complete_review``.

Sources: ENF-10 (seed 001 annex 5 and annex 7 post duties), 行政处罚法 (2021), 行政强制法
(art. 18–28 measures, 34–40 enforcement, 50–52 substitute performance, 53–54 court), 行政许可法
(art. 29–50), seed 000 §6 (review), seed 001 annex 4 and annex 8 (review catalogue and flow).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import models

from yiwang.kernel.errors import DomainError

from .actions import ACTIONS, GUARDS, Action, Guard
from .permissions import PERMISSION_LABELS

__all__ = [
    "ACTIONS",
    "ARCHIVED",
    "GUARDS",
    "PERMISSION_LABELS",
    "REVIEW_CLEARS_DECISION",
    "REVIEW_FINAL",
    "REVIEW_START",
    "REVIEW_TRANSITIONS",
    "SIDE_EXITS",
    "START",
    "STATUSES",
    "TRANSITIONS",
    "Action",
    "AnyStatus",
    "CoercionStatus",
    "Guard",
    "InspectionStatus",
    "Kind",
    "LevyStatus",
    "PenaltyStatus",
    "PermitStatus",
    "ReviewStatus",
    "Transition",
    "action_label",
    "allowed",
    "reachable",
    "review_transition_for",
    "status_enum",
    "status_label",
    "transition_for",
    "used_guards",
]


class Kind(models.TextChoices):
    """ENF-01: the five kinds of administrative enforcement (glossary)."""

    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    PERMIT = "permit", "行政许可"
    LEVY = "levy", "行政征收征用"


class PenaltyStatus(models.TextChoices):
    """ENF-10: the penalty path, clue to archive."""

    CLUE = "clue", "案件线索"
    FILING_PENDING = "filing_pending", "立案审批"
    NOT_FILED = "not_filed", "不予立案"
    FILED = "filed", "已立案"
    INVESTIGATING = "investigating", "调查取证"
    INVESTIGATION_FINISHED = "investigation_finished", "调查终结"
    CASE_REVIEW = "case_review", "案件审查"
    NOTIFIED = "notified", "已告知（陈述申辩期）"
    HEARING = "hearing", "听证"
    RIGHTS_HEARD = "rights_heard", "陈述申辩、听证完毕"
    LEGAL_REVIEW = "legal_review", "法制审核"
    REVIEWED = "reviewed", "法制审核通过"
    COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论"
    DECISION_PENDING = "decision_pending", "待负责人决定"
    DECIDED = "decided", "已作出处罚决定"
    DELIVERED = "delivered", "已送达（待履行）"
    COURT_ENFORCEMENT = "court_enforcement", "申请法院强制执行"
    EXECUTED = "executed", "执行完毕"
    TERMINATED = "terminated", "已终止（撤销立案/不予处罚）"
    TRANSFERRED = "transferred", "已移送司法机关"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


class CoercionStatus(models.TextChoices):
    """行政强制: measures (查封、扣押, art. 18–28) and enforcement incl. 代履行 (art. 34–54)."""

    INITIATED = "initiated", "启动（报请采取行政强制）"
    MEASURE_REVIEW = "measure_review", "强制措施法制审核"
    MEASURE_IN_FORCE = "measure_in_force", "查封、扣押实施中"
    MEASURE_ENDED = "measure_ended", "查封、扣押已解除或处理"
    REMINDED = "reminded", "已催告（陈述申辩期）"
    ENFORCEMENT_REVIEW = "enforcement_review", "强制执行法制审核"
    ENFORCEMENT_DECIDED = "enforcement_decided", "已作出强制执行决定"
    SUBSTITUTE_DECIDED = "substitute_decided", "已作出代履行决定"
    SUBSTITUTE_PERFORMED = "substitute_performed", "代履行完毕（待收取费用）"
    COURT_ENFORCEMENT = "court_enforcement", "申请法院强制执行"
    EXECUTED = "executed", "执行完毕"
    TERMINATED = "terminated", "已终止（不予采取/终结执行）"
    TRANSFERRED = "transferred", "已移送司法机关"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


class InspectionStatus(models.TextChoices):
    """行政检查: plan (双随机), on-site check with record, correction, referral."""

    PLANNED = "planned", "检查计划（随机抽取）"
    INSPECTING = "inspecting", "现场检查"
    RECORDED = "recorded", "已制作现场检查笔录"
    CORRECTING = "correcting", "责令限期改正"
    CONCLUDED = "concluded", "检查完结（无问题或整改合格）"
    REFERRED = "referred", "已移送立案查处"
    TRANSFERRED = "transferred", "已移送司法机关"
    TERMINATED = "terminated", "已取消检查"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


class PermitStatus(models.TextChoices):
    """行政许可 (行政许可法 art. 29–50; seed 001 annex 7 posts 受理/审查/决定/送达)."""

    APPLIED = "applied", "已申请（待受理）"
    SUPPLEMENTING = "supplementing", "待补正材料"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    ACCEPTED = "accepted", "已受理（审查中）"
    HEARING = "hearing", "听证"
    HEARD = "heard", "听证结束"
    LEGAL_REVIEW = "legal_review", "法制审核"
    DECISION_PENDING = "decision_pending", "待负责人决定"
    GRANTED = "granted", "准予许可"
    REFUSED = "refused", "不予许可"
    DELIVERED = "delivered", "已送达"
    WITHDRAWN = "withdrawn", "申请人撤回申请"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


class LevyStatus(models.TextChoices):
    """行政征收征用: notice, assessment, decision, delivery, payment or compensation."""

    INITIATED = "initiated", "启动征收征用"
    NOTIFIED = "notified", "已告知当事人"
    ASSESSED = "assessed", "已调查核定"
    LEGAL_REVIEW = "legal_review", "法制审核"
    DECISION_PENDING = "decision_pending", "待负责人决定"
    DECIDED = "decided", "已作出征收征用决定"
    DELIVERED = "delivered", "已送达（待缴纳/补偿）"
    COURT_ENFORCEMENT = "court_enforcement", "申请法院强制执行"
    EXECUTED = "executed", "执行完毕"
    TERMINATED = "terminated", "已终止"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


class ReviewStatus(models.TextChoices):
    """重大执法决定法制审核 (ENF-31…35; seed 001 annex 8 flow, seed 000 §6(3)2)."""

    SUBMITTED = "submitted", "已送审（审核中）"
    RETURNED = "returned", "退回补正"
    NOT_PASSED = "not_passed", "审核不通过"
    DISPUTED = "disputed", "意见分歧（协商中）"
    ESCALATED = "escalated", "报请机关负责人决定"
    UPHELD = "upheld", "负责人维持审核意见"
    PASSED = "passed", "审核通过"
    RULED_PROCEED = "ruled_proceed", "负责人决定采纳承办机构意见"
    WITHDRAWN = "withdrawn", "已撤回送审"


AnyStatus = PenaltyStatus | CoercionStatus | InspectionStatus | PermitStatus | LevyStatus

STATUSES: dict[Kind, type[models.TextChoices]] = {
    Kind.PENALTY: PenaltyStatus,
    Kind.COERCION: CoercionStatus,
    Kind.INSPECTION: InspectionStatus,
    Kind.PERMIT: PermitStatus,
    Kind.LEVY: LevyStatus,
}

# Every kind ends in "archived"; nothing leaves it.
ARCHIVED = "archived"

# Statuses a case leaves the main path through; the flow charts draw them apart.
SIDE_EXITS = frozenset({"not_filed", "terminated", "transferred", "not_accepted", "withdrawn", "referred"})


@dataclass(frozen=True)
class Transition:
    target: str
    action: str
    label: str
    permission: str
    guards: tuple[str, ...] = ()


def _t(target: str, action: str, *guards: str) -> Transition:
    a = ACTIONS[action]
    return Transition(target=target, action=action, label=a.label, permission=a.permission, guards=guards)


P = PenaltyStatus
_PENALTY: dict[str, tuple[Transition, ...]] = {
    P.CLUE: (_t(P.FILING_PENDING, "file"),),
    P.FILING_PENDING: (
        _t(P.FILED, "approve_filing"),
        _t(P.NOT_FILED, "reject_filing", "reasons_recorded"),
    ),
    P.NOT_FILED: (_t(P.ARCHIVED, "archive", "case_file_complete"),),
    P.FILED: (
        _t(P.INVESTIGATING, "start_investigation", "two_certified_officers", "no_conflict_of_interest"),
        _t(P.TERMINATED, "withdraw_filing", "reasons_recorded"),
    ),
    P.INVESTIGATING: (
        _t(P.INVESTIGATION_FINISHED, "finish_investigation", "investigation_report_present"),
        _t(P.TERMINATED, "withdraw_filing", "reasons_recorded"),
        _t(P.TERMINATED, "terminate", "reasons_recorded"),
        _t(P.TRANSFERRED, "transfer_to_judiciary", "transfer_approved_by_head"),
    ),
    P.INVESTIGATION_FINISHED: (
        _t(P.CASE_REVIEW, "submit_case_review"),
        _t(P.TERMINATED, "withdraw_filing", "reasons_recorded"),
    ),
    P.CASE_REVIEW: (
        _t(P.NOTIFIED, "issue_notice", "draft_decision_present", "notice_content_complete"),
        _t(P.INVESTIGATING, "return_for_investigation", "reasons_recorded"),
        _t(P.TERMINATED, "decide_no_penalty", "reasons_recorded"),
        _t(P.TRANSFERRED, "transfer_to_judiciary", "transfer_approved_by_head"),
    ),
    P.NOTIFIED: (
        _t(P.HEARING, "request_hearing", "hearing_requested_in_time"),
        _t(P.RIGHTS_HEARD, "close_statements", "statement_period_ended"),
    ),
    P.HEARING: (_t(P.RIGHTS_HEARD, "finish_hearing", "hearing_record_signed"),),
    P.RIGHTS_HEARD: (
        _t(P.LEGAL_REVIEW, "submit_review", "review_submission_complete"),
        _t(P.COLLECTIVE_DISCUSSION, "submit_discussion", "review_passed_if_required"),
        _t(P.DECISION_PENDING, "submit_decision", "review_passed_if_required", "discussion_held_if_required"),
        _t(P.INVESTIGATING, "return_for_investigation", "reasons_recorded"),
        _t(P.TERMINATED, "decide_no_penalty", "reasons_recorded"),
    ),
    P.LEGAL_REVIEW: (
        _t(P.REVIEWED, "complete_review", "review_passed"),
        _t(P.INVESTIGATING, "return_for_investigation", "review_not_pending", "reasons_recorded"),
        _t(P.TERMINATED, "decide_no_penalty", "review_not_pending", "reasons_recorded"),
        _t(P.TRANSFERRED, "transfer_to_judiciary", "transfer_approved_by_head"),
    ),
    P.REVIEWED: (
        _t(P.COLLECTIVE_DISCUSSION, "submit_discussion"),
        _t(P.DECISION_PENDING, "submit_decision", "discussion_held_if_required"),
    ),
    P.COLLECTIVE_DISCUSSION: (
        _t(P.DECISION_PENDING, "finish_discussion", "discussion_record_signed"),
        _t(P.INVESTIGATING, "return_for_investigation", "reasons_recorded"),
        _t(P.TERMINATED, "decide_no_penalty", "discussion_record_signed"),
        _t(P.TRANSFERRED, "transfer_to_judiciary", "transfer_approved_by_head"),
    ),
    P.DECISION_PENDING: (
        _t(
            P.DECIDED,
            "decide",
            "advance_notice_given",
            "review_passed_if_required",
            "discussion_held_if_required",
            "amount_within_legal_range",
        ),
        _t(P.INVESTIGATING, "return_for_investigation", "reasons_recorded"),
        _t(P.TERMINATED, "decide_no_penalty", "reasons_recorded"),
        _t(P.TRANSFERRED, "transfer_to_judiciary", "transfer_approved_by_head"),
    ),
    P.DECIDED: (_t(P.DELIVERED, "deliver", "delivery_not_before_decision"),),
    P.DELIVERED: (
        _t(P.EXECUTED, "record_performance"),
        _t(
            P.COURT_ENFORCEMENT,
            "apply_court_enforcement",
            "payment_deadline_passed",
            "court_application_window_open",
        ),
    ),
    P.COURT_ENFORCEMENT: (_t(P.EXECUTED, "finish_enforcement"),),
    P.EXECUTED: (_t(P.CLOSED, "close", "closing_report_approved"),),
    P.TERMINATED: (_t(P.CLOSED, "close", "closing_report_approved"),),
    P.TRANSFERRED: (_t(P.CLOSED, "close", "transfer_receipt_recorded", "closing_report_approved"),),
    P.CLOSED: (_t(P.ARCHIVED, "archive", "case_file_complete"),),
    P.ARCHIVED: (),
}

C = CoercionStatus
_COERCION: dict[str, tuple[Transition, ...]] = {
    C.INITIATED: (
        _t(C.MEASURE_REVIEW, "submit_review", "review_submission_complete"),
        _t(C.REMINDED, "issue_reminder", "obligation_unperformed"),
        _t(C.TERMINATED, "terminate", "reasons_recorded"),
    ),
    C.MEASURE_REVIEW: (
        _t(
            C.MEASURE_IN_FORCE,
            "impose_measure",
            "review_passed",
            "two_certified_officers",
            "no_conflict_of_interest",
        ),
        _t(C.TERMINATED, "terminate", "review_not_pending", "reasons_recorded"),
    ),
    C.MEASURE_IN_FORCE: (
        _t(C.MEASURE_ENDED, "lift_measure"),
        _t(C.MEASURE_ENDED, "dispose_items", "reasons_recorded"),
        _t(C.TRANSFERRED, "transfer_to_judiciary", "transfer_approved_by_head"),
    ),
    C.MEASURE_ENDED: (_t(C.CLOSED, "close", "closing_report_approved"),),
    C.REMINDED: (
        _t(C.EXECUTED, "record_performance"),
        _t(C.ENFORCEMENT_REVIEW, "submit_review", "reminder_period_elapsed", "review_submission_complete"),
        _t(
            C.COURT_ENFORCEMENT,
            "apply_court_enforcement",
            "reminder_period_elapsed",
            "court_application_window_open",
        ),
        _t(C.TERMINATED, "terminate", "reasons_recorded"),
    ),
    C.ENFORCEMENT_REVIEW: (
        _t(C.ENFORCEMENT_DECIDED, "decide_enforcement", "review_passed"),
        _t(C.SUBSTITUTE_DECIDED, "decide_substitute", "review_passed"),
        _t(C.TERMINATED, "terminate", "review_not_pending", "reasons_recorded"),
    ),
    C.ENFORCEMENT_DECIDED: (
        _t(C.EXECUTED, "enforce", "decision_delivered", "two_certified_officers"),
        _t(C.TERMINATED, "terminate", "reasons_recorded"),
    ),
    C.SUBSTITUTE_DECIDED: (
        _t(C.SUBSTITUTE_PERFORMED, "perform_substitute", "decision_delivered", "substitute_reminder_given"),
        _t(C.EXECUTED, "record_performance"),
        _t(C.TERMINATED, "terminate", "reasons_recorded"),
    ),
    C.SUBSTITUTE_PERFORMED: (
        _t(C.EXECUTED, "collect_costs", "costs_determined"),
        _t(C.COURT_ENFORCEMENT, "apply_court_enforcement", "court_application_window_open"),
    ),
    C.COURT_ENFORCEMENT: (_t(C.EXECUTED, "finish_enforcement"),),
    C.EXECUTED: (_t(C.CLOSED, "close", "closing_report_approved"),),
    C.TERMINATED: (_t(C.CLOSED, "close", "closing_report_approved"),),
    C.TRANSFERRED: (_t(C.CLOSED, "close", "transfer_receipt_recorded", "closing_report_approved"),),
    C.CLOSED: (_t(C.ARCHIVED, "archive", "case_file_complete"),),
    C.ARCHIVED: (),
}

INS = InspectionStatus
_INSPECTION: dict[str, tuple[Transition, ...]] = {
    INS.PLANNED: (
        _t(
            INS.INSPECTING,
            "start_inspection",
            "two_certified_officers",
            "certificates_shown",
            "no_conflict_of_interest",
        ),
        _t(INS.TERMINATED, "terminate", "reasons_recorded"),
    ),
    INS.INSPECTING: (_t(INS.RECORDED, "record_findings", "inspection_record_signed"),),
    INS.RECORDED: (
        _t(INS.CONCLUDED, "no_problem"),
        _t(INS.CORRECTING, "order_correction", "reasons_recorded"),
        _t(INS.REFERRED, "refer_for_penalty", "reasons_recorded"),
        _t(INS.TRANSFERRED, "transfer_to_judiciary", "transfer_approved_by_head"),
    ),
    INS.CORRECTING: (
        _t(INS.CONCLUDED, "recheck_passed", "recheck_recorded"),
        _t(INS.REFERRED, "refer_for_penalty", "recheck_recorded"),
    ),
    INS.CONCLUDED: (_t(INS.CLOSED, "close", "closing_report_approved"),),
    INS.REFERRED: (_t(INS.CLOSED, "close", "closing_report_approved"),),
    INS.TRANSFERRED: (_t(INS.CLOSED, "close", "transfer_receipt_recorded"),),
    INS.TERMINATED: (_t(INS.CLOSED, "close", "closing_report_approved"),),
    INS.CLOSED: (_t(INS.ARCHIVED, "archive", "case_file_complete"),),
    INS.ARCHIVED: (),
}

PM = PermitStatus
_PERMIT: dict[str, tuple[Transition, ...]] = {
    PM.APPLIED: (
        _t(PM.ACCEPTED, "accept", "materials_complete"),
        _t(PM.SUPPLEMENTING, "request_supplement", "reasons_recorded"),
        _t(PM.NOT_ACCEPTED, "reject_application", "reasons_recorded"),
    ),
    PM.SUPPLEMENTING: (
        _t(PM.ACCEPTED, "accept", "materials_complete"),
        _t(PM.NOT_ACCEPTED, "reject_application", "reasons_recorded"),
        _t(PM.WITHDRAWN, "withdraw_application"),
    ),
    PM.ACCEPTED: (
        _t(PM.HEARING, "start_hearing", "hearing_notice_given"),
        _t(PM.LEGAL_REVIEW, "submit_review", "review_submission_complete"),
        _t(PM.DECISION_PENDING, "submit_decision", "review_passed_if_required"),
        _t(PM.WITHDRAWN, "withdraw_application"),
    ),
    PM.HEARING: (_t(PM.HEARD, "finish_hearing", "hearing_record_signed"),),
    PM.HEARD: (
        _t(PM.LEGAL_REVIEW, "submit_review", "review_submission_complete"),
        _t(PM.DECISION_PENDING, "submit_decision", "review_passed_if_required"),
    ),
    PM.LEGAL_REVIEW: (
        _t(PM.DECISION_PENDING, "complete_review", "review_passed"),
        _t(PM.ACCEPTED, "return_for_examination", "review_not_pending", "reasons_recorded"),
    ),
    PM.DECISION_PENDING: (
        _t(PM.GRANTED, "grant", "review_passed_if_required"),
        _t(PM.REFUSED, "refuse", "review_passed_if_required", "reasons_recorded"),
    ),
    PM.GRANTED: (_t(PM.DELIVERED, "deliver", "delivery_not_before_decision"),),
    PM.REFUSED: (_t(PM.DELIVERED, "deliver", "delivery_not_before_decision"),),
    PM.NOT_ACCEPTED: (_t(PM.CLOSED, "close", "reasons_recorded"),),
    PM.WITHDRAWN: (_t(PM.CLOSED, "close"),),
    PM.DELIVERED: (_t(PM.CLOSED, "close"),),
    PM.CLOSED: (_t(PM.ARCHIVED, "archive", "case_file_complete"),),
    PM.ARCHIVED: (),
}

LV = LevyStatus
_LEVY: dict[str, tuple[Transition, ...]] = {
    LV.INITIATED: (
        _t(LV.NOTIFIED, "notify_party"),
        _t(LV.TERMINATED, "terminate", "reasons_recorded"),
    ),
    LV.NOTIFIED: (
        _t(LV.ASSESSED, "assess", "two_certified_officers", "no_conflict_of_interest"),
        _t(LV.TERMINATED, "terminate", "reasons_recorded"),
    ),
    LV.ASSESSED: (
        _t(LV.LEGAL_REVIEW, "submit_review", "review_submission_complete"),
        _t(LV.DECISION_PENDING, "submit_decision", "review_passed_if_required"),
        _t(LV.TERMINATED, "terminate", "reasons_recorded"),
    ),
    LV.LEGAL_REVIEW: (
        _t(LV.DECISION_PENDING, "complete_review", "review_passed"),
        _t(LV.NOTIFIED, "return_for_investigation", "review_not_pending", "reasons_recorded"),
    ),
    LV.DECISION_PENDING: (
        _t(LV.DECIDED, "decide", "review_passed_if_required", "amount_within_legal_range"),
        _t(LV.TERMINATED, "terminate", "reasons_recorded"),
    ),
    LV.DECIDED: (_t(LV.DELIVERED, "deliver", "delivery_not_before_decision"),),
    LV.DELIVERED: (
        _t(LV.EXECUTED, "record_performance"),
        _t(
            LV.COURT_ENFORCEMENT,
            "apply_court_enforcement",
            "payment_deadline_passed",
            "court_application_window_open",
        ),
    ),
    LV.COURT_ENFORCEMENT: (_t(LV.EXECUTED, "finish_enforcement"),),
    LV.EXECUTED: (_t(LV.CLOSED, "close", "closing_report_approved"),),
    LV.TERMINATED: (_t(LV.CLOSED, "close", "closing_report_approved"),),
    LV.CLOSED: (_t(LV.ARCHIVED, "archive", "case_file_complete"),),
    LV.ARCHIVED: (),
}

TRANSITIONS: dict[Kind, dict[str, tuple[Transition, ...]]] = {
    Kind.PENALTY: _PENALTY,
    Kind.COERCION: _COERCION,
    Kind.INSPECTION: _INSPECTION,
    Kind.PERMIT: _PERMIT,
    Kind.LEVY: _LEVY,
}

START: dict[Kind, str] = {
    Kind.PENALTY: P.CLUE,
    Kind.COERCION: C.INITIATED,
    Kind.INSPECTION: INS.PLANNED,
    Kind.PERMIT: PM.APPLIED,
    Kind.LEVY: LV.INITIATED,
}

RS = ReviewStatus
REVIEW_TRANSITIONS: dict[str, tuple[Transition, ...]] = {
    RS.SUBMITTED: (
        _t(RS.PASSED, "pass", "checklist_complete"),
        _t(RS.RETURNED, "return", "checklist_complete"),
        _t(RS.NOT_PASSED, "reject", "checklist_complete"),
        _t(RS.WITHDRAWN, "withdraw"),
    ),
    RS.RETURNED: (
        _t(RS.SUBMITTED, "resubmit", "review_submission_complete"),
        _t(RS.DISPUTED, "object", "objection_reasons_stated"),
        _t(RS.WITHDRAWN, "withdraw"),
    ),
    RS.NOT_PASSED: (
        _t(RS.SUBMITTED, "resubmit", "review_submission_complete"),
        _t(RS.DISPUTED, "object", "objection_reasons_stated"),
        _t(RS.WITHDRAWN, "withdraw"),
    ),
    RS.DISPUTED: (
        _t(RS.SUBMITTED, "settle"),
        _t(RS.ESCALATED, "escalate", "both_opinions_attached"),
    ),
    RS.ESCALATED: (
        _t(RS.RULED_PROCEED, "rule_proceed"),
        _t(RS.UPHELD, "rule_uphold"),
    ),
    RS.UPHELD: (
        _t(RS.SUBMITTED, "resubmit", "review_submission_complete"),
        _t(RS.WITHDRAWN, "withdraw"),
    ),
    RS.PASSED: (),
    RS.RULED_PROCEED: (),
    RS.WITHDRAWN: (),
}
REVIEW_START = RS.SUBMITTED
# ENF-35: a review in one of these statuses lets a major decision be made.
REVIEW_CLEARS_DECISION = frozenset({RS.PASSED, RS.RULED_PROCEED})
REVIEW_FINAL = frozenset({RS.PASSED, RS.RULED_PROCEED, RS.WITHDRAWN})


# ---------------------------------------------------------------- helpers


def status_enum(kind: Kind | str) -> type[models.TextChoices]:
    return STATUSES[Kind(kind)]


def status_label(kind: Kind | str, status: str) -> str:
    """The Chinese label of `status` within `kind` (labels differ between kinds)."""
    enum = status_enum(kind)
    try:
        return str(enum(status).label)
    except ValueError:
        return str(status)


def action_label(action: str) -> str:
    a = ACTIONS.get(action)
    return a.label if a else action


def allowed(kind: Kind | str, status: str) -> tuple[Transition, ...]:
    """Transitions out of `status` for a case of `kind`; empty for an unknown status."""
    return TRANSITIONS[Kind(kind)].get(str(status), ())


def _find(
    table: Mapping[str, tuple[Transition, ...]], status: str, action: str, current_label: str
) -> Transition:
    for t in table.get(str(status), ()):
        if t.action == action:
            return t
    raise DomainError(
        "transition_not_allowed",
        f"当前状态为“{current_label}”，不能执行“{action_label(action)}”",
        "status",
        details={"status": str(status), "action": action},
    )


def transition_for(kind: Kind | str, status: str, action: str) -> Transition:
    """The transition `action` from `status`, or DomainError ``transition_not_allowed``."""
    kind = Kind(kind)
    return _find(TRANSITIONS[kind], status, action, status_label(kind, status))


def review_transition_for(status: str, action: str) -> Transition:
    """Like `transition_for`, for the legal-review table."""
    try:
        label = str(ReviewStatus(status).label)
    except ValueError:
        label = str(status)
    return _find(REVIEW_TRANSITIONS, status, action, label)


def reachable(table: Mapping[str, Iterable[Transition]], start: str) -> set[str]:
    """Every status reachable from `start` (including it)."""
    seen = {str(start)}
    stack = [str(start)]
    while stack:
        for t in table.get(stack.pop(), ()):
            if t.target not in seen:
                seen.add(t.target)
                stack.append(t.target)
    return seen


def used_guards() -> set[str]:
    tables: list[Mapping[str, tuple[Transition, ...]]] = [*TRANSITIONS.values(), REVIEW_TRANSITIONS]
    return {g for table in tables for ts in table.values() for t in ts for g in t.guards}
