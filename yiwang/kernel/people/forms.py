"""Forms parse input only; rules are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms

from yiwang.kernel.organizations.models import Organization

from .models import EnforcementDomain, Role
from .workflow import CertificateStatus


class DateInput(forms.DateInput):
    input_type = "date"


class RoleGrantForm(forms.Form):
    role = forms.ModelChoiceField(label="角色", queryset=Role.objects.none())
    organization = forms.ModelChoiceField(
        label="授权范围（该单位及其全部下级）", queryset=Organization.objects.none()
    )
    valid_from = forms.DateField(label="生效日期", required=False, widget=DateInput)
    valid_to = forms.DateField(label="截止日期（含当日，可留空）", required=False, widget=DateInput)

    def __init__(self, *args: Any, roles: Any, scopes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field: Any = self.fields["role"]
        role_field.queryset = roles
        scope_field: Any = self.fields["organization"]
        scope_field.queryset = scopes


class CertificateIssueForm(forms.Form):
    number = forms.CharField(label="执法证号", max_length=80)
    issuing_authority = forms.CharField(label="发证机关", max_length=200, help_text="如 河南省人民政府")
    domain = forms.ModelChoiceField(label="执法领域", queryset=EnforcementDomain.objects.filter(active=True))
    valid_from = forms.DateField(label="有效期自", widget=DateInput)
    valid_to = forms.DateField(label="有效期至（含当日）", widget=DateInput)


class CertificateStatusForm(forms.Form):
    status = forms.ChoiceField(label="新状态", choices=CertificateStatus.choices)
    reason = forms.CharField(label="理由", required=False, max_length=400)
