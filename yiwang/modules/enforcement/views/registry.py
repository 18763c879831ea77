"""Every step page of a case: its form, the one service it calls, and who is offered it.

A `Step` is a form plus a function calling exactly one service with the parsed input (the
idempotency key and the status the page showed travel along). The rules live in the services;
`offered` only decides whether the case page lists the link — the service has the last word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yiwang.kernel.access import can
from yiwang.kernel.people.models import Person

from .. import forms as f
from .. import selectors, services
from ..actions import ACTIONS
from ..models import Case, Decision
from ..services.closing import ENDING_ACTIONS
from ..services.filing import INVESTIGATE, INVESTIGATING
from ..services.rights import DRAFTABLE
from ..workflow import TRANSITIONS, Kind, allowed

Run = Callable[[Person, Case, Any], Any]
Offered = Callable[[Person, Case], bool]
Extra = Callable[[Person, Case], dict[str, Any]]
CLOSED = frozenset({"closed", "archived"})
# Where the pages offer the statement form (the service refuses elsewhere).
STATEMENT_STATUSES = frozenset({"notified", "hearing", "rights_heard"})
EXECUTION_STATUSES = frozenset({"delivered", "court_enforcement"})


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type[f.StepForm]
    run: Run
    done: str
    permission: str | Callable[[Case], str]
    offered: Offered | None = None  # steps that are no transition: when the case page lists them
    form_args: Extra | None = None  # form arguments that depend on the actor or the case
    template: str = "enforcement/step.html"
    lead: str = ""  # one line under the title (rule ids)

    def permission_for(self, case: Case) -> str:
        return self.permission(case) if callable(self.permission) else self.permission

    def form_kwargs(self, actor: Person, case: Case) -> dict[str, Any]:
        return self.form_args(actor, case) if self.form_args else {}


def _keys(form: f.StepForm) -> dict[str, Any]:
    return {"idempotency_key": form.key, "expected_status": form.expected}


def _investigate(case: Case) -> str:
    return INVESTIGATE[Kind(case.kind)]


def _open(case: Case) -> bool:
    return case.status not in CLOSED


def _investigating(actor: Person, case: Case) -> bool:
    ok = case.status in INVESTIGATING if case.kind == Kind.PENALTY else _open(case)
    return ok and can(actor, _investigate(case), case)


def _has_officers(case: Case) -> bool:
    return case.officers.filter(removed_at__isnull=True).exists()


def draft(case: Case) -> Decision | None:
    return Decision.objects.filter(case=case).first()


def deciding_actions(actor: Person | None, case: Case) -> list[tuple[str, str]]:
    """The head's deciding actions for the case: those allowed now, else those of its kind."""
    now = [
        (t.action, t.label)
        for t in allowed(case.kind, case.status)
        if t.action in services.DECIDING_ACTIONS and can(actor, t.permission, case)
    ]
    if now:
        return now
    seen: dict[str, str] = {}
    for ts in TRANSITIONS[Kind(case.kind)].values():
        for t in ts:
            if t.action in services.DECIDING_ACTIONS:
                seen.setdefault(t.action, t.label)
    return list(seen.items())


def decision_offered(actor: Person, case: Case) -> bool:
    """The head may open the decision page while a drafted decision waits (ENF-35 is checked there)."""
    d = draft(case)
    return (
        d is not None
        and not d.issued
        and case.status in DRAFTABLE[Kind(case.kind)]
        and can(actor, "enforcement.decide_case", case)
    )


def _ending_actions(actor: Person, case: Case) -> dict[str, Any]:
    return {
        "actions": [
            (t.action, t.label)
            for t in allowed(case.kind, case.status)
            if t.action in ENDING_ACTIONS and can(actor, t.permission, case)
        ]
    }


def _approvers(actor: Person, case: Case) -> dict[str, Any]:
    return {"approvers": selectors.approvers_for(actor=actor, case=case)}


def _interviewee(v: dict[str, Any]) -> services.IntervieweeInput:
    return services.IntervieweeInput(
        name=v["interviewee_name"],
        gender=v["interviewee_gender"],
        id_number=v["interviewee_id_number"],
        employer=v["interviewee_employer"],
        position=v["interviewee_position"],
        phone=v["interviewee_phone"],
        address=v["interviewee_address"],
    )


