"""Input and output shapes of the calendar API. Dates accept full-width digits (NFKC)."""

from __future__ import annotations

from datetime import date
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import rules


@extend_schema_field(OpenApiTypes.DATE)
class DayField(serializers.Field):
    """``YYYY-MM-DD``; a bad value raises the calendar's `invalid_date` DomainError naming the field."""

    def to_internal_value(self, data: Any) -> date:
        return rules.parse_date_text(str(data), self.field_name)

    def to_representation(self, value: date) -> str:
        return value.isoformat()


@extend_schema_field(OpenApiTypes.INT)
class DayCountField(serializers.Field):
    def to_internal_value(self, data: Any) -> int:
        return rules.parse_day_count(data, self.field_name)

    def to_representation(self, value: int) -> int:
        return value


class AddQuery(serializers.Serializer):
    start = DayField(help_text="起算日（当日不计）")
    n = DayCountField(help_text="工作日数；负数向前倒数")


class AddResult(serializers.Serializer):
    start = DayField()
    n = serializers.IntegerField()
    due = DayField()


class BetweenQuery(serializers.Serializer):
    a = DayField()
    b = DayField()


class BetweenResult(serializers.Serializer):
    a = DayField()
    b = DayField()
    working_days = serializers.IntegerField(help_text="A 之后至 B（含）的工作日数；B 早于 A 时为负")


class DayResult(serializers.Serializer):
    date = DayField()
    is_working_day = serializers.BooleanField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    name = serializers.CharField()
    origin = serializers.CharField()


class DeadlineQuery(serializers.Serializer):
    rule_id = serializers.CharField(max_length=40)
    start = DayField()
    working_days = DayCountField(required=False)
    calendar_days = DayCountField(required=False)


class DeadlineResult(serializers.Serializer):
    rule_id = serializers.CharField()
    start = serializers.DateField()
    due = serializers.DateField()
    kind = serializers.CharField()
    amount = serializers.IntegerField()
    explanation = serializers.CharField()


class WarningOut(serializers.Serializer):
    year = serializers.IntegerField()
    code = serializers.CharField()
    level = serializers.CharField()
    message = serializers.CharField()


class CoverageOut(serializers.Serializer):
    year = serializers.IntegerField()
    available = serializers.BooleanField()
    data_source = serializers.CharField(allow_null=True, help_text="package：日历数据包；local：本地录入")
    status_label = serializers.CharField()
    override_count = serializers.IntegerField()


class YearsResult(serializers.Serializer):
    years = CoverageOut(many=True)
    warnings = WarningOut(many=True)


class DisagreementOut(serializers.Serializer):
    date = DayField(source="day")
    ours_working = serializers.BooleanField()
    theirs_working = serializers.BooleanField()
    ours_label = serializers.CharField()
    theirs_label = serializers.CharField()
    expected = serializers.BooleanField()
    message = serializers.CharField()


class SourceIn(serializers.Serializer):
    source_document = serializers.CharField(max_length=200)
    source_number = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    source_date = DayField()


class OverrideIn(SourceIn):
    day = DayField()
    is_working_day = serializers.BooleanField()
    reason = serializers.CharField(max_length=200)


class OverrideOut(serializers.Serializer):
    id = serializers.IntegerField()
    day = serializers.DateField()
    is_working_day = serializers.BooleanField()
    reason = serializers.CharField()
    source_document = serializers.CharField()
    source_number = serializers.CharField()
    source_date = serializers.DateField()
    entered_by_name = serializers.CharField()
    created_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdraw_reason = serializers.CharField()


class WithdrawIn(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class YearDeclareIn(SourceIn):
    year = serializers.IntegerField(min_value=2000, max_value=2200)


class YearImportIn(YearDeclareIn):
    schedule = serializers.CharField(
        max_length=20000, help_text="每行“日期 休/班 事由”，日期可写范围：2027-02-06至2027-02-12"
    )


class CalendarYearOut(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    source_document = serializers.CharField()
    source_number = serializers.CharField()
    source_date = serializers.DateField()
    entered_by_name = serializers.CharField()
    created_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
