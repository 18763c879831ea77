"""The form that starts a case-file evaluation run (ENF-110): scope and closing period."""

from __future__ import annotations

from typing import Any

from django import forms

from yiwang.kernel.organizations.models import Organization

from .base import date_field

EVALUATE = "enforcement.evaluate_case"
MAX_SCOPES = 300


class EvaluationRunForm(forms.Form):
    scope = forms.ModelChoiceField(
        label="评查范围",
        queryset=Organization.objects.none(),
        help_text="机关、内设机构，或所监督的上级政府（含其下所有机关）",
    )
    period_start = date_field("结案日期自", required=False)
    period_end = date_field("结案日期至", required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scope"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.scoped_to(actor, EVALUATE).order_by("path")[:MAX_SCOPES]
        field.label_from_instance = lambda o: f"{'　' * max(0, o.depth - 1)}{o.name}"  # type: ignore[method-assign]
