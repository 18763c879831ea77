"""What every step form shares: a fresh idempotency key per render, the status the page showed,
widgets for dates and times, and putting a service's `DomainError` next to its field.

Forms only parse input; every rule is checked by the services (`services/`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django import forms

from yiwang.kernel.errors import DomainError

from ..models import Case

HIDDEN = ("idempotency_key", "expected_status")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput, help_text=help_text)


def datetime_field(label: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


def text_field(
    label: str, *, required: bool = True, max_length: int | None = None, **kw: Any
) -> forms.CharField:
    # No max_length on the widget: the service refuses a long text with a message naming the field.
    return forms.CharField(label=label, required=required, max_length=max_length, **kw)


def area_field(label: str, *, required: bool = True, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )


def money_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    # Negative amounts pass the form on purpose: the service refuses them with `amount_invalid`.
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def lines(value: str) -> list[str]:
    """The non-empty lines of a textarea, trimmed."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class StepForm(forms.Form):
    """Base of every form that calls a service.

    ``idempotency_key`` is generated per render, so the same submission sent twice applies once;
    ``expected_status`` is the status the page showed, so a stale page is refused (``stale_status``).
    `error_fields` maps a service's error field to the form field showing it.
    """

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    error_fields: dict[str, str] = {}

    def __init__(self, *args: Any, case: Case | None = None, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.actor = actor
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
            if case is not None:
                self.initial.setdefault("expected_status", case.status)
        self.setup()

    def setup(self) -> None:
        """Fill choices that depend on the case or the actor."""

    @property
    def key(self) -> str:
        return str(self.cleaned_data.get("idempotency_key") or "")

    @property
    def expected(self) -> str | None:
        return self.cleaned_data.get("expected_status") or None

    def values(self, *exclude: str) -> dict[str, Any]:
        """The cleaned input without the hidden fields (and `exclude`)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in HIDDEN and k not in exclude}

    def visible(self) -> Iterable[forms.BoundField]:
        return self.visible_fields()

    def field_for(self, error_field: str | None) -> str | None:
        """The form field a service's error field belongs to, or None (shown above the form)."""
        if not error_field:
            return None
        candidates = [
            self.error_fields.get(error_field),
            error_field,
            error_field.replace(".", "_"),
            error_field.rsplit(".", 1)[-1],
        ]
        for name in candidates:
            if name and name in self.fields and name not in HIDDEN:
                return name
        return None

    def attach(self, exc: DomainError) -> None:
        """Show a refusal next to its field (or above the form) and keep its code for the page."""
        name = self.field_for(exc.field)
        self.refusal = exc
        self.add_error(name, exc.message)

    refusal: DomainError | None = None


class OnForm(StepForm):
    """A step that needs only the day it happened."""

    on = date_field("办理日期", required=False, help_text="留空为今天")
