"""Generating the standard documents of a case and downloading them (issue 3 §4).

Downloads go through `selectors.document_get_for` with the signed-in actor: there is no public
address for a case's documents.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from yiwang.kernel.access.web import staff_page
from yiwang.kernel.errors import DomainError

from .. import selectors, services
from ..documents import DocumentKind
from ..forms import DocumentForm
from .common import require_actor


@staff_page
@require_POST
def document_generate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = require_actor(request)
    case = selectors.case_get_for(actor=actor, case_id=pk)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择要生成的文书和格式")
        return redirect("enforcement:case-detail", pk=case.pk)
    kind = form.cleaned_data["kind"]
    try:
        doc = services.document_generate(
            actor=actor,
            case=case,
            kind=kind,
            fmt=form.cleaned_data["fmt"],
            idempotency_key=form.cleaned_data["idempotency_key"] or None,
        )
    except DomainError as exc:
        messages.error(request, f"{DocumentKind(kind).label}：{exc.message}")
    else:
        messages.success(request, f"已生成{doc.title}（{doc.format.upper()}），台账序号 {doc.ledger_seq}")
    return redirect(reverse("enforcement:case-detail", args=[case.pk]) + "#documents")


@staff_page
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    actor = require_actor(request)
    doc = selectors.document_get_for(actor=actor, document_id=pk)
    response = HttpResponse(bytes(doc.content), content_type=doc.media_type)
    response["Content-Disposition"] = content_disposition_header(True, doc.filename) or "attachment"
    response["X-Content-SHA256"] = doc.sha256
    response["Cache-Control"] = "private, no-store"
    return response
