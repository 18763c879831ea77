"""Template helpers of the enforcement pages: status labels per kind, money, ledger links."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse

from ..models import DecisionKind
from ..rules import REVIEW_MATERIALS
from ..workflow import ReviewStatus, status_label
from ..workflow import action_label as _action_label

register = template.Library()


@register.simple_tag
def kind_status(kind: str, status: str) -> str:
    """The Chinese label of `status` in `kind` (labels differ between kinds)."""
    return status_label(kind, status) if status else ""


@register.filter
def review_status(status: str) -> str:
    try:
        return str(ReviewStatus(status).label)
    except ValueError:
        return status


@register.filter
def action_label(code: str) -> str:
    """A workflow action's Chinese label (e.g. ``deliver`` → 送达)."""
    return _action_label(code)


@register.filter
def material(code: str) -> str:
    """A review material's Chinese name (ENF-31)."""
    return REVIEW_MATERIALS.get(code, code)


@register.filter
def decision_kind(code: str) -> str:
    try:
        return str(DecisionKind(code).label)
    except ValueError:
        return code


@register.filter
def yuan(value: Any) -> str:
    """1234.5 → 1,234.50元; empty for None."""
    if value is None or value == "":
        return ""
    return f"{Decimal(str(value)):,.2f}元"


@register.simple_tag
def ledger_url(seq: int | None) -> str:
    """The public ledger check of the entry `seq` (anyone can verify it was recorded)."""
    return f"{reverse('ledger:public')}?q={int(seq)}" if seq is not None else ""
