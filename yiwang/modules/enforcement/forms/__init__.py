"""Forms of the enforcement pages: they parse input only; the services check every rule.

Every step form carries a fresh idempotency key per render and the status the page showed
(`base.StepForm`), so a double submit applies once and a stale page is refused.
"""

from .base import OnForm, StepForm
from .closing import (
    ArchiveForm,
    CloseForm,
    CorrectionForm,
    CourtApplicationForm,
    CourtFinishForm,
    DeliveryForm,
    DocumentForm,
    PaymentForm,
    PerformanceForm,
    TerminateForm,
    TransferForm,
    TransferReceiptForm,
    TransitionForm,
)
from .filing import (
    CaseFileForm,
    EvidenceForm,
    FilingApprovalForm,
    FinishInvestigationForm,
    InquiryForm,
    InspectionForm,
    OfficersForm,
    WithdrawalDecideForm,
    WithdrawalRequestForm,
)
from .filters import CaseFilterForm
from .review import (
    ReviewAnswerForm,
    ReviewEscalateForm,
    ReviewObjectForm,
    ReviewRulingForm,
    ReviewSettleForm,
    ReviewSubmitForm,
    ReviewWithdrawForm,
)
from .rights import (
    DecideForm,
    DiscussionForm,
    DraftDecisionForm,
    HearingRecordForm,
    HearingRequestForm,
    NoticeForm,
    StatementForm,
)

__all__ = [
    "ArchiveForm",
    "CaseFileForm",
    "CaseFilterForm",
    "CloseForm",
    "CorrectionForm",
    "CourtApplicationForm",
    "CourtFinishForm",
    "DecideForm",
    "DeliveryForm",
    "DiscussionForm",
    "DocumentForm",
    "DraftDecisionForm",
    "EvidenceForm",
    "FilingApprovalForm",
    "FinishInvestigationForm",
    "HearingRecordForm",
    "HearingRequestForm",
    "InquiryForm",
    "InspectionForm",
    "NoticeForm",
    "OfficersForm",
    "OnForm",
    "PaymentForm",
    "PerformanceForm",
    "ReviewAnswerForm",
    "ReviewEscalateForm",
    "ReviewObjectForm",
    "ReviewRulingForm",
    "ReviewSettleForm",
    "ReviewSubmitForm",
    "ReviewWithdrawForm",
    "StatementForm",
    "StepForm",
    "TerminateForm",
    "TransferForm",
    "TransferReceiptForm",
    "TransitionForm",
    "WithdrawalDecideForm",
    "WithdrawalRequestForm",
]
