"""The step pages: one form per step of a case, one service call per submission.

GET shows the form with a fresh idempotency key and the status the page saw; POST parses it and
calls the step's service. A refusal (`DomainError`) is shown in Chinese next to its field and
nothing is written (the service checks before it writes); success redirects to the case page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from yiwang.kernel.access import can
from yiwang.kernel.access.web import staff_page
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.people.models import Person

from .. import forms as f
from .. import selectors
from ..models import Case, LegalReview
from ..services.guards import enf35_problems
from ..workflow import REVIEW_TRANSITIONS, TRANSITIONS, Kind, Transition, allowed
from .common import require_actor
from .registry import STEPS, Step, draft, transition_run
from .review_registry import REVIEW_STEP_SPECS


def _respond(
    request: HttpRequest,
    *,
    template: str,
    context: dict[str, Any],
    form: f.StepForm,
    run: Any,
    done: str,
    case: Case,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            run(form)
        except DomainError as exc:
            form.attach(exc)
        else:
            messages.success(request, done)
            return redirect("enforcement:case-detail", pk=case.pk)
    # A refused form is shown again (200, as browsers expect) with the error next to its field.
    return render(request, template, {**context, "form": form, "case": case})


def _case(actor: Person, pk: int) -> Case:
    return selectors.case_get_for(actor=actor, case_id=pk)


@staff_page
def step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    spec: Step | None = STEPS.get(slug)
    if spec is None:
        raise Http404("没有该办理步骤")
    actor = require_actor(request)
    case = _case(actor, pk)
    if not can(actor, spec.permission_for(case), case):
        raise Forbidden(f"无权办理“{spec.title}”")
    kwargs = spec.form_kwargs(actor, case)
    data = request.POST if request.method == "POST" else None
    form = spec.form(data, case=case, actor=actor, **kwargs)
    context: dict[str, Any] = {"title": spec.title, "lead": spec.lead, "slug": slug}
    if slug in ("decide", "draft-decision", "review-submit", "notice"):
        context["draft"] = draft(case)
    if slug == "decide":
        context["review_block"] = enf35_problems(case, None)
    return _respond(
        request,
        template=spec.template,
        context=context,
        form=form,
        run=lambda fm: spec.run(actor, case, fm),
        done=spec.done,
        case=case,
    )


def _transition(case: Case, action: str) -> Transition:
    """The transition `action` from the case's status, or (for a page opened late) from any status
    of its kind, so the form still shows and the service answers ``transition_not_allowed``."""
    for t in allowed(case.kind, case.status):
        if t.action == action:
            return t
    for ts in TRANSITIONS[Kind(case.kind)].values():
        for t in ts:
            if t.action == action:
                return t
    raise Http404("该类案件没有此办理环节")


@staff_page
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """A step without data of its own (e.g. 开始调查取证, 提交案件审查, 报请负责人决定)."""
    actor = require_actor(request)
    case = _case(actor, pk)
    t = _transition(case, action)
    if not can(actor, t.permission, case):
        raise Forbidden(f"无权办理“{t.label}”")
    kwargs: dict[str, Any] = {"transition": t}
    if "approved_by" in {n for g in t.guards for n in f.closing.GUARD_FIELDS.get(g, ())}:
        kwargs["approvers"] = selectors.approvers_for(actor=actor, case=case)
    data = request.POST if request.method == "POST" else None
    form = f.TransitionForm(data, case=case, actor=actor, **kwargs)
    run = transition_run(action)
    return _respond(
        request,
        template="enforcement/step.html",
        context={"title": t.label, "lead": "", "transition": t},
        form=form,
        run=lambda fm: run(actor, case, fm),
        done=f"已办理：{t.label}",
        case=case,
    )


@staff_page
def review_step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """A step of a legal review (ENF-32…34): the reviewer's opinion, objection, escalation, ruling."""
    spec = REVIEW_STEP_SPECS.get(slug)
    if spec is None:
        raise Http404("没有该审核步骤")
    actor = require_actor(request)
    review: LegalReview = selectors.review_get_for(actor=actor, review_id=pk)
    case = review.case
    if not can(actor, spec.permission, case):
        raise Forbidden(f"无权办理“{spec.title}”")
    data = request.POST if request.method == "POST" else None
    form = spec.form(data, case=case, actor=actor, initial={"expected_status": review.status})
    context = {
        "title": spec.title,
        "lead": spec.lead,
        "review": review,
        "review_actions": [t for t in REVIEW_TRANSITIONS.get(review.status, ())],
        "submission": review.submissions.order_by("-round").first(),
        "opinions": review.opinions.prefetch_related("findings").select_related("reviewer"),
        "escalation": review.escalations.select_related("review_opinion")
        .order_by("-objected_at", "-pk")
        .first(),
        "draft": draft(case),
    }
    return _respond(
        request,
        template=spec.template,
        context=context,
        form=form,
        run=lambda fm: spec.run(actor, review, fm),
        done=spec.done,
        case=case,
    )
