"""Staff pages of the working-day calendar: month view, overrides, coverage and warnings (CAL-01…06)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yiwang.kernel.api.actors import actor_of
from yiwang.kernel.errors import DomainError

from . import forms, selectors, services
from .models import CalendarOverride
from .rules import CalendarYearUnavailable, DayKind, DeadlineBasis


def _may_manage(request: HttpRequest) -> bool:
    from yiwang.kernel.access import can

    return can(actor_of(request), services.PERMISSION, CalendarOverride())


def _year_param(request: HttpRequest) -> int:
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2200:
        return int(raw)
    return today.year


def _show_error(form: Any, exc: DomainError) -> None:
    """A refused input is shown by its field; refusals of the actor become 403/404 pages."""
    if exc.status == 403:
        raise PermissionDenied(exc.message)
    if exc.status == 404:
        raise Http404(exc.message)
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _require_manager(request: HttpRequest) -> None:
    if not _may_manage(request):
        raise PermissionDenied("无权录入工作日历调整")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    year = _year_param(request)
    try:
        months = selectors.month_views(year)
        unavailable = None
    except CalendarYearUnavailable as exc:
        months, unavailable = [], exc.message
    context = {
        "year": year,
        "years_nav": [year - 1, year + 1],
        "months": months,
        "unavailable": unavailable,
        "weekday_heads": ["一", "二", "三", "四", "五", "六", "日"],
        "kinds": list(DayKind),
        "coverage": selectors.year_coverage(range(year - 1, year + 3)),
        "warnings": selectors.calendar_warnings(),
        "overrides": selectors.override_list_for(actor=actor_of(request), year=year, include_withdrawn=True),
        "calendar_years": selectors.calendar_year_list_for(actor=actor_of(request)),
        "deadline_form": forms.DeadlineForm(initial={"start": timezone.localdate()}),
        "withdraw_form": forms.WithdrawForm(),
        "may_manage": _may_manage(request),
    }
    return render(request, "calendar/index.html", context)


@login_required
@require_GET
def deadline(request: HttpRequest) -> HttpResponse:
    """The "compute a deadline" form: an htmx partial, or a whole page without scripts."""
    form = forms.DeadlineForm(request.GET)
    result = None
    if form.is_valid():
        d = form.cleaned_data
        amount = (
            {"working_days": d["amount"]}
            if d["basis"] == DeadlineBasis.WORKING_DAYS
            else {"calendar_days": d["amount"]}
        )
        try:
            result = selectors.compute_deadline(d["rule_id"], d["start"], **amount)
        except DomainError as exc:
            _show_error(
                form, exc if exc.field != "working_days" else DomainError(exc.code, exc.message, "amount")
            )
    template = "calendar/_deadline_result.html" if request.htmx else "calendar/deadline.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "result": result})


@login_required
@require_http_methods(["GET", "POST"])
def override_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = forms.OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            o = services.override_create(actor=actor_of(request), **form.cleaned_data)
        except DomainError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, f"已录入：{o}")
            return redirect(f"{_index_url()}?year={o.day.year}")
    return render(request, "calendar/override_form.html", {"form": form, "may_manage": _may_manage(request)})


@login_required
@require_POST
def override_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤销原因")
        return redirect(_index_url())
    try:
        o = services.override_withdraw(
            actor=actor_of(request), override_id=pk, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        _show_error(forms.WithdrawForm(), exc)
        messages.error(request, exc.message)
        return redirect(_index_url())
    messages.success(request, f"已撤销：{o}")
    return redirect(f"{_index_url()}?year={o.day.year}")


@login_required
@require_http_methods(["GET", "POST"])
def year_import(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    initial = {"year": timezone.localdate().year + 1}
    form = forms.YearImportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            y = services.calendar_year_import(actor=actor_of(request), **form.cleaned_data)
        except DomainError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, f"{y.year}年全年安排已录入")
            return redirect(f"{_index_url()}?year={y.year}")
    return render(request, "calendar/year_import.html", {"form": form, "may_manage": _may_manage(request)})


@login_required
@require_POST
def year_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤销原因")
        return redirect(_index_url())
    try:
        y = services.calendar_year_withdraw(
            actor=actor_of(request), calendar_year_id=pk, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        _show_error(forms.WithdrawForm(), exc)
        messages.error(request, exc.message)
        return redirect(_index_url())
    messages.success(request, f"已撤销{y.year}年的全年安排确认")
    return redirect(f"{_index_url()}?year={y.year}")


def _index_url() -> str:
    return reverse("calendar:index")
