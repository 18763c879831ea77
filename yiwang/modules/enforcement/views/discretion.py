"""The discretion panel of a case's draft decision (ENF-112).

An htmx partial (``enforcement:discretion_panel``) the draft-decision page includes with
``hx-get``; opened directly (no ``HX-Request`` header) it renders as a page of its own. The base
of a percentage standard (e.g. 建设项目总投资额) comes as the ``base_amount`` query parameter.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from yiwang.kernel.access.web import actor_of, staff_page
from yiwang.kernel.errors import DomainError

from ..selectors_discretion import discretion_panel_for, parse_base_amount


@staff_page
@require_GET
def discretion_panel(request: HttpRequest, pk: int) -> HttpResponse:
    error = ""
    raw_base = request.GET.get("base_amount", "")
    try:
        base = parse_base_amount(raw_base)
    except DomainError as exc:
        base, error = None, exc.message
    panel = discretion_panel_for(actor=actor_of(request), case_id=pk, base_amount=base)
    context = {"panel": panel, "base_error": error, "raw_base": raw_base[:40]}
    if request.headers.get("HX-Request") == "true":
        return render(request, "enforcement/discretion/panel.html", context)
    return render(request, "enforcement/discretion/page.html", context)
