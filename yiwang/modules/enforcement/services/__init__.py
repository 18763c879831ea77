"""Every write of the enforcement module, split by sub-domain; import from here.

Each service is keyword-only with the actor first, runs in one transaction, checks the permission
and the rules before writing, writes a ledger entry and a timeline line, and publishes its event
after commit (`yiwang.contracts.enforcement`). Services a form or the API calls accept
``idempotency_key`` (the same submission applies once) and ``expected_status`` (a form that saw
another status is refused with ``stale_status``).
"""

from .closing import (
    CORRECTABLE,
    case_archive,
    case_close,
    case_correct,
    case_terminate,
    case_transfer_judicial,
    transfer_receipt_record,
)
from .decision import DECIDING_ACTIONS, case_decide, discussion_record
from .documents import document_generate
from .execution import (
    court_application_record,
    court_enforcement_finish,
    delivery_record,
    payment_record,
    performance_record,
)
from .filing import (
    case_approve_filing,
    case_assign_officers,
    case_file,
    case_finish_investigation,
    evidence_add,
    inquiry_record,
    inspection_record,
    withdrawal_decide,
    withdrawal_request,
)
from .generic import GENERIC_ACTIONS, case_transition
from .inputs import IntervieweeInput, PartyInput
from .review import (
    catalogue_update,
    review_answer,
    review_complete,
    review_escalate,
    review_head_decide,
    review_object,
    review_settle,
    review_submit,
    review_withdraw,
)
from .rights import (
    decision_draft,
    hearing_record,
    hearing_request,
    notice_issue,
    statement_record,
    statements_close,
)

__all__ = [
    "CORRECTABLE",
    "DECIDING_ACTIONS",
    "GENERIC_ACTIONS",
    "IntervieweeInput",
    "PartyInput",
    "case_approve_filing",
    "case_archive",
    "case_assign_officers",
    "case_close",
    "case_correct",
    "case_decide",
    "case_file",
    "case_finish_investigation",
    "case_terminate",
    "case_transfer_judicial",
    "case_transition",
    "catalogue_update",
    "court_application_record",
    "court_enforcement_finish",
    "decision_draft",
    "delivery_record",
    "discussion_record",
    "document_generate",
    "evidence_add",
    "hearing_record",
    "hearing_request",
    "inquiry_record",
    "inspection_record",
    "notice_issue",
    "payment_record",
    "performance_record",
    "review_answer",
    "review_complete",
    "review_escalate",
    "review_head_decide",
    "review_object",
    "review_settle",
    "review_submit",
    "review_withdraw",
    "statement_record",
    "statements_close",
    "transfer_receipt_record",
    "withdrawal_decide",
    "withdrawal_request",
]
