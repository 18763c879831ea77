"""Forms of the calendar pages. Dates use the browser's date picker (ISO values)."""

from __future__ import annotations

from django import forms

from .rules import DeadlineBasis

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeadlineForm(forms.Form):
    rule_id = forms.CharField(label="规则编号", max_length=40, initial="CAL-04")
    start = forms.DateField(label="起算日（当日不计）", widget=_DATE)
    amount = forms.IntegerField(label="天数", min_value=-3660, max_value=3660, initial=7)
    basis = forms.ChoiceField(
        label="计算方式",
        choices=[(b.value, b.label) for b in DeadlineBasis],
        initial=DeadlineBasis.WORKING_DAYS.value,
    )


class SourceForm(forms.Form):
    source_document = forms.CharField(label="依据文件", max_length=200)
    source_number = forms.CharField(label="文号", max_length=80, required=False)
    source_date = forms.DateField(label="发布日期", widget=_DATE)


class OverrideForm(SourceForm):
    day = forms.DateField(label="日期", widget=_DATE)
    is_working_day = forms.TypedChoiceField(
        label="该日",
        choices=[("0", "休息（放假）"), ("1", "上班（调休上班）")],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(label="事由", max_length=200)
    field_order = ["day", "is_working_day", "reason", "source_document", "source_number", "source_date"]


class YearImportForm(SourceForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2200)
    schedule = forms.CharField(
        label="全年安排",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="每行一项：日期 休/班 事由。日期可写范围，例如“2027-02-06至2027-02-12 休 春节”。",
    )
    field_order = ["year", "schedule", "source_document", "source_number", "source_date"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤销原因", max_length=200)
