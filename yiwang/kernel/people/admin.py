"""Admin: look, search and filter. People, roles, assignments and certificates change only through
the services (pages and API), which write the ledger; enforcement domains are editable reference data."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .models import EnforcementCertificate, EnforcementDomain, Person, Position, Role, RoleAssignment


class ReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        model: type[models.Model] = self.model
        return [f.name for f in model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("name", "organization", "user", "active")
    list_filter = ("active",)
    search_fields = ("name", "user__username")


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ("person", "organization", "title", "is_head", "started_on", "ended_on")
    search_fields = ("person__name", "title", "organization__name")


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ("code", "label", "source", "organization", "grants_all", "active")
    list_filter = ("source", "active")
    search_fields = ("code", "label")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("person", "role", "organization", "valid_from", "valid_to", "granted_by", "revoked_at")
    list_filter = ("role",)
    search_fields = ("person__name", "organization__name")


@admin.register(EnforcementCertificate)
class EnforcementCertificateAdmin(ReadOnlyAdmin):
    list_display = ("number", "holder", "organization", "domain", "valid_from", "valid_to", "status")
    list_filter = ("status", "domain")
    search_fields = ("number", "holder__name")


@admin.register(EnforcementDomain)
class EnforcementDomainAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "order", "active")
    list_editable = ("order", "active")
