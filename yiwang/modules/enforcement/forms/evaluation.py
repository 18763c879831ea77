"""The form that starts a case-file evaluation run (ENF-110): scope and closing period."""

from __future__ import annotations

from typing import Any

from django import forms

from yiwang.kernel.organizations.models import Organization

from .base import date_field

EVALUATE = "enforcement.evaluate_case"


class ScopeField(forms.ModelChoiceField):
    """Organizations indented by their depth in the tree."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{'　' * max(0, obj.depth - 1)}{obj.name}"


class EvaluationRunForm(forms.Form):
    scope = ScopeField(
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
        field.queryset = Organization.objects.scoped_to(actor, EVALUATE).order_by("path")
