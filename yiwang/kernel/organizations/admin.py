"""Admin: look, search and filter. Changes go through the pages and the API, which write the ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ("name", "kind", "level", "credit_code", "code", "active", "path")
    list_filter = ("kind", "level", "active")
    search_fields = ("name", "short_name", "credit_code", "code")
    ordering = ("path",)
    readonly_fields = [f.name for f in Organization._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
