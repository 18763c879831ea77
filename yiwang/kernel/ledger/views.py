"""Public ledger page: signed checkpoints, the signing key, and an entry check anyone can run.

Shows only hashes, sequence numbers, times and action names — never payloads, actors or subjects,
which may be personal data.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from yiwang.kernel.errors import DomainError

from . import selectors
from .models import LedgerEntry, LedgerKey

PAGE_SIZE = 20


def _lookup(query: str) -> tuple[selectors.EntryCheck | None, str | None]:
    query = query.strip()
    if not query:
        return None, None
    try:
        entry: LedgerEntry
        if query.isascii() and query.isdigit() and len(query) < 19:
            entry = selectors.entry_get_by_seq(seq=int(query))
        else:
            entry = selectors.entry_get_by_leaf_hash(leaf_hash=query)
        return selectors.entry_check(entry=entry), None
    except DomainError as exc:
        return None, exc.message


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    check, error = _lookup(query)
    context: dict[str, Any] = {"q": query, "check": check, "error": error}
    if request.headers.get("HX-Request") and request.GET.get("partial") == "check":
        return render(request, "ledger/_check_result.html", context)
    page = Paginator(selectors.checkpoint_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        {
            "page": page,
            "rows": [(cp, selectors.checkpoint_signature_valid(cp)) for cp in page.object_list],
            "latest": selectors.checkpoint_latest(),
            "keys": LedgerKey.objects.order_by("created_at"),
            "algorithm": selectors.log_algorithm(),
        }
    )
    return render(request, "ledger/public.html", context)


@require_GET
def public_key(request: HttpRequest, fingerprint: str) -> HttpResponse:
    key = LedgerKey.objects.filter(fingerprint=fingerprint).first()
    if key is None:
        return HttpResponse("没有该公钥", status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(key.public_key_pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = f'attachment; filename="yiwang-ledger-{fingerprint[:16]}.pem"'
    return response
