"""Staff pages at /enforcement/."""

from django.urls import path
from django.views.generic import RedirectView

from .views import cases, discretion, documents, evaluation, queues, steps

app_name = "enforcement"

urlpatterns = [
    # The list lives at cases/ so the navigation marks one entry at a time (prefix match).
    path("", RedirectView.as_view(pattern_name="enforcement:case-list"), name="index"),
    path("cases/", cases.case_list, name="case-list"),
    path("cases/new/", cases.case_new, name="case-new"),
    path("flow-charts/", cases.flow_charts, name="flow-charts"),
    path("todo/", queues.todo, name="todo"),
    path("reviews/", queues.review_queue, name="review-queue"),
    path("decisions/", queues.decision_queue, name="decision-queue"),
    path("overdue/", queues.overdue, name="overdue"),
    path("cases/<int:pk>/", cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/step/<slug:slug>/", steps.step, name="step"),
    path("cases/<int:pk>/transition/<slug:action>/", steps.transition, name="transition"),
    path("cases/<int:pk>/documents/", documents.document_generate, name="document-generate"),
    path("reviews/<int:pk>/<slug:slug>/", steps.review_step, name="review-step"),
    path("documents/<int:pk>/download/", documents.document_download, name="document-download"),
    path("cases/<int:pk>/discretion/", discretion.discretion_panel, name="discretion_panel"),
    path("evaluations/", evaluation.evaluation_list, name="evaluation-list"),
    path("evaluations/<int:pk>/", evaluation.evaluation_report, name="evaluation-report"),
]
