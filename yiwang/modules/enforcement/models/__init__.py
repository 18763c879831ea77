"""Enforcement models, split by subject; import from here.

- `reference`: legal provisions, violation types, discretion standards, the review catalogue
  (ENF-30), case number counters
- `cases`: the case, parties, officers (ENF-11), withdrawal (ENF-12), evidence, inquiry and
  inspection records
- `steps`: advance notice (ENF-13), statements, hearings, collective discussion, the decision,
  delivery (ENF-14), payments and court enforcement (ENF-15), transfer, corrections (ENF-16)
- `review`: legal review, submissions, opinions with checklist findings, escalation (ENF-31…35)
- `tracking`: deadlines (CAL-06), generated documents, the timeline, idempotency keys
"""

from .base import STATUS_CHOICES, AgencyScopedQuerySet, CaseScopedQuerySet
from .cases import (
    Case,
    CaseOfficer,
    CaseQuerySet,
    CaseSource,
    Evidence,
    EvidenceKind,
    Inquiry,
    Inspection,
    Party,
    RaisedBy,
    Withdrawal,
)
from .evaluation import EvaluationGrade, EvaluationRun, FileEvaluation
from .reference import (
    CaseCounter,
    Circumstance,
    DiscretionMethod,
    DiscretionStandard,
    LegalProvision,
    ReviewCatalogueEntry,
    ViolationType,
)
from .review import LegalReview, ReviewEscalation, ReviewFinding, ReviewOpinion, ReviewSubmission
from .steps import (
    Adoption,
    AdvanceNotice,
    CollectiveDiscussion,
    Correction,
    CourtApplication,
    Decision,
    DecisionKind,
    DecisionStatus,
    Delivery,
    DeliveryMethod,
    Hearing,
    HearingRequest,
    JudicialTransfer,
    Payment,
    Statement,
    StatementKind,
)
from .tracking import (
    RULE_FIELDS,
    CaseDeadline,
    CaseEvent,
    DeadlineKind,
    DocumentFormat,
    GeneratedDocument,
    IdempotencyKey,
    deadline_rule,
)

__all__ = [
    "RULE_FIELDS",
    "STATUS_CHOICES",
    "Adoption",
    "AdvanceNotice",
    "AgencyScopedQuerySet",
    "Case",
    "CaseCounter",
    "CaseDeadline",
    "CaseEvent",
    "CaseOfficer",
    "CaseQuerySet",
    "CaseScopedQuerySet",
    "CaseSource",
    "Circumstance",
    "CollectiveDiscussion",
    "Correction",
    "CourtApplication",
    "DeadlineKind",
    "Decision",
    "DecisionKind",
    "DecisionStatus",
    "Delivery",
    "DeliveryMethod",
    "DiscretionMethod",
    "DiscretionStandard",
    "DocumentFormat",
    "EvaluationGrade",
    "EvaluationRun",
    "Evidence",
    "EvidenceKind",
    "FileEvaluation",
    "GeneratedDocument",
    "Hearing",
    "HearingRequest",
    "IdempotencyKey",
    "Inquiry",
    "Inspection",
    "JudicialTransfer",
    "LegalProvision",
    "LegalReview",
    "Party",
    "Payment",
    "RaisedBy",
    "ReviewCatalogueEntry",
    "ReviewEscalation",
    "ReviewFinding",
    "ReviewOpinion",
    "ReviewSubmission",
    "Statement",
    "StatementKind",
    "ViolationType",
    "Withdrawal",
    "deadline_rule",
]
