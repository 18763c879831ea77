"""The case list with filters, registering a case, and the case page: status, next steps for this
actor, flow chart, deadlines, documents, legal review, the file's records, corrections, timeline."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from yiwang.kernel.access import can, has_permission_anywhere
from yiwang.kernel.access.web import staff_page
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.organizations.selectors import organization_list_for

from .. import selectors, services
from ..documents import DocumentKind
from ..forms import CaseFileForm, CaseFilterForm
from ..models import Case
from ..services.common import current_review, review_reasons
from ..services.guards import enf35_problems
from ..workflow import REVIEW_TRANSITIONS, Kind, status_label
from .common import (
    REVIEW_STEPS,
    action_url,
    flow_chart,
    paginate,
    pk_url,
    query_without_page,
    require_actor,
)
from .registry import RECORD_STEPS, STEPS, decision_offered

VIEW = "enforcement.view_case"
FILE = "enforcement.file_case"


@staff_page
def case_list(request: HttpRequest) -> HttpResponse:
    actor = require_actor(request)
    if not has_permission_anywhere(actor, VIEW):
        raise Forbidden("无权查看执法案件")
    form = CaseFilterForm(request.GET or None, choices=selectors.filter_choices_for(actor=actor))
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = form.selector_filters(actor)
    # the table shows these columns only (a page of a county's cases, read on every visit)
    cases = (
        selectors.case_list_for(actor=actor, **filters)
        .select_related(None)
        .select_related("unit")
        .only("id", "number", "title", "party_name", "kind", "status", "filed_at", "unit__name")
    )
    page = paginate(request, cases)
    detail = pk_url("enforcement:case-detail")
    rows = [
        {
            "pk": c.pk,
            "url": detail(c.pk),
            "number": c.number,
            "title": c.title,
            "party": c.party_name,
            "kind": c.get_kind_display(),
            "status": status_label(c.kind, c.status),
            "unit": c.unit.name,
            "filed": timezone.localtime(c.filed_at).date().isoformat(),
        }
        for c in page.object_list
    ]
    return render(
        request,
        "enforcement/case_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query_without_page(request),
            "can_file": has_permission_anywhere(actor, FILE),
            "filtered": bool(filters),
        },
    )


@staff_page
def case_new(request: HttpRequest) -> HttpResponse:
    """登记案件 at a unit where the actor may file; a penalty case goes to the head (ENF-10)."""
    actor = require_actor(request)
    if not has_permission_anywhere(actor, FILE):
        raise Forbidden("无权登记执法案件")
    units = organization_list_for(actor=actor, permission=FILE).order_by("path")
    data = request.POST if request.method == "POST" else None
    form = CaseFileForm(data, actor=actor, units=units)
    if data is not None and form.is_valid():
        v = form.values()
        party = services.PartyInput(
            party_type=v.pop("party_type"),
            name=v.pop("party_name"),
            identifier=v.pop("party_identifier"),
            legal_representative=v.pop("party_legal_representative"),
            address=v.pop("party_address"),
            phone=v.pop("party_phone"),
        )
        try:
            case = services.case_file(actor=actor, party=party, idempotency_key=form.key, **v)
        except DomainError as exc:
            form.attach(exc)
        else:
            messages.success(request, f"已登记案件 {case.number}")
            return redirect("enforcement:case-detail", pk=case.pk)
    return render(request, "enforcement/case_new.html", {"form": form})


def _next_steps(actor: Any, case: Case) -> list[dict[str, str]]:
    return [
        {"action": t.action, "label": t.label, "url": action_url(case, t.action)}
        for t in selectors.next_steps_for(actor=actor, case=case)
    ]


def _record_steps(actor: Any, case: Case) -> list[dict[str, str]]:
    from django.urls import reverse

    out = []
    for slug in RECORD_STEPS:
        spec = STEPS[slug]
        if spec.offered is not None and spec.offered(actor, case):
            out.append(
                {"slug": slug, "label": spec.title, "url": reverse("enforcement:step", args=[case.pk, slug])}
            )
    return out


def _review_panel(actor: Any, case: Case) -> dict[str, Any]:
    from django.urls import reverse

    review = current_review(case)
    actions: list[dict[str, str]] = []
    if review is not None:
        for t in REVIEW_TRANSITIONS.get(review.status, ()):
            slug = REVIEW_STEPS.get(t.action)
            if slug and can(actor, t.permission, case):
                url = reverse("enforcement:review-step", args=[review.pk, slug])
                if not any(a["url"] == url for a in actions):
                    actions.append({"label": t.label if slug != "answer" else "作出审核意见", "url": url})
    history = case.reviews.order_by("-submitted_at", "-pk").prefetch_related(
        "submissions", "opinions__findings", "opinions__reviewer", "escalations"
    )
    return {
        "review": review,
        "review_actions": actions,
        "reviews": history,
        "reasons": review_reasons(case),
    }


@staff_page
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = require_actor(request)
    case = selectors.case_get_for(actor=actor, case_id=pk)
    today = timezone.localdate()
    deadlines = list(selectors.deadlines_for(actor=actor, case=case))
    for d in deadlines:
        d.overdue_now = d.is_overdue(today)  # type: ignore[attr-defined]
    decision = getattr(case, "decision", None) if services.common.has_decision(case) else None
    context: dict[str, Any] = {
        "case": case,
        "today": today,
        "parties": case.parties.all(),
        "officers": case.officers.select_related("certificate").order_by("removed_at", "-lead", "pk"),
        "withdrawals": case.withdrawals.select_related("officer"),
        "next_steps": _next_steps(actor, case),
        "record_steps": _record_steps(actor, case),
        "deadlines": deadlines,
        "documents": selectors.documents_for(actor=actor, case=case),
        # one idempotency key per button and render: a double click generates once
        "document_kinds": [(value, label, uuid.uuid4().hex) for value, label in DocumentKind.choices],
        "can_generate": can(actor, "enforcement.generate_document", case),
        "missing_documents": selectors.case_file_missing(case),
        "timeline": selectors.timeline_for(actor=actor, case=case).select_related("actor"),
        "corrections": case.corrections.select_related("approver", "recorded_by").order_by("-pk"),
        "decision": decision,
        "decision_block": enf35_problems(case, None) if decision_offered(actor, case) else [],
        "flow_chart": flow_chart(case.kind, case.status),
        "kind_label": Kind(case.kind).label,
        **_review_panel(actor, case),
    }
    return render(request, "enforcement/case_detail.html", context)


@staff_page
def flow_charts(request: HttpRequest) -> HttpResponse:
    """Every kind's flow chart and the legal-review chart (ENF-01, ENF-50), drawn from the tables."""
    require_actor(request)
    charts = [(k.label, flow_chart(k.value)) for k in Kind]
    charts.append(("重大执法决定法制审核", flow_chart("review")))
    return render(request, "enforcement/flow_charts.html", {"charts": charts})