def _inquiry(actor: Person, case: Case, form: Any) -> Any:
    v = form.values()
    return services.inquiry_record(
        idempotency_key=form.key,
        actor=actor,
        case=case,
        started_at=v["started_at"],
        ended_at=v["ended_at"],
        place=v["place"],
        inquirers=list(v["inquirers"]),
        recorder=v["recorder"],
        interviewee=_interviewee(v),
        qas=v["qas"],
        relation=v["relation"],
    )


STEPS: dict[str, Step] = {
    s.slug: s
    for s in (
        Step(
            "filing-approval",
            "立案审批",
            f.FilingApprovalForm,
            lambda a, c, form: services.case_approve_filing(actor=a, case=c, **form.values(), **_keys(form)),
            "已完成立案审批",
            "enforcement.approve_case",
            lead="ENF-10：立案须经机关负责人批准；不予立案的须写明理由",
        ),
        Step(
            "officers",
            "指派承办执法人员",
            f.OfficersForm,
            lambda a, c, form: services.case_assign_officers(
                actor=a,
                case=c,
                certificates=list(form.cleaned_data["certificates"]),
                lead=form.cleaned_data["lead"],
                on=form.cleaned_data["on"],
                **_keys(form),
            ),
            "已指派承办执法人员",
            _investigate,
            offered=lambda a, c: _open(c) and can(a, _investigate(c), c),
            form_args=lambda a, c: {"candidates": selectors.officer_candidates_for(actor=a, case=c)},
            lead="ENF-11：至少两名执法人员，各持有效且执法领域相符的执法证；ENF-113：过期的执法证不能指派",
        ),
        Step(
            "evidence",
            "登记证据",
            f.EvidenceForm,
            lambda a, c, form: services.evidence_add(
                actor=a, case=c, idempotency_key=form.key, **form.values()
            ),
            "已登记证据",
            _investigate,
            offered=_investigating,
        ),
        Step(
            "inquiry",
            "制作询问笔录",
            f.InquiryForm,
            _inquiry,
            "已制作询问笔录",
            _investigate,
            offered=lambda a, c: _investigating(a, c) and _has_officers(c),
            lead="ENF-11、ENF-72：询问须由两名以上执法人员进行",
        ),
        Step(
            "inspection",
            "制作现场检查笔录",
            f.InspectionForm,
            lambda a, c, form: services.inspection_record(
                actor=a, case=c, idempotency_key=form.key, **form.values()
            ),
            "已制作现场检查笔录",
            _investigate,
            offered=lambda a, c: _investigating(a, c) and _has_officers(c),
            lead="ENF-11：检查开始时出示执法证件；ENF-72：笔录经当事人签字确认",
        ),
        Step(
            "withdrawal-request",
            "执法人员回避",
            f.WithdrawalRequestForm,
            lambda a, c, form: services.withdrawal_request(
                actor=a, case=c, idempotency_key=form.key, **form.values()
            ),
            "已登记回避申请，待机关负责人决定",
            _investigate,
            offered=lambda a, c: _open(c) and _has_officers(c) and can(a, _investigate(c), c),
            lead="ENF-12：与案件有利害关系的执法人员应当回避",
        ),
        Step(
            "withdrawal-decide",
            "回避决定",
            f.WithdrawalDecideForm,
            lambda a, c, form: services.withdrawal_decide(
                idempotency_key=form.key,
                actor=a,
                withdrawal=form.cleaned_data["withdrawal"],
                approved=form.cleaned_data["approved"],
                note=form.cleaned_data["note"],
            ),
            "已作出回避决定",
            "enforcement.approve_case",
            offered=lambda a, c: (
                c.withdrawals.filter(approved__isnull=True).exists() and can(a, "enforcement.approve_case", c)
            ),
            lead="ENF-12：回避由机关负责人决定",
        ),
        Step(
            "finish-investigation",
            "调查终结",
            f.FinishInvestigationForm,
            lambda a, c, form: services.case_finish_investigation(
                actor=a, case=c, **form.values(), **_keys(form)
            ),
            "调查终结",
            ACTIONS["finish_investigation"].permission,
        ),
        Step(
            "draft-decision",
            "拟定处理决定",
            f.DraftDecisionForm,
            lambda a, c, form: services.decision_draft(actor=a, case=c, **form.values(), **_keys(form)),
            "已拟定处理决定",
            "enforcement.examine_case",
            offered=lambda a, c: (
                c.status in DRAFTABLE[Kind(c.kind)] and can(a, "enforcement.examine_case", c)
            ),
            template="enforcement/step_draft.html",
            lead="ENF-31：拟作出的决定（种类、金额、依据、裁量基准）；金额不得为负数或超过法定上限",
        ),
        Step(
            "notice",
            "送达行政处罚事先告知书",
            f.NoticeForm,
            lambda a, c, form: services.notice_issue(actor=a, case=c, **form.values(), **_keys(form)),
            "已送达事先告知书",
            ACTIONS["issue_notice"].permission,
            template="enforcement/step_notice.html",
            lead="ENF-13：告知拟作出的处罚及事实、理由、依据，以及陈述、申辩、要求听证的权利",
        ),
        Step(
            "statement",
            "登记陈述申辩",
            f.StatementForm,
            lambda a, c, form: services.statement_record(
                actor=a, case=c, idempotency_key=form.key, **form.values()
            ),
            "已登记陈述申辩",
            "enforcement.hear_case",
            offered=lambda a, c: c.status in STATEMENT_STATUSES and can(a, "enforcement.hear_case", c),
        ),
        Step(
            "close-statements",
            "陈述申辩结束",
            f.OnForm,
            lambda a, c, form: services.statements_close(actor=a, case=c, **form.values(), **_keys(form)),
            "陈述申辩结束",
            ACTIONS["close_statements"].permission,
        ),
        Step(
            "hearing-request",
            "当事人申请听证",
            f.HearingRequestForm,
            lambda a, c, form: services.hearing_request(actor=a, case=c, **form.values(), **_keys(form)),
            "已登记听证申请",
            ACTIONS["request_hearing"].permission,
            lead="行政处罚法第六十四条：告知后五个工作日内提出",
        ),
        Step(
            "hearing-record",
            "听证笔录",
            f.HearingRecordForm,
            lambda a, c, form: services.hearing_record(actor=a, case=c, **form.values(), **_keys(form)),
            "已登记听证笔录",
            ACTIONS["finish_hearing"].permission,
            lead="行政处罚法第六十四条：七日前通知，非本案调查人员主持，笔录经当事人签字",
        ),
        Step(
            "review-submit",
            "提交法制审核",
            f.ReviewSubmitForm,
            lambda a, c, form: services.review_submit(actor=a, case=c, **form.values(), **_keys(form)),
            "已提交法制审核",
            ACTIONS["submit_review"].permission,
            template="enforcement/step_review_submit.html",
            lead="ENF-31：调查终结、已拟定决定，送审材料齐全后方可送审",
        ),
        Step(
            "review-complete",
            "法制审核完成，进入下一环节",
            f.OnForm,
            lambda a, c, form: services.review_complete(actor=a, case=c, **form.values(), **_keys(form)),
            "法制审核已完成",
            ACTIONS["complete_review"].permission,
            lead="ENF-35：审核通过（或负责人决定采纳承办机构意见）后方可继续",
        ),
        Step(
            "discussion",
            "集体讨论",
            f.DiscussionForm,
            lambda a, c, form: services.discussion_record(actor=a, case=c, **form.values(), **_keys(form)),
            "已登记集体讨论",
            ACTIONS["finish_discussion"].permission,
            lead="行政处罚法第五十七条：情节复杂或重大违法行为，由机关负责人集体讨论决定",
        ),
        Step(
            "decide",
            "负责人作出决定",
            f.DecideForm,
            lambda a, c, form: services.case_decide(actor=a, case=c, **form.values(), **_keys(form)),
            "已作出决定",
            "enforcement.decide_case",
            offered=decision_offered,
            form_args=lambda a, c: {"actions": deciding_actions(a, c)},
            template="enforcement/step_decide.html",
            lead="ENF-35：重大执法决定未经法制审核或审核未通过的，不得作出决定",
        ),
        Step(
            "terminate",
            "撤销立案、终止或不予处罚",
            f.TerminateForm,
            lambda a, c, form: services.case_terminate(actor=a, case=c, **form.values(), **_keys(form)),
            "案件已终止，请办理结案、归档",
            "enforcement.approve_case",
            form_args=_ending_actions,
            lead="ENF-10：终止的案件仍须结案、归档",
        ),
        Step(
            "transfer",
            "移送司法机关",
            f.TransferForm,
            lambda a, c, form: services.case_transfer_judicial(
                actor=a, case=c, **form.values(), **_keys(form)
            ),
            "已移送司法机关",
            ACTIONS["transfer_to_judiciary"].permission,
            form_args=_approvers,
            lead="ENF-32 第8项：涉嫌犯罪的，经机关负责人批准移送司法机关；移送的案件仍须结案、归档",
        ),
        Step(
            "transfer-receipt",
            "登记移送回执",
            f.TransferReceiptForm,
            lambda a, c, form: services.transfer_receipt_record(
                actor=a, case=c, idempotency_key=form.key, **form.values()
            ),
            "已登记司法机关回执",
            "enforcement.transfer_case",
            offered=lambda a, c: c.status == "transferred" and can(a, "enforcement.transfer_case", c),
        ),
        Step(
            "delivery",
            "送达决定书",
            f.DeliveryForm,
            lambda a, c, form: services.delivery_record(actor=a, case=c, **form.values(), **_keys(form)),
            "已送达",
            ACTIONS["deliver"].permission,
            lead="ENF-14：宣告后当场交付，或七个工作日内送达；送达日期不得早于决定日期",
        ),
        Step(
            "payment",
            "登记缴款",
            f.PaymentForm,
            lambda a, c, form: services.payment_record(actor=a, case=c, **form.values(), **_keys(form)),
            "已登记缴款",
            "enforcement.execute_case",
            offered=lambda a, c: c.status in EXECUTION_STATUSES and can(a, "enforcement.execute_case", c),
            lead="ENF-15：十五日内缴纳；逾期每日按罚款数额的百分之三加处罚款",
        ),
        Step(
            "performance",
            "当事人履行完毕",
            f.PerformanceForm,
            lambda a, c, form: services.performance_record(actor=a, case=c, **form.values(), **_keys(form)),
            "已登记履行完毕",
            ACTIONS["record_performance"].permission,
        ),
        Step(
            "court-application",
            "申请人民法院强制执行",
            f.CourtApplicationForm,
            lambda a, c, form: services.court_application_record(
                actor=a, case=c, **form.values(), **_keys(form)
            ),
            "已申请人民法院强制执行",
            ACTIONS["apply_court_enforcement"].permission,
            lead="ENF-15：复议、诉讼期限届满后三个月内申请（行政强制法第五十三条），申请前须催告（第五十四条）",
        ),
        Step(
            "court-finish",
            "强制执行完毕",
            f.CourtFinishForm,
            lambda a, c, form: services.court_enforcement_finish(
                actor=a, case=c, **form.values(), **_keys(form)
            ),
            "强制执行完毕",
            ACTIONS["finish_enforcement"].permission,
        ),
        Step(
            "close",
            "结案",
            f.CloseForm,
            lambda a, c, form: services.case_close(actor=a, case=c, **form.values(), **_keys(form)),
            "已结案",
            ACTIONS["close"].permission,
            form_args=_approvers,
            lead="ENF-70：结案报告经机关负责人批准",
        ),
        Step(
            "archive",
            "归档",
            f.ArchiveForm,
            lambda a, c, form: services.case_archive(actor=a, case=c, **form.values(), **_keys(form)),
            "已归档",
            ACTIONS["archive"].permission,
            lead="ENF-70：案卷材料齐全（应当生成的文书均已生成）方可归档",
        ),
        Step(
            "correction",
            "更正案件信息",
            f.CorrectionForm,
            lambda a, c, form: services.case_correct(
                actor=a, case=c, **form.values(), idempotency_key=form.key
            ),
            "已更正",
            "enforcement.correct_case",
            offered=lambda a, c: c.status != "archived" and can(a, "enforcement.correct_case", c),
            form_args=_approvers,
            lead="ENF-16：记录更正项目、原内容、更正后内容、理由和批准人",
        ),
    )
}

# Steps listed on the case page beside the transitions ("登记材料与其他办理事项"), in this order.
RECORD_STEPS = (
    "officers",
    "evidence",
    "inquiry",
    "inspection",
    "withdrawal-request",
    "withdrawal-decide",
    "draft-decision",
    "statement",
    "decide",
    "payment",
    "transfer-receipt",
    "correction",
)


def transition_run(action: str) -> Run:
    def run(actor: Person, case: Case, form: Any) -> Any:
        return services.case_transition(actor=actor, case=case, action=action, **form.values(), **_keys(form))

    return run
