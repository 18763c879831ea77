"""The case list's filters (status, kind, unit, officer, text, registration dates, overdue)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.people.models import Person

from ..workflow import STATUSES, Kind
from .base import DateInput


def _options(choices: Any, selected: set[str]) -> SafeString:
    parts = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, _options(label, selected)))
            continue
        key = "" if value is None else str(value)
        mark = mark_safe(" selected") if key in selected else ""
        parts.append(format_html('<option value="{}"{}>{}</option>', key, mark, label))
    return mark_safe("".join(parts))  # noqa: S308 — every part built by format_html (escaped)


class FastSelect(forms.Select):
    """A select rendered by one string join instead of one template per option: the filter bar has
    a few hundred options (statuses of every kind, units, officers) and is drawn on every list page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(v) for v in values if v not in (None, "")}
        return format_html("<select{}>{}</select>", flatatt(final), _options(self.choices, selected))


def _status_choices() -> list[Any]:
    """Statuses grouped by kind (labels differ between kinds; values may repeat across groups)."""
    groups: list[Any] = [("", "全部状态")]
    for kind, enum in STATUSES.items():
        groups.append((kind.label, [(str(v), str(label)) for v, label in enum.choices]))
    return groups


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label="关键词",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "案件编号、案由或当事人", "type": "search"}),
    )
    status = forms.ChoiceField(label="状态", choices=_status_choices, required=False, widget=FastSelect)
    kind = forms.ChoiceField(
        label="执法类别", choices=[("", "全部类别"), *Kind.choices], required=False, widget=FastSelect
    )
    unit = forms.ModelChoiceField(
        label="承办机构",
        queryset=Organization.objects.none(),
        required=False,
        empty_label="全部机构",
        widget=FastSelect,
    )
    officer = forms.ModelChoiceField(
        label="承办人员",
        queryset=Person.objects.none(),
        required=False,
        empty_label="全部人员",
        widget=FastSelect,
    )
    mine = forms.BooleanField(label="只看我承办的", required=False)
    filed_from = forms.DateField(label="登记日期自", required=False, widget=DateInput)
    filed_to = forms.DateField(label="至", required=False, widget=DateInput)
    overdue = forms.BooleanField(label="只看有超期事项的", required=False)

    def __init__(self, *args: Any, units: Any = None, officers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit: Any = self.fields["unit"]
        officer: Any = self.fields["officer"]
        if units is not None:
            unit.queryset = units
        if officers is not None:
            officer.queryset = officers

    def selector_filters(self, actor: Any) -> dict[str, Any]:
        """The cleaned filters as `selectors.case_list_for` keywords (only those given)."""
        d = self.cleaned_data
        officer = actor if d.get("mine") else d.get("officer")
        values = {
            "text": d.get("q") or "",
            "status": d.get("status") or None,
            "kind": d.get("kind") or None,
            "unit": d.get("unit"),
            "officer": officer,
            "filed_from": d.get("filed_from"),
            "filed_to": d.get("filed_to"),
            "overdue": bool(d.get("overdue")),
        }
        return {k: v for k, v in values.items() if v not in (None, "", False)}
