"""Work queues: the reviewer's review queue (ENF-37 overdue flags), the head's decision queue (with
the review status and why a case is blocked, ENF-35), the officer's to-do page (open deadlines and
next steps) and the supervisor's overdue page over the bodies they supervise (ENF-111)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from yiwang.kernel.access import can, has_permission_anywhere
from yiwang.kernel.access.web import staff_page
from yiwang.kernel.errors import Forbidden

from .. import selectors
from ..models import RULE_FIELDS, DeadlineKind, deadline_rule
from ..services.common import current_review
from ..services.guards import enf35_problems
from .common import PAGE_SIZE, action_url, paginate, pk_url, require_actor

# what a row of the overdue page shows, read as values (no model instances)
OVERDUE_COLUMNS = ("case_id", "case__number", "case__title", "agency__name", "kind", *RULE_FIELDS)


def _require(actor: Any, permission: str, message: str) -> None:
    if not has_permission_anywhere(actor, permission):
        raise Forbidden(message)


@staff_page
def review_queue(request: HttpRequest) -> HttpResponse:
    actor = require_actor(request)
    _require(actor, "enforcement.review_case", "无权进行法制审核")
    today = timezone.localdate()
    page = paginate(request, selectors.review_queue_for(actor=actor, on=today))
    rows = [
        {
            "review": r,
            "case": r.case,
            "url": reverse(
                "enforcement:review-step", args=[r.pk, "answer" if r.status == "submitted" else "settle"]
            ),
            "overdue_days": (today - r.due_on).days if r.overdue else 0,
        }
        for r in page.object_list
    ]
    return render(
        request,
        "enforcement/review_queue.html",
        {"page": page, "rows": rows, "today": today, "ratio": _reviewer_ratio(actor)},
    )


def _reviewer_ratio(actor: Any) -> Any:
    """ENF-36 for the reviewer's own agency: a warning when reviewers are too few, else None."""
    org = getattr(actor, "organization", None)
    agency = org.body() if org is not None else None
    if agency is None or not can(actor, "enforcement.view_case", agency):
        return None
    return selectors.reviewer_ratio_for(actor=actor, agency=agency)


@staff_page
def decision_queue(request: HttpRequest) -> HttpResponse:
    actor = require_actor(request)
    _require(actor, "enforcement.decide_case", "无权作出执法决定")
    page = paginate(request, selectors.head_decision_queue_for(actor=actor))
    rows = []
    for case in page.object_list:
        review = current_review(case)
        escalated = review is not None and review.status == "escalated"
        block = [] if case.status in ("filing_pending",) else enf35_problems(case, None)
        if escalated and review is not None:
            url = reverse("enforcement:review-step", args=[review.pk, "ruling"])
        elif case.status == "filing_pending":
            url = action_url(case, "approve_filing")
        elif case.status == "collective_discussion":
            url = action_url(case, "finish_discussion")
        else:
            url = reverse("enforcement:step", args=[case.pk, "decide"])
        rows.append({"case": case, "review": review, "block": block, "url": url})
    return render(request, "enforcement/decision_queue.html", {"page": page, "rows": rows})


@staff_page
def todo(request: HttpRequest) -> HttpResponse:
    actor = require_actor(request)
    today = timezone.localdate()
    items = selectors.todo_for(actor=actor, on=today)
    rows: list[dict[str, Any]] = [
        {
            "item": i,
            "url": action_url(i.case, i.action)
            if i.action
            else reverse("enforcement:case-detail", args=[i.case.pk]),
        }
        for i in items
    ]
    deadlines = [r for r in rows if r["item"].deadline is not None]
    steps = [r for r in rows if r["item"].deadline is None]
    return render(request, "enforcement/todo.html", {"deadlines": deadlines, "steps": steps, "today": today})


@staff_page
def overdue(request: HttpRequest) -> HttpResponse:
    actor = require_actor(request)
    _require(actor, "enforcement.supervise_case", "无权查看执法监督信息")
    today = timezone.localdate()
    overdue_items = selectors.overdue_for(actor=actor, on=today)
    page = paginate(
        request,
        overdue_items.values(*OVERDUE_COLUMNS),
        size=PAGE_SIZE,
        counted=overdue_items.select_related(None).values("pk"),  # without the case's columns
    )
    detail = pk_url("enforcement:case-detail")
    kinds = dict(DeadlineKind.choices)
    rows = []
    for v in page.object_list:
        rows.append(
            {
                "case": v["case_id"],
                "url": detail(v["case_id"]),
                "agency": v["agency__name"],
                "number": v["case__number"],
                "title": v["case__title"],
                "kind": kinds.get(v["kind"], v["kind"]),
                "rule": v["rule"],
                "due": v["due"].isoformat(),
                "days": (today - v["due"]).days,
                "explain": deadline_rule(v).explain(),
            }
        )
    return render(request, "enforcement/overdue.html", {"page": page, "rows": rows, "today": today})
