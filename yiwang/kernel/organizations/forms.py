"""Forms parse input only; the rules are in `rules.py` and `services.py`."""

from __future__ import annotations

from django import forms

from .models import Kind


class OrganizationCreateForm(forms.Form):
    name = forms.CharField(label="名称", max_length=400)
    short_name = forms.CharField(label="简称", required=False, max_length=400)
    kind = forms.ChoiceField(label="类型", choices=Kind.choices)
    credit_code = forms.CharField(
        label="统一社会信用代码",
        required=False,
        max_length=60,
        help_text="18位；内设机构（股、科、大队、室）留空",
    )
    code = forms.CharField(
        label="系统代码", required=False, max_length=80, help_text="可留空，由系统生成；如 lushan-epb"
    )


class OrganizationUpdateForm(forms.Form):
    name = forms.CharField(label="名称", max_length=400)
    short_name = forms.CharField(label="简称", required=False, max_length=400)
    credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=60)
    active = forms.BooleanField(label="有效", required=False)
