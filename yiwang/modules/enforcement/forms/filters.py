"""The case list's filters (status, kind, unit, officer, text, registration dates, overdue)."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.people.models import Person

from ..selectors import FilterChoices
from ..workflow import STATUSES, Kind
from .base import DateInput


def _options(choices: Any, selected: frozenset[str]) -> SafeString:
    parts = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, _options(label, selected)))
            continue
        key = "" if value is None else str(value)
        mark = mark_safe(" selected") if key in selected else ""
        parts.append(format_html('<option value="{}"{}>{}</option>', key, mark, label))
    return mark_safe("".join(parts))  # noqa: S308 — every part built by format_html (escaped)


@functools.lru_cache(maxsize=512)
def _options_html(choices: tuple[Any, ...], selected: frozenset[str]) -> SafeString:
    """The options of a choice list with `selected` marked, kept for the next page view: the
    status list (74 options) and a scope's unit and officer lists are the same on every visit."""
    return _options(choices, selected)


def _frozen(choices: Any) -> tuple[Any, ...]:
    return tuple(
        (value, _frozen(label)) if isinstance(label, list | tuple) else (value, str(label))
        for value, label in choices
    )


class FastSelect(forms.Select):
    """A select rendered by one string join instead of one template per option: the filter bar has
    a few hundred options (statuses of every kind, units, officers) and is drawn on every list page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        values = value if isinstance(value, list | tuple) else [value]
        selected = frozenset(str(v) for v in values if v not in (None, ""))
        options = _options_html(_frozen(self.choices), selected)
        return format_html("<select{}>{}</select>", flatatt(final), options)


class FastInputMixin:
    """An ``<input>`` rendered by `format_html` with the attributes Django's widget template would
    write (type, name, value unless None, then the widget's attributes; True → bare attribute)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        final: dict[str, Any] = {"type": widget["type"], "name": widget["name"]}
        if widget["value"] is not None:
            final["value"] = str(widget["value"])
        final.update(widget["attrs"])
        return format_html("<input{}>", flatatt(final))


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastCheckbox(FastInputMixin, forms.CheckboxInput):
    pass


class FastDateInput(FastInputMixin, DateInput):
    pass


@functools.cache
def _status_groups(language: str | None) -> tuple[Any, ...]:
    groups: list[Any] = [("", "全部状态")]
    for kind, enum in STATUSES.items():
        groups.append((str(kind.label), tuple((str(v), str(label)) for v, label in enum.choices)))
    return tuple(groups)


def _status_choices() -> list[Any]:
    """Statuses grouped by kind (labels differ between kinds; values may repeat across groups);
    built once per language."""
    return list(_status_groups(get_language()))


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label="关键词",
        required=False,
        max_length=100,
        widget=FastTextInput(attrs={"placeholder": "案件编号、案由或当事人", "type": "search"}),
    )
    status = forms.ChoiceField(label="状态", choices=_status_choices, required=False, widget=FastSelect)
    kind = forms.ChoiceField(
        label="执法类别", choices=[("", "全部类别"), *Kind.choices], required=False, widget=FastSelect
    )
    unit = forms.TypedChoiceField(
        label="承办机构", choices=(), coerce=int, empty_value=None, required=False, widget=FastSelect
    )
    officer = forms.TypedChoiceField(
        label="承办人员", choices=(), coerce=int, empty_value=None, required=False, widget=FastSelect
    )
    mine = forms.BooleanField(label="只看我承办的", required=False, widget=FastCheckbox)
    filed_from = forms.DateField(label="登记日期自", required=False, widget=FastDateInput)
    filed_to = forms.DateField(label="至", required=False, widget=FastDateInput)
    overdue = forms.BooleanField(label="只看有超期事项的", required=False, widget=FastCheckbox)

    def __init__(self, *args: Any, choices: FilterChoices | None = None, **kwargs: Any) -> None:
        """`choices`: the units and officers the actor may filter by (`selectors.filter_choices_for`);
        an id outside them is refused like any unknown choice."""
        super().__init__(*args, **kwargs)
        found = choices or FilterChoices((), ())
        unit: Any = self.fields["unit"]
        officer: Any = self.fields["officer"]
        unit.choices = [("", "全部机构"), *found.units]
        officer.choices = [("", "全部人员"), *found.officers]

    def selector_filters(self, actor: Any) -> dict[str, Any]:
        """The cleaned filters as `selectors.case_list_for` keywords (only those given)."""
        d = self.cleaned_data
        unit = Organization.objects.filter(pk=d["unit"]).first() if d.get("unit") else None
        officer = actor if d.get("mine") else None
        if officer is None and d.get("officer"):
            officer = Person.objects.filter(pk=d["officer"]).first()
        values = {
            "text": d.get("q") or "",
            "status": d.get("status") or None,
            "kind": d.get("kind") or None,
            "unit": unit,
            "officer": officer,
            "filed_from": d.get("filed_from"),
            "filed_to": d.get("filed_to"),
            "overdue": bool(d.get("overdue")),
        }
        return {k: v for k, v in values.items() if v not in (None, "", False)}
