"""Staff pages: my page, people, a person, certificates needing attention (ENF-113)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yiwang.kernel.access import can, has_permission_anywhere
from yiwang.kernel.access.web import actor_of, staff_page
from yiwang.kernel.errors import DomainError, Forbidden, NotFound
from yiwang.kernel.organizations.selectors import organization_get_for, organization_list_for

from . import rules, selectors, services
from .forms import CertificateIssueForm, CertificateStatusForm, RoleGrantForm
from .models import Person


def _require_actor(request: HttpRequest) -> Person:
    actor = actor_of(request)
    if actor is None:
        raise NotFound("当前账号未关联人员信息")
    return actor


@staff_page
def me(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if actor is None:
        return render(request, "people/me.html", {"person": None})
    today = timezone.localdate()
    rows = selectors.with_warnings(selectors.certificates_of(actor=actor, person=actor), today)
    return render(
        request,
        "people/me.html",
        {
            "person": actor,
            "positions": selectors.positions_of(actor=actor, person=actor),
            "assignments": selectors.assignments_of(actor=actor, person=actor),
            "certificates": rows,
            "warnings": [
                r for r in rows if r.level in (rules.WarningLevel.EXPIRING, rules.WarningLevel.EXPIRED)
            ],
            "warning_days": rules.WARNING_DAYS,
            "supervises": has_permission_anywhere(actor, selectors.VIEW_CERTIFICATE),
        },
    )


@staff_page
def person_list(request: HttpRequest) -> HttpResponse:
    actor = _require_actor(request)
    if not has_permission_anywhere(actor, selectors.VIEW_PERSON):
        raise Forbidden("无权查看人员")
    search = request.GET.get("q", "")
    people = selectors.person_list_for(actor=actor, search=search)[:500]
    return render(request, "people/list.html", {"people": people, "q": search})


def _scopes_for_granting(actor: Person) -> Any:
    return organization_list_for(actor=actor, permission="people.grant_role")


@staff_page
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_actor(request)
    person = selectors.person_get_for(actor=actor, person_id=pk)
    today = timezone.localdate()
    can_grant = has_permission_anywhere(actor, "people.grant_role")
    can_issue = person.organization is not None and can(
        actor, "people.manage_certificate", person.organization
    )
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "positions": selectors.positions_of(actor=actor, person=person),
            "assignments": selectors.assignments_of(actor=actor, person=person),
            "certificates": selectors.with_warnings(
                selectors.certificates_of(actor=actor, person=person), today
            ),
            "grant_form": RoleGrantForm(
                roles=selectors.role_list_for(actor=actor), scopes=_scopes_for_granting(actor)
            )
            if can_grant
            else None,
            "certificate_form": CertificateIssueForm() if can_issue else None,
            "status_form": CertificateStatusForm(),
            "can_manage_certificates": can_issue,
        },
    )


def _fail(request: HttpRequest, exc: DomainError) -> None:
    messages.error(request, exc.message)


@staff_page
@require_POST
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_actor(request)
    person = selectors.person_get_for(actor=actor, person_id=pk)
    form = RoleGrantForm(
        request.POST, roles=selectors.role_list_for(actor=actor), scopes=_scopes_for_granting(actor)
    )
    if not form.is_valid():
        messages.error(request, "授权信息不完整：请选择角色和授权范围")
        return redirect("people:detail", pk=person.pk)
    try:
        services.role_grant(actor=actor, person=person, **form.cleaned_data)
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, f"已授予{person.name}角色“{form.cleaned_data['role'].label}”")
    return redirect("people:detail", pk=person.pk)


@staff_page
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_actor(request)
    assignment = selectors.assignment_get_for(actor=actor, assignment_id=pk)
    try:
        services.role_revoke(actor=actor, assignment=assignment)
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, "已撤销授权")
    return redirect("people:detail", pk=assignment.person_id)


@staff_page
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_actor(request)
    person = selectors.person_get_for(actor=actor, person_id=pk)
    form = CertificateIssueForm(request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        messages.error(request, f"执法证信息有误：{first}")
        return redirect("people:detail", pk=person.pk)
    try:
        cert = services.certificate_issue(actor=actor, holder=person, **form.cleaned_data)
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, f"已登记执法证 {cert.number}")
    return redirect("people:detail", pk=person.pk)


@staff_page
@require_POST
def certificate_status(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_actor(request)
    cert = selectors.certificate_get_for(actor=actor, certificate_id=pk)
    form = CertificateStatusForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_change_status(actor=actor, certificate=cert, **form.cleaned_data)
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, f"执法证 {cert.number} 状态已更新")
    else:
        messages.error(request, "请选择新状态")
    return redirect("people:detail", pk=cert.holder_id)


@staff_page
def certificates(request: HttpRequest) -> HttpResponse:
    """The supervisor's page (ENF-113): certificates expiring within 30 days or expired, in scope."""
    actor = _require_actor(request)
    if not has_permission_anywhere(actor, selectors.VIEW_CERTIFICATE):
        raise Forbidden("无权查看执法证")
    show_all = request.GET.get("show") == "all"
    today = timezone.localdate()
    qs = selectors.certificate_list_for(actor=actor, attention_only=not show_all, today=today)
    rows = selectors.with_warnings(qs[:1000], today)
    return render(
        request,
        "people/certificates.html",
        {"rows": rows, "show_all": show_all, "warning_days": rules.WARNING_DAYS, "today": today},
    )


@staff_page
def in_organization(request: HttpRequest, org_pk: int) -> HttpResponse:
    """People holding positions in an organization and its units (fragment for the organization page)."""
    actor = _require_actor(request)
    org = organization_get_for(actor=actor, organization_id=org_pk)
    positions = selectors.position_list_for(actor=actor, organization=org)
    template = (
        "people/_in_organization.html" if request.headers.get("HX-Request") else "people/in_organization.html"
    )
    return render(request, template, {"org": org, "positions": positions})
