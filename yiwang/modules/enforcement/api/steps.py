"""The step endpoints: ``POST /api/enforcement/cases/{id}/<step>/`` and ``…/reviews/{id}/<step>/``,
each calling exactly one service (names match the services in `services/`)."""

from __future__ import annotations

from typing import Any

from yiwang.kernel.errors import NotFound

from .. import services
from ..models import Case
from ..rules import Finding
from . import inputs as i
from . import refs
from .views import case_step, review_step


def _withdrawal(case: Case, pk: Any) -> Any:
    found = case.withdrawals.filter(pk=pk).first()
    if found is None:
        raise NotFound("回避申请不存在", "withdrawal")
    return found


def _inquiry(a: Any, c: Case, v: dict[str, Any]) -> Any:
    return services.inquiry_record(
        idempotency_key=v.get("idempotency_key"),
        actor=a,
        case=c,
        started_at=v["started_at"],
        ended_at=v["ended_at"],
        place=v["place"],
        inquirers=refs.officers(v["inquirers"]),
        recorder=v["recorder"],
        interviewee=services.IntervieweeInput(**v["interviewee"]),
        qas=[(qa["question"], qa["answer"]) for qa in v["qas"]],
        relation=v["relation"],
    )


def _draft(a: Any, c: Case, v: dict[str, Any]) -> Any:
    v["basis_provision"] = refs.provision(v.get("basis_provision"))
    v["discretion_standard"] = refs.standard(v.get("discretion_standard"))
    return services.decision_draft(actor=a, case=c, **v)


def _with_approver(service: Any) -> Any:
    def call(a: Any, c: Case, v: dict[str, Any]) -> Any:
        v["approved_by"] = refs.approver(a, c, v.get("approved_by"))
        return service(actor=a, case=c, **v)

    return call


ApproveFiling = case_step(
    "approve-filing",
    "负责人审批立案或决定不予立案（ENF-10）",
    i.FilingApprovalInput,
    lambda a, c, v: services.case_approve_filing(actor=a, case=c, **v),
)


def _assign(a: Any, c: Case, v: dict[str, Any]) -> Any:
    lead = v.pop("lead", None)
    return services.case_assign_officers(
        actor=a,
        case=c,
        certificates=refs.certificates(v.pop("certificates")),
        lead=refs.certificates([lead])[0] if lead else None,
        **v,
    )


def _request_withdrawal(a: Any, c: Case, v: dict[str, Any]) -> Any:
    officer = c.officers.filter(pk=v.pop("officer")).first()
    if officer is None:
        raise NotFound("该执法人员不是本案承办人员", "officer")
    return services.withdrawal_request(actor=a, case=c, officer=officer, **v)


