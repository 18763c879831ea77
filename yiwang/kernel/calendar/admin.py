"""Read-only admin views of the local calendar, with the administrators' warnings (CAL-02).

Changes go through the services (permission check and ledger entry), from the 工作日历 page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse

from .models import CalendarOverride, CalendarYear
from .selectors import calendar_warnings


class ReadOnlyWithWarnings(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        for warning in calendar_warnings():
            level = messages.ERROR if warning.level == "error" else messages.WARNING
            self.message_user(request, warning.message, level)
        self.message_user(
            request, "录入或撤销请使用“工作日历”页面（/calendar/），以便记入台账。", messages.INFO
        )
        return super().changelist_view(request, extra_context)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(ReadOnlyWithWarnings):
    list_display = (
        "day",
        "is_working_day",
        "reason",
        "source_number",
        "source_date",
        "entered_by_name",
        "withdrawn_at",
    )
    list_filter = ("is_working_day",)
    date_hierarchy = "day"
    search_fields = ("reason", "source_document", "source_number")


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyWithWarnings):
    list_display = (
        "year",
        "source_document",
        "source_number",
        "source_date",
        "entered_by_name",
        "withdrawn_at",
    )
