"""Case-file evaluation pages (案卷评查, ENF-110): the runs with a form to start one, and a run's
report per agency and unit with scores and weak points."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from yiwang.kernel.access import has_permission_anywhere
from yiwang.kernel.access.web import actor_of, staff_page
from yiwang.kernel.errors import DomainError, Forbidden

from ..evaluation import CHECKLIST, GRADES, PARTS
from ..forms.evaluation import EvaluationRunForm
from ..selectors_evaluation import EVALUATE, evaluation_list_for, evaluation_report_for
from ..services.evaluation import evaluation_run


@staff_page
@require_http_methods(["GET", "POST"])
def evaluation_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not has_permission_anywhere(actor, EVALUATE):
        raise Forbidden("无权开展案卷评查：需要“案卷评查”权限")
    form = EvaluationRunForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            run = evaluation_run(
                actor=actor,
                scope=form.cleaned_data["scope"],
                period_start=form.cleaned_data.get("period_start"),
                period_end=form.cleaned_data.get("period_end"),
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("enforcement:evaluation-report", pk=run.pk)
    context = {
        "form": form,
        "runs": evaluation_list_for(actor=actor)[:100],
        "checklist": CHECKLIST,
        "parts": PARTS.values(),
    }
    return render(request, "enforcement/evaluation/list.html", context)


@staff_page
@require_GET
def evaluation_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = evaluation_report_for(actor=actor_of(request), run_id=pk)
    labels = {i.code: i.label for i in CHECKLIST}
    rows = [
        {
            "result": r,
            "weak": [labels.get(code, code) for code in r.weak],
            "grade": GRADES.get(r.grade, r.grade),
        }
        for r in report.results
    ]
    return render(request, "enforcement/evaluation/report.html", {"report": report, "rows": rows})
