"""Staff pages: the tree, one organization with its units (and people, loaded from the people part)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from yiwang.kernel.access import can, is_system_admin
from yiwang.kernel.access.web import actor_of, staff_page
from yiwang.kernel.errors import DomainError, Forbidden

from . import selectors, services
from .forms import OrganizationCreateForm, OrganizationUpdateForm
from .models import Kind


def _apply_error(form: Any, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@staff_page
def organization_tree(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    rows = selectors.organization_tree_for(actor=actor)
    return render(
        request,
        "organizations/tree.html",
        {"rows": rows, "can_add_root": is_system_admin(actor)},
    )


@staff_page
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    org = selectors.organization_get_for(actor=actor, organization_id=pk)
    return render(
        request,
        "organizations/detail.html",
        {
            "org": org,
            "ancestors": selectors.organization_ancestors_for(actor=actor, organization=org),
            "children": selectors.organization_children_for(actor=actor, organization=org),
            "can_manage": can(actor, selectors.MANAGE, org),
            "can_view_people": can(actor, "people.view_person", org),
        },
    )


@staff_page
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest, parent_pk: int | None = None) -> HttpResponse:
    actor = actor_of(request)
    parent = None
    if parent_pk is not None:
        parent = selectors.organization_get_for(actor=actor, organization_id=parent_pk)
        if not can(actor, selectors.MANAGE, parent):
            raise Forbidden("无权在该机构下新建机构")
    elif not is_system_admin(actor):
        raise Forbidden("只有系统管理员可以新建顶层机构")
    initial_kind = Kind.UNIT if parent is not None and parent.kind != Kind.GOVERNMENT else Kind.DEPARTMENT
    form = OrganizationCreateForm(request.POST or None, initial={"kind": initial_kind})
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_create(actor=actor, parent=parent, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {"form": form, "parent": parent, "org": None})


@staff_page
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    org = selectors.organization_get_for(actor=actor, organization_id=pk)
    if not can(actor, selectors.MANAGE, org):
        raise Forbidden("无权修改该机构")
    initial = {
        "name": org.name,
        "short_name": org.short_name,
        "credit_code": org.credit_code,
        "active": org.active,
    }
    form = OrganizationUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(actor=actor, organization=org, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/form.html", {"form": form, "parent": None, "org": org})
