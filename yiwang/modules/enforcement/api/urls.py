"""REST API at /api/enforcement/: reads, queues and one POST per service."""

from django.urls import path

from . import discretion, evaluation, steps, views

app_name = "enforcement_api"

STEP_VIEWS = {
    "approve-filing": steps.ApproveFiling,
    "officers": steps.AssignOfficers,
    "withdrawals": steps.RequestWithdrawal,
    "withdrawal-decide": steps.DecideWithdrawal,
    "evidence": steps.AddEvidence,
    "inquiries": steps.RecordInquiry,
    "inspections": steps.RecordInspection,
    "finish-investigation": steps.FinishInvestigation,
    "draft-decision": steps.DraftDecision,
    "notice": steps.IssueNotice,
    "statements": steps.RecordStatement,
    "close-statements": steps.CloseStatements,
    "hearing-request": steps.RequestHearing,
    "hearing": steps.RecordHearing,
    "submit-review": steps.SubmitReview,
    "complete-review": steps.CompleteReview,
    "discussion": steps.RecordDiscussion,
    "decide": steps.Decide,
    "terminate": steps.Terminate,
    "transfer": steps.Transfer,
    "transfer-receipt": steps.TransferReceipt,
    "delivery": steps.Deliver,
    "payments": steps.RecordPayment,
    "performance": steps.RecordPerformance,
    "court-application": steps.ApplyCourt,
    "court-finish": steps.FinishCourt,
    "close": steps.Close,
    "archive": steps.Archive,
    "transition": steps.Transition,
}
REVIEW_VIEWS = {
    "answer": steps.ReviewAnswer,
    "object": steps.ReviewObject,
    "settle": steps.ReviewSettle,
    "escalate": steps.ReviewEscalate,
    "ruling": steps.ReviewRuling,
    "withdraw": steps.ReviewWithdraw,
}

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<int:pk>/timeline/", views.TimelineView.as_view(), name="case-timeline"),
    path("cases/<int:pk>/deadlines/", views.DeadlinesView.as_view(), name="case-deadlines"),
    path("cases/<int:pk>/reviews/", views.CaseReviewsView.as_view(), name="case-reviews"),
    path("cases/<int:pk>/corrections/", views.CorrectionsView.as_view(), name="case-corrections"),
    path("cases/<int:pk>/documents/", views.DocumentsView.as_view(), name="case-documents"),
    *(
        path(f"cases/<int:pk>/{name}/", view.as_view(), name=f"case-{name}")
        for name, view in STEP_VIEWS.items()
    ),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review-detail"),
    *(
        path(f"reviews/<int:pk>/{name}/", view.as_view(), name=f"review-{name}")
        for name, view in REVIEW_VIEWS.items()
    ),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="document-download"),
    path("agencies/<int:pk>/review-catalogue/", views.CatalogueView.as_view(), name="review-catalogue"),
    path("queues/review/", views.ReviewQueueView.as_view(), name="queue-review"),
    path("queues/decision/", views.DecisionQueueView.as_view(), name="queue-decision"),
    path("queues/todo/", views.TodoView.as_view(), name="queue-todo"),
    path("queues/overdue/", views.OverdueView.as_view(), name="queue-overdue"),
    path("cases/<int:pk>/discretion/", discretion.DiscretionView.as_view(), name="case-discretion"),
    path("evaluations/", evaluation.EvaluationListView.as_view(), name="evaluation-list"),
    path("evaluations/<int:pk>/", evaluation.EvaluationReportView.as_view(), name="evaluation-report"),
]