AssignOfficers = case_step(
    "officers",
    "指派承办执法人员（ENF-11：至少两名，执法证有效且领域相符；ENF-113）",
    i.OfficersInput,
    _assign,
)
RequestWithdrawal = case_step(
    "withdrawals", "执法人员回避申请（ENF-12）", i.WithdrawalRequestInput, _request_withdrawal
)
AddEvidence = case_step(
    "evidence",
    "登记证据（ENF-70）",
    i.EvidenceInput,
    lambda a, c, v: services.evidence_add(actor=a, case=c, **v),
)
RecordInquiry = case_step("inquiries", "制作询问笔录（ENF-72）", i.InquiryInput, _inquiry)
RecordInspection = case_step(
    "inspections",
    "制作现场检查笔录（ENF-72）",
    i.InspectionInput,
    lambda a, c, v: services.inspection_record(
        actor=a, case=c, inspectors=refs.officers(v.pop("inspectors")), **v
    ),
)
FinishInvestigation = case_step(
    "finish-investigation",
    "调查终结",
    i.FinishInvestigationInput,
    lambda a, c, v: services.case_finish_investigation(actor=a, case=c, **v),
)
DraftDecision = case_step("draft-decision", "拟定处理决定（ENF-31）", i.DraftDecisionInput, _draft)
IssueNotice = case_step(
    "notice",
    "送达行政处罚事先告知书（ENF-13）",
    i.NoticeInput,
    lambda a, c, v: services.notice_issue(actor=a, case=c, **v),
)
RecordStatement = case_step(
    "statements",
    "登记陈述申辩",
    i.StatementInput,
    lambda a, c, v: services.statement_record(actor=a, case=c, **v),
)
CloseStatements = case_step(
    "close-statements",
    "陈述申辩结束",
    i.OnInput,
    lambda a, c, v: services.statements_close(actor=a, case=c, **v),
)
RequestHearing = case_step(
    "hearing-request",
    "当事人申请听证（行政处罚法第六十四条）",
    i.HearingRequestInput,
    lambda a, c, v: services.hearing_request(actor=a, case=c, **v),
)
RecordHearing = case_step(
    "hearing", "听证笔录", i.HearingRecordInput, lambda a, c, v: services.hearing_record(actor=a, case=c, **v)
)
SubmitReview = case_step(
    "submit-review",
    "提交法制审核（ENF-31：送审材料齐全）",
    i.ReviewSubmitInput,
    lambda a, c, v: services.review_submit(actor=a, case=c, **v),
)
CompleteReview = case_step(
    "complete-review",
    "法制审核通过后进入下一环节（ENF-35）",
    i.OnInput,
    lambda a, c, v: services.review_complete(actor=a, case=c, **v),
)
RecordDiscussion = case_step(
    "discussion",
    "集体讨论（行政处罚法第五十七条）",
    i.DiscussionInput,
    lambda a, c, v: services.discussion_record(actor=a, case=c, **v),
)
Decide = case_step(
    "decide",
    "负责人作出决定（ENF-35：重大执法决定未经法制审核不得作出，返回 review_required）",
    i.DecideInput,
    lambda a, c, v: services.case_decide(actor=a, case=c, **v),
)
Terminate = case_step(
    "terminate",
    "撤销立案、终止或决定不予处罚（ENF-10）",
    i.TerminateInput,
    lambda a, c, v: services.case_terminate(actor=a, case=c, **v),
)
Transfer = case_step(
    "transfer",
    "移送司法机关（经机关负责人批准）",
    i.TransferInput,
    _with_approver(services.case_transfer_judicial),
)
TransferReceipt = case_step(
    "transfer-receipt",
    "登记司法机关接收回执",
    i.TransferReceiptInput,
    lambda a, c, v: services.transfer_receipt_record(actor=a, case=c, **v),
)
Deliver = case_step(
    "delivery",
    "送达决定书（ENF-14：不得早于决定日期，七个工作日内）",
    i.DeliveryInput,
    lambda a, c, v: services.delivery_record(actor=a, case=c, officers=refs.officers(v.pop("officers")), **v),
)
RecordPayment = case_step(
    "payments",
    "登记缴款（ENF-15，含加处罚款）",
    i.PaymentInput,
    lambda a, c, v: services.payment_record(actor=a, case=c, **v),
)
RecordPerformance = case_step(
    "performance",
    "当事人履行完毕",
    i.PerformanceInput,
    lambda a, c, v: services.performance_record(actor=a, case=c, **v),
)
ApplyCourt = case_step(
    "court-application",
    "申请人民法院强制执行（ENF-15）",
    i.CourtApplicationInput,
    lambda a, c, v: services.court_application_record(actor=a, case=c, **v),
)
FinishCourt = case_step(
    "court-finish",
    "强制执行完毕",
    i.CourtFinishInput,
    lambda a, c, v: services.court_enforcement_finish(actor=a, case=c, **v),
)
Close = case_step(
    "close", "结案（结案报告经机关负责人批准）", i.CloseInput, _with_approver(services.case_close)
)
Archive = case_step(
    "archive",
    "归档（ENF-70：案卷材料齐全）",
    i.ArchiveInput,
    lambda a, c, v: services.case_archive(actor=a, case=c, **v),
)
Transition = case_step(
    "transition",
    "无专门数据的流转环节（如 开始调查取证、提交案件审查、报请负责人决定）",
    i.TransitionInput,
    _with_approver(services.case_transition),
)


def _decide_withdrawal(a: Any, c: Case, v: dict[str, Any]) -> Any:
    withdrawal = _withdrawal(c, v.pop("withdrawal"))
    return services.withdrawal_decide(actor=a, withdrawal=withdrawal, **v)


DecideWithdrawal = case_step(
    "withdrawal-decide", "机关负责人作出回避决定（ENF-12）", i.WithdrawalDecideInput, _decide_withdrawal
)

ReviewAnswer = review_step(
    "answer",
    "审核意见：九项要点逐项作答（ENF-32）并作出结论（ENF-33）",
    i.ReviewAnswerInput,
    lambda a, r, v: services.review_answer(
        actor=a, review=r, findings=[Finding(**f) for f in v.pop("findings")], **v
    ),
)
ReviewObject = review_step(
    "object",
    "承办机构提出异议（ENF-34：列明理由和依据）",
    i.ReviewObjectInput,
    lambda a, r, v: services.review_object(actor=a, review=r, **v),
)
ReviewSettle = review_step(
    "settle",
    "协商一致，重新审核（ENF-34）",
    i.ReviewSettleInput,
    lambda a, r, v: services.review_settle(actor=a, review=r, **v),
)
ReviewEscalate = review_step(
    "escalate",
    "协商不成，双方意见报请机关负责人决定（ENF-34）",
    i.ReviewEscalateInput,
    lambda a, r, v: services.review_escalate(actor=a, review=r, **v),
)
ReviewRuling = review_step(
    "ruling",
    "机关负责人对意见分歧作出决定（ENF-34）",
    i.ReviewRulingInput,
    lambda a, r, v: services.review_head_decide(
        actor=a, review=r, **{k: x for k, x in v.items() if k != "expected_status"}
    ),
)
ReviewWithdraw = review_step(
    "withdraw",
    "撤回送审",
    i.ReviewWithdrawInput,
    lambda a, r, v: services.review_withdraw(actor=a, review=r, **v),
)
